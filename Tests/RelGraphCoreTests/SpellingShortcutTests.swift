import Testing
@testable import RelGraphCore

/// The shortcuts the relation stage takes around `String`s give the answers the `String`s give:
/// name order from bytes (`SpellingTable.precedes`), interning `String`s by their bytes, and
/// the byte search for a description's noun in a name.
@Suite struct SpellingShortcutTests {
    /// Random names over a small alphabet with capitals, spaces, an apostrophe and non-ASCII
    /// letters (precomposed and decomposed `é`, the Kelvin sign), 0–30 bytes: short ones are
    /// stored inline in their `String`, long ones on the heap.
    private static func randomNames(_ count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let pieces = ["a", "b", "A", "B", "k", "K", " ", "'", "ab", "Ab", "\u{E9}", "e\u{301}", "\u{212A}", "z"]
        return (0..<count).map { _ in
            var name = ""
            for _ in 0..<Int(generator.next() % 18) { name += pieces[Int(generator.next() % UInt64(pieces.count))] }
            return name
        }
    }

    @Test func bytesOrderNamesAsStringsDo() {
        var table = SpellingTable()
        let names = Self.randomNames(600, seed: 0x0DE5)
        let referents = names.map { table.referent($0, type: .person) }
        var generator = SplitMix64(seed: 7)
        var asciiPairs = 0
        for _ in 0..<20_000 {
            let a = referents[Int(generator.next() % UInt64(referents.count))]
            let b = referents[Int(generator.next() % UInt64(referents.count))]
            #expect(table.precedes(a, b) == (table.name(a) < table.name(b)), "\(table.name(a)) \(table.name(b))")
            if table.ascii[Int(a.spelling)] && table.ascii[Int(b.spelling)] { asciiPairs += 1 }
        }
        #expect(asciiPairs > 1000)
        // Sorting by either gives one order.
        var byBytes = referents
        byBytes.sort { table.precedes($0, $1) }
        var byStrings = referents
        byStrings.sort { table.name($0) < table.name($1) }
        #expect(byBytes.map { table.name($0) } == byStrings.map { table.name($0) })
    }

    /// Interning `String`s (the same string objects again and again, and equal texts in fresh
    /// storage) numbers them as interning their bytes does.
    @Test func internedStringsGetTheirBytesIDs() {
        var byString = SpellingTable()
        var byBytes = SpellingTable()
        let names = Self.randomNames(300, seed: 0xCAC4E) + ["OpenAI", "Stargate Project and Partners Inc"]
        var generator = SplitMix64(seed: 11)
        for round in 0..<5_000 {
            var name = names[Int(generator.next() % UInt64(names.count))]
            // Every third time the same text in a new heap or inline string.
            if round % 3 == 0 { name = String(decoding: Array(name.utf8), as: UTF8.self) }
            let fromString = byString.intern(name)
            let bytes = Array(name.utf8)
            let fromBytes = bytes.withUnsafeBufferPointer { byBytes.intern(bytes: $0, string: { name }) }
            #expect(fromString == fromBytes, "\(name)")
        }
        #expect(byString.count == byBytes.count)
        #expect(byString.ascii == byBytes.ascii)
    }

    /// The byte search equals `lowercased().contains` for ASCII names and nouns.
    @Test func asciiNounSearchEqualsLowercasedContains() {
        var generator = SplitMix64(seed: 3)
        let letters = Array("abcABC -'".utf8)
        func word(_ maximum: UInt64) -> String {
            String(decoding: (0..<Int(generator.next() % maximum)).map { _ in letters[Int(generator.next() % UInt64(letters.count))] }, as: UTF8.self)
        }
        for _ in 0..<20_000 {
            var name = word(14)
            let noun = word(4).lowercased()
            guard !noun.isEmpty else { continue }
            var nounBytes = noun
            let fast = name.withUTF8 { nameBytes in
                nounBytes.withUTF8 { SentenceRelations.asciiName(nameBytes, contains: $0) }
            }
            #expect(fast == name.lowercased().contains(noun), "\(name) \(noun)")
        }
    }
}
