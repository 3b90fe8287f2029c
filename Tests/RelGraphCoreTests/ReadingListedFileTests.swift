import Foundation
import Testing
@testable import RelGraphCore

/// `ArticleFile.readListedDocument` (no `fstat`, a kept read buffer, the body copied out) gives
/// the documents and notes of `readDocument`, whatever the file holds and however long it is
/// against the buffer, one buffer serving many files in turn as in a chunk.
@Suite struct ReadingListedFileTests {
    /// Contents that take each branch of rules 2–5 and of the date line.
    private static let samples: [[UInt8]] = [
        [],
        Array(" \t\n ".utf8),
        Array("date 2020-01-02\nMicrosoft partners with OpenAI.\n".utf8),
        Array("date 2020-01-02   ".utf8),
        Array("date 2020-01-02\nMicrosoft partners\0 with OpenAI.\u{1B}[1m\n".utf8),
        Array("  Zoë wrote \u{1B}[1mbold\u{1B}[0m text.".utf8),
        Array("date 2020-01-02\n\n  José e\u{301} \u{212A}arl “quoted” Zoë.\n".utf8),
        Array("\u{00A0}date 2020-01-02\nText.".utf8),
        Array("date 2020-01-02\nBad ".utf8) + [0xFF] + Array(" byte.".utf8),
        Array("date 2020-01-02\n".utf8) + [0xC3],
        [0x41, 0xFF, 0x42, 0xC3, 0x20, 0x43],
        (0..<9000).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) },
        Array("No date line, plain text.".utf8),
    ]

    /// Articles around the buffer's first size (64 KB) and its doublings.
    private static func long(_ count: Int, dated: Bool) -> [UInt8] {
        let head = dated ? Array("date 2021-03-04\n".utf8) : []
        let line = Array("Satya Nadella leads Microsoft, which partners with OpenAI. ".utf8)
        return head + (0..<(count - head.count)).map { line[$0 % line.count] }
    }

    @Test func listedReadingMatchesReadingWithFstat() throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-listed")
        defer { try? FileManager.default.removeItem(at: folder) }
        var contents = Self.samples
        for count in [65_535, 65_536, 65_537, 131_072, 200_000] {
            contents.append(Self.long(count, dated: true))
            contents.append(Self.long(count, dated: false))
        }
        var paths: [String] = []
        for (index, bytes) in contents.enumerated() {
            let path = folder.appendingPathComponent("article-\(index).txt").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        // A folder where a file was listed, and a file gone since: both unreadable.
        let subfolder = folder.appendingPathComponent("folder.txt")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: false)
        paths += [subfolder.path, folder.appendingPathComponent("missing.txt").path]

        // Long files first, then short ones: the grown buffer keeps serving the next files.
        var buffer = ArticleFile.ReadBuffer()
        for path in paths.reversed() + paths {
            let file = CorpusFile(path: path, name: (path as NSString).lastPathComponent)
            let expectedNotes = CorpusNoteLog()
            let expected = ArticleFile.readDocument(file, notes: expectedNotes)
            let notes = CorpusNoteLog()
            let document = ArticleFile.readListedDocument(file, notes: notes, buffer: &buffer) { path in
                path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
            }
            #expect(document == expected, "\(file.name)")
            #expect(document?.utf8 == expected?.utf8, "\(file.name)")
            #expect(document?.date == expected?.date, "\(file.name)")
            #expect(notes.sorted == expectedNotes.sorted, "\(file.name)")
        }
    }

    /// A folder corpus is streamed through the listed path; the documents and notes are those
    /// of reading each file with `fstat`.
    @Test func folderChunksReadListedFiles() throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-listed-chunks")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, bytes) in Self.samples.enumerated() {
            try Data(bytes).write(to: folder.appendingPathComponent("a\(index).txt"))
        }
        let reader = try CorpusReader(path: folder.path)
        var streamed: [Document] = []
        var sawListed = false
        for chunk in reader.chunks(filesPerChunk: 4) {
            if case .files(let files) = chunk { sawListed = sawListed || files.contains { $0.listedAsRegularFile } }
            streamed += try chunk.documents()
        }
        #expect(sawListed)
        let expected = try CorpusReader(path: folder.path).readAllNoting()
        #expect(streamed == expected.documents)
        #expect(streamed.map(\.utf8) == expected.documents.map(\.utf8))
        #expect(reader.notes.sorted == expected.notes)
    }
}
