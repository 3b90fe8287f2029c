import Testing
@testable import RelGraphCore

/// The splitter decides most periods by the length of the word before them
/// (`SentenceSplitter.Abbreviations`): these check the bounds and compare with the string-based
/// reference on words around them.
@Suite struct SentenceAbbreviationTests {
    @Test func boundsOfTheBundledList() {
        let abbreviations = SentenceSplitter.Abbreviations(TextResources.abbreviations)
        let longest = TextResources.abbreviations.map(\.utf8.count).max() ?? 0
        #expect(abbreviations.asciiLongest == max(1, longest))
        #expect(abbreviations.anyLongest == max(4, 4 * longest))
        // Capitalized and look-alike spellings that lowercase to an abbreviation stay within the bound.
        let lookAlikes: [Character: String] = ["k": "\u{212A}", "i": "\u{0130}", "s": "\u{017F}"]
        for word in TextResources.abbreviations {
            #expect(word.uppercased().utf8.count <= abbreviations.anyLongest)
            let lookAlike = word.map { lookAlikes[$0] ?? String($0) }.joined()
            if TextResources.abbreviations.contains(lookAlike.lowercased()) {
                #expect(lookAlike.utf8.count <= abbreviations.anyLongest)
            }
        }
    }

    @Test func noBoundWithANonASCIIAbbreviation() {
        #expect(SentenceSplitter.Abbreviations(["mr", "\u{00E9}t"]).anyLongest == Int.max)
        #expect(SentenceSplitter.Abbreviations([]).asciiLongest == 1)
    }

    /// Words of every length up to past both bounds, ASCII and not, before a period and a
    /// capitalized word: the sentences of `ReferenceSentenceSplitter`.
    @Test func wordsAroundTheBoundsSplitAsTheReference() {
        let letters = ["a", "K", "s", "\u{212A}", "\u{00E9}", "\u{0130}", "\u{017F}", "t", "x", "\u{2019}"]
        var generator = SplitMix64(seed: 0xAB8E)
        for _ in 0..<800 {
            var text = ""
            for _ in 0..<(1 + Int(generator.next() % 6)) {
                let length = 1 + Int(generator.next() % 30)
                for _ in 0..<length { text += letters[Int(generator.next() % UInt64(letters.count))] }
                text += generator.next() % 4 == 0 ? " Mr. " : ". Then "
            }
            let bytes = Array(text.utf8)
            let (tokens, keys) = Tokenizer.tokenizeWithKeys(bytes)
            let expected = ReferenceSentenceSplitter.split(bytes: bytes, tokens: tokens)
            #expect(SentenceSplitter.split(bytes: bytes, tokens: tokens, keys: keys) == expected, "\(text)")
            #expect(SentenceSplitter.split(bytes: bytes, tokens: tokens) == expected, "\(text)")
            #expect(AnalyzedText(text).sentences == expected, "\(text)")
        }
    }
}
