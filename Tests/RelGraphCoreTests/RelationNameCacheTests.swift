import Testing
@testable import RelGraphCore

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
