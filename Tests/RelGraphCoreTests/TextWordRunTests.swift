import Testing
@testable import RelGraphCore

/// `Tokenizer.takeWords` takes runs of plain ASCII words in a loop of its own and leaves every
/// word that a joiner or a non-ASCII byte might continue to the general loop. With it and
/// without it (`wordRuns: false`, every word through the general loop) the tokens, keys and
/// sentence-end candidates must be the same, and the tokens and keys those of the independent
/// `ReferenceTokenizer`, whatever the bytes.
@Suite struct TextWordRunTests {
    /// Words of every shape joined by single spaces (the runs), broken by joiners, possessives,
    /// non-ASCII letters and spaces, marks, line breaks and double spaces.
    @Test func wordRunsEqualTheGeneralLoop() {
        let words = ["a", "the", "said", "Musk", "IBM", "AI", "A", "x1", "2024", "3M", "_id", "iPhone", "OpenAI", "zz_Top", "Q"]
        let joins = [" ", " ", " ", " ", "  ", "\n", "\r\n", "\t", ". ", ", ", ".", ",", "'s ", "’s ", "'S", "'", "’", "-", "-x",
                     "&", "&T ", ".m.", ",000", ".5", "é", " é", "É ", "\u{00A0}", "\u{200B}", "…", "(", ")", "!", "? ", "@", "\""]
        var generator = SplitMix64(seed: 0x3A_11C5)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 30) {
                text += words[Int(generator.next() % UInt64(words.count))]
                text += joins[Int(generator.next() % UInt64(joins.count))]
            }
            expectWordRunsMatchByteLoop(Array(text.utf8), text)
        }
    }

    /// Arbitrary bytes, mostly ASCII word bytes and spaces, with joiners, UTF-8 lead and
    /// continuation bytes and invalid bytes among them.
    @Test func randomBytesEqualTheGeneralLoop() {
        let favoured: [UInt8] = [0x20, 0x20, 0x20, 0x61, 0x65, 0x73, 0x7A, 0x41, 0x5A, 0x53, 0x30, 0x39, 0x5F, 0x27, 0x2D,
                                 0x26, 0x2E, 0x2C, 0x40, 0x0A, 0x0D, 0x09, 0xE2, 0x80, 0x99, 0xA6, 0xC3, 0xA9, 0xFF, 0x7F]
        var generator = SplitMix64(seed: 0xB7_7E5)
        for _ in 0..<3000 {
            let length = Int(generator.next() % 90)
            let bytes = (0..<length).map { _ -> UInt8 in
                let roll = generator.next()
                return roll % 4 == 0 ? UInt8(truncatingIfNeeded: roll >> 8) : favoured[Int((roll >> 8) % UInt64(favoured.count))]
            }
            expectWordRunsMatchByteLoop(bytes, "\(bytes)")
        }
    }

    /// Runs of one-letter words, denser than the first token buffer, of every length around
    /// where the buffer fills: a run stops at the end of the block that has room.
    @Test func denseRunsOfEveryLengthEqualTheGeneralLoop() {
        let pieces = ["a ", "b ", "I ", "a", ". ", "x,", "é "]
        var generator = SplitMix64(seed: 0xD_E45E)
        for length in 0...600 {
            var text = ""
            while text.utf8.count < length { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            expectWordRunsMatchByteLoop(Array(text.utf8), "dense \(length)")
        }
    }
}
