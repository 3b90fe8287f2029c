import Testing
@testable import RelGraphCore

/// The ASCII word loop has two copies: one for words whose first byte is a lowercase letter,
/// which counts no shape (such a word is never capitalized nor all caps), and one for every
/// other word. Both must tokenize as the independent `ReferenceTokenizer`, with the keys of
/// `WordSet.hash`, whatever follows the first byte.
@Suite struct TextWordLoopTests {
    private func expectMatchesReference(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        let expected = ReferenceTokenizer.tokenize(bytes)
        let (tokens, keys) = Tokenizer.tokenizeWithKeys(bytes)
        #expect(tokens == expected, "\(label())")
        #expect(keys == expected.map { WordSet.hash(bytes, $0.start, $0.end) }, "\(label())")
    }

    /// Words that start lowercase and go on with capitals, digits, `_`, joiners, possessives and
    /// non-ASCII letters, next to words that start with a capital, a digit or `_`, and handles.
    @Test func lowercaseAndOtherLeadsTokenizeAsTheReference() {
        let leads = ["a", "i", "x", "z", "e", "A", "I", "Z", "0", "9", "_", "@", "@a", "@A", "é", "É"]
        let tails = ["", "b", "B", "Phone", "AI", "BM", "IT", "1", "42", "_", "_x", "'s", "’s", "'S", "'t", "-in-law", "&T",
                     ".m.", ".", ",", ",000", ".5", "é", "É", "ß", "\u{0301}", "xyzXYZ", "QQ", "q"]
        let gaps = [" ", " ", " ", "  ", "\n", ", ", ". ", "! ", "\t", "", "(", ")", "\u{00A0}", "’"]
        var generator = SplitMix64(seed: 0x10_7E4D)
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<Int(generator.next() % 24) {
                text += leads[Int(generator.next() % UInt64(leads.count))]
                for _ in 0..<Int(generator.next() % 3) { text += tails[Int(generator.next() % UInt64(tails.count))] }
                text += gaps[Int(generator.next() % UInt64(gaps.count))]
            }
            expectMatchesReference(Array(text.utf8), text)
        }
    }

    /// Long words of every length up to 300 bytes, lowercase-initial or not, some all caps,
    /// some with one capital or one lowercase letter at any place, at the end of the text or
    /// followed by a space.
    @Test func longWordsTokenizeAsTheReference() {
        var generator = SplitMix64(seed: 0x1_0A6E)
        for length in 1...300 {
            for variant in 0..<6 {
                var word = (0..<length).map { _ -> UInt8 in
                    let roll = generator.next()
                    switch variant {
                    case 0: return 0x61 + UInt8(roll % 26)
                    case 1, 2: return 0x41 + UInt8(roll % 26)
                    default: return roll % 4 == 0 ? 0x30 + UInt8(roll % 10) : (roll % 2 == 0 ? 0x41 : 0x61) + UInt8((roll >> 8) % 26)
                    }
                }
                let place = Int(generator.next() % UInt64(length))
                if variant == 2 { word[place] = 0x61 + UInt8(generator.next() % 26) }
                if variant == 3 { word[0] = 0x61 }
                let bytes = generator.next() % 2 == 0 ? word : word + [0x20] + word + [0x2E]
                expectMatchesReference(bytes, "length \(length) variant \(variant)")
            }
        }
    }

    /// Text denser than the first token buffer allows (one token a byte or two), of every length
    /// around where the buffer fills, so that room runs out at every kind of step: the buffer is
    /// checked once per block of bytes, not per step.
    @Test func denseTextOfEveryLengthTokenizesAsTheReference() {
        let pieces = ["a", ".", ",", "A", "1", " ", "(", "'s", "é", "\n", "B.", "x,"]
        var generator = SplitMix64(seed: 0xDE_5E)
        for length in 0...700 {
            var text = ""
            while text.utf8.count < length { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            expectMatchesReference(Array(text.utf8), "dense \(length)")
        }
    }
}
