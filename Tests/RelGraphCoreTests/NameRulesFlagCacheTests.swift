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
