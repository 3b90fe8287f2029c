import Testing
@testable import RelGraphCore

/// `NameRules` keeps its candidates in a raw buffer, sized for about one candidate per six
/// tokens and doubled when full: documents denser in names than that keep every candidate,
/// in order, as do documents without names.
@Suite struct RecognitionCandidateBufferTests {
    /// `count` made-up two-word names (`Qalvek Zurimot`), each followed by a comma: no word is
    /// a dictionary word, a given name or a lexicon key, so each pair is one candidate.
    private func names(_ count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let onsets = ["Q", "Z", "X"], syllables = ["alv", "urim", "ek", "ozt", "ivq", "umb", "exr"]
        func word() -> String {
            generator.pick(onsets) + (0..<2).map { _ in generator.pick(syllables) }.joined() + "q"
        }
        return (0..<count).map { _ in word() + " " + word() }
    }

    @Test(arguments: [1, 3, 40, 200, 9_000])
    func everyCandidateKeptInOrder(count: Int) throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let names = names(count, seed: UInt64(count))
        let text = AnalyzedText(names.joined(separator: " , ") + " .")
        let candidates = NameRules.candidates(in: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie)
        // Three tokens per name (two words and a comma): more candidates than the buffer's
        // first capacity (a sixth of the tokens, plus four) from 40 names on.
        #expect(candidates.items.map(\.tokens) == (0..<count).map { (3 * $0)..<(3 * $0 + 2) })
        #expect(candidates.items.allSatisfy { $0.type == .person && $0.sentence == 0 })
    }

    @Test func noNamesNoCandidates() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        for string in ["", "the cat sat on the mat and said nothing at all ."] {
            let text = AnalyzedText(string)
            #expect(NameRules.candidates(in: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie).items.isEmpty)
        }
    }
}
