import Testing
@testable import RelGraphCore

/// The hashed lookup structures behind tokenizing and recognition: `WordSet`'s open-addressing
/// table, the token trie's edge table, per-token word keys and scalar offsets.
@Suite struct TextStructuresTests {
    @Test func wordSetFindsExactlyItsWords() {
        let set = WordSet(["musk", "o'brien", "co-founder", "inc"])
        #expect(set.contains("Musk"))
        #expect(set.contains("O’Brien"))
        #expect(set.contains("CO-FOUNDER"))
        #expect(!set.contains("musks"))
        #expect(!set.contains(""))
        #expect(set.count == 4)
    }

    @Test func wordSetTableHoldsManyKeysAndTheZeroKey() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var keys: [UInt64] = [0]
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            keys.append(state)
        }
        let set = WordSet(keys: keys[..<10_001])
        #expect(set.count == 10_001)
        #expect(keys[..<10_001].allSatisfy { set.contains($0) })
        #expect(!keys[10_001...].contains { set.contains($0) })
        #expect(!WordSet(keys: [1, 2, 3]).contains(0))
    }

    @Test func trieKeepsKeysThatDifferOnlyInCase() {
        var trie = TokenTrie<Int>()
        trie.insert("Apple", 1)
        trie.insert("APPLE", 2)
        trie.insert("New York", 3)
        trie.insert("New York Times", 4)
        trie.insert("Apple", 5)
        let text = AnalyzedText("apple Apple APPLE New York Times New York Post")
        #expect(trie.longestMatch(in: text, from: 0, limit: text.tokens.count) == nil)
        #expect(trie.longestMatch(in: text, from: 1, limit: text.tokens.count)?.value == 1)
        #expect(trie.longestMatch(in: text, from: 2, limit: text.tokens.count)?.value == 2)
        let times = trie.longestMatch(in: text, from: 3, limit: text.tokens.count)
        #expect(times?.length == 3 && times?.value == 4)
        let limited = trie.longestMatch(in: text, from: 3, limit: 5)
        #expect(limited?.length == 2 && limited?.value == 3)
        #expect(trie.longestMatch(in: text, from: 6, limit: text.tokens.count)?.value == 3)
        #expect(trie.maxDepth == 3)
    }

    @Test func trieGrowsItsEdgeTable() {
        var trie = TokenTrie<Int>()
        for number in 0..<500 { trie.insert("Name\(number) Corp", number) }
        let text = AnalyzedText("Name123 Corp and Name499 Corp but Name500 Corp")
        #expect(trie.longestMatch(in: text, from: 0, limit: text.tokens.count)?.value == 123)
        #expect(trie.longestMatch(in: text, from: 3, limit: text.tokens.count)?.value == 499)
        #expect(trie.longestMatch(in: text, from: 6, limit: text.tokens.count) == nil)
    }

    @Test func wordKeysAreTheWordSetHashOfEachToken() {
        let text = AnalyzedText("Musk’s O’Brien met JOSÉ at café-bar, 3,000.5 @Potus U.S. don't\u{2019}")
        #expect(text.wordKeys.count == text.tokens.count)
        for (index, token) in text.tokens.enumerated() {
            #expect(text.wordKeys[index] == WordSet.hash(text.text(of: token)))
        }
    }

    @Test(arguments: [
        String(repeating: "aé€😀 Müller’s ", count: 20),
        "Zoë met Ōkubo in Kraków — “a deal”, said 山田 🙂. " + String(repeating: "naïve café ", count: 20),
    ])
    func scalarOffsetsCountScalarsBeforeAByte(string: String) {
        let text = AnalyzedText(string)
        var expected = 0
        var byte = 0
        for scalar in string.unicodeScalars {
            #expect(text.scalarOffset(ofByte: byte) == expected)
            byte += String(scalar).utf8.count
            expected += 1
        }
        #expect(text.scalarOffset(ofByte: text.bytes.count) == expected)
        #expect(text.scalarOffset(ofByte: text.bytes.count + 5) == expected)
        #expect(AnalyzedText("").scalarOffset(ofByte: 0) == 0)
    }

    @Test func denseTextOutgrowsTheFirstTokenBuffer() {
        // One token per byte or two: more than the first guess of a quarter of the bytes.
        for (text, expected) in [(String(repeating: ".", count: 1_000), 1_000), (String(repeating: "a ", count: 700), 700),
                                 (String(repeating: "x,", count: 300) + "!", 601), ("", 0), (" \n\t ", 0)] {
            let analyzed = AnalyzedText(text)
            #expect(analyzed.tokens.count == expected)
            #expect(analyzed.wordKeys.count == expected)
            #expect(zip(analyzed.tokens, analyzed.tokens.dropFirst()).allSatisfy { $0.end <= $1.start })
        }
    }

    @Test func tokenFlagsOnASCIIAndOtherWords() {
        let text = AnalyzedText("NASA iPhone Élodie ÉCOLE x 42nd @Musk A")
        let flags = text.tokens.map { "\(text.text(of: $0)):\($0.kind):\($0.isCapitalized ? "C" : "-")\($0.isAllCaps ? "A" : "-")" }
        #expect(flags == ["NASA:word:CA", "iPhone:word:--", "Élodie:word:C-", "ÉCOLE:word:CA", "x:word:--",
                          "42nd:number:--", "@Musk:word:C-", "A:word:C-"])
    }

    @Test func aliasesResolveAcrossCanonicallyEquivalentSpellings() {
        // `\u{212A}` (KELVIN SIGN) is canonically `K`: the two spellings are one `String`.
        let recognizer = Recognizer(lexicon: Lexicon(entries: []))
        let plain = recognizer.recognize(AnalyzedText("Maria Kovacs spoke on Monday. Later, reporters asked Kovacs again."))
        let kelvin = recognizer.recognize(AnalyzedText("Maria \u{212A}ovacs spoke on Monday. Later, reporters asked Kovacs again."))
        #expect(plain.map(\.canonical) == ["Maria Kovacs", "Maria Kovacs"])
        #expect(kelvin.map(\.canonical) == ["Maria \u{212A}ovacs", "Maria \u{212A}ovacs"])
    }
}
