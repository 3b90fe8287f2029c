import Testing
@testable import RelGraphCore

/// The shortcuts of text analysis against the paths they replace: the splitter that decides
/// only at the tokenizer's candidates against the scan of every token, and the tokenizer's
/// one-pass candidates against their definition.
@Suite struct TextCandidateTests {
    /// The candidates by their definition: terminal marks, and tokens followed by a gap (or the
    /// end of the text) with a line feed or carriage return.
    private func expectedCandidates(_ bytes: [UInt8], _ tokens: [Token]) -> [Int] {
        tokens.indices.filter { index in
            let token = tokens[index]
            let mark = Array(bytes[token.start..<token.end])
            if token.kind == .punctuation, [[0x2E], [0x21], [0x3F], [0xE2, 0x80, 0xA6]].contains(mark) { return true }
            let gapEnd = index + 1 < tokens.count ? tokens[index + 1].start : bytes.count
            return bytes[token.end..<gapEnd].contains { $0 == 0x0A || $0 == 0x0D }
        }
    }

    private func expectAgrees(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        let (tokens, keys, candidates, isASCII) = Tokenizer.analyze(bytes)
        #expect(isASCII == bytes.allSatisfy { $0 < 0x80 }, "\(label())")
        let (plainTokens, plainKeys) = Tokenizer.tokenizeWithKeys(bytes)
        #expect(tokens == plainTokens && keys == plainKeys, "\(label())")
        #expect(candidates == expectedCandidates(bytes, tokens), "\(label())")
        let full = SentenceSplitter.split(bytes: bytes, tokens: tokens, keys: keys)
        #expect(SentenceSplitter.split(bytes: bytes, tokens: tokens, keys: keys, candidates: candidates, isASCII: isASCII) == full, "\(label())")
        let analyzed = AnalyzedText(bytes: bytes)
        #expect(analyzed.sentences == full, "\(label())")
        #expect(analyzed.sentences == ReferenceSentenceSplitter.split(bytes: bytes, tokens: ReferenceTokenizer.tokenize(bytes)), "\(label())")
    }

    /// Random text from pieces that exercise the splitter's rules: line breaks of every kind
    /// (a trailing one too), terminals with closers, openers, abbreviations and initials.
    @Test func candidateSplitEqualsFullSplitOnRandomText() {
        let pieces = ["Mr", "Inc", "J", "word", "Name", "U.S.", "e.g", "x", "7", "é", "Élan", " ", " ", " ", "\n", "\n\n", "\r\n", "\r",
                      ".", ".", "!", "?", "…", "\"", "'", ")", "(", "[", "]", "\u{201C}", "\u{201D}", "\u{2019}", "\u{2014}", "-", "*",
                      "\u{2022}", ",", "@x", "iPhone", "xAI", "\u{2028}", "\u{00A0}", "\t", "...", "?!", "97.4", "IBM", "NASA"]
        var generator = SplitMix64(seed: 0xCA_4D1D)
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<Int(generator.next() % 80) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            expectAgrees(Array(text.utf8), text)
        }
    }

    /// Arbitrary bytes, invalid UTF-8 and control bytes included.
    @Test func candidateSplitEqualsFullSplitOnRandomBytes() {
        let favoured: [UInt8] = [0x20, 0x0A, 0x0D, 0x2E, 0x21, 0x3F, 0x22, 0x29, 0x41, 0x61, 0x4D, 0xE2, 0x80, 0xA6, 0x9D, 0xFF]
        var generator = SplitMix64(seed: 0xB0_7E5)
        for _ in 0..<1500 {
            let count = Int(generator.next() % 60)
            let bytes = (0..<count).map { _ -> UInt8 in
                let roll = generator.next()
                return roll % 3 == 0 ? UInt8(truncatingIfNeeded: roll >> 8) : favoured[Int((roll >> 8) % UInt64(favoured.count))]
            }
            expectAgrees(bytes, "\(bytes)")
        }
    }

    /// Dense text that makes the tokenizer retry with a larger buffer keeps its candidates once.
    @Test func candidatesSurviveARetry() {
        for text in [String(repeating: ".\n", count: 800), String(repeating: "a.\r\n", count: 500) + "…", String(repeating: "!", count: 3000)] {
            expectAgrees(Array(text.utf8), "dense")
        }
    }

    /// Articles of the synthetic corpus.
    @Test func candidateSplitEqualsFullSplitOnArticles() {
        let synthetic = SyntheticCorpus(seed: 5, megabytes: 0.2)
        for index in 0..<30 { expectAgrees(synthetic.document(at: index).utf8, "synthetic \(index)") }
    }

    /// Scalar offsets, computed with checkpoints or (ASCII text) as the byte offset itself,
    /// equal a count of the scalars before each byte.
    @Test func scalarOffsetsEqualACount() {
        let pieces = ["a", "B", " ", "\n", "é", "日本", "😀", ".", "x y z ", "\u{0301}"]
        var generator = SplitMix64(seed: 0x5CA1A)
        for round in 0..<300 {
            var text = ""
            // Half of the texts pure ASCII, the rest mixed; long enough to pass a few checkpoints.
            let ascii = round % 2 == 0
            for _ in 0..<Int(generator.next() % 200) {
                let piece = pieces[Int(generator.next() % UInt64(pieces.count))]
                if !ascii || piece.utf8.allSatisfy({ $0 < 0x80 }) { text += piece }
            }
            let analyzed = AnalyzedText(text)
            let bytes = analyzed.bytes
            var scalars = 0
            for byte in 0...bytes.count {
                #expect(analyzed.scalarOffset(ofByte: byte) == scalars, "\(text) at \(byte)")
                if byte < bytes.count, bytes[byte] & 0xC0 != 0x80 { scalars += 1 }
            }
            #expect(analyzed.scalarOffset(ofByte: -3) == 0)
            #expect(analyzed.scalarOffset(ofByte: bytes.count + 9) == scalars)
        }
    }
}
