import Foundation
import PropertyBased
import Testing
@testable import RelGraphCore

/// Sharding: any split of a corpus, extracted part by part and merged in any order, must
/// give exactly the graph of the whole.
@Suite struct ShardMergeTests {
    @Test func fixtureHasARealGraph() {
        #expect(ScaleFixture.documents.count >= 30)
        #expect(ScaleFixture.whole.entities.count >= 50)
        #expect(ScaleFixture.whole.relations.count >= 100)
    }

    @Test func anySplitMergedInAnyOrderIsTheWhole() async {
        let count = ScaleFixture.documents.count
        let whole = ScaleFixture.whole
        let wholeBytes = GraphJSON.encode(whole.finalized())
        // Each document goes to one of up to 5 shards; shards are merged in a random order.
        await propertyCheck(count: 60, input: Gen.int(in: 0...4).array(of: count), Gen.int(in: 0...119)) { assignment, order in
            var shards = Array(repeating: [Int](), count: 5)
            for (document, shard) in assignment.enumerated() { shards[shard].append(document) }
            let partials = shards.map { ScaleFixture.merged($0) }
            let permutation = Self.permutation(order, of: 5)
            let merged = permutation.reduce(into: PartialGraph()) { $0.merge(partials[$1]) }
            #expect(merged == whole)
            #expect(GraphJSON.encode(merged.finalized()) == wholeBytes)
        }
    }

    @Test func mergeIsAssociativeAndCommutative() async {
        let count = ScaleFixture.documents.count
        let subset = Gen.int(in: 0...(count - 1)).array(of: 0...12)
        await propertyCheck(count: 60, input: subset, subset, subset) { a, b, c in
            let x = ScaleFixture.merged(a), y = ScaleFixture.merged(b), z = ScaleFixture.merged(c)
            #expect(x.merging(y) == y.merging(x))
            #expect(x.merging(y).merging(z) == x.merging(y.merging(z)))
            #expect(x.merging(PartialGraph()) == x)
        }
    }

    @Test func mergingADocumentTwiceChangesNothingButMentionCounts() {
        let once = ScaleFixture.merged([0, 1])
        let twice = ScaleFixture.merged([0, 1, 1])
        #expect(once.relations == twice.relations)
        #expect(once.documents == twice.documents)
        #expect(Set(once.entities.keys) == Set(twice.entities.keys))
    }

    /// `extract` of many files merges one graph, with its own sentence store, per file: past
    /// `adoptedStoreLimit` stores their sentences are copied, so the store count (a 16-bit
    /// field of each evidence record) stays bounded, and the graph is the same.
    @Test func mergingMoreGraphsThanTheStoreLimitCopiesTheirSentences() {
        let count = PartialGraph.adoptedStoreLimit + 40
        let indexes = (0..<count).map { $0 % ScaleFixture.documents.count }
        // Fresh extractions, so every part brings a store of its own.
        let merged = indexes.reduce(into: PartialGraph()) { $0.merge(ScaleFixture.extractor.extract(ScaleFixture.documents[$1])) }
        let shared = ScaleFixture.merged(indexes)
        #expect(merged.stores.count == PartialGraph.adoptedStoreLimit)
        #expect(shared.stores.count < PartialGraph.adoptedStoreLimit)
        #expect(merged == shared)
        #expect(GraphJSON.encode(merged.finalized()) == GraphJSON.encode(shared.finalized()))
        #expect(PartialGraphJSONLines.encode(merged) == PartialGraphJSONLines.encode(shared))
        // A copied sentence keeps its no-escape mark, so the writer still copies it whole.
        let marked = Self.jsonCleanRecords(merged)
        #expect(marked > 0)
        #expect(marked == Self.jsonCleanRecords(shared))
    }

    private static func jsonCleanRecords(_ graph: PartialGraph) -> Int {
        var count = 0
        graph.evidence.forEachBlock { block in count += block.count { $0.text.isJSONClean } }
        return count
    }

    /// The `index`-th permutation of `0..<count` (Lehmer code), so shrinking stays meaningful.
    private static func permutation(_ index: Int, of count: Int) -> [Int] {
        var remaining = Array(0..<count)
        var code = index
        var result: [Int] = []
        for radix in stride(from: count, to: 0, by: -1) {
            result.append(remaining.remove(at: code % radix))
            code /= radix
        }
        return result
    }
}
