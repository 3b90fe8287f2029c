import Foundation
import Testing
@testable import RelGraphCore

/// The compact storage behind `PartialGraph`: sentence text that moves to disk, block arrays,
/// and a finish that streams the same bytes as the in-memory graph.
@Suite struct GraphStorageTests {
    @Test func sentenceStoreReadsBackAcrossTheSpillToDisk() {
        let store = SentenceTextStore(memoryLimit: 64)
        let sentences = (0..<500).map { "Sentence \($0): Jane Roe sued Acme — “quoted”, café \(String(repeating: "x", count: $0 % 37))." }
        let references = sentences.map { store.append($0) }
        #expect(references.map { store.string($0) } == sentences)
        #expect(store.count == UInt64(sentences.reduce(0) { $0 + $1.utf8.count }))
    }

    /// Batched reads (sorted, coalesced `pread`s and one lock for in-memory text) against
    /// reading each sentence alone, on random sorted subsets with repeats, empty sentences and
    /// sentences on both sides of the spill.
    @Test func batchedSentenceReadsEqualSingleReads() {
        let store = SentenceTextStore(memoryLimit: 700)
        var generator = SplitMix64(seed: 13)
        let references = (0..<3_000).map { index in
            store.append(index % 97 == 0 ? "" : "S\(index) — “é” " + String(repeating: "y", count: Int(generator.next() % 300)))
        }
        var buffer = SentenceBuffer()
        for round in 0..<200 {
            var requests: [SentenceTextStore.Request] = []
            let count = 1 + Int(generator.next() % (round % 2 == 0 ? 8 : 400))
            for slot in 0..<count {
                let reference = references[Int(generator.next() % UInt64(references.count))]
                requests.append(.init(offset: reference.offset, length: reference.length, slot: Int32(slot)))
            }
            requests.sort { $0.offset < $1.offset }
            buffer.removeAll()
            var starts = [Int](repeating: -1, count: count)
            starts.withUnsafeMutableBufferPointer { starts in
                requests.withUnsafeBufferPointer { store.read($0, into: &buffer, starts: starts.baseAddress!) }
            }
            for request in requests {
                let read = buffer.withBytes(from: starts[Int(request.slot)], count: Int(request.length)) { String(decoding: $0, as: UTF8.self) }
                #expect(read == store.string(.init(offset: request.offset, length: request.length)))
            }
        }
        #expect(!store.hadReadError)
    }

    /// An empty sentence shares its offset with the sentence appended after it; a batch that
    /// asks for both (the empty one first, as sorting by offset may put it) gets each its own
    /// bytes, not the first one's copy.
    @Test func emptySentenceBeforeASentenceAtItsOffsetReadsBack() {
        let store = SentenceTextStore()
        let empty = store.append("")
        let sentence = store.append("Jane Roe sued Acme.")
        #expect(empty.offset == sentence.offset)
        let requests: [SentenceTextStore.Request] = [
            .init(offset: empty.offset, length: empty.length, slot: 0),
            .init(offset: sentence.offset, length: sentence.length, slot: 1),
        ]
        var buffer = SentenceBuffer()
        var starts = [-1, -1]
        starts.withUnsafeMutableBufferPointer { starts in
            requests.withUnsafeBufferPointer { store.read($0, into: &buffer, starts: starts.baseAddress!) }
        }
        let read = buffer.withBytes(from: starts[1], count: Int(sentence.length)) { String(decoding: $0, as: UTF8.self) }
        #expect(read == "Jane Roe sued Acme.")
    }

    /// Sentence windows of any size give each record its own sentence, read in order or not.
    @Test func evidenceTextWindowsGiveEachRecordsSentence() {
        var spilled = PartialGraph()
        spilled.sentenceMemoryLimit = 2_000
        for document in ScaleFixture.documents { ScaleFixture.extractor.extract(document, into: &spilled) }
        var generator = SplitMix64(seed: 17)
        var records = spilled.evidence.indices.map { Int32($0) }
        for index in records.indices.reversed() { records.swapAt(index, Int(generator.next() % UInt64(index + 1))) }
        let settings = [(1, 1 << 20), (3, 1 << 20), (64, 500), (4096, 1 << 20)].flatMap { setting in [false, true].map { (setting.0, setting.1, $0) } }
        for (windowRecords, windowBytes, pins) in settings {
            var texts = EvidenceTexts(windowRecords: windowRecords, windowBytes: windowBytes)
            // Pinned: sentences still in memory are read in place, the others through windows.
            if pins { texts.pin(spilled) }
            defer { texts.unpin() }
            // In order, then a few positions out of order (each reloads its window).
            let positions = Array(records.indices) + [5, 0, records.count - 1, 7]
            for position in positions {
                let read = texts.withSentence(at: position, of: records, in: spilled) { String(decoding: $0, as: UTF8.self) }
                let item = spilled.evidence[Int(records[position])]
                #expect(read == spilled.stores[Int(item.store)].string(item.text), "window \(windowRecords)")
            }
        }
    }

    /// Pinned bytes stay readable and unchanged while appends spill the store, and
    /// pins nest; a later pin sees the newer bytes.
    @Test func pinnedSentenceBytesOutliveSpills() {
        let store = SentenceTextStore(memoryLimit: 100)
        let early = (0..<3).map { store.append("Early sentence \($0).") }
        let first = store.pin()
        let second = store.pin()
        func read(_ pinned: PinnedBytes, _ reference: SentenceTextStore.Reference) -> String? {
            pinned.bytes(at: reference.offset, length: Int(reference.length)).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(early.map { read(first, $0) } == (0..<3).map { "Early sentence \($0)." })
        // Many spills while pinned (each moves on to a new buffer).
        let later = (0..<200).map { store.append("Later sentence \($0) " + String(repeating: "y", count: $0 % 150)) }
        store.unpin()
        // One pin is left: bytes read through either pin stay valid.
        #expect(early.map { read(first, $0) } == (0..<3).map { "Early sentence \($0)." })
        #expect(early.map { read(second, $0) } == (0..<3).map { "Early sentence \($0)." })
        #expect(later.allSatisfy { read(first, $0) == nil })
        store.unpin()
        let now = store.pin()
        defer { store.unpin() }
        for (index, reference) in later.enumerated() {
            if let text = read(now, reference) { #expect(text == store.string(reference), "\(index)") }
        }
        #expect(read(PinnedBytes(base: nil, start: 0, end: 1 << 20), early[0]) == nil)
    }

    @Test func spilledGraphStreamsTheSameBytes() throws {
        var spilled = PartialGraph()
        spilled.sentenceMemoryLimit = 512
        let half = ScaleFixture.documents.count / 2
        for document in ScaleFixture.documents[..<half] { ScaleFixture.extractor.extract(document, into: &spilled) }
        var second = PartialGraph()
        second.sentenceMemoryLimit = 512
        for document in ScaleFixture.documents[half...] { ScaleFixture.extractor.extract(document, into: &second) }
        spilled.merge(second)
        let expected = GraphJSON.encode(ScaleFixture.whole.finalized())
        for (threads, batchSize) in [(1, 256), (2, 3)] {
            var writer = PrettyJSONWriter()
            try GraphJSON.write(FinalLayout(spilled), of: spilled, threads: threads, batchSize: batchSize, into: &writer)
            #expect(Data(writer.buffer) == expected, "threads \(threads), batch \(batchSize)")
        }
        try spilled.checkEvidenceReads(streaming: false)
    }

    /// The relation keys' radix sort against `sort` by (key, value), with many equal keys.
    @Test func radixSortSortsStablyByKey() {
        var generator = SplitMix64(seed: 19)
        for count in [0, 1, 2, 17, 5_000] {
            for spread in [UInt64(3), 1 << 20, .max] {
                var keys = (0..<count).map { _ in spread == .max ? generator.next() : (generator.next() % spread) << 8 | 0x5 }
                var values = (0..<count).map { Int32($0) }
                let expected = zip(keys, values).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
                FinalLayout.radixSort(&keys, carrying: &values)
                #expect(keys == expected.map(\.0) && values == expected.map(\.1), "count \(count), spread \(spread)")
            }
        }
    }

    @Test func chunkedArrayCrossesBlocks() {
        var array = ChunkedArray<Int>()
        for value in 0..<200_000 { array.append(value * 3) }
        #expect(array.count == 200_000)
        #expect(array[0] == 0 && array[65_535] == 65_535 * 3 && array[65_536] == 65_536 * 3 && array[199_999] == 199_999 * 3)
        array[70_000] = -1
        #expect(array[70_000] == -1 && array[69_999] == 69_999 * 3)
    }

    @Test func spilledSentencesGiveTheSameGraph() throws {
        var spilled = PartialGraph()
        spilled.sentenceMemoryLimit = 512
        for document in ScaleFixture.documents { ScaleFixture.extractor.extract(document, into: &spilled) }
        #expect(spilled == ScaleFixture.whole)
        #expect(GraphJSON.encode(spilled.finalized()) == GraphJSON.encode(ScaleFixture.whole.finalized()))
    }

    @Test func addingAfterReleasingLookupTablesRebuildsThem() {
        let half = ScaleFixture.documents.count / 2
        var released = ScaleFixture.merged(0..<half)
        released.releaseLookupTables()
        released.merge(ScaleFixture.merged(half..<ScaleFixture.documents.count))
        for document in ScaleFixture.documents.prefix(3) { ScaleFixture.extractor.extract(document, into: &released) }
        var kept = ScaleFixture.whole
        for document in ScaleFixture.documents.prefix(3) { ScaleFixture.extractor.extract(document, into: &kept) }
        #expect(released == kept)
        #expect(released.relationCount == ScaleFixture.whole.relationCount)
    }

    @Test func streamedFinishEqualsTheInMemoryGraph() throws {
        let folder = ScaleFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("graph.json")
        let summary = try ScaleFixture.whole.writeFinalized(to: path)
        let graph = ScaleFixture.whole.finalized()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == GraphJSON.encode(graph))
        #expect(summary.entities == graph.entities.count && summary.relations == graph.relations.count)
        #expect(summary.evidence == graph.relations.reduce(0) { $0 + $1.evidence.count })
    }

    @Test func parallelBatchesGiveTheSameBytesForAnyThreadCount() throws {
        let graph = ScaleFixture.whole.finalized()
        let expected = GraphJSON.encode(graph)
        let evidence = graph.relations.reduce(0) { $0 + $1.evidence.count }
        let layout = FinalLayout(ScaleFixture.whole)
        #expect(layout.relations.count > 20)
        for (threads, batchSize) in [(1, 2048), (1, 1), (2, 3), (3, 7), (8, 5)] {
            var writer = PrettyJSONWriter()
            let written = try GraphJSON.write(layout, of: ScaleFixture.whole, threads: threads, batchSize: batchSize, into: &writer)
            #expect(Data(writer.buffer) == expected, "threads \(threads), batch \(batchSize)")
            #expect(written == evidence, "threads \(threads), batch \(batchSize)")
        }
        // A layout made on several threads is the same layout.
        var laidOutInParallel = PrettyJSONWriter()
        try GraphJSON.write(FinalLayout(ScaleFixture.whole, threads: 3), of: ScaleFixture.whole, threads: 2, batchSize: 9, into: &laidOutInParallel)
        #expect(Data(laidOutInParallel.buffer) == expected)
        var empty = PrettyJSONWriter()
        try GraphJSON.write(FinalLayout(PartialGraph(), threads: 2), of: PartialGraph(), threads: 2, batchSize: 1, into: &empty)
        #expect(Data(empty.buffer) == GraphJSON.encode(RelationGraph()))
    }

    @Test func finishMatchesTheDefinitionOnHandBuiltGraphs() {
        // Short names resolved across documents, symmetric kinds, duplicate evidence, a
        // relation between a name and its own short form (dropped once they are one entity).
        var partial = PartialGraph()
        partial.addDocument(DocumentInfo(name: "b.txt", date: "2024-01-02"))
        partial.addDocument(DocumentInfo(name: "a.txt"))
        partial.addMention(of: "Jane Roe", type: .person, surface: "Jane Roe", document: "a.txt")
        partial.addMention(of: "Roe", type: .person, surface: "Roe", document: "b.txt")
        partial.addMention(of: "Acme", type: .organization, surface: "Acme Corp", document: "b.txt")
        let evidence = Evidence(document: "b.txt", sentence: "Roe sued Acme.", start: 0, end: 14, trigger: "sued", date: "2024-01-02")
        partial.addRelation(RelationKey(source: "Roe", target: "Acme", kind: .sued), evidence: evidence)
        partial.addRelation(RelationKey(source: "Roe", target: "Acme", kind: .sued), evidence: evidence)
        partial.addRelation(RelationKey(source: "Jane Roe", target: "Acme", kind: .sued),
                            evidence: Evidence(document: "a.txt", sentence: "Jane Roe sued Acme.", start: 5, end: 24, trigger: "sued"))
        partial.addRelation(RelationKey(source: "Roe", target: "Jane Roe", kind: .coMentioned),
                            evidence: Evidence(document: "a.txt", sentence: "Roe, Jane Roe.", start: 30, end: 44))
        partial.addRelation(RelationKey(source: "Zed", target: "Acme", kind: .partnersWith),
                            evidence: Evidence(document: "a.txt", sentence: "Zed and Acme partner.", start: 50, end: 71, trigger: "partner"))
        let graph = partial.finalized()
        #expect(graph.documents.map(\.name) == ["a.txt", "b.txt"])
        #expect(graph.entities.map(\.name) == ["Acme", "Jane Roe"])
        #expect(graph.entities[1].aliases == ["Roe"])
        #expect(graph.entities[1].documents == ["a.txt", "b.txt"])
        #expect(graph.relations.map(\.key) == [
            RelationKey(source: "Acme", target: "Zed", kind: .partnersWith),
            RelationKey(source: "Jane Roe", target: "Acme", kind: .sued),
        ])
        #expect(graph.relations[1].evidence.map(\.document) == ["a.txt", "b.txt"])
        #expect(graph.relations[1].weight == 2)
    }
    @Test func packedKeyShortcutsAgreeWithPackAndUnpack() {
        var random = SplitMix64(seed: 5)
        for kind in RelationKind.allCases {
            for _ in 0..<50 {
                let source = Int32(random.below(PartialGraph.maximumStrings)), target = Int32(random.below(PartialGraph.maximumStrings))
                let packed = PartialGraph.pack(source, target, kind)
                #expect(PartialGraph.unpackNames(packed) == (source, target))
                #expect(PartialGraph.kindsByCode[PartialGraph.kindCode(packed)] == kind)
                let other = (Int32(random.below(PartialGraph.maximumStrings)), Int32(random.below(PartialGraph.maximumStrings)))
                #expect(PartialGraph.repack(packed, other.0, other.1) == PartialGraph.pack(other.0, other.1, kind))
            }
        }
    }

    @Test func evidenceSorterEqualsSortingTheEvidence() {
        let partial = ScaleFixture.whole
        let rank = partial.stringRanks()
        let relations = partial.relations
        for relation in partial.relationKeys.indices {
            let (source, target, kind) = PartialGraph.unpack(partial.relationKeys[relation])
            let key = RelationKey(source: partial.strings[Int(source)], target: partial.strings[Int(target)], kind: kind)
            let sorted = partial.distinctEvidence(ofRelation: relation, rank: rank).map { partial.materialize(partial.evidence[Int($0)]) }
            #expect(sorted == relations[key]!.sorted())
        }
    }

    @Test func removingAdjacentDuplicatesKeepsOneOfEachRun() {
        for values in [[], [1], [1, 1], [1, 2, 2, 3, 3, 3, 1], [4, 4, 4, 4], [1, 2, 3]] {
            var kept = values
            kept.removeAdjacentDuplicates()
            #expect(kept == values.enumerated().filter { $0.offset == 0 || values[$0.offset - 1] != $0.element }.map(\.element))
        }
    }
    @Test func stringRanksFollowStringOrder() {
        var random = SplitMix64(seed: 3)
        let pieces = ["a", "b", "ab", "abcdefgh", "abcdefghi", "\u{0}", "\u{7F}", " ", "Z", "é", "e\u{301}x", "ß", "𝄞", "0000/article-", "Ω"]
        var partial = PartialGraph()
        for _ in 0..<400 {
            partial.addDocument(DocumentInfo(name: (0..<random.below(5)).map { _ in random.pick(pieces) }.joined()))
        }
        let rank = partial.stringRanks()
        let expected = partial.strings.indices.sorted { partial.strings[$0] < partial.strings[$1] }
        #expect(expected.map { rank[$0] } == Array(0..<Int32(expected.count)))
    }
}
