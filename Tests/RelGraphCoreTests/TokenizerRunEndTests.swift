import Testing
@testable import RelGraphCore

/// `Tokenizer.takeWords` scans a word with no test for the end of the text, relying on the last
/// byte that is not an ASCII word byte (words that may reach the end go through the general
/// loop), and takes `word. `, `word, ` and paragraph-ending periods inside a run. Tokens, keys
/// and sentence-end candidates must equal the general loop's (`wordRuns: false`, a byte at a
/// time) and the tokens and keys the independent `ReferenceTokenizer`'s, wherever the text ends.
@Suite struct TokenizerRunEndTests {
    /// Every prefix of texts whose words have 1 to 17 bytes (8, 9, 16, 17 among them), all
    /// caps, digits, `_`, marks, joiners and non-ASCII letters: each prefix ends inside a word,
    /// on a mark or on a space, so the last stop byte falls everywhere in a run.
    @Test func everyPrefixEqualsTheByteLoop() {
        let texts = [
            "Musk said. OpenAI, the lab, replied. IBM and NASA agreed, then left. x",
            "abcdefgh abcdefghi ABCDEFGH ABCDEFGHI abcdefghijklmnop abcdefghijklmnopq ABCDEFGHIJKLMNOPQ",
            "2024 was 3M. A1B, B2B and _id_ met. AI. I. a. Q, z, 12345678. 123456789, end",
            "co-op U.S. firm. AT&T's 97.4 bn, 1,000. Café, résumé. naïve. Z.",
            "word.  word, \"quoted\". (aside), word.\nNext line, word. É word",
            "Paragraph ends.\n\nNext one, then.\n\n\nThird.\nFourth,\nfifth. \nSixth.\r\nSeventh.\n\n",
            "a. b, c. d, e.f g,h i. J, K. L",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            for length in 0...bytes.count {
                expectWordRunsMatchByteLoop(Array(bytes[0..<length]), "\(text) [..<\(length)]")
            }
        }
    }

    /// Texts of nothing but ASCII word bytes and spaces, or with their only mark or non-ASCII
    /// byte at the start: no byte stops a word near the end.
    @Test func textsWithoutALateStopEqualTheByteLoop() {
        let texts = ["word", "two words", "Word. then words to the end", ", a b c d e f g h i j k", "é abcdefghijklmnopq rs",
                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789", "x", "X Y", ". a", "a.", "a. ", "a,", "a, "]
        for text in texts { expectWordRunsMatchByteLoop(Array(text.utf8), text) }
    }

    /// Random runs of words of 1 to 20 bytes in every case, joined mostly by single spaces and
    /// by `. ` and `, `, with the breaks a run stops at: double spaces, line breaks, marks
    /// before quotes, joiners, possessives and non-ASCII bytes; the text ends anywhere.
    @Test func randomRunsWithMarksEqualTheByteLoop() {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".utf8)
        let joins = [" ", " ", " ", " ", " ", ". ", ". ", ", ", ", ", ".  ", ", \"", ".\n", ".\n\n", ".\n\n\n", ". \n", ".\n ",
                     ".\r\n", ",\n", ".\"", "'s ", "-", "&", ".", ",", "é ", " é", "\u{2019}s ", "…", "  ", "\n\n", " (", ") ",
                     "! ", "? "]
        var generator = SplitMix64(seed: 0x5E_2712)
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 24) {
                let length = 1 + Int(generator.next() % 20)
                let shape = generator.next() % 4
                for position in 0..<length {
                    var byte = letters[Int(generator.next() % UInt64(letters.count))]
                    // Whole words lowercase, capitalized or all caps often enough to matter.
                    if Tokenizer.isASCIILetter(byte) {
                        if shape == 0 || shape == 1 && position > 0 { byte |= 0x20 }
                        if shape == 2 || shape == 1 && position == 0 { byte &= ~0x20 }
                    }
                    bytes.append(byte)
                }
                bytes += Array(joins[Int(generator.next() % UInt64(joins.count))].utf8)
            }
            let cut = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count + 1))
            expectWordRunsMatchByteLoop(Array(bytes[0..<cut]), "\(bytes[0..<cut])")
        }
    }

    /// Runs of short words and marks denser than the first token buffer (one token per byte
    /// or two), of every length around where it fills: a mark taken inside a run must still
    /// fit the block that has room.
    @Test func denseMarksOfEveryLengthEqualTheByteLoop() {
        let pieces = ["a. ", "b, ", "I. ", "a ", "x,", ". ", ", ", "Z."]
        var generator = SplitMix64(seed: 0xDE_45E2)
        for length in 0...600 {
            var text = ""
            while text.utf8.count < length { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            expectWordRunsMatchByteLoop(Array(text.utf8), "dense \(length)")
        }
    }
}
