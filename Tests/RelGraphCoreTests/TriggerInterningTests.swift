import Testing
@testable import RelGraphCore

/// Trigger texts interned from the document's bytes (`TriggerTable`, `PartialGraph.stringID(utf8:)`)
/// get the ids the `String` path they replace gives (`SpellingTable`, `PartialGraph.stringID(_:)`).
@Suite struct TriggerInterningTests {
    /// Random texts of 0–24 bytes over a small alphabet (so that texts repeat), some non-ASCII,
    /// with canonically equivalent spellings in other bytes (`é` composed or not, the Kelvin sign).
    private static func randomTexts(_ count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let pieces = ["a", "b", "of", " ", "K", "\u{212A}", "\u{E9}", "e\u{301}", "’s", "CEO", "x"]
        var texts: [String] = []
        for _ in 0..<count {
            let length = Int(generator.next() % 6)
            var text = ""
            for _ in 0..<length {
                // Mostly ASCII pieces, so that a run of documents stays ASCII-only for a while.
                let index = Int(generator.next() % 100) < 85 ? Int(generator.next() % 4) : Int(generator.next() % UInt64(pieces.count))
                text += pieces[index]
            }
            texts.append(text)
        }
        return texts
    }

    @Test func triggerTableMatchesSpellingTable() {
        for seed in UInt64(1)...40 {
            let texts = Self.randomTexts(Int(seed) * 7, seed: seed)
            // The document: the texts one after another; each is interned by its range.
            var bytes: [UInt8] = []
            var ranges: [Range<Int>] = []
            for text in texts {
                let start = bytes.count
                bytes += Array(text.utf8)
                ranges.append(start..<bytes.count)
            }
            var table = TriggerTable(bytes: bytes)
            var spellings = SpellingTable()
            for range in ranges {
                let fast = table.intern(range)
                let slow = bytes.withUnsafeBufferPointer { all in
                    let text = UnsafeBufferPointer(rebasing: all[range])
                    return spellings.intern(bytes: text, string: { String(decoding: text, as: UTF8.self) })
                }
                #expect(fast == slow)
                #expect(table.name(spelling: fast.spelling) == spellings.name(spelling: slow.spelling))
                #expect(table.name(spelling: fast.spelling).utf8.elementsEqual(bytes[range]))
            }
            #expect(table.count == spellings.count)
        }
    }

    @Test func graphInternsBytesAsStrings() {
        for seed in UInt64(1)...20 {
            let texts = Self.randomTexts(200, seed: seed &* 0x9E37)
            var generator = SplitMix64(seed: seed)
            var byString = PartialGraph()
            var mixed = PartialGraph()
            for text in texts {
                let expected = byString.stringID(text)
                let bytes = Array(text.utf8)
                let found = generator.next() % 2 == 0
                    ? bytes.withUnsafeBufferPointer { mixed.stringID(utf8: $0) }
                    : mixed.stringID(text)
                #expect(found == expected)
            }
            #expect(Array(mixed.strings) == Array(byString.strings))
            #expect(mixed.strings.map { Array($0.utf8) } == byString.strings.map { Array($0.utf8) })
        }
    }
}
