@testable import RelGraphCore

/// One document of a small synthetic corpus, analyzed up to what the relation stage takes in.
struct RelationStageInput {
    let text: AnalyzedText
    let mentions: [Mention]
    /// Every mention's index, in document order (what the extractor passes per sentence).
    let order: [Int]
    let words: DocumentWords
}

/// The documents of a synthetic corpus as the relation stage receives them, for tests that
/// compare two ways of running `SentenceRelations` on the same sentences.
func relationStageInputs(seed: UInt64, megabytes: Double = 0.1) -> [RelationStageInput] {
    let corpus = SyntheticCorpus(seed: seed, megabytes: megabytes)
    let recognizer = Recognizer(lexicon: corpus.lexicon)
    return corpus.documents().map { document in
        let text = AnalyzedText(document.text)
        let mentions = recognizer.recognize(text)
        return RelationStageInput(text: text, mentions: mentions, order: Array(mentions.indices),
                                  words: DocumentWords(text: text, lexicon: RelationLexicon.shared))
    }
}
