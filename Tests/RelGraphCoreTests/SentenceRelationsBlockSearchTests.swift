import Testing
@testable import RelGraphCore

/// `isBlocked(_:)`'s walk over the tables' buffers (`lastBlockSearchStop(from:floor:)`) stops
/// where the token-by-token walk through `passesInBlockSearch(_:)` stops, from every token of
/// every sentence and floors at and past the sentence start, on word salad where negations,
/// commas and clause marks fall anywhere.
@Suite struct SentenceRelationsBlockSearchTests {
    private static func saladText(seed: UInt64) -> String {
        var generator = SplitMix64(seed: seed)
        let words = RelationLexicon.shared.vocabulary.words
        let extra = ["not", "never", "n't", "may", "May", "if", "that", ",", ";", "—", "-", "(", ")", "\"", "denied", "Musk", "OpenAI", "the company"]
        var text = ""
        for _ in 0..<60 {
            var sentence: [String] = []
            for _ in 0..<(2 + Int(generator.next() % 30)) {
                if generator.next() % 3 == 0 {
                    sentence.append(extra[Int(generator.next() % UInt64(extra.count))])
                } else {
                    sentence.append(words[Int(generator.next() % UInt64(words.count))])
                }
            }
            text += sentence.joined(separator: " ") + ". "
        }
        return text
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func bufferWalkStopsWhereTheTokenWalkStops(seed: UInt64) {
        let lexicon = RelationLexicon.shared
        let text = AnalyzedText(Self.saladText(seed: seed))
        let recognizer = RelationFixtures.extractor.recognizer
        let mentions = recognizer.recognize(text)
        let order = Array(mentions.indices)
        var analysis = SentenceRelations(lexicon: lexicon, text: text, words: DocumentWords(text: text, lexicon: lexicon))
        var memory = ReferenceMemory()
        var stops = 0
        var passed = 0
        for (index, sentence) in text.sentences.enumerated() {
            memory.sentence = index
            analysis.analyze(sentence, mentions: mentions, order: order[...], memory: &memory)
            let lo = analysis.lo
            for start in (lo - 1)..<analysis.hi {
                for floor in [lo, lo + 1, start - 2, start] where floor >= lo {
                    var t = start
                    while t >= floor, analysis.passesInBlockSearch(t) { t -= 1 }
                    #expect(analysis.lastBlockSearchStop(from: start, floor: floor) == t)
                    if t >= floor { stops += 1 }
                    passed += start - t
                }
            }
        }
        #expect(stops > 100 && passed > 100)
    }
}
