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

    /// The same with each sentence's mentions listed last to first (the analysis sorts the
    /// mention starts it stops at), and the analysis's findings unchanged by the order.
    @Test func mentionsInAnyOrderGiveTheSameStops() {
        let lexicon = RelationLexicon.shared
        var stops = 0
        for input in relationStageInputs(seed: 6) {
            let (text, mentions) = (input.text, input.mentions)
            let reversed = Array(input.order.reversed())
            var inOrder = SentenceRelations(lexicon: lexicon, text: text, words: input.words)
            var outOfOrder = SentenceRelations(lexicon: lexicon, text: text, words: input.words)
            var inOrderMemory = ReferenceMemory()
            var outOfOrderMemory = ReferenceMemory()
            for sentence in text.sentences {
                inOrder.analyze(sentence, mentions: mentions, order: input.order[...], memory: &inOrderMemory)
                outOfOrder.analyze(sentence, mentions: mentions, order: reversed[...], memory: &outOfOrderMemory)
                #expect(Array(outOfOrder.mentionStarts) == Array(inOrder.mentionStarts))
                #expect(outOfOrder.found.array == inOrder.found.array)
                for start in outOfOrder.lo...outOfOrder.hi {
                    let fast = outOfOrder.nextNonPlain(from: start)
                    #expect(fast == outOfOrder.nextNonPlainSlowly(from: start))
                    if fast < outOfOrder.hi { stops += 1 }
                }
            }
        }
        #expect(stops > 100)
    }
}
