import Foundation
import Testing
@testable import RelGraphCore

/// `NameRules` shortcuts (a stem key undone from the word key, the headline length test)
/// answer as the code they replace.
@Suite struct NameRulesKeyShortcutTests {
    /// Words with inflection suffixes in every case, `’` and `'` before and inside them,
    /// non-ASCII letters, and random letters.
    private func words(seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let pieces = ["a", "B", "vote", "box", "trend", "share", "sing", "ç", "Ä", "\u{2019}", "'", "e", "E", "in", "IN", "x", "ö", "ß"]
        let suffixes = ["", "s", "S", "d", "D", "es", "ES", "eS", "ed", "Ed", "ing", "ING", "iNg", "\u{2019}s", "'s", "ng", "g"]
        var words = ["Voted", "Trending", "Feedbacks", "Boxes", "Shares", "Critics", "Details", "Analysts", "According", "Molton", "Ratus"]
        for _ in 0..<4_000 {
            var word = ""
            for _ in 0..<(1 + generator.below(4)) { word += generator.pick(pieces) }
            words.append(word + generator.pick(suffixes))
        }
        return words
    }

    @Test func primeInverse() {
        #expect(NameRules.primeInverse &* WordSet.prime == 1)
    }

    /// The stem's key undone from the token's key equals the stem's bytes hashed again.
    @Test func inflectionFromKeyEqualsInflectionFromBytes() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let text = AnalyzedText(words(seed: 0x1A7E).joined(separator: " "))
        NameRules.withRules(for: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie) { rules in
            var inflected = 0
            for (index, token) in text.tokens.enumerated() {
                let expected = rules.isInflectedCommonWord(token.start, token.end)
                #expect(rules.isInflectedCommonWord(token.start, token.end, key: text.wordKeys[index]) == expected, "\(text.text(of: token))")
                if expected { inflected += 1 }
            }
            #expect(inflected > 50)
        }
    }

    /// No word of the headline minor words has more bytes than `headlineMinorWordBytes`.
    @Test func headlineMinorWordLength() {
        #expect(NameRules.headlineMinorWordList.map(\.utf8.count).max() == NameRules.headlineMinorWordBytes)
    }
}
