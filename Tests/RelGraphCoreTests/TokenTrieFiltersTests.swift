import Testing
@testable import RelGraphCore

/// The trie's filters read through pointers (`TokenTrie.withFilters`, which the name rules
/// hold) answer as the trie's own methods, and never reject where a key matches.
struct TokenTrieFiltersTests {
    @Test func filtersAnswerAsTheTrie() {
        // The synthetic corpus's own lexicon, whose names its documents mention.
        let synthetic = SyntheticCorpus(seed: 17, megabytes: 0.05)
        let trie = Recognizer(lexicon: synthetic.lexicon).trie
        var checked = 0, matches = 0
        trie.withFilters { filters in
            for document in 0..<12 {
                let text = AnalyzedText(synthetic.document(at: document).text)
                for index in text.tokens.indices {
                    let key = text.wordKeys[index]
                    let first = text.bytes[text.tokens[index].start]
                    let next = index + 1 < text.tokens.count ? text.wordKeys[index + 1] : nil
                    #expect(filters.mayStartKey(key) == trie.mayStartKey(key))
                    #expect(filters.mayStartKey(key, firstByte: first) == trie.mayStartKey(key, firstByte: first))
                    #expect(filters.mayStartKeyByCase(key, firstByte: first) == trie.mayStartKeyByCase(key, firstByte: first))
                    #expect(filters.mayMatch(key, followedBy: next) == trie.mayMatch(key, followedBy: next))
                    if trie.plainMatchLength(in: text, from: index, limit: text.tokens.count) != nil {
                        #expect(filters.mayStartKey(key, firstByte: first) && filters.mayMatch(key, followedBy: next))
                        matches += 1
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
        #expect(matches > 20)
    }
}
