import Testing
@testable import RelGraphCore

/// The batched additions of extraction against the one-by-one forms they replace: a
/// document's relations added at once (`PartialGraph.addRelations`), the table loads that
/// precede the lookups (`ProbedSlots.homeValues`), and evidence appended in runs
/// (`ChunkedArray.append(contentsOf:)`).
@Suite struct PartialGraphBatchTests {
    /// One evidence record of a random relation, as extraction would add it.
    private struct Addition {
        var source: String
        var target: String
        var kind: RelationKind
        var trigger: String
        var start: UInt32
        var end: Int
    }

    private static func randomAdditions(_ generator: inout SplitMix64, names: Int) -> [Addition] {
        (0..<Int(generator.next() % 40)).map { _ in
            let start = UInt32(generator.next() % 6) * 100
            return Addition(
                source: "Name \(generator.next() % UInt64(names))", target: "Name \(generator.next() % UInt64(names))",
                kind: RelationKind.allCases[Int(generator.next() % UInt64(RelationKind.allCases.count))],
                trigger: "trigger \(generator.next() % 4)", start: start, end: Int(start) + 50
            )
        }
    }

    /// Adds `additions` to `graph` one by one, as `addRelation(source:…sentence:)`.
    private static func addOneByOne(_ additions: [Addition], document name: String, to graph: inout PartialGraph) {
        let document = graph.documentID(name), date = graph.dateID("2020-01-01")
        for addition in additions {
            let source = graph.stringID(addition.source), target = graph.stringID(addition.target), trigger = graph.stringID(addition.trigger)
            let reference = graph.storedSentence(document: document, start: addition.start)
                ?? graph.appendingStore().append("Sentence at \(addition.start) of \(name).")
            graph.addRelation(
                source: source, target: target, kind: addition.kind, document: document, trigger: trigger, date: date,
                start: addition.start, end: addition.end, sentence: reference
            )
        }
    }

    /// Adds `additions` to `graph` as one batch, as `PartialGraphRelationSink` does.
    private static func addAsBatch(_ additions: [Addition], document name: String, to graph: inout PartialGraph) {
        let document = graph.documentID(name), date = graph.dateID("2020-01-01")
        var batch = graph.takeRelationBatch()
        for addition in additions {
            let source = graph.stringID(addition.source), target = graph.stringID(addition.target), trigger = graph.stringID(addition.trigger)
            let reference = graph.storedSentence(document: document, start: addition.start)
                ?? graph.appendingStore().append("Sentence at \(addition.start) of \(name).")
            graph.noteStoredSentence(document: document, start: addition.start, reference: reference)
            batch.append(PartialGraph.pack(source, target, addition.kind), PartialGraph.StoredEvidence(
                document: document, trigger: trigger, date: date, start: addition.start, end: UInt32(addition.end), next: -1,
                store: UInt16(graph.stores.count - 1), textLength: UInt16(reference.length), textOffset: reference.offset
            ))
        }
        graph.addRelations(&batch)
    }

    /// Random documents (relations repeated within a document and across documents, tables
    /// growing, a merge that drops the relation table in between) give the same relation
    /// numbers, evidence numbers and lists added in batches as one by one.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func batchesNumberRelationsAndEvidenceAsOneByOne(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var single = PartialGraph(), batched = PartialGraph()
        for document in 0..<80 {
            let additions = Self.randomAdditions(&generator, names: 30)
            let name = "doc \(document)"
            Self.addOneByOne(additions, document: name, to: &single)
            Self.addAsBatch(additions, document: name, to: &batched)
            if document == 40 {
                // At least a quarter of the relations: the merge drops the relation table.
                var other = PartialGraph()
                for part in 0..<30 { Self.addOneByOne(Self.randomAdditions(&generator, names: 50), document: "other \(part)", to: &other) }
                single.merge(other)
                batched.merge(other)
            }
        }
        #expect(batched == single)
        #expect(batched.relationCount == single.relationCount)
        #expect(batched.evidenceCount == single.evidenceCount)
        #expect(batched.relationKeys.indices.map { batched.relationKeys[$0] } == single.relationKeys.indices.map { single.relationKeys[$0] })
        for relation in single.relationKeys.indices {
            #expect(batched.evidenceRecords(ofRelation: relation) == single.evidenceRecords(ofRelation: relation))
        }
    }

    /// An empty batch changes nothing, and a graph's first batch builds its table.
    @Test func emptyAndFirstBatches() {
        var graph = PartialGraph()
        var batch = graph.takeRelationBatch()
        graph.addRelations(&batch)
        #expect(graph.relationCount == 0 && graph.evidenceCount == 0)
        var single = PartialGraph()
        let additions = [Addition(source: "A", target: "B", kind: RelationKind.allCases[0], trigger: "t", start: 0, end: 10)]
        Self.addAsBatch(additions + additions, document: "d", to: &graph)
        Self.addOneByOne(additions + additions, document: "d", to: &single)
        #expect(graph == single)
        #expect(graph.relationCount == 1 && graph.evidenceRecords(ofRelation: 0) == [1, 0])
    }

    /// A document that states one relation more times than `keptScratchLimit` is added as
    /// one by one adds it, and its batch buffers are not kept at its size for the next
    /// document; a small document's are.
    @Test func hugeBatchIsAddedAndNotKept() {
        let addition = Addition(source: "A", target: "B", kind: RelationKind.allCases[0], trigger: "t", start: 0, end: 10)
        let huge = Array(repeating: addition, count: PartialGraph.keptScratchLimit + 10)
        var batched = PartialGraph(), single = PartialGraph()
        Self.addAsBatch(huge, document: "huge", to: &batched)
        Self.addOneByOne(huge, document: "huge", to: &single)
        #expect(batched == single)
        #expect(batched.relationCount == 1 && batched.evidenceCount == huge.count)
        #expect(batched.takeRelationBatch().capacity <= PartialGraph.keptScratchLimit)
        Self.addAsBatch([addition, addition], document: "small", to: &batched)
        #expect(batched.takeRelationBatch().capacity >= 2)
    }

    /// A copy of a graph shares the batch buffers it kept: the copies' next batches still get
    /// buffers of their own, and a batch keeps what it holds as its buffers grow.
    @Test func copiedGraphsTakeSeparateBatchBuffers() {
        let addition = Addition(source: "A", target: "B", kind: RelationKind.allCases[0], trigger: "t", start: 0, end: 10)
        var first = PartialGraph()
        Self.addAsBatch([addition, addition], document: "d", to: &first)
        var second = first
        var one = first.takeRelationBatch(), other = second.takeRelationBatch()
        func record(_ index: Int) -> PartialGraph.StoredEvidence {
            PartialGraph.StoredEvidence(
                document: Int32(index), trigger: Int32(2 * index), date: -1, start: UInt32(3 * index), end: UInt32(3 * index + 1),
                next: -1, store: UInt16(index % 7), textLength: UInt16(index), textOffset: UInt64(5 * index)
            )
        }
        func fields(_ record: PartialGraph.StoredEvidence) -> [Int] {
            [Int(record.document), Int(record.trigger), Int(record.date), Int(record.start), Int(record.end),
             Int(record.next), Int(record.store), Int(record.textLength), Int(record.textOffset)]
        }
        for index in 0..<100 {
            one.append(UInt64(index), record(index))
            other.append(UInt64(1_000 + index), record(1_000 + index))
        }
        #expect(Array(one.keys) == (0..<100).map { UInt64($0) })
        #expect(Array(other.keys) == (0..<100).map { UInt64(1_000 + $0) })
        // Each growth copies the records held so far into the new buffers.
        #expect(one.records.map(fields) == (0..<100).map { fields(record($0)) })
        #expect(other.records.map(fields) == (0..<100).map { fields(record(1_000 + $0)) })
    }

    #if DEBUG
    /// The single-owner rule is checked: a batch appended to while a copy shares its buffers
    /// stops (debug builds only: release builds do not test it per append).
    @Test func appendingWhileCopiedTraps() async {
        await #expect(processExitsWith: .failure) {
            let record = PartialGraph.StoredEvidence(
                document: 0, trigger: 0, date: -1, start: 0, end: 1, next: -1, store: 0, textLength: 0, textOffset: 0
            )
            var batch = PartialGraph.RelationBatch()
            batch.append(1, record)
            let copy = batch
            batch.append(2, record)
            #expect(copy.count == 1)
        }
    }
    #endif

    /// With linear probing and no removals, an empty home slot means the word is absent; a
    /// word alone in its table is at its home slot; and the loads change no answer.
    @Test func homeValuesAgreeWithLookups() {
        var generator = SplitMix64(seed: 11)
        for round in 0..<50 {
            var slots = ProbedSlots()
            var inserted: [UInt64: Int32] = [:]
            for value in 0..<Int32(generator.next() % 300) {
                let word = generator.next()
                slots.insert(word, value)
                inserted[word] = value
            }
            let queries = Array(inserted.keys.prefix(20)) + (0..<20).map { _ in generator.next() }
            var values = [Int32](repeating: 7, count: 2 * queries.count)
            values.withUnsafeMutableBufferPointer { values in slots.homeValues(into: values) { queries[$0] } }
            for (index, word) in queries.enumerated() {
                let found = slots.find(word) { _ in true }
                #expect(found == inserted[word], "round \(round)")
                if values[2 * index] < 0 { #expect(found == nil) }
            }
            if inserted.isEmpty { #expect(values.allSatisfy { $0 == -1 }) }
        }
        var alone = ProbedSlots()
        alone.insert(0xDEAD_BEEF_0000_0001, 42)
        var values = [Int32](repeating: 0, count: 2)
        values.withUnsafeMutableBufferPointer { values in alone.homeValues(into: values) { _ in 0xDEAD_BEEF_0000_0001 } }
        #expect(values[0] == 42)
    }

    /// Runs of any length, crossing block boundaries, append what element after element does.
    @Test func appendingRunsEqualsAppendingElements() {
        var generator = SplitMix64(seed: 3)
        var runs = ChunkedArray<UInt32>(), elements = ChunkedArray<UInt32>()
        var total = 0
        while total < 200_000 {
            let run = (0..<Int(generator.next() % 40_000)).map { _ in UInt32(truncatingIfNeeded: generator.next()) }
            run.withUnsafeBufferPointer { runs.append(contentsOf: $0) }
            for element in run { elements.append(element) }
            total += run.count
        }
        #expect(runs.count == elements.count)
        #expect(runs.indices.allSatisfy { runs[$0] == elements[$0] })
    }
}
