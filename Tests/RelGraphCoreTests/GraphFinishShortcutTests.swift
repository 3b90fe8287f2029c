import Foundation
import Testing
@testable import RelGraphCore

/// Shortcuts of finishing a graph, each against the path it replaced.
@Suite struct GraphFinishShortcutTests {
    /// Radix-sorted ASCII prefixes, runs sorted as strings and the rest merged in, against
    /// sorting every string by comparison: random names built from pieces that share long
    /// prefixes, differ past the eighth byte, hold NUL and DEL, and mix in non-ASCII names
    /// (composed and not), with and without any non-ASCII name at all.
    @Test func stringRanksEqualSortingByComparison() {
        var random = SplitMix64(seed: 29)
        let asciiPieces = ["a", "b", "ab", "abcdefgh", "abcdefghi", "\u{0}", "\u{7F}", " ", "Z", "0000/article-", "Jane", "Roe", "-", "7"]
        let otherPieces = ["é", "e\u{301}x", "ß", "𝄞", "Ω", "\u{212A}", "K"]
        for round in 0..<24 {
            var partial = PartialGraph()
            let pieces = round % 3 == 0 ? asciiPieces : asciiPieces + otherPieces
            for _ in 0..<(50 + random.below(600)) {
                partial.addDocument(DocumentInfo(name: (0..<random.below(7)).map { _ in random.pick(pieces) }.joined()))
            }
            #expect(partial.stringRanks() == partial.stringRanksByComparison(), "round \(round)")
        }
        let whole = ScaleFixture.whole
        #expect(whole.stringRanks() == whole.stringRanksByComparison())
    }

    /// A relation's records sorted and made distinct (`EvidenceSorter`, with its shortcut for
    /// two records) against a stable sort by the evidence order and dropping repeats after the
    /// first: random records from small pools of documents, offsets, triggers and dates, so
    /// that ties, equal evidence and every order of two records occur.
    @Test func sortedDistinctEvidenceEqualsStableSort() {
        var random = SplitMix64(seed: 41)
        var partial = PartialGraph()
        let documents = ["d1", "d2", "a/d3"], triggers = ["", "buys", "met", "sues"], dates: [String?] = [nil, "2024-01-02", "2023-12-31"]
        for relation in 0..<400 {
            let key = RelationKey(source: "S\(relation % 37)", target: "T\(relation)", kind: .coMentioned)
            for _ in 0..<(1 + random.below(relation % 3 == 0 ? 2 : 5)) {
                let start = random.below(3) * 10
                partial.addRelation(key, evidence: Evidence(
                    document: random.pick(documents), sentence: "s\(start)", start: start, end: start + 5 + random.below(2),
                    trigger: random.pick(triggers), date: random.pick(dates)
                ))
            }
        }
        let rank = partial.stringRanks()
        var sorter = EvidenceSorter(partial, rank: rank)
        var twos = 0
        for relation in 0..<partial.relationCount {
            let records = partial.evidenceRecords(ofRelation: relation)
            if records.count == 2 { twos += 1 }
            var fast: [Int32] = []
            sorter.appendSortedDistinct(records, to: &fast)
            func order(_ record: Int32) -> [Int] {
                let item = partial.evidence[Int(record)]
                return [Int(rank[Int(item.document)]), Int(item.start), Int(item.end), Int(rank[Int(item.trigger)]), item.date < 0 ? -1 : Int(rank[Int(item.date)])]
            }
            let sorted = records.enumerated().sorted { a, b in
                let (x, y) = (order(a.element), order(b.element))
                return x == y ? a.offset < b.offset : x.lexicographicallyPrecedes(y)
            }.map(\.element)
            var slow: [Int32] = []
            for record in sorted where slow.last.map({ order($0) != order(record) }) ?? true { slow.append(record) }
            #expect(fast == slow, "relation \(relation)")
        }
        #expect(twos > 50)
    }

    /// Ids sorted as `rank << 32 | id` keys against sorting them by rank with a closure, with
    /// an excluded id, repeats (dropped after sorting, as entity documents are) and large ids.
    @Test func rankKeysSortAsRanks() {
        var random = SplitMix64(seed: 37)
        for round in 0..<60 {
            let count = 1 + random.below(round < 30 ? 40 : 5_000)
            var rank = (0..<Int32(count)).map { $0 }
            for index in rank.indices.reversed() { rank.swapAt(index, random.below(index + 1)) }
            let ids = (0..<random.below(3 * count)).map { _ in Int32(random.below(count)) }
            let excluded = round % 2 == 0 ? -1 : Int32(random.below(count))
            var keys = FinalLayout.rankKeys(ids, except: excluded, rank: rank)
            keys.sort()
            #expect(keys.map { Int32(truncatingIfNeeded: $0) } == FinalLayout.sortedByRank(ids, except: excluded, rank: rank))
            keys.removeAdjacentDuplicates()
            var expected = FinalLayout.sortedByRank(ids, except: excluded, rank: rank)
            expected.removeAdjacentDuplicates()
            #expect(keys.map { Int32(truncatingIfNeeded: $0) } == expected)
        }
    }

    /// Relations laid out from `EvidencePieces` (the relation object's opening and close as
    /// pieces too) against the same relations written call by call, in fragments at several
    /// depths, continuing or not, on a graph with relations of one and of many records.
    @Test func laidOutRelationsEqualCallByCallWriting() throws {
        let partial = ScaleFixture.whole
        let layout = FinalLayout(partial)
        let names = JSONStringTable(partial.strings, only: layout.writtenStrings(of: partial))
        var scratch = EvidenceScratch(layout, partial)
        for depth in [1, 2, 5] {
            for continuing in [false, true] {
                var fast = PrettyJSONWriter(fragmentAtDepth: depth, continuing: continuing)
                var slow = PrettyJSONWriter(fragmentAtDepth: depth, continuing: continuing)
                for first in stride(from: 0, to: layout.relations.count, by: 64) {
                    let relations = first..<min(layout.relations.count, first + 64)
                    scratch.records.removeAll(keepingCapacity: true)
                    scratch.texts.reset()
                    scratch.ends.removeAll(keepingCapacity: true)
                    layout.gatherEvidence(ofRelations: relations, of: partial, into: &scratch)
                    var from = 0
                    for (index, end) in zip(relations, scratch.ends) {
                        layout.writeRelation(index, of: partial, records: from..<end, scratch: &scratch, names: names, into: &fast)
                        layout.writeRelation(index, of: partial, records: from..<end, scratch: &scratch, names: names, into: &slow, laidOut: false)
                        from = end
                    }
                }
                #expect(fast.buffer == slow.buffer, "depth \(depth), continuing \(continuing)")
                // The writers go on alike after the laid-out relations.
                fast.element(); fast.int(7)
                slow.element(); slow.int(7)
                try fast.endArray()
                try slow.endArray()
                #expect(fast.buffer == slow.buffer)
            }
        }
    }

    /// Decimal digits two per division against one per division and `String`, for every
    /// width: powers of ten and their neighbours, random values and the extremes.
    @Test func decimalDigitsEqualDigitByDigit() {
        var random = SplitMix64(seed: 43)
        var values: [UInt] = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1_000, UInt.max, UInt.max - 1]
        var power: UInt = 1
        for _ in 0..<19 {
            power *= 10
            values += [power - 1, power, power + 1]
        }
        values += (0..<2_000).map { _ in UInt(random.next() >> UInt64(random.below(64))) }
        let fast = UnsafeMutablePointer<UInt8>.allocate(capacity: 24), slow = UnsafeMutablePointer<UInt8>.allocate(capacity: 24)
        defer { fast.deallocate(); slow.deallocate() }
        for value in values {
            let fastEnd = PrettyJSONWriter.writeDecimal(value, to: fast), slowEnd = PrettyJSONWriter.writeDecimalByDigit(value, to: slow)
            let written = Array(UnsafeBufferPointer(start: fast, count: fastEnd - fast))
            #expect(written == Array(UnsafeBufferPointer(start: slow, count: slowEnd - slow)), "\(value)")
            #expect(written == Array(String(value).utf8), "\(value)")
        }
    }

    /// The windows' radix sort against a closure `sort` by offset: the same order, equal
    /// offsets kept in their order (slots ascending), for few and many requests, offsets
    /// close together, far apart and repeated.
    @Test func sortByOffsetEqualsStableSort() {
        var random = SplitMix64(seed: 41)
        var scratch: [SentenceTextStore.Request] = [], counts: [Int] = []
        for round in 0..<300 {
            let count = round < 100 ? round % 30 : random.below(3_000)
            let spread: UInt64 = [4, 1 << 12, 1 << 26, 1 << 44, .max][round % 5]
            let base = round % 3 == 0 ? UInt64(random.below(1 << 30)) : 0
            var requests = (0..<count).map { slot in
                SentenceTextStore.Request(offset: base &+ (spread == .max ? random.next() : random.next() % spread), length: UInt32(random.below(500)), slot: Int32(slot))
            }
            let expected = requests.sorted { ($0.offset, $0.slot) < ($1.offset, $1.slot) }
            EvidenceTexts.sortByOffset(&requests, scratch: &scratch, counts: &counts)
            #expect(requests.map(\.offset) == expected.map(\.offset) && requests.map(\.slot) == expected.map(\.slot) && requests.map(\.length) == expected.map(\.length), "round \(round)")
        }
    }

    /// Windows sorted by the radix sort against windows sorted by `sort`, on a graph whose
    /// sentences are mostly on disk, in random record order and window sizes.
    @Test func radixSortedWindowsReadTheSameSentences() {
        var spilled = PartialGraph()
        spilled.sentenceMemoryLimit = 3_000
        for document in ScaleFixture.documents { ScaleFixture.extractor.extract(document, into: &spilled) }
        var generator = SplitMix64(seed: 31)
        var records = spilled.evidence.indices.map { Int32($0) }
        for index in records.indices.reversed() { records.swapAt(index, Int(generator.next() % UInt64(index + 1))) }
        // Repeats of one record in a window share one sentence.
        records += records.prefix(40)
        for (windowRecords, windowBytes) in [(1, 1 << 20), (5, 1 << 20), (100, 2_000), (1024, 512 << 10)] {
            var packed = EvidenceTexts(windowRecords: windowRecords, windowBytes: windowBytes)
            var sorted = EvidenceTexts(windowRecords: windowRecords, windowBytes: windowBytes)
            sorted.radixSorts = false
            for position in records.indices {
                let fast = packed.withSentence(at: position, of: records, in: spilled) { Array($0) }
                let slow = sorted.withSentence(at: position, of: records, in: spilled) { Array($0) }
                #expect(fast == slow, "window \(windowRecords), position \(position)")
            }
        }
    }
}
