import Testing
@testable import RelGraphCore

/// `DocumentWords` computes suffix flags on demand (`flag(at:)`) and for one sentence at a time
/// (`fillFlags`), instead of for every token up front. Both must give, token by token, what
/// the `String` rules give, whatever path the token's bytes take.
@Suite struct RelationFlagTests {
    private static let lexicon = RelationLexicon.shared

    /// Random words of ASCII letters, suffixes, hyphens, curly apostrophes and other scripts, of
    /// every length around the eight- and sixteen-byte paths, plus punctuation and numbers.
    private static func randomText(seed: UInt64, words: Int) -> AnalyzedText {
        var generator = SplitMix64(seed: seed)
        let pieces = ["a", "B", "ly", "LY", "ing", "ed", "s", "ss", "ous", "n't", "n’t", "-", "é", "co", "x", "Q", "0", "’s", "'s"]
        var parts: [String] = []
        for _ in 0..<words {
            var word = ""
            for _ in 0..<(1 + Int(generator.next() % 9)) { word += pieces[Int(generator.next() % UInt64(pieces.count))] }
            parts.append(word)
            if generator.next() % 7 == 0 { parts.append([",", ".", "—", "“", "42"][Int(generator.next() % 5)]) }
        }
        return AnalyzedText(parts.joined(separator: " "))
    }

    @Test func flagsOnDemandFollowTheStringRules() {
        for seed in UInt64(1)...4 {
            let text = Self.randomText(seed: seed, words: 3_000)
            for twoChoiceTables in [true, false] {
                let words = DocumentWords(text: text, lexicon: Self.lexicon, twoChoiceTables: twoChoiceTables)
                for t in text.tokens.indices {
                    let token = text.tokens[t]
                    let word = RelationLexicon.normalize(text.text(of: token))
                    let flag = words.flag(at: t)
                    #expect(flag & ~DocumentWords.Flag.complex == DocumentWords.flags(of: word, kind: token.kind), "\(word)")
                    if word.utf8.contains(0x2D) { #expect(flag & DocumentWords.Flag.complex != 0, "\(word)") }
                }
            }
        }
    }

    /// Filling sentence by sentence, in any order, gives `flag(at:)` for every token and touches
    /// nothing outside the sentence.
    @Test func fillingOneSentenceWritesExactlyItsFlags() {
        let text = Self.randomText(seed: 9, words: 2_000)
        let words = DocumentWords(text: text, lexicon: Self.lexicon)
        #expect(text.sentences.count > 10)
        var flags = [UInt8](repeating: 0xFF, count: text.tokens.count)
        for sentence in text.sentences.reversed() {
            words.fillFlags(sentence.tokens, into: &flags)
            for t in sentence.tokens { #expect(flags[t] == words.flag(at: t)) }
            for t in 0..<sentence.tokens.lowerBound { #expect(flags[t] == 0xFF) }
        }
        #expect(flags == words.flags)
    }
}

/// `SentenceRelations.referent(named:type:)` caches names by their `String`'s bits: it must
/// give exactly the ids interning every name gives, for names that share a `String` value,
/// equal texts in distinct values, small and large strings and canonically equivalent spellings.
@Suite struct RelationNameCacheTests {
    @Test func cachedReferentsAreTheInternedOnes() {
        let text = AnalyzedText("Jane Roe sued Acme.")
        let lexicon = RelationLexicon.shared
        var analysis = SentenceRelations(lexicon: lexicon, text: text, words: DocumentWords(text: text, lexicon: lexicon))
        var table = SpellingTable()
        var generator = SplitMix64(seed: 21)
        let pieces = ["Acme", "Roe", "Jane", "Vailvara Media", "Corporation", "Zo\u{00EB}", "Zoe\u{0308}", "X", "Holdings International"]
        var shared: [String] = []
        for _ in 0..<200 {
            var name = ""
            for _ in 0..<(1 + Int(generator.next() % 3)) { name += (name.isEmpty ? "" : " ") + pieces[Int(generator.next() % UInt64(pieces.count))] }
            shared.append(name)
        }
        let types: [EntityType] = [.person, .organization, .product]
        for step in 0..<5_000 {
            let base = shared[Int(generator.next() % UInt64(shared.count))]
            // The same value, or a new `String` of the same bytes.
            let name = generator.next() % 2 == 0 ? base : String(decoding: Array(base.utf8), as: UTF8.self)
            let type = types[step % 3]
            let cached = analysis.referent(named: name, type: type)
            let interned = table.referent(name, type: type)
            #expect(cached.spelling == interned.spelling && cached.identity == interned.identity && cached.type == interned.type, "\(name)")
        }
        #expect(analysis.names.count == table.count)
    }
}
