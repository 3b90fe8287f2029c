import Foundation
import Testing
@testable import RelGraphCore

/// Edge cases of the merge and of the rendering ring: a sink failing partway through the
/// relations, empty graphs, repeated ring runs, merges into graphs whose own lookup tables were
/// released, empty and self merges, relations without evidence.
@Suite struct MergeAndRingEdgeTests {
    /// Failing sink at many points across the relations, several thread counts, repeated.
    @Test(.timeLimit(.minutes(2))) func sinkFailingPartwayThroughTheRelationsStopsCleanly() throws {
        let partial = ScaleFixture.whole
        let layout = FinalLayout(partial, threads: 4)
        // Count flushes of a successful run.
        var total = 0
        do {
            var writer = PrettyJSONWriter(flushThreshold: 64) { (_: UnsafeRawBufferPointer) throws(OutputError) in total += 1 }
            try GraphJSON.write(layout, of: partial, threads: 4, batchSize: 1, into: &writer)
        }
        #expect(total > 50)
        for threads in [2, 3, 4, 8] {
            for failAt in stride(from: total / 3, to: total, by: max(1, total / 17)) {
                for _ in 0..<3 {
                    var calls = 0
                    var writer = PrettyJSONWriter(flushThreshold: 64) { (_: UnsafeRawBufferPointer) throws(OutputError) in
                        calls += 1
                        if calls >= failAt { throw .cannotWrite(path: "sink") }
                    }
                    #expect(throws: OutputError.cannotWrite(path: "sink")) {
                        try GraphJSON.write(layout, of: partial, threads: threads, batchSize: 1, into: &writer)
                    }
                    #expect(calls == failAt)
                }
            }
        }
    }

    @Test func emptyGraphIsTheSameForAnyThreadCount() throws {
        let partial = PartialGraph()
        let layout = FinalLayout(partial, threads: 4)
        let expected = GraphJSON.encode(partial.finalized())
        for threads in [1, 2, 4, 16] {
            var writer = PrettyJSONWriter()
            let n = try GraphJSON.write(layout, of: partial, threads: threads, into: &writer)
            #expect(n == 0)
            #expect(Data(writer.buffer) == expected)
        }
    }

    @Test func repeatedRingRunsGiveTheSameBytes() throws {
        let partial = ScaleFixture.whole
        let layout = FinalLayout(partial, threads: 4)
        let expected = GraphJSON.encode(partial.finalized())
        for round in 0..<40 {
            let threads = 2 + round % 7
            var writer = PrettyJSONWriter()
            try GraphJSON.write(layout, of: partial, threads: threads, batchSize: 1 + round % 3, into: &writer)
            #expect(Data(writer.buffer) == expected)
        }
    }

    typealias Item = PartialGraphMergeTests.Item

    @Test func mergesAfterReleaseEmptyAndSelfGiveTheWhole() {
        for seed in UInt64(20)...24 {
            let items = PartialGraphMergeTests.items(seed: seed, count: 500)
            let whole = PartialGraphMergeTests.graph(items)
            // Released on our side, big other (table path), then additions.
            var a = PartialGraphMergeTests.graph(items[..<200])
            a.releaseLookupTables()
            var b = PartialGraphMergeTests.graph(items[200..<400])
            b.releaseLookupTables()
            a.merge(b)
            PartialGraphMergeTests.add(items[400...], to: &a)
            PartialGraphMergeTests.expectSame(a, whole)
            // Released on our side, small other (our-table path).
            var c = PartialGraphMergeTests.graph(items[..<480])
            c.releaseLookupTables()
            c.merge(PartialGraphMergeTests.graph(items[480...]))
            PartialGraphMergeTests.expectSame(c, whole)
            // Empty either way.
            var e = PartialGraph()
            e.merge(whole)
            PartialGraphMergeTests.expectSame(e, whole)
            var w = whole
            w.merge(PartialGraph())
            PartialGraphMergeTests.expectSame(w, whole)
            // Self merge in place, then additions.
            var s = PartialGraphMergeTests.graph(items[..<250])
            s.merge(s)
            PartialGraphMergeTests.add(items[250...], to: &s)
            var sw = PartialGraphMergeTests.graph(items)
            PartialGraphMergeTests.add(items[..<250], to: &sw)
            PartialGraphMergeTests.expectSame(s, sw)
        }
    }

    /// A relation known with no evidence (addRelation with empty evidence) merged both ways.
    @Test func relationWithoutEvidenceMergesBothWays() {
        var a = PartialGraph()
        a.addRelation(RelationKey(source: "A", target: "B", kind: RelationKind.allCases[0]), evidence: [Evidence]())
        let items = PartialGraphMergeTests.items(seed: 3, count: 50)
        let b = PartialGraphMergeTests.graph(items)
        var whole = b
        whole.addRelation(RelationKey(source: "A", target: "B", kind: RelationKind.allCases[0]), evidence: [Evidence]())
        PartialGraphMergeTests.expectSame(a.merging(b), whole)
        PartialGraphMergeTests.expectSame(b.merging(a), whole)
    }
}
