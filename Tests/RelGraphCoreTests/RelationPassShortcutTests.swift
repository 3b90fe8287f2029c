import Testing
@testable import RelGraphCore

/// The relation passes' shortcuts answer exactly what the paths they replace answer, on every
/// sentence of a synthetic corpus and of random word salad (where descriptions, triggers and
/// pronouns fall anywhere).
@Suite struct RelationPassShortcutTests {
    /// Calls `body` with the analysis of every sentence of `documents`, after `analyze`.
    private static func forEverySentence(_ documents: [Document], recognizer: Recognizer, _ body: (inout SentenceRelations) -> Void) {
        let lexicon = RelationLexicon.shared
        for document in documents {
            let text = AnalyzedText(document.text)
            let mentions = recognizer.recognize(text)
            let order = Array(mentions.indices)
            var analysis = SentenceRelations(lexicon: lexicon, text: text, words: DocumentWords(text: text, lexicon: lexicon))
            var memory = ReferenceMemory()
            for (index, sentence) in text.sentences.enumerated() {
                memory.sentence = index
                analysis.analyze(sentence, mentions: mentions, order: order[...], memory: &memory)
                body(&analysis)
            }
        }
    }

    private static var syntheticDocuments: ([Document], Recognizer) {
        let corpus = SyntheticCorpus(seed: 9, megabytes: 0.1)
        return (Array(corpus.documents()), Recognizer(lexicon: corpus.lexicon))
    }

    /// Sentences of random words the patterns know, names, pronouns and descriptions.
    private static func saladDocuments(seed: UInt64) -> [Document] {
        var generator = SplitMix64(seed: seed)
        let names = ["Elon Musk", "Musk", "Sam Altman", "OpenAI", "xAI", "Tesla", "Microsoft", "Jane Roe", "Acme", "Stargate Project"]
        let words = RelationLexicon.shared.vocabulary.words
        let extra = ["he", "she", "his", "her", "it", "its", "the", "the", "the company", "the startup", "the project",
                     "the AI lab", "the new company", "'s", ",", ".", "and", "of", "CEO", "by", "was"]
        var documents: [Document] = []
        for index in 0..<30 {
            var text = ""
            for _ in 0..<(6 + Int(generator.next() % 12)) {
                var sentence: [String] = []
                for _ in 0..<(3 + Int(generator.next() % 20)) {
                    switch generator.next() % 10 {
                    case 0, 1: sentence.append(names[Int(generator.next() % UInt64(names.count))])
                    case 2, 3, 4: sentence.append(extra[Int(generator.next() % UInt64(extra.count))])
                    default: sentence.append(words[Int(generator.next() % UInt64(words.count))])
                    }
                }
                text += sentence.joined(separator: " ") + ". "
            }
            documents.append(Document(name: "salad-\(index)", text: text))
        }
        return documents
    }

    /// `anaphorEnd(from:)` (a mask test of the next three tokens first) equals the word-by-word walk.
    @Test(arguments: [0, 1, 2])
    func anaphorPretestChangesNothing(seed: UInt64) {
        let (documents, recognizer) = seed == 0 ? Self.syntheticDocuments : (Self.saladDocuments(seed: seed), RelationFixtures.extractor.recognizer)
        var ends = 0
        Self.forEverySentence(documents, recognizer: recognizer) { analysis in
            for t in analysis.lo..<analysis.hi {
                let fast = analysis.anaphorEnd(from: t)
                #expect(fast == analysis.anaphorEndSlowly(from: t))
                if fast != nil { ends += 1 }
            }
        }
        #expect(ends > 0)
    }

    /// Every hit's `classes` are the classes of its rules, and the questions answered from
    /// them (`isPredicate`, `firstRule`) are what walking the rules answers.
    @Test(arguments: [0, 1, 2])
    func hitClassesAreTheRulesClasses(seed: UInt64) {
        let (documents, recognizer) = seed == 0 ? Self.syntheticDocuments : (Self.saladDocuments(seed: seed), RelationFixtures.extractor.recognizer)
        let lexicon = RelationLexicon.shared
        var checked = 0
        Self.forEverySentence(documents, recognizer: recognizer) { analysis in
            for h in analysis.hits.indices {
                var classes: UInt8 = 0
                for position in analysis.hits[h].rules { classes |= SentenceRelations.classBit(lexicon.rules[lexicon.ruleIndex(at: position)].triggerClass) }
                #expect(analysis.hits[h].classes == classes)
                for triggerClass in RelationLexicon.TriggerClass.allCases {
                    let slow = analysis.hits[h].rules.lazy.map { lexicon.ruleIndex(at: $0) }.first { lexicon.rules[$0].triggerClass == triggerClass }
                    #expect(analysis.firstRule(of: h, triggerClass) == slow)
                }
                checked += 1
            }
            for t in analysis.lo..<analysis.hi {
                let slow = analysis.hit(t).map { h in analysis.hits[h].rules.contains { lexicon.rules[lexicon.ruleIndex(at: $0)].triggerClass != .role } } ?? false
                #expect(analysis.isPredicate(t) == slow)
            }
        }
        #expect(checked > 0)
    }

    /// Looking for the first belief, rumor or joke word only before the last hit blocks the
    /// same hits as looking through the whole sentence, and so finds the same relations.
    @Test(arguments: [0, 1, 2])
    func epistemicScanToTheLastHitBlocksTheSame(seed: UInt64) {
        let (documents, recognizer) = seed == 0 ? Self.syntheticDocuments : (Self.saladDocuments(seed: seed), RelationFixtures.extractor.recognizer)
        let lexicon = RelationLexicon.shared
        var found = 0
        var epistemic = 0
        for document in documents {
            let text = AnalyzedText(document.text)
            let mentions = recognizer.recognize(text)
            let order = Array(mentions.indices)
            let words = DocumentWords(text: text, lexicon: lexicon)
            var fast = SentenceRelations(lexicon: lexicon, text: text, words: words)
            var slow = SentenceRelations(lexicon: lexicon, text: text, words: words)
            slow.scansWholeSentenceForEpistemic = true
            var fastMemory = ReferenceMemory()
            var slowMemory = ReferenceMemory()
            for (index, sentence) in text.sentences.enumerated() {
                fastMemory.sentence = index
                slowMemory.sentence = index
                fast.analyze(sentence, mentions: mentions, order: order[...], memory: &fastMemory)
                slow.analyze(sentence, mentions: mentions, order: order[...], memory: &slowMemory)
                #expect(fast.found.array == slow.found.array)
                for h in fast.hits.indices {
                    let start = fast.hits[h].tokens.lowerBound
                    #expect((fast.firstEpistemic.map { $0 < start } ?? false) == (slow.firstEpistemic.map { $0 < start } ?? false))
                }
                found += fast.found.count
                if slow.firstEpistemic != nil { epistemic += 1 }
            }
        }
        // (The synthetic corpus has no belief, rumor or joke words; the salad has them.)
        #expect(found > 0 && (seed == 0 || epistemic > 0))
    }

    /// `appendNamedReferents(to:)` lists `namedReferents` once each, first of equals first.
    @Test func namedReferentsAreListedOnce() {
        let (documents, recognizer) = Self.syntheticDocuments
        var listed = 0
        Self.forEverySentence(documents + Self.saladDocuments(seed: 3), recognizer: recognizer) { analysis in
            var expected: [Referent] = []
            for referent in analysis.namedReferents where !expected.contains(where: { $0.identity == referent.identity }) { expected.append(referent) }
            var list = ScratchList<Referent>()
            analysis.appendNamedReferents(to: &list)
            #expect(list.array == expected)
            let summary = analysis.namedSummary
            #expect(summary.count == analysis.namedReferents.count)
            #expect(summary.firstPerson == analysis.namedReferents.first { $0.type == .person })
            listed += list.count
        }
        #expect(listed > 0)
    }

    /// Each search's one-test pass over a word (`passesIn…`) holds only where every test the
    /// search makes of that word, in the order it makes them, would let it pass the same way.
    @Test(arguments: [0, 1, 2])
    func searchPassesAgreeWithTheWordTests(seed: UInt64) {
        let (documents, recognizer) = seed == 0 ? Self.syntheticDocuments : (Self.saladDocuments(seed: seed), RelationFixtures.extractor.recognizer)
        var passes = [0, 0, 0, 0]
        Self.forEverySentence(documents, recognizer: recognizer) { a in
            for t in a.lo..<a.hi {
                if a.passesInBlockSearch(t) {
                    passes[0] += 1
                    #expect(!a.isHard(t) && !a.isComma(t) && !a.has(t, .negation) && !a.flag(t, DocumentWords.Flag.negated)
                        && !a.has(t, .hypothetical) && !a.has(t, .boundary))
                }
                if a.passesInSubjectSearch(t) {
                    passes[1] += 1
                    #expect(a.slot(t) == nil && !a.cue(t, .relative) && !a.isWord(t, .that) && !a.isComma(t) && !a.isDash(t)
                        && !a.isHard(t) && !a.cue(t, .boundary))
                }
                if a.passesInObjectSearch(t) {
                    passes[2] += 1
                    #expect(a.slot(t) == nil && !a.isQuote(t) && !a.isComma(t) && !a.isHard(t) && !a.isPredicate(t) && !a.cue(t, .boundary)
                        && !a.cue(t, .relative) && !a.cue(t, .preposition) && !a.cue(t, .determiner))
                }
                if a.passesInList(t) {
                    passes[3] += 1
                    #expect(a.slot(t) == nil && !a.isQuote(t) && !a.isComma(t) && !a.isHard(t) && !a.isPredicate(t)
                        && !a.inGroup(t, .conjunction) && !a.cue(t, .introducer) && !a.isWord(t, .well))
                }
            }
        }
        #expect(passes.allSatisfy { $0 > 0 })
    }

    /// `cue(_:_:)`, class test first, is the slot test and the class test in either order.
    @Test func cueTestsTheClassFirstToTheSameEffect() {
        let (documents, recognizer) = Self.syntheticDocuments
        var cues = 0
        Self.forEverySentence(documents + Self.saladDocuments(seed: 4), recognizer: recognizer) { a in
            for t in a.lo..<a.hi {
                for cue in RelationLexicon.Cue.allCases {
                    let fast = a.cue(t, cue)
                    #expect(fast == (a.slot(t) == nil && a.has(t, cue)))
                    if fast { cues += 1 }
                }
            }
        }
        #expect(cues > 0)
    }
}
