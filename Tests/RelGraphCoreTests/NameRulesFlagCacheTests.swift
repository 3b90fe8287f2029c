import Testing
@testable import RelGraphCore

/// The cue answers a worker's `NameRulesScratch` keeps across documents (`CueFlagCache`): rules
/// that answer from it recognize what rules with an empty cache of their own recognize, also
/// when the scratch serves recognizers of different cue lists in turn.
@Suite struct NameRulesFlagCacheTests {
    /// An empty entry holds no key of its own slot, so no key asked matches it.
    @Test func emptyEntriesMatchNoKeyOfTheirSlot() {
        let entries = CueFlagCache.makeEmpty()
        defer { entries.deallocate() }
        var generator = SplitMix64(seed: 0xF1A6)
        for slot in 0..<CueFlagCache.entryCount {
            #expect(CueFlagCache.slot(entries[slot].key) != slot)
            // A random key placed in this slot (its top ten bits set to the slot's).
            let key = generator.next() & (UInt64.max >> 10) | UInt64(slot) << 54
            #expect(CueFlagCache.slot(key) == slot && entries[slot].key != key)
        }
    }

    /// Rules without a scratch read the shared empty cache and never write it (it serves every
    /// thread): after recognizing documents and asking `isCommon` of every word, every entry
    /// is still empty, and the answers equal the definition.
    @Test func rulesWithoutScratchLeaveTheSharedCacheEmpty() {
        let corpus = SyntheticCorpus(seed: 47, megabytes: 0.05)
        let recognizer = Recognizer(lexicon: corpus.lexicon)
        var mentions = 0
        for text in corpus.documents().map(\.text) {
            let analyzed = AnalyzedText(text)
            mentions += recognizer.recognize(analyzed).count
            NameRules.withRules(for: analyzed, cueIndex: recognizer.cueIndex, trie: recognizer.trie) { rules in
                for (index, token) in analyzed.tokens.enumerated() where token.kind == .word {
                    let expected = !recognizer.cueIndex.flags(analyzed.wordKeys[index]).isDisjoint(with: [.commonWord, .notName])
                        || rules.isInflectedCommonWord(token.start, token.end)
                    #expect(rules.isCommon(index) == expected)
                }
            }
        }
        #expect(mentions > 100)
        for slot in 0..<CueFlagCache.entryCount {
            #expect(CueFlagCache.slot(CueFlagCache.empty[slot].key) != slot && CueFlagCache.empty[slot].commonLength == 0)
        }
    }

    /// `isCommon`, answered from the cache for a token of a key and byte count seen before,
    /// equals its definition on every word token: of words in several cases, with `'` or `’`
    /// inside and inflection suffixes (the same key at different byte counts, and different
    /// cases at the same count), across documents through one scratch.
    @Test func keptCommonAnswersEqualTheDefinition() {
        let recognizer = Recognizer(lexicon: Lexicon(entries: []))
        let scratch = NameRulesScratch()
        var generator = SplitMix64(seed: 0xC0CC)
        let stems = ["walk", "Walk", "WALK", "report", "Report", "o'brien", "O’Brien", "don’t", "don't", "rock’n", "rock'n",
                     "es", "a’", "a'", "ing", "the", "The", "Musk", "musk", "Vailvara", "vote", "Vote", "ed"]
        let suffixes = ["", "", "s", "es", "ed", "d", "ing", "’s", "'s", "S", "ED", "ING"]
        var checked = 0, common = 0
        for _ in 0..<30 {
            let words = (0..<200).map { _ in generator.pick(stems) + generator.pick(suffixes) }
            let text = AnalyzedText(words.joined(separator: " ") + ".")
            NameRules.withRules(for: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie, scratch: scratch) { rules in
                for (index, token) in text.tokens.enumerated() where token.kind == .word {
                    let expected = !recognizer.cueIndex.flags(text.wordKeys[index]).isDisjoint(with: [.commonWord, .notName])
                        || rules.isInflectedCommonWord(token.start, token.end)
                    #expect(rules.isCommon(index) == expected, "\(text.text(of: token))")
                    checked += 1
                    if expected { common += 1 }
                }
            }
        }
        #expect(checked > 5_000)
        #expect(common > 1_000 && common < checked - 1_000)
    }

    /// Documents alternately through two recognizers (the bundled cue lists, and lists where
    /// the words differ) sharing one scratch give what each gives with no scratch.
    @Test func keptAnswersGiveWhatAnEmptyCacheGives() {
        let corpus = SyntheticCorpus(seed: 43, megabytes: 0.1)
        let bundled = Recognizer(lexicon: corpus.lexicon)
        // Common words of the documents made given names and surnames, some given names not.
        let texts = corpus.documents().map(\.text)
        var words = Set<String>()
        for text in texts.prefix(10) {
            let analyzed = AnalyzedText(text)
            for token in analyzed.tokens where token.kind == .word && token.isCapitalized { words.insert(NameCues.normalize(analyzed.text(of: token))) }
        }
        let sorted = words.sorted()
        let other = Recognizer(lexicon: corpus.lexicon, cues: NameCues(
            givenNames: Set(sorted.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)),
            surnames: Set(sorted.enumerated().filter { $0.offset % 3 == 1 }.map(\.element)),
            commonWords: Set(sorted.enumerated().filter { $0.offset % 4 == 2 }.map(\.element)),
            cues: [(kind: "title", word: "chief"), (kind: "orgsuffix", word: "labs")]
        ))
        let scratch = NameRulesScratch()
        var mentions = 0, differing = 0
        for (index, text) in texts.enumerated() {
            let analyzed = AnalyzedText(text)
            // Each recognizer twice in a row, then the other: the cache is kept, then emptied.
            for recognizer in index % 2 == 0 ? [bundled, bundled, other] : [other, other, bundled] {
                let fresh = recognizer.recognizeWithNames(analyzed)
                let kept = recognizer.recognizeWithNames(analyzed, scratch: scratch)
                #expect(kept.mentions == fresh.mentions)
                #expect(kept.names.strings == fresh.names.strings)
                mentions += fresh.mentions.count
            }
            if bundled.recognize(analyzed) != other.recognize(analyzed) { differing += 1 }
        }
        #expect(mentions > 1_000)
        // The two lists name differently, so a stale answer would show.
        #expect(differing > 10)
    }
}
