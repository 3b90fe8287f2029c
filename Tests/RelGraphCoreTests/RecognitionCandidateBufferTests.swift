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

    /// `recognizeWithNames` resolves the candidates in the rules' own buffer and writes its
    /// mentions from there: the same mentions and names as the candidates copied into an array,
    /// resolved there (`AliasResolver.resolve(_:in:)`) and read one by one. On synthetic
    /// articles and on random runs of names, aliases, lexicon names and `K` (KELVIN SIGN, which
    /// takes the resolver's `String` path), with a dense document that grows the buffer.
    @Test func resolvedInPlaceEqualsResolvedInAnArray() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let synthetic = SyntheticCorpus(seed: 31, megabytes: 0.1)
        var generator = SplitMix64(seed: 0xB0FF)
        let pieces = ["Elon Musk", "Musk", "Elon", "Tesla", "Qalvek Zurimot", "Zurimot", "\u{212A}arl Zurimot", "\u{212A}arl",
                      "the Journal", "The Wall Street Journal", "Stargate Project", "Stargate", "said", "and", ",", ".", "However", "xAI"]
        var texts: [String] = (0..<12).map { synthetic.document(at: $0).text }
        for _ in 0..<30 { texts.append((0..<120).map { _ in generator.pick(pieces) }.joined(separator: " ") + ".") }
        texts.append(names(400, seed: 7).joined(separator: " , ") + " .")
        var compared = 0
        for string in texts {
            let text = AnalyzedText(string)
            var candidates = NameRules.candidates(in: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie)
            recognizer.aliasResolver.resolve(&candidates, in: text)
            var expected: [Mention] = []
            for (index, candidate) in candidates.items.enumerated() where !candidate.tentative {
                let first = text.tokens[candidate.tokens.lowerBound], last = text.tokens[candidate.tokens.upperBound - 1]
                let surface = candidates.surface(of: index) ?? text.collapsedString(first.start, last.end)
                expected.append(Mention(start: first.start, end: last.end, tokens: candidate.tokens, sentence: candidate.sentence,
                                        type: candidate.type, surface: surface, canonical: candidates.canonical(of: index) ?? surface))
            }
            let (mentions, names) = recognizer.recognizeWithNames(text)
            #expect(mentions == expected)
            #expect(names.surfaces.map { names.strings[Int($0)] } == mentions.map(\.surface))
            #expect(names.canonicals.map { names.strings[Int($0)] } == mentions.map(\.canonical))
            compared += mentions.count
        }
        #expect(compared > 1_000)
    }
}
