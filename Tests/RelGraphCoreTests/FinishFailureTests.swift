import Foundation
import Testing
@testable import RelGraphCore

/// Finishing and writing when things go wrong: sentences that cannot be read back from the
/// temporary file, a sink that fails partway, and the read paths' limits at their edges.
@Suite struct FinishFailureTests {
    /// The scale fixture's partial graph with its sentences on disk, whose temporary files are
    /// then cut short: every read of a spilled sentence comes back short.
    private static func unreadableGraph() -> PartialGraph {
        var partial = PartialGraph()
        partial.sentenceMemoryLimit = 512
        for document in ScaleFixture.documents { ScaleFixture.extractor.extract(document, into: &partial) }
        for store in partial.stores { store.truncateFileForTesting() }
        return partial
    }

    /// The files in `directory`, hidden temporary files included.
    private static func files(in directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    @Test func partialGraphFileIsNotPublishedWhenSentencesAreUnreadable() {
        let directory = ScaleFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("partial.jsonl")
        #expect(throws: OutputError.evidenceUnreadable) { try PartialGraphJSONLines.write(Self.unreadableGraph(), toFile: path) }
        #expect(Self.files(in: directory).isEmpty, "no destination and no temporary file")
    }

    @Test func partialGraphStreamReportsIncompleteOutput() {
        var written = 0
        #expect(throws: OutputError.evidenceUnreadableInStream) {
            try PartialGraphJSONLines.write(Self.unreadableGraph()) { written += $0.count }
        }
    }

    @Test func graphFileIsNotPublishedWhenSentencesAreUnreadable() {
        let directory = ScaleFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("graph.json")
        for threads in [1, 2] {
            // A fresh graph per case: a store remembers a failed read, so a reused one would
            // pass the later cases even if their paths detected nothing.
            let partial = Self.unreadableGraph()
            #expect(throws: OutputError.evidenceUnreadable) { try partial.writeFinalized(to: path, threads: threads) }
            #expect(Self.files(in: directory).isEmpty, "no destination and no temporary file, threads \(threads)")
        }
        #expect(throws: OutputError.evidenceUnreadableInStream) {
            try Self.unreadableGraph().writeFinalized(threads: 2) { (bytes: inout [UInt8]) throws(OutputError) in bytes.removeAll(keepingCapacity: true) }
        }
    }

    @Test func finishedGraphIsRefusedWhenSentencesAreUnreadable() {
        #expect(throws: OutputError.evidenceUnreadable) { try Self.unreadableGraph().finalizedChecked() }
        #expect(throws: Never.self) { try ScaleFixture.whole.finalizedChecked() }
    }

    /// A sink that fails after a few buffers, with relations rendered ahead on two threads: the
    /// error comes back and no rendering is left running (the test would hang or crash).
    @Test(.timeLimit(.minutes(1))) func failingFlushReturnsTheErrorWithSeveralThreads() {
        let partial = ScaleFixture.whole
        let layout = FinalLayout(partial, threads: 2)
        #expect(layout.relations.count > 16, "several rounds of batches of one relation")
        for failAt in [1, 2, 5] {
            var calls = 0
            var writer = PrettyJSONWriter(flushThreshold: 256) { (_: UnsafeRawBufferPointer) throws(OutputError) in
                calls += 1
                if calls >= failAt { throw .cannotWrite(path: "sink") }
            }
            #expect(throws: OutputError.cannotWrite(path: "sink")) {
                try GraphJSON.write(layout, of: partial, threads: 2, batchSize: 1, into: &writer)
            }
            #expect(calls == failAt, "no flush after the failing one")
        }
    }

    /// Batched reads with a span limit far below the sentences' spread, so clusters of close
    /// sentences are split into several `pread`s, against reading each sentence alone.
    @Test func batchedReadsSplitAtTheMaximumSpan() {
        for maximumSpan in [UInt64(1), 100, 1_000] {
            let store = SentenceTextStore(memoryLimit: 256, maximumSpan: maximumSpan)
            let references = (0..<400).map { store.append("S\($0) — “é” " + String(repeating: "z", count: $0 % 50)) }
            var requests = references.enumerated().map { SentenceTextStore.Request(offset: $1.offset, length: $1.length, slot: Int32($0)) }
            requests.sort { $0.offset < $1.offset }
            var buffer = SentenceBuffer()
            var starts = [Int](repeating: -1, count: requests.count)
            starts.withUnsafeMutableBufferPointer { starts in
                requests.withUnsafeBufferPointer { store.read($0, into: &buffer, starts: starts.baseAddress!) }
            }
            for (slot, reference) in references.enumerated() {
                let read = buffer.withBytes(from: starts[slot], count: Int(reference.length)) { String(decoding: $0, as: UTF8.self) }
                #expect(read == store.string(reference), "span \(maximumSpan)")
            }
            #expect(!store.hadReadError)
        }
    }

    /// Window limits of zero or less still take the wanted record.
    @Test func evidenceTextWindowsTakeAtLeastOneRecord() {
        var spilled = PartialGraph()
        spilled.sentenceMemoryLimit = 2_000
        for document in ScaleFixture.documents.prefix(20) { ScaleFixture.extractor.extract(document, into: &spilled) }
        let records = spilled.evidence.indices.map { Int32($0) }
        for (windowRecords, windowBytes) in [(0, 0), (5, 0), (5, -3), (-1, 1 << 20)] {
            var texts = EvidenceTexts(windowRecords: windowRecords, windowBytes: windowBytes)
            for position in records.indices {
                let read = texts.withSentence(at: position, of: records, in: spilled) { String(decoding: $0, as: UTF8.self) }
                let item = spilled.evidence[Int(records[position])]
                #expect(read == spilled.stores[Int(item.store)].string(item.text), "window \(windowRecords), \(windowBytes)")
            }
        }
    }
}
