import Testing
@testable import RelGraphCore

/// Shortcuts of the name rules' token-shape tests answer as the plain definitions.
@Suite struct RecognitionShapeShortcutTests {
    /// The contraction test as it was: the first apostrophe (`'` or `’`) decides, and it makes
    /// a contraction when one or two lowercase letters follow it to the end.
    private static func contraction(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var position = start
        while position < end {
            let byte = bytes[position]
            if byte == 0x27 || byte == 0xE2 && position + 2 < end && bytes[position + 1] == 0x80 && bytes[position + 2] == 0x99 {
                let after = byte == 0x27 ? position + 1 : position + 3
                guard after < end else { return false }
                return (0x61...0x7A).contains(bytes[after]) && end - after <= 2 || bytes[after] == 0x74 && end - after == 1
            }
            position += 1
        }
        return false
    }

    /// No contraction is missed by the test of the last bytes, on random bytes rich in `'` and
    /// the bytes of `’`, for ranges of every length and at the buffer's end.
    @Test func lastBytesTestMissesNoContraction() {
        var generator = SplitMix64(seed: 0xC047)
        let alphabet: [UInt8] = [0x27, 0xE2, 0x80, 0x99, 0x74, 0x41, 0x20]
        var contractions = 0
        for round in 0..<4_000 {
            let count = Int(generator.next() % 16)
            let bytes: [UInt8] = (0..<count).map { _ in
                generator.next() % 3 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : 0x61 + UInt8(generator.next() % 26)
            }
            for _ in 0..<8 {
                let start = count == 0 ? 0 : Int(generator.next() % UInt64(count + 1))
                let end = start + Int(generator.next() % UInt64(count - start + 1))
                guard Self.contraction(bytes, start, end) else { continue }
                contractions += 1
                let found = bytes.withUnsafeBufferPointer { NameRules.mayEndInContraction($0, start, end) }
                #expect(found, "round \(round): \(bytes) \(start)..<\(end)")
            }
        }
        #expect(contractions > 100)
    }

    /// The one-load test of the last bytes equals the four byte comparisons, on random bytes
    /// rich in `'` and E2 (and bytes one off them, where a borrow could mislead a word-wide
    /// test), for ranges of five bytes or more, up to the buffer's end.
    @Test func lastBytesInOneLoadEqualFourComparisons() {
        var generator = SplitMix64(seed: 0x4C0A)
        let alphabet: [UInt8] = [0x27, 0xE2, 0x26, 0x28, 0xE1, 0xE3, 0x00, 0xFF, 0x80, 0x99, 0x01, 0x61]
        var yes = 0, no = 0
        for _ in 0..<20_000 {
            let count = 5 + Int(generator.next() % 12)
            let bytes: [UInt8] = (0..<count).map { _ in
                generator.next() % 4 == 0 ? UInt8(truncatingIfNeeded: generator.next()) : alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            let start = Int(generator.next() % UInt64(count - 4))
            let end = start + 5 + Int(generator.next() % UInt64(count - start - 4))
            bytes.withUnsafeBufferPointer { buffer in
                let plain = NameRules.plainMayEndInContraction(buffer, end)
                #expect(NameRules.mayEndInContraction(buffer, start, end) == plain, "\(bytes) \(start)..<\(end)")
                if plain { yes += 1 } else { no += 1 }
            }
        }
        #expect(yes > 1_000 && no > 1_000)
    }

    /// `isContraction`, `isInitial` and `isNameToken` of every token of random text with
    /// apostrophes, initials, periods and mixed-case words equal the plain definitions.
    @Test func contractionAndInitialEqualDefinitions() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        var generator = SplitMix64(seed: 0x1417)
        let pieces = ["We're", "I\u{2019}ll", "Don't", "O'Neil's", "rock'n'roll", "it's", "J.", "R.", "A", ".", "B.", "x.",
                      "Musk", "Kevin", "can't", "Y'all", "ain\u{2019}t", "'tis", "Apple's", "JOHN'S", "d'Arc", "l'été", "’s", "'",
                      "Q", "Z.", "K", "e.g.", "U.S.", "\u{2019}", "Ma\u{2019}am", "xAI", "eBay", "iPhone", "a", "zZ", "z@", "{A", "éA"]
        let separators = [" ", " ", "", "\n", ", "]
        var contractions = 0, initials = 0, mixedNames = 0
        for _ in 0..<40 {
            var text = ""
            for _ in 0..<200 { text += generator.pick(pieces) + generator.pick(separators) }
            let analyzed = AnalyzedText(text)
            NameRules.withRules(for: analyzed, cueIndex: recognizer.cueIndex, trie: recognizer.trie) { rules in
                let bytes = analyzed.bytes, tokens = analyzed.tokens
                for (index, token) in tokens.enumerated() {
                    let contraction = Self.contraction(bytes, token.start, token.end)
                    #expect(rules.isContraction(index) == contraction, "\(analyzed.text(of: token))")
                    var initial = false
                    if token.kind == .word, token.isCapitalized, token.end - token.start == 1, index + 1 < tokens.count {
                        let next = tokens[index + 1]
                        initial = !next.spaceBefore && next.end - next.start == 1 && bytes[next.start] == UInt8(ascii: ".")
                    }
                    #expect(rules.isInitial(index) == initial, "\(analyzed.text(of: token))")
                    // A capitalized or all-caps word that is no contraction, or a lowercase ASCII
                    // letter then an uppercase one (`xAI`).
                    let length = token.end - token.start
                    let nameToken = token.kind == .word && ((token.isCapitalized || token.isAllCaps) && !contraction
                        || length > 1 && (0x61...0x7A).contains(bytes[token.start]) && (0x41...0x5A).contains(bytes[token.start + 1]))
                    #expect(rules.isNameToken(index) == nameToken, "\(analyzed.text(of: token))")
                    if nameToken && !token.isCapitalized && !token.isAllCaps { mixedNames += 1 }
                    if contraction { contractions += 1 }
                    if initial { initials += 1 }
                }
            }
        }
        #expect(contractions > 100 && initials > 100 && mixedNames > 100)
    }
}
