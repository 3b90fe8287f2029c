import Foundation
import Testing
@testable import RelGraphCore

/// The recognizer's shortcuts answer as the plain definitions they replace.
@Suite struct RecognitionShortcutTests {
    /// Words with and without inflection suffixes, in several cases, plus random letters.
    private func sampleWords(seed: UInt64) -> [String] {
        var words = ["Voted", "Trending", "Feedbacks", "Boxes", "Serbian", "Floridians", "Lebanese", "Danish",
                     "Ian", "Brian", "Christian", "Julian", "Vivian", "Vians", "Ians", "ASIAN", "Asians",
                     "Chinese", "Therese", "Parish", "Irish", "Moltonish", "Lendardese", "Zokidtonians",
                     "Caribbean", "Adrian", "Hans", "Evans", "Hughes", "Jones", "Molton", "Vailvara", "Ratus",
                     "Shares", "Critics", "Details", "Analysts", "According", "Motors", "Holdings", "Airlines"]
        var generator = SplitMix64(seed: seed)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let suffixes = ["", "s", "es", "ed", "d", "ing", "ian", "ians", "ans", "ese", "ish", "IAN", "Ese", "iSH"]
        let stems = ["vote", "trend", "box", "serb", "flor", "leban", "dan", "mold", "lend", "sing", "brand", "shar"]
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 9) + 1
            var word = String((0..<length).map { _ in letters[Int(generator.next() % 26)] })
            if generator.next() % 2 == 0 { word = stems[Int(generator.next() % UInt64(stems.count))] }
            word += suffixes[Int(generator.next() % UInt64(suffixes.count))]
            switch generator.next() % 3 {
            case 0: word = word.prefix(1).uppercased() + word.dropFirst()
            case 1: word = word.uppercased()
            default: break
            }
            words.append(word)
        }
        return words
    }

    private func withRules(for words: [String], _ recognizer: Recognizer, _ body: (AnalyzedText, NameRules) -> Void) {
        let text = AnalyzedText(words.joined(separator: " "))
        NameRules.withRules(for: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie) { body(text, $0) }
    }

    /// The inflection test through `CueIndex` equals `NameCues.isInflectedCommonWord`.
    @Test func inflectionThroughCueIndexEqualsWordSet() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        withRules(for: sampleWords(seed: 0x1F1E), recognizer) { text, rules in
            var inflected = 0
            for token in text.tokens where token.kind == .word {
                let expected = recognizer.cues.isInflectedCommonWord(text.bytes, token.start, token.end)
                #expect(rules.isInflectedCommonWord(token.start, token.end) == expected, "\(text.text(of: token))")
                if expected { inflected += 1 }
            }
            #expect(inflected > 10)
        }
    }

    /// The demonym test on the last three bytes equals the five suffix tests it replaced.
    @Test func demonymSuffixTestEqualsFiveSuffixes() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        withRules(for: sampleWords(seed: 0xDE70), recognizer) { text, rules in
            let cueIndex = recognizer.cueIndex
            var demonyms = 0
            for (index, token) in text.tokens.enumerated() where token.kind == .word {
                let bytes = Array(text.bytes[token.start..<token.end])
                func hasSuffix(_ suffix: String) -> Bool {
                    let suffix = Array(suffix.utf8)
                    guard bytes.count > suffix.count + 3 else { return false }
                    for (offset, byte) in bytes.suffix(suffix.count).enumerated()
                    where byte | 0x20 != suffix[offset] || !Tokenizer.isASCIILetter(byte) {
                        return false
                    }
                    return true
                }
                let expected = !cueIndex.flags(text.wordKeys[index]).contains(.givenName)
                    && (hasSuffix("ian") || hasSuffix("ians") || hasSuffix("ans") || hasSuffix("ese") || hasSuffix("ish"))
                #expect(rules.isDemonym(index) == expected, "\(text.text(of: token))")
                if expected { demonyms += 1 }
            }
            #expect(demonyms > 10)
        }
    }

    /// The eight-bytes-a-step search for an apostrophe's first byte finds what a byte loop finds,
    /// on random bytes rich in `'`, E2, 80 and 99, for ranges of every length and at the buffer's end.
    @Test func apostropheSearchEqualsByteLoop() {
        var generator = SplitMix64(seed: 0xA905)
        let alphabet: [UInt8] = [0x27, 0xE2, 0x80, 0x99, 0x61, 0x41, 0x73, 0x74, 0x20, 0x26, 0xA2, 0x7F, 0xFF, 0x00]
        for round in 0..<2_000 {
            let count = Int(generator.next() % 40)
            // Mostly letters, so some ranges hold none of the two bytes.
            let bytes: [UInt8] = (0..<count).map { _ in
                generator.next() % 4 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : 0x61 + UInt8(generator.next() % 26)
            }
            for _ in 0..<8 {
                let start = count == 0 ? 0 : Int(generator.next() % UInt64(count + 1))
                let end = start + Int(generator.next() % UInt64(count - start + 1))
                var expected = start
                while expected < end && bytes[expected] != 0x27 && bytes[expected] != 0xE2 { expected += 1 }
                let found = bytes.withUnsafeBufferPointer { NameRules.firstApostropheLead($0, start, end) }
                #expect(found == expected, "round \(round): \(bytes) \(start)..<\(end)")
            }
        }
    }

    /// The eight-bytes-a-step mixed-case test answers as a byte loop, on random bytes rich in
    /// letters of both cases and bytes near their ranges, for ranges of every length and at the
    /// buffer's end.
    @Test func mixedCaseTestEqualsByteLoop() {
        var generator = SplitMix64(seed: 0x3C1E)
        let alphabet: [UInt8] = [0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80, 0xC1, 0xDA, 0xE1, 0xFA, 0xFF, 0x00, 0x27, 0x2E]
        for round in 0..<3_000 {
            let count = Int(generator.next() % 40)
            let bytes: [UInt8] = (0..<count).map { _ in
                switch generator.next() % 4 {
                case 0: alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: 0x41 + UInt8(generator.next() % 26)
                default: 0x61 + UInt8(generator.next() % 26)
                }
            }
            for _ in 0..<8 {
                let start = count == 0 ? 0 : Int(generator.next() % UInt64(count + 1))
                let end = start + Int(generator.next() % UInt64(count - start + 1))
                var expected = false
                var sawLower = false
                for byte in bytes[start..<end] {
                    if (0x61...0x7A).contains(byte) { sawLower = true } else if (0x41...0x5A).contains(byte), sawLower { expected = true }
                }
                let found = bytes.withUnsafeBufferPointer { NameRules.hasUppercaseAfterLowercase($0, start, end) }
                #expect(found == expected, "round \(round): \(bytes) \(start)..<\(end)")
            }
        }
    }

    /// The one-load answer for words of up to eight bytes (no uppercase letter past the first
    /// byte) agrees with a byte loop, on name-like words (a capital, then mostly lowercase
    /// letters, sometimes a capital, a byte near the letters' ranges or of `’`) of every
    /// length up to twelve, placed anywhere in a buffer, also at its end.
    @Test func mixedCaseShortWordEqualsByteLoop() {
        var generator = SplitMix64(seed: 0x3C1F)
        let odd: [UInt8] = [0x40, 0x5B, 0x60, 0x7B, 0xC1, 0xE2, 0x80, 0x99, 0x27, 0x2D]
        var yes = 0, no = 0
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 13)
            var word: [UInt8] = (0..<length).map { position in
                switch generator.next() % 16 {
                case 0: odd[Int(generator.next() % UInt64(odd.count))]
                case 1: 0x41 + UInt8(generator.next() % 26)
                default: position == 0 ? 0x41 + UInt8(generator.next() % 26) : 0x61 + UInt8(generator.next() % 26)
                }
            }
            let before = Int(generator.next() % 10), after = Int(generator.next() % 10)
            word = (0..<before).map { _ in UInt8(0x61) } + word + (0..<after).map { _ in UInt8(0x41) }
            var expected = false
            var sawLower = false
            for byte in word[before..<(before + length)] {
                if (0x61...0x7A).contains(byte) { sawLower = true } else if (0x41...0x5A).contains(byte), sawLower { expected = true }
            }
            let found = word.withUnsafeBufferPointer { NameRules.hasUppercaseAfterLowercase($0, before, before + length) }
            #expect(found == expected, "\(word) \(before)..<\(before + length)")
            if expected { yes += 1 } else { no += 1 }
        }
        #expect(yes > 1_000 && no > 1_000)
    }

    /// The eight-bytes-a-step comparison of two byte ranges answers as a byte loop, on random
    /// bytes from a small alphabet (so equal ranges are common), ranges of every length, at
    /// the buffer's end too.
    @Test func byteRangeComparisonEqualsByteLoop() {
        var generator = SplitMix64(seed: 0x5A3E)
        var equal = 0
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 48) + 1
            let bytes: [UInt8] = (0..<count).map { _ in UInt8(ascii: "a") + UInt8(generator.next() % 2) }
            for _ in 0..<8 {
                let length = Int(generator.next() % UInt64(count + 1))
                let first = Int(generator.next() % UInt64(count - length + 1))
                let second = Int(generator.next() % UInt64(count - length + 1))
                let expected = bytes[first..<(first + length)] == bytes[second..<(second + length)]
                if expected { equal += 1 }
                let found = bytes.withUnsafeBufferPointer { AliasResolver.sameBytes($0, first, second, count: length) }
                #expect(found == expected, "\(bytes) \(first) \(second) \(length)")
            }
        }
        #expect(equal > 1_000)
    }

    /// The trie's root filters (by word key, then by the case of the first byte) reject only
    /// tokens that start no key: a filtered lookup equals the unfiltered one at every token.
    @Test func trieRootFiltersHaveNoFalseNegatives() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let trie = recognizer.trie
        let synthetic = SyntheticCorpus(seed: 17, megabytes: 0.1)
        var texts = (0..<10).map { synthetic.document(at: $0).text }
        // Lexicon names in several cases, among them keys that start lowercase (`the Fed`,
        // `xAI`, `iPhone`) and words whose key is that of a first word (`the`, `new`).
        var names: [String] = []
        for entry in recognizer.lexicon.entries { names.append(entry.canonical); names += entry.aliases }
        texts.append(names.joined(separator: " and "))
        texts.append(names.map { $0.lowercased() }.joined(separator: ", "))
        texts.append(names.map { $0.uppercased() }.joined(separator: "; "))
        texts.append("the Fed and The Fed met the new New York Times: xAI, XAI, iPhone, IPHONE, iphone.")
        var matches = 0
        for string in texts {
            let text = AnalyzedText(string)
            for start in text.tokens.indices {
                let unfiltered = trie.longestMatch(in: text, passingFilterFrom: start, limit: text.tokens.count)
                let filtered = trie.matchLength(in: text, from: start, limit: text.tokens.count)
                #expect(unfiltered?.length == filtered?.tokens, "\(text.text(of: text.tokens[start]))")
                if unfiltered != nil {
                    matches += 1
                    #expect(trie.mayStartKeyByCase(text.wordKeys[start], firstByte: text.bytes[text.tokens[start].start]))
                }
            }
        }
        #expect(matches > 500)
    }

    /// The trie's pair filter (first two word keys of each key) rejects only starts where no key
    /// of two tokens or more matches, and lets a one-token key through: every filtered path
    /// equals the plain trie walk at every token, with every limit, on synthetic text, the
    /// lexicon's names in several cases, and random runs of the lexicon's words (which pair a
    /// common first word with second words of other keys, in and out of case).
    @Test func triePairFilterHasNoFalseNegatives() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let trie = recognizer.trie
        let synthetic = SyntheticCorpus(seed: 23, megabytes: 0.1)
        var texts = (0..<10).map { synthetic.document(at: $0).text }
        var names: [String] = []
        for entry in recognizer.lexicon.entries { names.append(entry.canonical); names += entry.aliases }
        texts.append(names.joined(separator: " and "))
        texts.append(names.joined(separator: " "))
        texts.append(names.map { $0.lowercased() }.joined(separator: " "))
        texts.append(names.map { $0.uppercased() }.joined(separator: "; "))
        let words = names.flatMap { $0.split(separator: " ").map(String.init) } + ["the", "The", "new", "of", "."]
        var generator = SplitMix64(seed: 0x9A1E)
        for _ in 0..<20 {
            let run = (0..<400).map { _ in
                let word = words[Int(generator.next() % UInt64(words.count))]
                switch generator.next() % 4 {
                case 0: return word.lowercased()
                case 1: return word.uppercased()
                default: return word
                }
            }
            texts.append(run.joined(separator: " "))
        }
        var matches = 0, long = 0, rejected = 0
        for string in texts {
            let text = AnalyzedText(string)
            let count = text.tokens.count
            for start in text.tokens.indices {
                for limit in [count, min(count, start + 1), min(count, start + 2), min(count, start + 3)] {
                    let plain = trie.plainMatchLength(in: text, from: start, limit: limit)
                    let filtered = trie.matchLength(in: text, from: start, limit: limit)
                    #expect(plain?.tokens == filtered?.tokens && plain?.node == filtered?.node, "\(text.text(of: text.tokens[start]))")
                    if trie.mayStartKey(text.wordKeys[start]) {
                        let passing = trie.longestMatch(in: text, passingFilterFrom: start, limit: limit)
                        #expect(plain?.tokens == passing?.length, "\(text.text(of: text.tokens[start]))")
                    }
                    // The pair filter asked alone, as `NameRules` asks it before the call.
                    if start < limit, !trie.mayMatch(text.wordKeys[start], followedBy: start + 1 < limit ? text.wordKeys[start + 1] : nil) {
                        #expect(plain == nil, "\(text.text(of: text.tokens[start]))")
                        rejected += 1
                    }
                    if let plain, limit == count { matches += 1; if plain.tokens > 1 { long += 1 } }
                }
            }
        }
        #expect(rejected > 10_000)
        #expect(matches > 1_000)
        #expect(long > 200)
    }

    /// The small-list filter rejects only keys of no small list: `smallFlags` equals the full
    /// answer's small lists on random keys too (the list keys are checked in `ReadingStructuresTests`).
    @Test func smallListFilterHasNoFalseNegatives() {
        let index = CueIndex(NameCues.bundled)
        var generator = SplitMix64(seed: 0x5A11)
        var keys: [UInt64] = (0..<50_000).map { _ in generator.next() }
        keys += ["the", "of", "van", "de", "inc", "labs", "startup", "chatbot", "via", "ceo", "molton"].map { WordSet.hash($0) }
        for key in keys {
            #expect(index.smallFlags(key) == index.flags(key).intersection(.small).union(.smallKnown))
        }
    }

    /// A surface that alias resolution keeps on a candidate is the text the mention would
    /// otherwise build from its tokens.
    @Test func cachedSurfacesEqualTheText() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let synthetic = SyntheticCorpus(seed: 9, megabytes: 0.2)
        var cached = 0
        for document in 0..<20 {
            let text = AnalyzedText(synthetic.document(at: document).text)
            var candidates = NameRules.candidates(in: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie)
            AliasResolver(cues: recognizer.cues).resolve(&candidates, in: text)
            for candidate in candidates.items {
                guard let surface = candidates.string(candidate.surface) else { continue }
                cached += 1
                let first = text.tokens[candidate.tokens.lowerBound], last = text.tokens[candidate.tokens.upperBound - 1]
                #expect(surface == text.collapsedString(first.start, last.end))
            }
        }
        #expect(cached > 100)
    }
}
