import Foundation
import Testing
@testable import RelGraphCore

/// Whole tokenizations and sentence splits against the independent references
/// (`ReferenceTokenizer`, `ReferenceSentenceSplitter`), on random text and on real articles.
@Suite struct TextOracleTests {
    /// Tokens (ranges, kinds, shapes, `spaceBefore`), keys (`WordSet.hash` of each token's
    /// bytes) and sentences of `bytes` equal the references'.
    private func expectMatchesReferences(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        let expected = ReferenceTokenizer.tokenize(bytes)
        let (tokens, keys) = Tokenizer.tokenizeWithKeys(bytes)
        #expect(tokens == expected, "\(label())")
        #expect(keys == expected.map { WordSet.hash(bytes, $0.start, $0.end) }, "\(label())")
        #expect(SentenceSplitter.split(bytes: bytes, tokens: tokens, keys: keys) == ReferenceSentenceSplitter.split(bytes: bytes, tokens: expected), "\(label())")
        let analyzed = AnalyzedText(bytes: bytes)
        #expect(analyzed.tokens == tokens && analyzed.wordKeys == keys, "\(label())")
    }

    /// Random text from pieces that exercise every rule: joiners, possessives, dotted
    /// abbreviations, numbers, handles, non-ASCII letters, marks, spaces and emoji.
    @Test func randomTextTokenizesAsTheReference() {
        let pieces = ["A", "b", "Z", "z", "Musk", "OpenAI", "iPhone", "xAI", "0", "7", "97.4", "1,000", "_", " ", " ", " ", "\n", "\t",
                      "\r\n", ".", ",", "'", "’", "s", "S", "-", "&", "@", "U.S.", "a.m.", "J.", "é", "É", "ß", "Ω", "ö", "\u{0301}",
                      "\u{2010}", "\u{2011}", "\u{2014}", "\u{00A0}", "\u{200B}", "\u{FEFF}", "…", "“", "”", "\"", "(", ")", "$",
                      "😀", "١٢", "日本", "Mr", "Inc", "!", "?"]
        var generator = SplitMix64(seed: 0x70_4B3E)
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<Int(generator.next() % 70) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            expectMatchesReferences(Array(text.utf8), text)
        }
    }

    /// Arbitrary bytes, invalid UTF-8 included (the tokenizer reads a bad byte as U+FFFD of
    /// length 1, as the reference does).
    @Test func randomBytesTokenizeAsTheReference() {
        let favoured: [UInt8] = [0x20, 0x0A, 0x2E, 0x27, 0x2D, 0x26, 0x2C, 0x40, 0x41, 0x61, 0x73, 0x53, 0x31, 0xE2, 0x80, 0x99, 0xC3, 0xA9, 0xFF]
        var generator = SplitMix64(seed: 0xB17E5)
        for _ in 0..<1500 {
            let count = Int(generator.next() % 48)
            let bytes = (0..<count).map { _ -> UInt8 in
                let roll = generator.next()
                return roll % 3 == 0 ? UInt8(truncatingIfNeeded: roll >> 8) : favoured[Int((roll >> 8) % UInt64(favoured.count))]
            }
            expectMatchesReferences(bytes, "\(bytes)")
        }
    }

    /// The real articles of `Corpus/` and a slice of the synthetic corpus.
    @Test func articlesTokenizeAsTheReference() throws {
        let documents = try CorpusReader(path: TestPaths.corpus).readAll()
        #expect(!documents.isEmpty)
        for document in documents { expectMatchesReferences(document.utf8, document.name) }
        let synthetic = SyntheticCorpus(seed: 11, megabytes: 0.3)
        for index in 0..<40 { expectMatchesReferences(synthetic.document(at: index).utf8, "synthetic \(index)") }
    }
}
