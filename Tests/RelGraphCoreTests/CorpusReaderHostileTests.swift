import Foundation
import Testing
@testable import RelGraphCore

/// The corpus reader on hostile input: every reading path applies the same rules and
/// reports the same notes; nothing hangs, nothing is fatal that could be skipped.
@Suite struct CorpusReaderHostileTests {
    static let hostile = TestPaths.packageRoot.appendingPathComponent("Tests/Hostile/corpus").path

    private func folder(_ body: (URL) throws -> Void) throws {
        let url = try TestPaths.makeTemporaryFolder("relgraph-reader")
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url)
    }

    private func path(_ name: String) -> String { (Self.hostile as NSString).appendingPathComponent(name) }

    @Test func hostileCorpusIsReadWithOneNotePerProblem() throws {
        let reader = try CorpusReader(path: Self.hostile)
        let (documents, notes) = try reader.readAllNoting()
        #expect(documents.map(\.name) == ["awkward-names.txt", "crlf.txt", "invalid-utf8.txt", "lone-cr.txt", "nul-byte.txt"])
        #expect(notes == [
            .binary(path: path("binary.txt")),
            .empty(path: path("empty.txt")),
            .invalidUTF8(path: path("invalid-utf8.txt"), sequences: countInvalidUTF8(try Data(contentsOf: URL(fileURLWithPath: path("invalid-utf8.txt"))))),
            .controlBytes(path: path("nul-byte.txt"), count: 1),
            .empty(path: path("whitespace-only.md")),
        ])
        #expect(notes.filter(\.isWarning).map(\.path) == [path("binary.txt")])
        #expect(!documents.contains { $0.text.utf8.contains(0) }, "NUL is read as a space")
    }

    @Test func everyReadingPathGivesTheSameDocumentsAndNotes() throws {
        let whole = try CorpusReader(path: Self.hostile).readAllNoting()
        for perChunk in [1, 3, 32] {
            let reader = try CorpusReader(path: Self.hostile)
            let streamed = try reader.chunks(filesPerChunk: perChunk).flatMap { try $0.documents() }
            #expect(streamed == whole.documents)
            #expect(reader.notes.sorted == whole.notes)
        }
        let reader = try CorpusReader(path: Self.hostile)
        #expect(try reader.readAll() == whole.documents)
        #expect(reader.notes.sorted == whole.notes)
    }

    @Test func aStrayNulIsTextButRandomBytesAreBinary() {
        #expect(!ArticleFile.isBinary(Data("Microsoft partners with OpenAI.\0 Satya Nadella leads Microsoft.\n".utf8)))
        #expect(!ArticleFile.isBinary(Data("\0".utf8)))
        // Two terminal escapes in 100 bytes: under one control byte in 32, still text.
        #expect(!ArticleFile.isBinary(Data("Zoë wrote \u{1B}[1mbold\u{1B}[0m text about Microsoft and OpenAI today, and Satya Nadella replied.".utf8)))
        #expect(ArticleFile.isBinary(Data("\u{1B}[1mbold\u{1B}[0m".utf8)))
        var generator = SplitMix64(seed: 7)
        let random = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        #expect(ArticleFile.isBinary(random))
        #expect(ArticleFile.isBinary(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52])))
        #expect(ArticleFile.isBinary(Data("UTF-16 text".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })))
    }

    @Test func crlfAndLoneCRAreLineBreaks() throws {
        for name in ["crlf.txt", "lone-cr.txt"] {
            let document = try #require(try CorpusReader(path: path(name)).readAll().first)
            let text = AnalyzedText(document.text)
            let sentences = text.sentences.map { text.text(of: $0) }
            #expect(sentences.count >= 3, "\(name): \(sentences)")
            #expect(!sentences.contains { $0.contains("\r") && $0.trimmingCharacters(in: .whitespacesAndNewlines).contains("\r") }, "\(name): \(sentences)")
            #expect(!text.tokens.contains { text.text(of: $0).contains("\r") })
        }
    }

    @Test func symlinkLoopsDanglingLinksAndFIFOsAreSkippedNotFatal() throws {
        try folder { url in
            let manager = FileManager.default
            try Data("Satya Nadella leads Microsoft.".utf8).write(to: url.appendingPathComponent("good.txt"))
            try manager.createDirectory(at: url.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try Data("Lisa Su leads AMD.".utf8).write(to: url.appendingPathComponent("sub/inner.txt"))
            try manager.createSymbolicLink(atPath: url.appendingPathComponent("sub/loop").path, withDestinationPath: "..")
            try manager.createSymbolicLink(atPath: url.appendingPathComponent("self").path, withDestinationPath: "self")
            try manager.createSymbolicLink(atPath: url.appendingPathComponent("a.txt").path, withDestinationPath: "b.txt")
            try manager.createSymbolicLink(atPath: url.appendingPathComponent("b.txt").path, withDestinationPath: "a.txt")
            try manager.createSymbolicLink(atPath: url.appendingPathComponent("dangling.txt").path, withDestinationPath: "nowhere.txt")
            #expect(mkfifo(url.appendingPathComponent("pipe.txt").path, 0o644) == 0)
            try manager.createDirectory(at: url.appendingPathComponent("folder.txt"), withIntermediateDirectories: true)

            let reader = try CorpusReader(path: url.path)
            #expect(reader.files == ["good.txt", "sub/inner.txt"])
            let (documents, notes) = try reader.readAllNoting()
            #expect(documents.map(\.name) == ["good.txt", "sub/inner.txt"])
            let p = { (name: String) in url.appendingPathComponent(name).path }
            #expect(Set(notes) == [
                .symlinkLoop(path: p("a.txt")), .symlinkLoop(path: p("b.txt")), .symlinkLoop(path: p("self")),
                .unreadable(path: p("dangling.txt")), .notRegularFile(path: p("pipe.txt")),
                .symlinkLoop(path: p("sub/loop")),
            ])
            #expect(notes.allSatisfy { $0.isWarning })
        }
    }

    @Test func unreadableFileIsSkippedWithAWarning() throws {
        guard getuid() != 0 else { return }  // root reads any file: chmod 000 does not block it
        try folder { url in
            try Data("Satya Nadella leads Microsoft.".utf8).write(to: url.appendingPathComponent("good.txt"))
            let locked = url.appendingPathComponent("locked.txt")
            try Data("Lisa Su leads AMD.".utf8).write(to: locked)
            #expect(chmod(locked.path, 0) == 0)
            defer { chmod(locked.path, 0o644) }
            let (documents, notes) = try CorpusReader(path: url.path).readAllNoting()
            #expect(documents.map(\.name) == ["good.txt"])
            #expect(notes == [.unreadable(path: locked.path)])
        }
    }

    @Test func unreadableJSONLinesFileIsSkippedWhenStreamed() throws {
        try folder { url in
            try Data(#"{"id": "one", "text": "Satya Nadella leads Microsoft."}"#.utf8).write(to: url.appendingPathComponent("a.jsonl"))
            try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("b.jsonl").path, withDestinationPath: "gone.jsonl")
            let reader = try CorpusReader(path: url.path)
            let streamed = try reader.chunks().flatMap { try $0.documents() }
            #expect(streamed.map(\.name) == ["one"])
            #expect(reader.notes.sorted == [.unreadable(path: url.appendingPathComponent("b.jsonl").path)])
        }
    }

    @Test func controlCharactersInJSONLinesAreReadAsSpaces() throws {
        let line = Data(#"{"id": "x", "text": "Satya\u0000Nadella leads Microsoft."}"#.utf8)
        let documents = try JSONLinesDocuments.parse(line, source: "x.jsonl")
        #expect(documents.map(\.text) == ["Satya Nadella leads Microsoft."])
    }

    /// Files whose names are canonically equivalent spellings (NFC and NFD `café`, and the
    /// three spellings of `Ångström`: U+00C5, U+212B, A and U+030A) are different files: the
    /// reader keeps each one's document and note, and orders them by the names' bytes, the
    /// same in every run (`String`'s `==` and hashing would merge them).
    @Test func canonicallyEquivalentFileNamesKeepTheirNotesInByteOrder() throws {
        try folder { url in
            let names = ["caf\u{E9}.txt", "cafe\u{301}.txt", "\u{C5}ngstr\u{F6}m.txt", "\u{212B}ngstr\u{F6}m.txt", "A\u{30A}ngstr\u{F6}m.txt"]
            for name in names {
                #expect(FileManager.default.createFile(atPath: url.path + "/" + name, contents: Data("Lisa Su leads AMD.\u{1}\n".utf8)))
            }
            let byBytes = names.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
            let expectedPaths = byBytes.map { Array(url.path.utf8) + Array("/".utf8) + $0 }
            for _ in 0..<20 {
                let reader = try CorpusReader(path: url.path)
                let (documents, notes) = try reader.readAllNoting()
                #expect(documents.map { Array($0.name.utf8) } == byBytes)
                // Compared as bytes: `CorpusNote`'s `==` compares paths with `String`'s.
                #expect(notes.map { Array($0.path.utf8) } == expectedPaths)
                #expect(notes.allSatisfy { if case .controlBytes(_, 1) = $0 { true } else { false } })
                let streamed = try CorpusReader(path: url.path)
                _ = try streamed.chunks(filesPerChunk: 2).flatMap { try $0.documents() }
                #expect(streamed.notes.sorted.map { Array($0.path.utf8) } == expectedPaths)
            }
        }
    }
}
