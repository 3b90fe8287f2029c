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

    /// The word loop counts shape and key with flag arithmetic; both must equal the definitions
    /// (`WordSet.hash` of the token's bytes, capitals and letters counted one by one).
    @Test func fastWordShapeAndKeyEqualTheDefinitions() {
        let pieces = ["A", "b", "Z", "z", "Q", "m", "0", "7", "_", " ", " ", "\n", ".", ",", "'", "’", "-", "&", "@",
                      "é", "É", "ß", "U.S.", "a.m.", "Musk's", "IBM", "NASA", "x", "(", "\"", "$", "97.4", "1,000", "\u{2014}"]
        var generator = SplitMix64(seed: 0x7E57)
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int(generator.next() % 60) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let bytes = Array(text.utf8)
            let (tokens, keys) = Tokenizer.tokenizeWithKeys(bytes)
            #expect(tokens.count == keys.count)
            for (token, key) in zip(tokens, keys) {
                #expect(key == WordSet.hash(bytes, token.start, token.end))
                // The only spaces among the pieces are ASCII ones.
                let spaced = token.start == 0 || bytes[token.start - 1] == 0x20 || bytes[token.start - 1] == 0x0A
                #expect(token.spaceBefore == spaced, "\(text)")
                let word = bytes[token.start..<token.end]
                guard token.kind != .punctuation, word.allSatisfy({ $0 < 0x80 }) else { continue }
                let letters = word.filter { Tokenizer.isASCIILetter($0) }
                let capitals = letters.filter { $0 < 0x61 }
                #expect(token.isAllCaps == (letters.count >= 2 && capitals.count == letters.count), "\(text)")
                let leading = word.first == UInt8(ascii: "@") ? word.dropFirst() : word
                let first = leading.first ?? 0
                #expect(token.isCapitalized == (first >= 0x41 && first <= 0x5A), "\(text)")
                if word.first != UInt8(ascii: "@") {
                    #expect((token.kind == .number) == (word.first! >= 0x30 && word.first! <= 0x39), "\(text)")
                }
            }
        }
    }

    /// The splitter runs over buffers with byte-level shortcuts; on random text with line
    /// breaks, terminals, closers, openers and abbreviations it must give the sentences of the
    /// string-based splitter of commit 2b9c3cc (`ReferenceSentenceSplitter`).
    @Test func bufferSplitterEqualsReference() {
        let pieces = ["Mr", "Inc", "J", "word", "Name", "U.S.", "e.g", "x", "7", "é", "Élan", " ", " ", " ", "\n", "\n\n", "\r\n", "\r",
                      ".", ".", "!", "?", "…", "\"", "'", ")", "(", "[", "]", "\u{201C}", "\u{201D}", "\u{2019}", "\u{2014}", "-", "*",
                      "\u{2022}", ",", "@x", "iPhone", "xAI"]
        var generator = SplitMix64(seed: 0x5E47)
        for _ in 0..<600 {
            var text = ""
            for _ in 0..<Int(generator.next() % 80) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let bytes = Array(text.utf8)
            let (tokens, keys) = Tokenizer.tokenizeWithKeys(bytes)
            let expected = ReferenceSentenceSplitter.split(bytes: bytes, tokens: tokens)
            #expect(SentenceSplitter.split(bytes: bytes, tokens: tokens, keys: keys) == expected, "\(text)")
            #expect(SentenceSplitter.split(bytes: bytes, tokens: tokens) == expected, "\(text)")
        }
    }
}
