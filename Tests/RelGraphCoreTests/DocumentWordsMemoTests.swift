import Testing
@testable import RelGraphCore

/// `DocumentWords` answers a short word it has seen earlier in the document from a memo keyed
/// by its folded bytes and length; with the memo off every token is looked up. Both must give
/// the same ids, masks and flags, for words repeated in every case, words that differ only by
/// trailing NUL bytes or by kind (`1-only` is a number, `x-only` a word), words of nine to
/// sixteen bytes (their own memo), and text cut near its end.
@Suite struct DocumentWordsMemoTests {
    private static let lexicon = RelationLexicon.shared

    private static func expectSame(_ text: AnalyzedText, twoChoiceTables: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        let memo = DocumentWords(text: text, lexicon: lexicon, twoChoiceTables: twoChoiceTables)
        let lookups = DocumentWords(text: text, lexicon: lexicon, twoChoiceTables: twoChoiceTables, memo: false)
        #expect(memo.ids == lookups.ids, sourceLocation: sourceLocation)
        // (The masks hold the flags.)
        #expect(memo.masks == lookups.masks, sourceLocation: sourceLocation)
    }

    @Test func memoGivesWhatTheLookupsGive() {
        var generator = SplitMix64(seed: 23)
        let vocabulary = Self.lexicon.vocabulary.words
        let pieces = ["’", "'s", "-", ".", ",", "“", "”", "—", "é", "Ö", "\u{212A}", "n't", "ly", "ing", "ed", "ous", "ss",
                      "\u{0}", "a\u{0}", "a\u{0}\u{0}", "\t", "\n", "  ", "1-only", "x-only", "12ly", "Oly", "only", "ONLY",
                      "123456only", "abcdefonly", "Partnerships", "PARTNERSHIP", "partnership\u{0}", "acquisitions"]
        let alphabet = Array("abdeilnostuyADELNOSTY0123456789'-&._@".utf8)
        for round in 0..<40 {
            var text = ""
            // Few distinct words, so that most repeat.
            let letters = 1 + round % 5
            for _ in 0..<600 {
                switch generator.next() % 6 {
                case 0:
                    let word = vocabulary[Int(generator.next() % UInt64(vocabulary.count))]
                    text += generator.next() % 2 == 0 ? word : word.uppercased()
                case 1:
                    text += pieces[Int(generator.next() % UInt64(pieces.count))]
                default:
                    let length = 1 + Int(generator.next() % 10)
                    text += String(decoding: (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(min(alphabet.count, letters * 4)))] }, as: UTF8.self)
                }
                if generator.next() % 4 != 0 { text += " " }
            }
            let bytes = Array(text.utf8)
            Self.expectSame(AnalyzedText(bytes: bytes), twoChoiceTables: round % 4 != 3)
            if round < 3 {
                for cut in max(0, bytes.count - 16)..<bytes.count { Self.expectSame(AnalyzedText(bytes: Array(bytes[..<cut]))) }
            }
        }
        Self.expectSame(AnalyzedText(""))
        Self.expectSame(AnalyzedText("a a a\u{0} a\u{0} 1-only x-only 1-only x-only only only"))
    }

    /// A memo kept across documents (`WordMemo`) gives every document exactly the words the
    /// per-document path gives, whatever documents came before: random documents of mostly
    /// shared words, in order, with a second lexicon in between (which must empty the memo).
    @Test func memoAcrossDocumentsGivesWhatEachDocumentGives() throws {
        var generator = SplitMix64(seed: 71)
        let vocabulary = Self.lexicon.vocabulary.words
        let other = try RelationLexicon(triggers: "founded\tverb\t-\tfound|founded|the\n", cues: "")
        let pieces = ["’", "'s", "-", ".", ",", "—", "é", "n't", "ly", "ing", "ed", "ous", "ss", "\u{0}", "a\u{0}", "1-only", "x-only", "Oly", "only"]
        let alphabet = Array("abdeilnostuyADELNOSTY0123456789'-".utf8)
        var memo = WordMemo()
        for round in 0..<60 {
            var text = ""
            for _ in 0..<(50 + Int(generator.next() % 400)) {
                switch generator.next() % 5 {
                case 0, 1:
                    let word = vocabulary[Int(generator.next() % UInt64(vocabulary.count))]
                    text += generator.next() % 3 == 0 ? word.uppercased() : word
                case 2:
                    text += pieces[Int(generator.next() % UInt64(pieces.count))]
                default:
                    let length = 1 + Int(generator.next() % 9)
                    text += String(decoding: (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self)
                }
                if generator.next() % 4 != 0 { text += " " }
            }
            let analyzed = AnalyzedText(bytes: Array(text.utf8))
            let lexicon = round % 20 == 10 ? other : Self.lexicon
            let across = DocumentWords(text: analyzed, lexicon: lexicon, memo: &memo)
            let alone = DocumentWords(text: analyzed, lexicon: lexicon)
            #expect(across.ids == alone.ids)
            #expect(across.masks == alone.masks)
        }
    }

    /// The loop of memo hits gives a token the flags the memo holds for its bytes
    /// (`DocumentWords.memoFlags`), not reading the token's kind: for every token of one to
    /// eight ASCII bytes the tokenizer makes, on random text of words, numbers (`12only`),
    /// handles, possessives and marks, those are the flags of the token's own kind.
    @Test func memoFlagsAreTheTokensKindsFlags() {
        var generator = SplitMix64(seed: 5)
        let pieces = ["'s", "’s", "-", ".", ",", "@", "_", "12only", "1-only", "x-only", "only", "Only", "9ly", "_only", "@only",
                      "U.S.", "a.m.", "3.5ly", "1,2only", "'only", "é", "\u{0}", "\n", "  "]
        let alphabet = Array("abdeilnostuyADELNOSTY0123456789'-&._@,!?".utf8)
        var checked = 0
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<200 {
                if generator.next() % 3 == 0 {
                    text += pieces[Int(generator.next() % UInt64(pieces.count))]
                } else {
                    let length = 1 + Int(generator.next() % 9)
                    text += String(decoding: (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self)
                }
                if generator.next() % 3 != 0 { text += " " }
            }
            let analyzed = AnalyzedText(text)
            for token in analyzed.tokens where (1...8).contains(token.end - token.start) {
                let bytes = analyzed.bytes[token.start..<token.end]
                guard bytes.allSatisfy({ $0 < 0x80 }) else { continue }
                let x = DocumentWords.folded(RelationVocabulary.packed(bytes))
                let length = bytes.count
                let asWord = DocumentWords.flags(ofFolded: x, length: length, kind: .word)
                #expect(DocumentWords.memoFlags(asWord, x) == DocumentWords.flags(ofFolded: x, length: length, kind: token.kind))
                checked += 1
            }
        }
        #expect(checked > 10_000)
    }

    /// The key keeps a word's length: words that differ only by trailing NUL bytes differ.
    @Test func memoKeysTellLengthsApart() {
        #expect(DocumentWords.memoKey(0x61, length: 1) != DocumentWords.memoKey(0x61, length: 2))
        #expect(DocumentWords.memoKey(0x61, length: 8) != DocumentWords.memoKey(0x61, length: 7))
        #expect(DocumentWords.memoKey(0, length: 1) != 0)
    }
}
