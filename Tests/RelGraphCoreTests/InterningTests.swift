import Collections
import Foundation
import Testing
@testable import RelGraphCore

/// The add path's lookup tables: byte-keyed string interning and the packed relation index
/// must answer exactly as `OrderedSet<String>` and `Dictionary` did.
@Suite struct InterningTests {
    /// Strings with shared prefixes, every length around the 8-byte steps of the hash, empty,
    /// non-ASCII, and canonically equivalent spellings with different bytes.
    static let tricky: [String] = {
        var strings = ["", "a", "Elon Musk", "Elon Musk’s", "café", "cafe\u{301}", "Å", "A\u{30A}", "\u{212B}", "ﬁ", "fi", "x\u{0}y"]
        for length in 0..<40 { strings.append(String(repeating: "ab", count: length / 2) + (length % 2 == 1 ? "c" : "")) }
        for length in 1..<20 { strings.append(String(repeating: "é", count: length)) }
        return strings
    }()

    /// Interns `strings` the way `PartialGraph.id` does and the way it did (`OrderedSet` alone).
    private static func intern(_ strings: [String]) -> (fast: [Int32], slow: [Int32], stored: OrderedSet<String>) {
        var stored = OrderedSet<String>()
        var index = StringIDIndex()
        var reference = OrderedSet<String>()
        var fast: [Int32] = [], slow: [Int32] = []
        for string in strings {
            fast.append(StringIDIndex.withHashedBytes(string) { bytes, hash in
                if let found = index.find(bytes, hash: hash, in: stored) { return found }
                if let existing = stored.firstIndex(of: string) { return Int32(existing) }
                stored.append(string)
                index.insert(hash: hash, id: Int32(stored.count - 1))
                return Int32(stored.count - 1)
            })
            slow.append(Int32(reference.append(string).index))
        }
        #expect(stored == reference)
        return (fast, slow, stored)
    }

    @Test func byteIndexInternsLikeOrderedSet() {
        var generator = SplitMix64(seed: 7)
        var strings = Self.tricky + Self.tricky.reversed()
        let alphabet = Array("abAB é’\u{301}xyz0")
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 24)
            strings.append(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        let result = Self.intern(strings)
        #expect(result.fast == result.slow)
        // A canonically equivalent spelling gets the id of the first one seen, as with `String` equality.
        #expect(result.fast[Self.tricky.firstIndex(of: "cafe\u{301}")!] == result.fast[Self.tricky.firstIndex(of: "café")!])
    }

    @Test func partialGraphInternsEquivalentSpellingsOnce() {
        var partial = PartialGraph()
        partial.addDocument(DocumentInfo(name: "d", date: nil))
        for name in Self.tricky where !name.isEmpty {
            partial.addMention(of: name, type: .person, surface: name, document: "d")
        }
        var expected = OrderedSet<String>(["d"])
        for name in Self.tricky where !name.isEmpty { expected.append(name) }
        #expect(partial.strings == expected)
        #expect(partial.entityCount == expected.count - 1)
    }

    /// `PartialGraph.stringID` across the growths of `strings` (its reservations by four, and
    /// past 2^16 strings, where `OrderedSet` grows it), against a plain `OrderedSet<String>`:
    /// ASCII and non-ASCII strings whose canonically equivalent spellings (composed and
    /// decomposed, the Kelvin and Ångström signs) come in random order. Ids are in first-seen
    /// order, and each keeps its smallest spelling in bytes.
    @Test func graphInternsLikeOrderedSetAcrossGrowth() {
        var generator = SplitMix64(seed: 23)
        let pieces: [[String]] = "abcdefghijklmnopqrstuvwxyz".map { [String($0)] }
            + [["\u{E9}", "e\u{301}"], ["K", "\u{212A}"], ["\u{C5}", "A\u{30A}", "\u{212B}"], ["’"]]
        var strings: [String] = []
        for _ in 0..<95_000 {
            let shape = (0..<(1 + Int(generator.next() % 8))).map { _ in
                Int(generator.next() % 100) < 90 ? Int(generator.next() % 26) : 26 + Int(generator.next() % 4)
            }
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                strings.append(shape.map { pieces[$0][Int(generator.next() % UInt64(pieces[$0].count))] }.joined())
            }
        }
        strings.shuffle(using: &generator)
        var partial = PartialGraph()
        var reference = OrderedSet<String>()
        var ids: [Int32] = [], expected: [Int32] = []
        for string in strings {
            ids.append(partial.stringID(string))
            let (inserted, index) = reference.append(string)
            if !inserted && string.utf8.lexicographicallyPrecedes(reference[index].utf8) { reference.update(string, at: index) }
            expected.append(Int32(index))
        }
        #expect(reference.count > 1 << 16)
        #expect(ids == expected)
        #expect(partial.strings.count == reference.count)
        #expect(zip(partial.strings, reference).allSatisfy { $0.utf8.elementsEqual($1.utf8) })
    }

    @Test func hashDependsOnEveryByte() {
        var seen = Set<UInt64>()
        for string in Self.tricky { _ = StringIDIndex.withHashedBytes(string) { seen.insert($1) } }
        #expect(seen.count == Set(Self.tricky.map { Array($0.utf8) }).count)
    }

    @Test func packedKeyIndexAnswersLikeDictionary() {
        var generator = SplitMix64(seed: 11)
        var index = PackedKeyIndex()
        var reference: [UInt64: Int32] = [:]
        for step in 0..<50_000 {
            // Small keys collide often in the low bits; large ones test the mix.
            let key = step % 3 == 0 ? generator.next() % 1_000 : generator.next()
            if let slot = reference[key] {
                #expect(index[key] == slot)
            } else {
                #expect(index[key] == nil)
                reference[key] = Int32(reference.count)
                index.insertNew(key, Int32(reference.count - 1))
            }
        }
        #expect(index.count == reference.count)
        for (key, value) in reference { #expect(index[key] == value) }
        var reserved = PackedKeyIndex()
        reserved.reserveCapacity(1_000)
        for key in 0..<UInt64(1_000) { reserved.insertNew(key, Int32(key)) }
        #expect((0..<UInt64(1_000)).allSatisfy { reserved[$0] == Int32($0) } && reserved[1_000] == nil)
    }

    /// `[Int32].reset(repeating:count:)`, which refills the per-document tables, against a
    /// new array, from shorter, longer and equal arrays.
    @Test func resetArraysAreNewArrays() {
        var generator = SplitMix64(seed: 41)
        var array: [Int32] = []
        for _ in 0..<200 {
            let count = Int.random(in: 0...300, using: &generator), value = Int32.random(in: -2...2, using: &generator)
            array.reset(repeating: value, count: count)
            #expect(array == [Int32](repeating: value, count: count))
            // A stale value left in the storage must be overwritten by the next reset.
            if !array.isEmpty { array[array.count / 2] = 7 }
        }
    }

    @Test func relationKindCodesArePositions() {
        for (position, kind) in RelationKind.allCases.enumerated() {
            #expect(kind.code == UInt8(position))
            #expect(RelationKind.withCode(kind.code) == kind)
        }
    }

    /// `addMentions` (one update per distinct name) against `addMention` per mention, on the
    /// synthetic corpus and on the gold corpus's harder names.
    @Test func documentMentionsAddLikeOneByOne() {
        var batched = PartialGraph(), single = PartialGraph()
        for document in ScaleFixture.documents.prefix(60) {
            let mentions = ScaleFixture.extractor.recognizer.recognize(AnalyzedText(document.text))
            let info = DocumentInfo(name: document.name, date: document.date)
            batched.addDocument(info)
            single.addDocument(info)
            batched.addMentions(mentions, document: document.name)
            for mention in mentions {
                guard let type = mention.type.entityType else { continue }
                single.addMention(of: mention.canonical, type: type, surface: mention.surface, document: document.name)
            }
        }
        #expect(batched.entityCount > 50)
        #expect(batched == single)
        #expect(batched.strings == single.strings)
        let left = Dictionary(uniqueKeysWithValues: batched.entityEntries().map { ($0.name, $0.entity.documents) })
        let right = Dictionary(uniqueKeysWithValues: single.entityEntries().map { ($0.name, $0.entity.documents) })
        #expect(left == right)
    }
}
