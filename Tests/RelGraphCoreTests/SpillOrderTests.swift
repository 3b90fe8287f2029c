import Foundation
import Testing
@testable import RelGraphCore

/// `PartialGraph.spillInOrder()`: sentences moved to the temporary file in the graph file's
/// order, records moved with them, and the fallbacks that write them as they came.
@Suite struct SpillOrderTests {
    /// Whether some record of store 0 on disk comes before a record whose sentence is earlier
    /// in the file: sentences written as they came are in record order.
    private static func spilledOutOfAppendOrder(_ graph: PartialGraph) -> Bool {
        let onDisk = graph.stores[0].pin()
        defer { graph.stores[0].unpin() }
        var highest: UInt64 = 0
        for record in graph.evidence.indices where graph.evidence[record].store == 0 && graph.evidence[record].textOffset < onDisk.start {
            let offset = graph.evidence[record].textOffset
            if offset < highest { return true }
            highest = offset
        }
        return false
    }

    @Test func sentencesSpilledInOrderKeepEveryRecordsText() throws {
        var ordered = PartialGraph()
        ordered.sentenceMemoryLimit = 512
        for document in ScaleFixture.documents { ScaleFixture.extractor.extract(document, into: &ordered) }
        #expect(Self.spilledOutOfAppendOrder(ordered))
        #expect(ordered == ScaleFixture.whole)
        #expect(GraphJSON.encode(ordered.finalized()) == GraphJSON.encode(ScaleFixture.whole.finalized()))
        for (threads, batchSize) in [(1, 256), (2, 3)] {
            var writer = PrettyJSONWriter()
            try GraphJSON.write(FinalLayout(ordered), of: ordered, threads: threads, batchSize: batchSize, into: &writer)
            #expect(Data(writer.buffer) == GraphJSON.encode(ScaleFixture.whole.finalized()), "threads \(threads), batch \(batchSize)")
        }
        try ordered.checkEvidenceReads(streaming: false)
    }

    /// A copy of the graph value shares its store: from then on the store is written as it
    /// comes, so the copy's records stay where they point.
    @Test func aCopySharingTheStoreKeepsItsSentences() {
        let third = ScaleFixture.documents.count / 3
        var graph = PartialGraph()
        graph.sentenceMemoryLimit = 512
        var expectedCopy = PartialGraph()
        for document in ScaleFixture.documents[..<third] {
            ScaleFixture.extractor.extract(document, into: &graph)
            ScaleFixture.extractor.extract(document, into: &expectedCopy)
        }
        let copy = graph
        for document in ScaleFixture.documents[third...] { ScaleFixture.extractor.extract(document, into: &graph) }
        #expect(copy == expectedCopy)
        #expect(graph == ScaleFixture.whole)
    }

    /// After a merge the graph's appending store spills by itself again.
    @Test func mergingStopsTheOrder() {
        let half = ScaleFixture.documents.count / 2
        var first = PartialGraph(), second = PartialGraph()
        first.sentenceMemoryLimit = 512
        second.sentenceMemoryLimit = 512
        for document in ScaleFixture.documents[..<half] { ScaleFixture.extractor.extract(document, into: &first) }
        for document in ScaleFixture.documents[half...] { ScaleFixture.extractor.extract(document, into: &second) }
        first.merge(second)
        #expect(first.spillOrder.store == -1)
        #expect(first == ScaleFixture.whole)
    }

    /// The store writes segments only over the bytes the caller saw.
    @Test func storeRefusesSegmentsOfOtherBytes() {
        let store = SentenceTextStore(memoryLimit: 1 << 20)
        store.deferSpills(true)
        let a = store.append("alpha beta"), b = store.append("gamma")
        let segments: [(offset: UInt32, length: UInt32)] = [(10, 5), (0, 10), (10, 5)]
        #expect(!segments.withUnsafeBufferPointer { store.spill(segments: $0, start: 0, count: 14) })
        #expect(!segments.withUnsafeBufferPointer { store.spill(segments: $0, start: 1, count: 15) })
        #expect(store.string(a) == "alpha beta" && store.string(b) == "gamma")
        #expect(segments.withUnsafeBufferPointer { store.spill(segments: $0, start: 0, count: 15) })
        #expect(store.count == 20)
        #expect(store.string(.init(offset: 0, length: 5)) == "gamma")
        #expect(store.string(.init(offset: 5, length: 10)) == "alpha beta")
        #expect(store.string(.init(offset: 15, length: 5)) == "gamma")
        let c = store.append("delta")
        #expect(c.offset == 20 && store.string(c) == "delta")
    }
}
