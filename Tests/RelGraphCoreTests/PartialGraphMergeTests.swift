import Foundation
import Testing
@testable import RelGraphCore

/// `PartialGraph.merge` matches the relations of a graph of at least a quarter of ours
/// through a table of its relations (and drops ours), a smaller one through ours, and copies
/// evidence records in their order rather than list by list: any way round, the merged graph
/// must be the graph of adding everything to one graph, and additions after a merge must
/// find the relations it brought.
@Suite struct PartialGraphMergeTests {
    /// One addition: a mention of each name and a relation between them with one evidence record.
    struct Item {
        var source: String
        var target: String
        var kind: RelationKind
        var document: String
        var trigger: String
        var start: Int
    }

    /// Names include equal spellings in other bytes (composed and decomposed `é`), which share an id.
    static let names = (0..<40).map { "Name \($0)" } + ["Café", "Cafe\u{301}", "Zoë", "Zoe\u{308}"]

    static func items(seed: UInt64, count: Int) -> [Item] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            Item(
                source: random.pick(names), target: random.pick(names), kind: random.pick(RelationKind.allCases),
                document: "doc-\(random.below(25))", trigger: random.pick(["", "said", "met", "hired"]), start: random.below(6) * 10
            )
        }
    }

    static func add(_ items: some Sequence<Item>, to graph: inout PartialGraph) {
        for item in items {
            graph.addDocument(DocumentInfo(name: item.document, date: "2024-01-0\(item.start / 10 + 1)"))
            graph.addMention(of: item.source, type: .person, surface: item.source.lowercased(), document: item.document)
            graph.addMention(of: item.target, type: .organization, surface: item.target, document: item.document)
            let evidence = Evidence(
                document: item.document, sentence: "Sentence \(item.start) of \(item.document).", start: item.start, end: item.start + 9,
                trigger: item.trigger, date: "2024-01-0\(item.start / 10 + 1)"
            )
            graph.addRelation(RelationKey(source: item.source, target: item.target, kind: item.kind), evidence: evidence)
        }
    }

    static func graph(_ items: some Sequence<Item>) -> PartialGraph {
        var graph = PartialGraph()
        add(items, to: &graph)
        return graph
    }

    static func expectSame(_ merged: PartialGraph, _ whole: PartialGraph) {
        #expect(merged == whole)
        #expect(merged.relationCount == whole.relationCount)
        #expect(merged.evidenceCount == whole.evidenceCount)
        #expect(merged.entityCount == whole.entityCount)
        #expect(GraphJSON.encode(merged.finalized()) == GraphJSON.encode(whole.finalized()))
    }

    /// Splits from a handful of items merged into many (through our table) to an even split
    /// (through theirs), either way round.
    @Test(arguments: [1, 3, 20, 100, 200, 300, 380, 399])
    func mergedIsTheWhole(split: Int) {
        for seed in UInt64(1)...4 {
            let items = Self.items(seed: seed, count: 400)
            let first = Self.graph(items[..<split]), second = Self.graph(items[split...])
            let whole = Self.graph(items)
            Self.expectSame(first.merging(second), whole)
            Self.expectSame(second.merging(first), whole)
        }
    }

    /// After a merge (which may have dropped our relation table), further relations, merges and
    /// additions of known relations find what is there: nothing is added twice.
    @Test func additionsAfterAMergeFindItsRelations() {
        for seed in UInt64(10)...14 {
            let items = Self.items(seed: seed, count: 600)
            var merged = Self.graph(items[..<200])
            merged.merge(Self.graph(items[200..<400]))
            Self.add(items[400..<450], to: &merged)
            merged.merge(Self.graph(items[450..<460]))
            merged.merge(Self.graph(items[..<100]))
            Self.add(items[460...], to: &merged)
            var whole = Self.graph(items)
            Self.add(items[..<100], to: &whole)
            Self.expectSame(merged, whole)
        }
    }

    /// A graph merged with itself: each relation once, each evidence record twice.
    @Test func mergingACopyDoublesTheEvidenceOnly() {
        let graph = Self.graph(Self.items(seed: 7, count: 300))
        let doubled = graph.merging(graph)
        #expect(doubled.relationCount == graph.relationCount)
        #expect(doubled.evidenceCount == 2 * graph.evidenceCount)
        #expect(doubled.relations == graph.relations)
    }
}
