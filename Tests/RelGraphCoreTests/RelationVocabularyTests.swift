import Testing
@testable import RelGraphCore

/// The id tables relation extraction reads tokens through must say exactly what the `String`
/// lookups they replace said: same words, same cue classes, same trigger forms, same suffixes.
@Suite struct RelationVocabularyTests {
    private static let lexicon = RelationLexicon.shared

    /// The `String` answers the tables replace, for one token of `text`.
    private static func expectSameAsStrings(_ text: AnalyzedText, _ words: DocumentWords, _ t: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let token = text.tokens[t]
        let word = RelationLexicon.normalize(text.text(of: token))
        for cue in RelationLexicon.Cue.allCases {
            #expect((words.masks[t] & cue.bit != 0) == lexicon.contains(word, cue), "\(word) \(cue)", sourceLocation: sourceLocation)
        }
        for literal in RelationLexicon.Literal.allCases {
            #expect((words.ids[t] == literal.rawValue) == (word == literal.word), "\(word) \(literal)", sourceLocation: sourceLocation)
        }
        for group in RelationLexicon.WordGroup.allCases {
            #expect((words.masks[t] & group.bit != 0) == group.words.contains(word), "\(word) \(group)", sourceLocation: sourceLocation)
        }
        let expectedFlags = DocumentWords.flags(of: word, kind: token.kind)
        let mask = DocumentWords.Flag.complex
        #expect(DocumentWords.flags(ofMask: words.masks[t]) & ~mask == expectedFlags, "\(word) flags", sourceLocation: sourceLocation)
        #expect((words.masks[t] & RelationLexicon.startsForm != 0) == formStarts(with: word), "\(word) starts a form", sourceLocation: sourceLocation)
        if lexicon.rules(for: [word]) != nil { #expect(formStarts(with: word), sourceLocation: sourceLocation) }
    }

    private static func formStarts(with word: String) -> Bool {
        lexicon.child(0, lexicon.vocabulary.id(of: word)) >= 0
    }

    @Test func everyLexiconWordInEveryCaseMatchesItsStringLookup() {
        let vocabulary = Self.lexicon.vocabulary
        var sample: [String] = []
        for id in 0..<vocabulary.count {
            let word = vocabulary.words[id]
            sample += [word, word.uppercased(), word.prefix(1).uppercased() + word.dropFirst()]
        }
        let text = AnalyzedText(sample.joined(separator: " "))
        let words = DocumentWords(text: text, lexicon: Self.lexicon)
        for t in text.tokens.indices { Self.expectSameAsStrings(text, words, t) }
    }

    @Test func curlyApostrophesHyphensAndOtherScriptsMatchTheirStringLookup() throws {
        let text = AnalyzedText("He didn’t sue. Jane’s firm, a start-up, isn’t next-level. L’Oréal ÉTAIT là; «quote» — “said” … İT Kelvin \u{212A}IND it’s SAID.")
        let words = DocumentWords(text: text, lexicon: Self.lexicon)
        #expect(text.tokens.count > 20)
        for t in text.tokens.indices { Self.expectSameAsStrings(text, words, t) }
        // `\u{212A}` (Kelvin) lowercases to an ASCII `k`: `\u{212A}IND` is the cue word `kind`.
        let kelvin = try #require(text.tokens.firstIndex { text.text(of: $0) == "\u{212A}IND" })
        #expect(words.masks[kelvin] & RelationLexicon.Cue.positive.bit != 0)
    }

    @Test func suffixFlagsFollowTheStringRules() {
        let text = AnalyzedText("quickly fly sadly suing sued famous glass dogs s ed ing n't")
        let words = DocumentWords(text: text, lexicon: Self.lexicon)
        let flags = words.masks.map(DocumentWords.flags(ofMask:))
        #expect(flags[0] & DocumentWords.Flag.adverb != 0)
        #expect(flags[1] & DocumentWords.Flag.adverb == 0)
        #expect(flags[2] & DocumentWords.Flag.adverb != 0)
        #expect(flags[3] & DocumentWords.Flag.ing != 0)
        #expect(flags[4] & DocumentWords.Flag.ed != 0)
        #expect(flags[5] & DocumentWords.Flag.plural == 0)
        #expect(flags[6] & DocumentWords.Flag.plural == 0)
        #expect(flags[7] & DocumentWords.Flag.plural != 0)
        for t in text.tokens.indices { Self.expectSameAsStrings(text, words, t) }
    }

    @Test func vocabularyFindsOnlyExactFoldedBytes() {
        var vocabulary = RelationVocabulary()
        let ceo = vocabulary.intern("ceo")
        let quote = vocabulary.intern("\u{201C}")
        #expect(vocabulary.intern("ceo") == ceo)
        vocabulary.seal()
        #expect(vocabulary.fastPath)
        func lookUp(_ word: String) -> Int32 {
            let bytes = Array(word.utf8)
            return bytes.withUnsafeBufferPointer { vocabulary.id(folded: $0, key: WordSet.hash(word), prefix: RelationVocabulary.packed(bytes)) }
        }
        #expect(lookUp("ceo") == ceo)
        #expect(lookUp("ce") == -1)
        #expect(lookUp("ceos") == -1)
        // A key that matches but bytes that do not: never an id.
        let bytes = Array("xyz".utf8)
        #expect(bytes.withUnsafeBufferPointer { vocabulary.id(folded: $0, key: WordSet.hash("ceo"), prefix: RelationVocabulary.packed(bytes)) } == -1)
        // Long words are confirmed past their first eight bytes.
        var long = RelationVocabulary()
        let word = long.intern("hypothetically")
        long.seal()
        for (probe, expected) in [("hypothetically", word), ("hypotheticallx", -1), ("hypothetical", -1)] {
            let probeBytes = Array(probe.utf8)
            #expect(probeBytes.withUnsafeBufferPointer { long.id(folded: $0, key: WordSet.hash("hypothetically"), prefix: RelationVocabulary.packed(probeBytes)) } == expected)
        }
        // Non-ASCII words are found through their `String`.
        #expect(vocabulary.id(of: "\u{201C}") == quote)
        #expect(vocabulary.id(of: "nope") == -1)
    }

    @Test func trieHoldsExactlyTheFormsOfTheLexicon() throws {
        let lexicon = try RelationLexicon(
            triggers: "sued\tverb\t-\tsue|sued\nleads\trole\tprep=of\tchief executive|chief executive officer|ceo",
            cues: "negation\tnot|never"
        )
        func node(_ words: [String]) -> Int32 {
            var node: Int32 = 0
            for word in words {
                node = lexicon.child(node, lexicon.vocabulary.id(of: word))
                if node < 0 { return -1 }
            }
            return node
        }
        for form in [["sue"], ["sued"], ["chief", "executive"], ["chief", "executive", "officer"], ["ceo"]] {
            let end = node(form)
            #expect(end > 0)
            #expect(lexicon.rules(atNode: end) == lexicon.rules(for: form))
            #expect(lexicon.ruleRange(atNode: end).map { lexicon.ruleIndex(at: $0) } == lexicon.rules(atNode: end))
        }
        #expect(lexicon.rules(atNode: node(["chief"])).isEmpty)
        #expect(lexicon.continues(node(["chief"])))
        #expect(lexicon.continues(node(["chief", "executive"])))
        #expect(!lexicon.continues(node(["ceo"])))
        #expect(node(["executive"]) == -1)
        #expect(node(["not"]) == -1)
        #expect(lexicon.child(0, -1) == -1)
    }

    @Test func aLexiconNameAndANounAreComparedAsBefore() {
        for (name, noun) in [("Stargate Project", "project"), ("ACME Labs", "lab"), ("Acme", "company"), ("Zoë Co", "co"), ("Ωmega", "ω"), ("", "x")] {
            #expect(SentenceRelations.name(name, contains: noun) == name.lowercased().contains(noun), "\(name) \(noun)")
        }
    }

    @Test(arguments: [900, 1000, 1001, 1500])
    func evidenceSentencesAreClippedAsEvidenceClipsThem(length: Int) throws {
        // "Jane Roe sued Acme" then filler words up to `length` scalars, with a multi-byte letter.
        var sentence = "Jane Roe sued Acme after a long day"
        while sentence.unicodeScalars.count < length - 1 { sentence += " é" }
        sentence = String(String.UnicodeScalarView(sentence.unicodeScalars.prefix(length - 1))) + "."
        let analyzed = AnalyzedText(sentence)
        let mentions = RelationFixtures.extractor.recognizer.recognize(analyzed)
        let found = RelationExtractor().extract(from: analyzed, mentions: mentions, document: Document(name: "d", text: sentence))
        let relation = try #require(found.first { $0.kind == .sued })
        #expect(relation.evidence.sentence == Evidence.clipped(sentence))
        #expect(relation.evidence.sentence.unicodeScalars.count == min(length, Evidence.maximumSentenceLength + 1))
    }

    /// The eight-bytes-at-a-time path folds and flags as the byte loop and the `String` rules do.
    @Test func wordAtATimeFoldingAndFlagsMatchTheByteRules() {
        var generator = SplitMix64(seed: 5)
        let alphabet = Array("aAbBdDeEgGiInNlLoOsSuUtTyYzZ@[`{-'09 ,.\u{7F}\u{01}".utf8)
        for _ in 0..<20_000 {
            let length = 1 + Int(generator.next() % 8)
            var bytes: [UInt8] = []
            for _ in 0..<length { bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let x = RelationVocabulary.packed(bytes)
            let folded = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            #expect(DocumentWords.folded(x) == RelationVocabulary.packed(folded), "\(bytes)")
            let word = String(decoding: folded, as: UTF8.self)
            for kind in [Token.Kind.word, .number, .punctuation] {
                var expected = DocumentWords.flags(of: word, kind: kind)
                if folded.contains(0x2D) { expected |= DocumentWords.Flag.complex }
                #expect(DocumentWords.flags(ofFolded: RelationVocabulary.packed(folded), length: length, kind: kind) == expected, "\(word)")
            }
        }
    }

    /// The two-choice table of long words answers as the `String` lookup does, and so does
    /// `DocumentWords` for tokens of nine to sixteen bytes, flags included.
    @Test func longWordTableMatchesTheStringLookup() {
        let vocabulary = Self.lexicon.vocabulary
        func check(_ bytes: [UInt8]) {
            guard (9...16).contains(bytes.count), bytes.allSatisfy({ $0 < 0x80 }) else { return }
            let expected = vocabulary.id(of: String(decoding: bytes, as: UTF8.self))
            let high = RelationVocabulary.packed(bytes.suffix(bytes.count - 8))
            #expect(vocabulary.longWords.id(RelationVocabulary.packed(bytes), high, length: bytes.count) == expected, "\(bytes)")
        }
        var long = 0
        for word in vocabulary.words {
            let bytes = Array(word.utf8)
            if (9...16).contains(bytes.count) { long += 1 }
            check(bytes)
            for cut in 9..<max(bytes.count, 9) { check(Array(bytes.prefix(cut))) }
            check(bytes + [0x73])
            check(bytes + [0])
            check([0x61] + bytes)
        }
        #expect(long > 10)
        var generator = SplitMix64(seed: 13)
        let alphabet = Array("abcdeilnorsty'-".utf8)
        var words: [String] = []
        for _ in 0..<20_000 {
            let length = 9 + Int(generator.next() % 8)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            check(bytes)
            if words.count < 3_000, bytes.first != UInt8(ascii: "'"), bytes.first != UInt8(ascii: "-") {
                words.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        // Through `DocumentWords`, in several cases, among the vocabulary's long words.
        for word in vocabulary.words where (9...16).contains(word.utf8.count) { words += [word, word.uppercased()] }
        let text = AnalyzedText(words.joined(separator: " "))
        let found = DocumentWords(text: text, lexicon: Self.lexicon)
        for t in text.tokens.indices {
            Self.expectSameAsStrings(text, found, t)
            let bytes = Array(text.text(of: text.tokens[t]).utf8)
            if bytes.allSatisfy({ $0 < 0x80 }) {
                #expect((DocumentWords.flags(ofMask: found.masks[t]) & DocumentWords.Flag.complex != 0) == bytes.contains(0x2D), "\(bytes)")
            }
        }
    }

    /// The two-choice table of short words answers as the `String` lookup does: every word of
    /// the vocabulary, its prefixes and extensions, random ASCII and words padded with NUL bytes.
    @Test func shortWordTableMatchesTheStringLookup() {
        let vocabulary = Self.lexicon.vocabulary
        #expect(vocabulary.shortWords.complete)
        #expect(vocabulary.longWords.complete)
        func check(_ bytes: [UInt8]) {
            guard (1...8).contains(bytes.count), bytes.allSatisfy({ $0 < 0x80 }) else { return }
            let expected = vocabulary.id(of: String(decoding: bytes, as: UTF8.self))
            #expect(vocabulary.shortWords.id(RelationVocabulary.packed(bytes), length: bytes.count) == expected, "\(bytes)")
        }
        for word in vocabulary.words {
            let bytes = Array(word.utf8)
            check(bytes)
            for cut in 1..<max(bytes.count, 1) { check(Array(bytes.prefix(cut))) }
            check(bytes + [0x73])
            check(bytes + [0])
            check(bytes + [0, 0])
        }
        var generator = SplitMix64(seed: 11)
        let alphabet = Array("abcdeilnorst'-,.0".utf8)
        for _ in 0..<50_000 {
            let length = 1 + Int(generator.next() % 8)
            check((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        // A small vocabulary built by hand, looked up both ways.
        var small = RelationVocabulary()
        let ids = ["a", "of", "ceo", "hypothetically", "\u{201C}", "12345678"].map { small.intern($0) }
        small.seal()
        #expect(small.shortWords.complete)
        #expect(small.shortWords.id(RelationVocabulary.packed(Array("of".utf8)), length: 2) == ids[1])
        #expect(small.shortWords.id(RelationVocabulary.packed(Array("12345678".utf8)), length: 8) == ids[5])
        #expect(small.shortWords.id(RelationVocabulary.packed(Array("of".utf8)), length: 3) == -1)
        #expect(small.shortWords.id(RelationVocabulary.packed(Array("hypothet".utf8)), length: 8) == -1)
        #expect(small.shortWords.id(0, length: 1) == -1)
    }

    /// Tokens at the very end of a text (fewer than eight bytes left) and longer tokens take
    /// the byte loop; both paths give the `String` answers.
    @Test func tokensNearTheEndAndLongTokensMatchTheirStringLookup() {
        for text in ["He", "Acme CEO", "the CEO of Acme", "co-founder", "NOT", "chief executives officer", "x" + String(repeating: "y", count: 70)] {
            let analyzed = AnalyzedText(text)
            let words = DocumentWords(text: analyzed, lexicon: Self.lexicon)
            for t in analyzed.tokens.indices { Self.expectSameAsStrings(analyzed, words, t) }
        }
    }

    /// Without the two-choice tables (as when building one fails), short words take the FNV
    /// table (`RelationVocabulary.id(length:key:prefix:)`) and long ones the byte loop: the same
    /// ids, masks and flags, and the `String` answers.
    @Test func fallbackWithoutTwoChoiceTablesGivesTheSameWords() {
        let vocabulary = Self.lexicon.vocabulary
        var sample: [String] = []
        for word in vocabulary.words { sample += [word, word.uppercased(), word.prefix(1).uppercased() + word.dropFirst()] }
        var generator = SplitMix64(seed: 5)
        let alphabet = Array("abcdeilnorstABC'-".utf8)
        for _ in 0..<5_000 {
            let length = 1 + Int(generator.next() % 18)
            sample.append(String(decoding: (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self))
        }
        sample.append("He didn’t sue. L’Oréal \u{212A}IND, a start-up — “said” co-founder x\(String(repeating: "y", count: 70)) NOT")
        let text = AnalyzedText(sample.joined(separator: " "))
        let tables = DocumentWords(text: text, lexicon: Self.lexicon)
        let fallback = DocumentWords(text: text, lexicon: Self.lexicon, twoChoiceTables: false)
        #expect(fallback.ids == tables.ids)
        #expect(fallback.masks == tables.masks)
        for t in text.tokens.indices.prefix(3_000) { Self.expectSameAsStrings(text, fallback, t) }
        // The FNV table directly: every short ASCII word and its neighbours.
        for word in vocabulary.words {
            for candidate in [word, word + "s", String(word.dropLast())] {
                let bytes = Array(candidate.utf8)
                guard (1...8).contains(bytes.count), bytes.allSatisfy({ $0 < 0x80 }) else { continue }
                let id = vocabulary.id(length: bytes.count, key: WordSet.hash(candidate), prefix: RelationVocabulary.packed(bytes))
                #expect(id == vocabulary.id(of: candidate), "\(candidate)")
            }
        }
    }
}
