import Foundation
import Testing
@testable import RelGraphCore

/// `ArticleFile.readListedDocument` (no `fstat` below 64 KB, a kept read buffer, the body copied
/// out) gives the documents and notes of `readDocument`, whatever the file holds and however
/// long it is against the buffer, one buffer serving many files in turn as in a chunk.
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

    /// Articles around the buffer's size (64 KB), where a longer file is read on after `fstat`.
    private static func long(_ count: Int, dated: Bool) -> [UInt8] {
        let head = dated ? Array("date 2021-03-04\n".utf8) : []
        let line = Array("Satya Nadella leads Microsoft, which partners with OpenAI. ".utf8)
        return head + (0..<(count - head.count)).map { line[$0 % line.count] }
    }

    @Test func listedReadingMatchesReadingWithFstat() throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-listed")
        defer { try? FileManager.default.removeItem(at: folder) }
        var contents = Self.samples
        for count in [65_535, 65_536, 65_537, 131_072, 200_000, 1_000_000] {
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

        // Long files first, then short ones: the buffer a long file filled keeps serving the
        // next files.
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

    /// A source whose first read gets fewer bytes than the buffer holds is taken as ended, as a
    /// regular file is: a pipe holding 100 bytes, its writer still open, gives those bytes' document
    /// at once (a second read would wait for the writer).
    @Test func firstShortReadEndsTheDocument() throws {
        let fds = try Self.pipe()
        defer { close(fds.write) }
        let bytes = Array("date 2020-01-02\nMicrosoft partners with OpenAI. ".utf8) + Self.long(60, dated: false)
        #expect(bytes.withUnsafeBytes { write(fds.write, $0.baseAddress!, $0.count) } == bytes.count)
        let file = CorpusFile(path: "pipe.txt", name: "pipe.txt")
        var buffer = ArticleFile.ReadBuffer()
        let document = ArticleFile.readListedDocument(file, notes: CorpusNoteLog(), buffer: &buffer) { _ in fds.read }
        let expected = ArticleFile.document(from: Data(bytes), file: file, notes: CorpusNoteLog())
        #expect(document.map { [$0] } == expected)
        #expect(document?.utf8 == expected.first?.utf8)
    }

    /// A source whose first read fills the buffer is read to its end, a pipe as `readDocument`
    /// reads a FIFO: its 64 KB already in the pipe, the rest written while it is read.
    @Test func fullFirstReadIsReadToTheEnd() throws {
        let fds = try Self.pipe()
        let bytes = Self.long(300_000, dated: true)
        // The first 64 KB without blocking, so that the first read finds them all; a pipe with
        // less room (a user over its pipe-page limit) cannot set this up.
        let flags = fcntl(fds.write, F_GETFL)
        _ = fcntl(fds.write, F_SETFL, flags | O_NONBLOCK)
        let first = bytes.withUnsafeBytes { write(fds.write, $0.baseAddress!, 1 << 16) }
        _ = fcntl(fds.write, F_SETFL, flags)
        try #require(first == 1 << 16, "the pipe holds less than 64 KB")
        let writer = DispatchGroup()
        DispatchQueue.global().async(group: writer) {
            bytes.withUnsafeBytes { all in
                var offset = 1 << 16
                while offset < all.count {
                    let wrote = write(fds.write, all.baseAddress! + offset, all.count - offset)
                    if wrote < 0 && errno == EINTR { continue }
                    if wrote <= 0 { break }
                    offset += wrote
                }
            }
            close(fds.write)
        }
        let file = CorpusFile(path: "pipe.txt", name: "pipe.txt")
        var buffer = ArticleFile.ReadBuffer()
        let document = ArticleFile.readListedDocument(file, notes: CorpusNoteLog(), buffer: &buffer) { _ in fds.read }
        writer.wait()
        let expected = ArticleFile.document(from: Data(bytes), file: file, notes: CorpusNoteLog())
        #expect(document.map { [$0] } == expected)
        #expect(document?.utf8 == expected.first?.utf8)
        #expect(document?.date == expected.first?.date)
    }

    /// A pipe's descriptors; the read end is closed by the reader.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        try #require(Foundation.pipe(&fds) == 0)
        return (fds[0], fds[1])
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
