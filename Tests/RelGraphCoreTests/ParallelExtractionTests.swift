import Foundation
import Testing
@testable import RelGraphCore

@Suite struct ParallelExtractionTests {
    /// Writes the fixture corpus as files and as JSON Lines, once per test.
    private static func writeCorpus(jsonLines: Bool) throws -> String {
        let directory = ScaleFixture.temporaryDirectory()
        try ScaleFixture.corpus.write(to: directory, jsonLines: jsonLines)
        return directory
    }

    @Test func sameBytesForAnyThreadCount() async throws {
        let directory = try Self.writeCorpus(jsonLines: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reader = try CorpusReader(path: directory)
        var outputs: [Data] = []
        for threads in [1, 2, 4] {
            let partial = try await ParallelExtraction(extractor: ScaleFixture.extractor, threads: threads).partialGraph(of: reader)
            outputs.append(GraphJSON.encode(partial.finalized()))
        }
        // Compared as Bool so a failure does not dump 300 KB of bytes.
        #expect(outputs[0] == outputs[1] && outputs[0] == outputs[2])
        #expect(outputs[0] == GraphJSON.encode(ScaleFixture.whole.finalized()))
    }

    /// `relgraph extract FILE…`: the files as one extraction give the graph of extracting
    /// each on its own and merging.
    @Test func severalReadersGiveTheMergeOfEachReadersGraph() async throws {
        let directory = try Self.writeCorpus(jsonLines: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let folder = try CorpusReader(path: directory)
        let readers = try folder.files.prefix(12).map { file throws(CorpusError) in try CorpusReader(path: folder.fullPath(file)) }
        let extraction = ParallelExtraction(extractor: ScaleFixture.extractor, threads: 2)
        var merged = PartialGraph()
        for reader in readers { merged.merge(try await extraction.partialGraph(of: reader)) }
        let together = try await extraction.partialGraph(of: readers)
        #expect(together.documentCount == readers.count)
        #expect(together == merged)
        #expect(GraphJSON.encode(together.finalized()) == GraphJSON.encode(merged.finalized()))
    }

    @Test func jsonLinesInSmallChunksGiveTheSameGraphAsFiles() async throws {
        let directory = try Self.writeCorpus(jsonLines: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("corpus.jsonl")
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        // Tiny chunks: many cuts, all of them at line ends.
        let chunks = JSONLinesChunker(handle: handle, source: path, chunkBytes: 3000)
        let partial = try await ParallelExtraction(extractor: ScaleFixture.extractor, threads: 3).partialGraph(of: chunks)
        #expect(partial == ScaleFixture.whole)
    }

    @Test func chunkerCutsAtLineEndsAndCountsLines() throws {
        let directory = ScaleFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("d.jsonl")
        let lines = (1...50).map { #"{"text":"Document number \#($0) is here."}"# }
        try Data((lines.joined(separator: "\n")).utf8).write(to: URL(fileURLWithPath: path))
        let handle = try #require(FileHandle(forReadingAtPath: path))
        var chunker = JSONLinesChunker(handle: handle, source: path, chunkBytes: 200)
        var names: [String] = []
        while let chunk = chunker.next() { names += try chunk.documents().map(\.name) }
        #expect(names == (1...50).map { "d.jsonl:\($0)" })
    }

    @Test func reportsAnUnreadableJSONLine() async throws {
        let directory = ScaleFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("bad.jsonl")
        try Data("{\"text\":\"fine\"}\n{\"text\":\n".utf8).write(to: URL(fileURLWithPath: path))
        let reader = try CorpusReader(path: directory)
        await #expect(throws: CorpusError.badJSONLine(path: path, line: 2)) {
            try await ParallelExtraction(extractor: ScaleFixture.extractor, threads: 2).partialGraph(of: reader)
        }
    }

    @Test func notesInvalidUTF8AndEmptyFiles() async throws {
        let directory = ScaleFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        try Data("Fine text.".utf8).write(to: URL(fileURLWithPath: path("a.txt")))
        try Data("  \n".utf8).write(to: URL(fileURLWithPath: path("b.txt")))
        try Data([0x4F, 0x6B, 0xFF, 0x2E]).write(to: URL(fileURLWithPath: path("c.txt")))
        let reader = try CorpusReader(path: directory)
        let partial = try await ParallelExtraction(extractor: ScaleFixture.extractor, threads: 2).partialGraph(of: reader)
        #expect(partial.documents.keys.sorted() == ["a.txt", "c.txt"])
        #expect(Set(reader.notes.sorted) == [.empty(path: path("b.txt")), .invalidUTF8(path: path("c.txt"), sequences: 1)])
    }

    @Test func streamingReaderSeesEveryDocumentOnce() throws {
        let directory = try Self.writeCorpus(jsonLines: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reader = try CorpusReader(path: directory)
        let streamed = try reader.chunks(filesPerChunk: 7).flatMap { try $0.documents() }
        #expect(streamed.map(\.name) == ScaleFixture.documents.map(\.name))
        #expect(streamed == ScaleFixture.documents)
    }
}
