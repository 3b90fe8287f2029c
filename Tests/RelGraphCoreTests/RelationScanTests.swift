import Testing
@testable import RelGraphCore

/// `SentenceRelations.nextNonPlain(from:)` skips plain words over the tables' raw buffers; it
/// must stop exactly where the checked token-by-token test does, from every start in every
/// sentence.
@Suite struct RelationScanTests {
    @Test func skippingPlainWordsEqualsTheTokenByTokenTest() {
        let lexicon = RelationLexicon.shared
        var starts = 0
        var stops = 0
        for input in relationStageInputs(seed: 5) {
            let (text, mentions, order) = (input.text, input.mentions, input.order)
            var analysis = SentenceRelations(lexicon: lexicon, text: text, words: input.words)
            var memory = ReferenceMemory()
            for sentence in text.sentences {
                analysis.analyze(sentence, mentions: mentions, order: order[...], memory: &memory)
                for start in analysis.lo...analysis.hi {
                    let fast = analysis.nextNonPlain(from: start)
                    #expect(fast == analysis.nextNonPlainSlowly(from: start))
                    starts += 1
                    if fast < analysis.hi { stops += 1 }
                }
            }
        }
        #expect(starts > 1000 && stops > 100)
    }
}
