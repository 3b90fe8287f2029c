import Testing
@testable import RelGraphCore

/// `TextScratch`: texts analyzed into arrays kept from earlier ones equal texts analyzed
/// alone, and a text still alive is never changed by a later one reusing its arrays.
@Suite struct TextScratchTests {
    private func expectEqual(_ reused: AnalyzedText, _ fresh: AnalyzedText, _ label: @autoclosure () -> String) {
        #expect(reused.bytes == fresh.bytes, "\(label())")
        #expect(reused.tokens == fresh.tokens, "\(label())")
        #expect(reused.wordKeys == fresh.wordKeys, "\(label())")
        #expect(reused.sentences == fresh.sentences, "\(label())")
        #expect(reused.scalarOffset(ofByte: reused.bytes.count) == fresh.scalarOffset(ofByte: fresh.bytes.count), "\(label())")
    }

    /// Random texts of very different lengths (so kept arrays are sometimes larger, sometimes
    /// too small), one scratch for all, as a worker keeps it.
    private func randomTexts(count: Int, seed: UInt64) -> [[UInt8]] {
        let pieces = ["Mr", "Inc", "J", "word", "Name", "U.S.", "x", "7", "é", "Élan", " ", " ", "\n", "\n\n", "\r\n",
                      ".", ".", "!", "?", "…", "\"", ")", "(", "\u{2019}s", "-", ",", "@x", "IBM", "97.4"]
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = generator.next() % 4 == 0 ? Int(generator.next() % 2000) : Int(generator.next() % 60)
            var text = ""
            for _ in 0..<length { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            return Array(text.utf8)
        }
    }

    @Test func reusedArraysGiveTheSameTexts() {
        var scratch = TextScratch()
        for (index, bytes) in randomTexts(count: 300, seed: 0x7E_5C4A).enumerated() {
            let text = AnalyzedText(bytes: bytes, scratch: &scratch)
            expectEqual(text, AnalyzedText(bytes: bytes), "text \(index)")
            scratch.keep(text)
        }
    }

    /// Texts kept alive (as a caller may keep any `AnalyzedText`) while later texts take the
    /// arrays the scratch kept of them: each still holds its own tokens, keys and sentences.
    @Test func textsKeptAliveAreNotChanged() {
        var scratch = TextScratch()
        var alive: [(AnalyzedText, AnalyzedText)] = []
        for bytes in randomTexts(count: 120, seed: 0xA1_1FE) {
            let text = AnalyzedText(bytes: bytes, scratch: &scratch)
            scratch.keep(text)
            alive.append((text, AnalyzedText(bytes: bytes)))
        }
        for (index, (text, fresh)) in alive.enumerated() { expectEqual(text, fresh, "text \(index)") }
    }

    /// A text past the limit is not kept: the next texts start from empty arrays.
    @Test func hugeTextsAreNotKept() {
        var scratch = TextScratch()
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 2 * 4 * TextScratch.keptTokenLimit).enumerated().map { $0.offset % 2 == 0 ? UInt8(ascii: "a") : 0x20 }
        let text = AnalyzedText(bytes: huge, scratch: &scratch)
        #expect(text.tokens.count == TextScratch.keptTokenLimit * 4)
        scratch.keep(text)
        scratch.keep(AnalyzedText(bytes: Array("Two. Texts.".utf8), scratch: &scratch))
        let arrays = scratch.take()
        #expect(arrays.tokens.capacity < TextScratch.keptTokenLimit && arrays.keys.capacity < TextScratch.keptTokenLimit)
        #expect(scratch.candidates.capacity < TextScratch.keptTokenLimit)
    }

    /// Each kept array is checked against its own limit.
    @Test func eachArrayIsCheckedAgainstItsLimit() {
        let tokens = TextScratch.keptTokenLimit, sentences = TextScratch.keptSentenceLimit, candidates = TextScratch.keptCandidateLimit
        #expect(TextScratch.keeps(tokens: tokens, keys: tokens, sentences: sentences, candidates: candidates))
        #expect(!TextScratch.keeps(tokens: tokens + 1, keys: tokens, sentences: sentences, candidates: candidates))
        #expect(!TextScratch.keeps(tokens: tokens, keys: tokens + 1, sentences: sentences, candidates: candidates))
        #expect(!TextScratch.keeps(tokens: tokens, keys: tokens, sentences: sentences + 1, candidates: candidates))
        #expect(!TextScratch.keeps(tokens: tokens, keys: tokens, sentences: sentences, candidates: candidates + 1))
    }

    /// A text of many sentences and few tokens (one-letter lines) is not kept, though its
    /// tokens are well within their limit.
    @Test func manySentencesAreNotKept() {
        var scratch = TextScratch()
        let lines = [UInt8](String(repeating: "A\n", count: 2 * TextScratch.keptSentenceLimit).utf8)
        let text = AnalyzedText(bytes: lines, scratch: &scratch)
        #expect(text.tokens.capacity <= TextScratch.keptTokenLimit)
        #expect(text.sentences.count > TextScratch.keptSentenceLimit)
        scratch.keep(text)
        scratch.keep(AnalyzedText(bytes: Array("Two. Texts.".utf8), scratch: &scratch))
        let arrays = scratch.take()
        #expect(arrays.tokens.capacity == 0 && arrays.keys.capacity == 0 && arrays.sentences.capacity == 0)
        #expect(scratch.candidates.capacity <= TextScratch.keptCandidateLimit)
    }
}
