import Testing
@testable import RelGraphCore

/// The extractor hands each sentence's mentions to the analysis in document order, no longer
/// sorted by first token: the analysis must find the same as with the stably sorted order the
/// extractor used to pass, also for mentions that are not in order (shuffled here) and for
/// mentions sharing a first token.
@Suite struct RelationMentionOrderTests {
    @Test(arguments: [0, 1, 2])
    func documentOrderFindsWhatSortedOrderFinds(seed: UInt64) {
        let lexicon = RelationLexicon.shared
        let corpus = SyntheticCorpus(seed: 11, megabytes: 0.05)
        let recognizer = Recognizer(lexicon: corpus.lexicon)
        var generator = SplitMix64(seed: seed)
        var compared = 0
        for document in corpus.documents() {
            let text = AnalyzedText(document.text)
            var mentions = recognizer.recognize(text)
            // Seed 0 keeps the recognizer's order; the others shuffle it and repeat some
            // mentions, so that starts are out of order and shared.
            if seed > 0 {
                for _ in 0..<(mentions.count / 4) where !mentions.isEmpty {
                    mentions.append(mentions[Int(generator.next() % UInt64(mentions.count))])
                }
                for k in mentions.indices.reversed() where k > 0 {
                    mentions.swapAt(k, Int(generator.next() % UInt64(k + 1)))
                }
            }
            var plain = SentenceRelations(lexicon: lexicon, text: text, words: DocumentWords(text: text, lexicon: lexicon))
            var sorted = SentenceRelations(lexicon: lexicon, text: text, words: DocumentWords(text: text, lexicon: lexicon))
            var plainMemory = ReferenceMemory()
            var sortedMemory = ReferenceMemory()
            for (index, sentence) in text.sentences.enumerated() {
                let inDocumentOrder = mentions.indices.filter { mentions[$0].sentence == index }
                // The stable sort the extractor made.
                let bySortedStart = inDocumentOrder.enumerated()
                    .sorted { (mentions[$0.element].tokens.lowerBound, $0.offset) < (mentions[$1.element].tokens.lowerBound, $1.offset) }
                    .map(\.element)
                plainMemory.sentence = index
                sortedMemory.sentence = index
                plain.analyze(sentence, mentions: mentions, order: inDocumentOrder[...], memory: &plainMemory)
                sorted.analyze(sentence, mentions: mentions, order: bySortedStart[...], memory: &sortedMemory)
                #expect(plain.found.array == sorted.found.array)
                #expect(plain.slots.map(\.tokens) == sorted.slots.map(\.tokens))
                #expect(plain.pool.array == sorted.pool.array)
                #expect(Array(plain.mentionStarts) == Array(sorted.mentionStarts))
                compared += plain.found.count
            }
        }
        #expect(compared > 0)
    }
}
