import Testing
@testable import RelGraphCore

/// `conjuncts(of:rightward:into:)`, which appends every item found and drops the unconfirmed
/// ones at the end, against the form it replaced (kept below as written then: confirmed items
/// in the result, unconfirmed ones in a pending list), from every slot of every sentence, both
/// ways, on word salad dense in names, commas, conjunctions and list introducers.
@Suite struct ConjunctsReferenceTests {
    private static func saladText(seed: UInt64) -> String {
        var generator = SplitMix64(seed: seed)
        let words = RelationLexicon.shared.vocabulary.words
        let names = ["OpenAI", "Oracle", "SoftBank", "Google", "Anthropic", "Microsoft", "Elon Musk", "Sam Altman", "Acme Corp"]
        let joiners = [",", ",", "and", "or", "like", "such as", "including", "well", "\"", "'s", "the company", "he", "said", "."]
        var text = ""
        for _ in 0..<60 {
            var sentence: [String] = []
            for _ in 0..<(3 + Int(generator.next() % 30)) {
                switch generator.next() % 5 {
                case 0, 1: sentence.append(names[Int(generator.next() % UInt64(names.count))])
                case 2, 3: sentence.append(joiners[Int(generator.next() % UInt64(joiners.count))])
                default: sentence.append(words[Int(generator.next() % UInt64(words.count))])
                }
            }
            text += sentence.joined(separator: " ") + ". "
        }
        return text
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func conjunctsAreThePendingListForm(seed: UInt64) {
        let lexicon = RelationLexicon.shared
        let text = AnalyzedText(Self.saladText(seed: seed))
        let mentions = RelationFixtures.extractor.recognizer.recognize(text)
        let order = Array(mentions.indices)
        var analysis = SentenceRelations(lexicon: lexicon, text: text, words: DocumentWords(text: text, lexicon: lexicon))
        var memory = ReferenceMemory()
        var lists = 0
        var result = SlotList()
        for (index, sentence) in text.sentences.enumerated() {
            memory.sentence = index
            analysis.analyze(sentence, mentions: mentions, order: order[...], memory: &memory)
            for k in 0..<analysis.slots.count {
                for rightward in [false, true] {
                    analysis.conjuncts(of: k, rightward: rightward, into: &result)
                    let expected = analysis.referenceConjuncts(of: k, rightward: rightward)
                    #expect(Array(result) == expected, "seed \(seed), sentence \(index), slot \(k), rightward \(rightward)")
                    if expected.count > 1 { lists += 1 }
                }
            }
        }
        #expect(lists > 20)
    }
}

extension SentenceRelations {
    /// `conjuncts(of:rightward:)` as it was before `into:` (main 7c3d0a2), returning an array.
    mutating func referenceConjuncts(of k: Int, rightward: Bool) -> [Int] {
        var result = [k]
        var pending: [Int] = []
        var sawConjunction = false
        var current = k
        while result.count + pending.count < 24 {
            var t = rightward ? slots[current].tokens.upperBound : slots[current].tokens.lowerBound - 1
            var joiner = false
            var conjunction = false
            var introducer = false
            var others = 0
            var next: Int?
            var length = 0
            while t >= lo, t < hi, length < 6 {
                if passesInList(t) {
                    others += 1
                    if others > 2 { break }
                    length += 1
                    t += rightward ? 1 : -1
                    continue
                }
                if let s = slot(t) {
                    if !slots[s].suppressed { next = s }
                    break
                }
                if isQuote(t) {
                    t += rightward ? 1 : -1
                    continue
                }
                if isComma(t) {
                    joiner = true
                } else if isHard(t) || isPredicate(t) {
                    break
                } else if inGroup(t, .conjunction) {
                    joiner = true
                    conjunction = true
                } else if cue(t, .introducer) || isWord(t, .well) {
                    introducer = true
                } else {
                    others += 1
                    if others > 2 { break }
                }
                length += 1
                t += rightward ? 1 : -1
            }
            guard var found = next, joiner || introducer, others == 0 || introducer, !slots[found].candidates.isEmpty else { break }
            if rightward { found = head(found) } else if slots[found].possessive { break }
            if conjunction || introducer {
                result += pending
                result.append(found)
                pending.removeAll()
                sawConjunction = true
            } else if !rightward && sawConjunction {
                result.append(found)
            } else {
                pending.append(found)
            }
            current = found
        }
        return result
    }
}
