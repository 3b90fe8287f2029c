import Testing
@testable import RelGraphCore

/// `SentenceRelations.nextNonPlain(from:)` skips plain words over the tables' raw buffers; it
/// must stop exactly where the checked token-by-token test does, from every start in every
/// sentence.
@Suite struct RelationScanTests {
    @Test func skippingPlainWordsEqualsTheTokenByTokenTest() {
        let corpus = SyntheticCorpus(seed: 5, megabytes: 0.1)
        let recognizer = Recognizer(lexicon: corpus.lexicon)
        let lexicon = RelationLexicon.shared
        var starts = 0
        var stops = 0
        for document in corpus.documents() {
            let text = AnalyzedText(document.text)
            let mentions = recognizer.recognize(text)
            let order = Array(mentions.indices)
            var analysis = SentenceRelations(lexicon: lexicon, text: text, words: DocumentWords(text: text, lexicon: lexicon))
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
