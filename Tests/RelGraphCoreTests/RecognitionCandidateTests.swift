import Foundation
import Testing
@testable import RelGraphCore

/// Shortcuts in recognition (session 7) answer as the code they replace.
@Suite struct RecognitionCandidateTests {
    /// Words made to stress the demonym test: ASCII and non-ASCII letters in both cases, the
    /// scalars whose lowercase is special (`İ`, the Kelvin and Angstrom signs, long s), combining
    /// marks and `’`, before the five suffixes in any case.
    private func words(seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let pieces = ["a", "B", "ç", "Ä", "\u{130}", "\u{212A}", "\u{212B}", "\u{17F}", "e\u{301}", "\u{2019}", "x", "Y", "ö", "Σ", "ß", "Ø"]
        let suffixes = ["", "ian", "ians", "ans", "ese", "ish", "IAN", "AnS", "eSe", "ISH", "\u{130}an", "i\u{301}an", "\u{17F}h", "e\u{17F}e", "an\u{17F}"]
        var words: [String] = ["Serbian", "Ian", "Brian", "Chinese", "Danish", "\u{C4}gyptian", "Zürichians", "Müllerese"]
        for _ in 0..<4_000 {
            var word = ""
            for _ in 0..<(1 + generator.below(8)) { word += generator.pick(pieces) }
            word += generator.pick(suffixes)
            words.append(word)
        }
        return words
    }

    /// `isDemonym(_:)` with the suffix test before the scan for non-ASCII bytes decides as the
    /// version it replaced (that scan first, then the `String` test for a non-ASCII word).
    @Test func demonymSuffixFirstEqualsScanFirst() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let text = AnalyzedText(words(seed: 0xD3E0).joined(separator: " "))
        NameRules.withRules(for: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie) { rules in
            var nonASCII = 0, demonyms = 0
            for (index, token) in text.tokens.enumerated() where token.kind == .word {
                let bytes = text.bytes[token.start..<token.end]
                let expected: Bool
                if bytes.contains(where: { $0 >= 0x80 }) {
                    nonASCII += 1
                    expected = rules.isDemonym(rules.word(index))
                } else {
                    let lower = bytes.map { $0 | 0x20 }
                    let suffix = String(decoding: lower.suffix(3), as: UTF8.self)
                    expected = bytes.count > 6 && ["ian", "ans", "ese", "ish"].contains(suffix)
                        && !recognizer.cueIndex.flags(text.wordKeys[index]).contains(.givenName)
                }
                #expect(rules.isDemonym(index) == expected, "\(text.text(of: token))")
                if expected { demonyms += 1 }
            }
            #expect(nonASCII > 1_000)
            #expect(demonyms > 50)
        }
    }

    /// `scan` skips, in one loop, only tokens where no lexicon key starts and that are no
    /// name token: what its body would pass one by one. On synthetic articles and on random
    /// tokens rich in capitals, mixed case (`xAI`) and contractions, from every position.
    @Test func skippedTokensStartNothing() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let synthetic = SyntheticCorpus(seed: 13, megabytes: 0.1)
        var generator = SplitMix64(seed: 0x5C1B)
        let pieces = ["said", "the", "xAI", "eBay", "iPhone", "We're", "Don't", "OpenAI", "Elon", "Musk", "Tesla", "of", "and",
                      "J.", "R.", ",", "“", "42", "NASA", "U.S.", "Grok", "Texas", "Governor", "van", "der", "ﬁne", "Ärzte", "é"]
        var texts: [String] = (0..<8).map { synthetic.document(at: $0).text }
        for _ in 0..<20 { texts.append((0..<300).map { _ in generator.pick(pieces) }.joined(separator: " ") + ".") }
        var skipped = 0, stopsWithoutKey = 0
        for string in texts {
            let text = AnalyzedText(string)
            NameRules.withRules(for: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie) { fast in
                NameRules.withRules(for: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie) { plain in
                    for sentence in text.sentences {
                        let limit = sentence.tokens.upperBound
                        for start in sentence.tokens {
                            let possible = fast.firstPossibleStart(from: start, limit: limit)
                            let stop = possible.index
                            #expect(stop >= start && stop <= limit)
                            // A stop said to pass the root filter passed it: `scan` asks it
                            // only the filter by case.
                            if stop < limit && possible.mayStartKey {
                                #expect(recognizer.trie.mayStartKey(text.wordKeys[stop]))
                            }
                            if stop < limit && !possible.mayStartKey {
                                #expect(recognizer.trie.plainMatchLength(in: text, from: stop, limit: limit) == nil)
                                stopsWithoutKey += 1
                            }
                            for index in start..<stop {
                                #expect(recognizer.trie.plainMatchLength(in: text, from: index, limit: limit) == nil)
                                #expect(!plain.isNameToken(index))
                                // Nor after the loop passed it (it keeps no answer of its own).
                                #expect(!fast.isNameToken(index))
                            }
                            skipped += stop - start
                        }
                    }
                }
            }
        }
        #expect(skipped > 10_000)
        #expect(stopsWithoutKey > 1_000)
    }

    /// Candidates name their strings by index: resolution gives every document's candidates the
    /// same canonical names and surfaces as the `String`-keyed path, and a built surface is the
    /// text of its tokens.
    @Test func indexedStringsMatchTheText() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let synthetic = SyntheticCorpus(seed: 12, megabytes: 0.2)
        var resolved = 0
        for document in 0..<20 {
            let text = AnalyzedText(synthetic.document(at: document).text)
            let both = AliasDecision.bothPaths(text, recognizer)
            #expect(both.byWordIDs == both.byStrings)
            var candidates = NameRules.candidates(in: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie)
            recognizer.aliasResolver.resolve(&candidates, in: text)
            for candidate in candidates.items {
                // A resolved alias names the string of another candidate.
                if candidate.canonical >= 0 && candidate.origin != .lexicon { resolved += 1 }
                guard let surface = candidates.string(candidate.surface) else { continue }
                let first = text.tokens[candidate.tokens.lowerBound], last = text.tokens[candidate.tokens.upperBound - 1]
                #expect(surface == text.collapsedString(first.start, last.end))
            }
        }
        #expect(resolved > 0)
    }
}
