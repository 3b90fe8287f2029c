import Testing
@testable import RelGraphCore

@Suite struct TokenizerTests {
    private func words(_ text: String) -> [String] {
        let analyzed = AnalyzedText(text)
        return analyzed.tokens.map { analyzed.text(of: $0) }
    }

    @Test func splitsPossessivesWithStraightAndCurlyApostrophes() {
        #expect(words("Musk’s bid and OpenAI's reply") == ["Musk", "’s", "bid", "and", "OpenAI", "'s", "reply"])
    }

    @Test func keepsHyphensAbbreviationsAndNumbers() {
        #expect(words("the co-founder of U.S. firm AT&T paid $97.4 billion") ==
            ["the", "co-founder", "of", "U.S.", "firm", "AT&T", "paid", "$", "97.4", "billion"])
    }

    @Test func splitsSentencesButNotAfterAbbreviations() {
        let text = AnalyzedText("Mr. Smith met Dr. J. Doe at Acme Inc. in May. Then he left! Did he?")
        let sentences = text.sentences.map { text.text(of: $0) }
        #expect(sentences == ["Mr. Smith met Dr. J. Doe at Acme Inc. in May.", "Then he left!", "Did he?"])
    }

    @Test func lineBreaksEndHeadlinesButNotWrappedLines() {
        let text = AnalyzedText("Musk vs. Altman\nThe feud goes on and\non. It is old.")
        let sentences = text.sentences.map { text.text(of: $0) }
        #expect(sentences == ["Musk vs. Altman", "The feud goes on and on.", "It is old."])
    }
}
