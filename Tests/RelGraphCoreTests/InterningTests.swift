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
}

extension InterningTests {
    @Test func relationKindCodesArePositions() {
        for (position, kind) in RelationKind.allCases.enumerated() {
            #expect(kind.code == UInt8(position))
            #expect(RelationKind.withCode(kind.code) == kind)
        }
    }
}

extension InterningTests {
    @Test func ruleKeyConstantsAreTheWordsHashes() {
        #expect(NameRules.Keys.the == WordSet.hash("the"))
        #expect(NameRules.Keys.ampersand == WordSet.hash("&"))
        #expect(NameRules.Keys.of == WordSet.hash("of"))
        #expect(NameRules.Keys.via == WordSet.hash("via"))
        #expect(NameRules.Keys.who == WordSet.hash("who"))
    }

    @Test func asciiISODateAgreesWithTheStringRule() {
        var generator = SplitMix64(seed: 3)
        let alphabet = Array("0123456789-- 1x\r\n".utf8)
        var samples = ["2024-01-31", "2024-13-01", "2024-00-10", "2024-12-32", "2024-1-031", "20240-1-01", "abcd-ef-gh", "2024-02-00", "0000-01-01"]
        for _ in 0..<20_000 {
            samples.append(String(decoding: (0..<10).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self))
            var date = Array("2024-06-15".utf8)
            date[Int(generator.next() % 10)] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            samples.append(String(decoding: date, as: UTF8.self))
        }
        for sample in samples {
            let fast = Array(sample.utf8).withUnsafeBufferPointer { isASCIIISODate($0) }
            #expect(fast == isISODate(sample), "\(sample.debugDescription)")
        }
    }

    @Test func scalarOffsetsCountScalars() {
        let text = "Zoë met Ōkubo in Kraków — “a deal”, said 山田 🙂. " + String(repeating: "naïve café ", count: 20)
        let analyzed = AnalyzedText(text)
        var scalars = 0
        var byte = 0
        for scalar in text.unicodeScalars {
            #expect(analyzed.scalarOffset(ofByte: byte) == scalars)
            byte += String(scalar).utf8.count
            scalars += 1
        }
        #expect(analyzed.scalarOffset(ofByte: byte) == scalars)
        #expect(analyzed.scalarOffset(ofByte: byte + 5) == scalars)
    }
}

extension InterningTests {
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

extension InterningTests {
    @Test func jsonLinesPathCheckAgreesWithFoundation() {
        let paths = ["a.jsonl", "A.JSONL", "x/y.NdJson", "b.json", "c.txt", "jsonl", ".jsonl", "d.jsonl/", "e.jsonl//", "f.ndjson.txt",
                     "g.xjsonl", "dir.jsonl/h.md", "", "/", "i.jsonl ", "ünï.jsonl", "j.jsonL", "k.nd json"]
        for path in paths {
            #expect(CorpusReader.isJSONLinesPath(path) == CorpusReader.jsonLinesExtensions.contains((path as NSString).pathExtension.lowercased()), "\(path)")
        }
    }
}

extension InterningTests {
    @Test func folderEntryExtensionsAgreeWithFoundation() {
        let names = ["a.txt", "B.TXT", "c.Md", ".txt", "d.", "e", "f.tar.GZ", "g..txt", "h.jsonl", "i.NDJSON", "..", ".", "", "j. txt",
                     "k\r\n.txt", "ü.txt", "\u{600}.txt", "l.tx\u{301}t", "m.t\u{301}xt", "n.ÜXT", "o/p.txt", "q.txt/"]
        for name in names {
            #expect(CorpusWalk.lowercasedExtension(ofName: name) == (name as NSString).pathExtension.lowercased(), "\(name.debugDescription)")
        }
    }
}

extension InterningTests {
    /// The eight-bytes-at-a-time test against the byte loop it replaced, on random ASCII with
    /// spaces, controls and non-ASCII bytes at every offset.
    @Test func collapsedASCIICheckAgreesWithTheByteLoop() {
        func slow(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
            var previousSpace = false
            for index in start..<end {
                let byte = bytes[index]
                if byte >= 0x80 || byte < 0x20 || byte == 0x20 && previousSpace { return false }
                previousSpace = byte == 0x20
            }
            return true
        }
        var generator = SplitMix64(seed: 5)
        let alphabet: [UInt8] = Array("ab  Z.,\u{7F}".utf8) + [0x09, 0x0A, 0x1F, 0x20, 0x21, 0x80, 0xC3, 0xFF, 0x60, 0x7E]
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 40)
            var bytes = (0..<count).map { _ in generator.next() % 4 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : UInt8(ascii: "x") }
            if generator.next() % 2 == 0 { bytes = bytes.map { $0 == 0x20 || $0 >= 0x80 || $0 < 0x20 ? UInt8(ascii: "y") : $0 } }
            let start = count == 0 ? 0 : Int(generator.next() % UInt64(count))
            let end = start + Int(generator.next() % UInt64(count - start + 1))
            #expect(AnalyzedText.isCollapsedASCII(bytes, start, end) == slow(bytes, start, end))
        }
        let text = AnalyzedText("Jane  Roe met John Doe.\tA\u{00E9} and  more words here to pass eight bytes")
        #expect(text.collapsedString(0, text.bytes.count) == collapseWhitespace(text.string(0, text.bytes.count)))
    }
}

extension InterningTests {
    @Test func markedBytesCountsLikeBitCount() {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<10_000 {
            let mask = generator.next() & 0x8080_8080_8080_8080
            #expect(AnalyzedText.markedBytes(mask) == mask.nonzeroBitCount)
        }
        #expect(AnalyzedText.markedBytes(0x8080_8080_8080_8080) == 8 && AnalyzedText.markedBytes(0) == 0)
    }
}
