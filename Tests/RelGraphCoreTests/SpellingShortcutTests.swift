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

    /// `intern(_:)` against an independent oracle: spelling ids numbered by first-seen exact
    /// bytes, identities the spelling id of the first name `String`'s `==` calls equal. The
    /// first names are ASCII, so the table's switch from bytes-only identities to its
    /// `Dictionary` happens mid-stream, with `K` before the Kelvin sign and `e` + combining
    /// accent after precomposed `é`.
    @Test func internMatchesAnOracleOfBytesAndStringEquality() {
        var table = SpellingTable()
        var spellingByBytes: [[UInt8]: Int32] = [:]
        var identityByString: [String: Int32] = [:]
        let asciiFirst = ["Kab", "K", "OpenAI", "ab", "Kab"]
        let names = asciiFirst + ["\u{212A}ab", "\u{212A}", "caf\u{E9}", "cafe\u{301}"] + Self.randomNames(400, seed: 0x0AC1E)
        var generator = SplitMix64(seed: 23)
        var shared = 0
        for round in 0..<(names.count + 6_000) {
            // Every name once in order, then at random; every third time in fresh storage.
            var name = round < names.count ? names[round] : names[Int(generator.next() % UInt64(names.count))]
            if round % 3 == 0 { name = String(decoding: Array(name.utf8), as: UTF8.self) }
            let bytes = Array(name.utf8)
            let expectedSpelling: Int32
            if let known = spellingByBytes[bytes] {
                expectedSpelling = known
            } else {
                expectedSpelling = Int32(spellingByBytes.count)
                spellingByBytes[bytes] = expectedSpelling
            }
            let expectedIdentity: Int32
            if let known = identityByString[name] {
                expectedIdentity = known
            } else {
                expectedIdentity = expectedSpelling
                identityByString[name] = expectedSpelling
            }
            let (spelling, identity) = table.intern(name)
            #expect(spelling == expectedSpelling, "\(name)")
            #expect(identity == expectedIdentity, "\(name)")
            #expect(Array(table.name(spelling: spelling).utf8) == bytes, "\(name)")
            if identity != spelling { shared += 1 }
        }
        #expect(table.count == spellingByBytes.count)
        // Equal texts in different bytes really were met (and `K`/Kelvin across the switch).
        #expect(shared > 50)
        #expect(table.intern("\u{212A}ab").identity == table.intern("Kab").spelling)
    }

    /// `SentenceRelations.preferNamesContaining(_:in:)` (a 64-bit mask of matches, bytes for
    /// ASCII names) reorders a pool exactly as `preferNamesContainingSlowly(_:in:)` and a
    /// stable partition by `lowercased().contains` do, for
    /// ranges of 2–65 candidates (64 is the mask's limit, 65 takes the slow path), ASCII and
    /// non-ASCII names, and nouns that are empty, ASCII, capitalized or non-ASCII.
    @Test func preferringNamesByMaskEqualsTheSlowPartition() {
        let lexicon = RelationLexicon.shared
        let text = AnalyzedText("")
        var table = SpellingTable()
        let names = Self.randomNames(200, seed: 0x9001) + ["OpenAI", "Kab", "\u{212A}ab", "caf\u{E9} Ab", "cafe\u{301} ab"]
        let referents = names.enumerated().map { table.referent($0.element, type: $0.offset % 2 == 0 ? .person : .organization) }
        var analysis = SentenceRelations(lexicon: lexicon, text: text, words: DocumentWords(text: text, lexicon: lexicon), names: table)
        let nouns = ["", "a", "b", "ab", "ba", "k", "kab", "K", "Ab", " a", "'", "\u{E9}", "e\u{301}", "caf\u{E9}", "\u{212A}", "openai", "zz"]
        var generator = SplitMix64(seed: 0x5EED)
        var reorderings = 0
        var nonASCIIRanges = 0
        for round in 0..<6_000 {
            let count = round % 10 == 0 ? 64 : round % 10 == 1 ? 65 : 2 + Int(generator.next() % 63)
            let offset = Int(generator.next() % 4)
            // A few candidates before the range, which neither path may touch.
            let pool = (0..<(offset + count)).map { _ in referents[Int(generator.next() % UInt64(referents.count))] }
            let noun = nouns[Int(generator.next() % UInt64(nouns.count))]
            let range = offset..<(offset + count)
            analysis.pool = ScratchList(pool)
            analysis.preferNamesContaining(noun, in: range)
            // Compared by spelling and type: `Referent`'s `==` calls equal spellings the same.
            let fast = analysis.pool.map { "\($0.spelling) \($0.identity) \($0.type)" }
            analysis.pool = ScratchList(pool)
            analysis.preferNamesContainingSlowly(noun, in: range)
            let slow = analysis.pool.map { "\($0.spelling) \($0.identity) \($0.type)" }
            #expect(fast == slow, "\(noun) over \(count)")
            // And both equal the definition, with no shared code: a stable partition of the
            // range by `lowercased().contains`.
            let inRange = Array(pool[range])
            let contains = { (referent: Referent) in table.name(spelling: referent.spelling).lowercased().contains(noun) }
            let partitioned = Array(pool[..<offset]) + inRange.filter(contains) + inRange.filter { !contains($0) }
            #expect(fast == partitioned.map { "\($0.spelling) \($0.identity) \($0.type)" }, "\(noun) over \(count)")
            if fast != pool.map({ "\($0.spelling) \($0.identity) \($0.type)" }) { reorderings += 1 }
            if range.contains(where: { !table.ascii[Int(pool[$0].spelling)] }) { nonASCIIRanges += 1 }
        }
        #expect(reorderings > 1000)
        #expect(nonASCIIRanges > 1000)
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
