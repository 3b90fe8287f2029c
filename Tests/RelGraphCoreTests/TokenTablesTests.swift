import Testing
@testable import RelGraphCore

/// `SentenceRelations` sets its token tables (`slotAt`, `hitAt`, `mentionAt`) to −1 one
/// sentence at a time, as it reads the sentence, relying on every read of them staying within
/// the sentence: tables that start out full of other values must give the same slots, hits
/// and relations, sentence by sentence.
@Suite struct TokenTablesTests {
    private struct Findings: Equatable {
        var slots: [[Int]]
        var hits: [[Int]]
        var found: [SentenceRelations.Found]
    }

    private static func findings(_ analysis: inout SentenceRelations) -> Findings {
        Findings(
            slots: analysis.slots.indices.map { k in
                let slot = analysis.slots[k]
                return [slot.tokens.lowerBound, slot.tokens.upperBound, slot.candidates.lowerBound, slot.candidates.upperBound,
                        slot.suppressed ? 1 : 0, slot.oblique ? 1 : 0, slot.link]
            },
            hits: analysis.hits.indices.map { h in
                let hit = analysis.hits[h]
                return [hit.tokens.lowerBound, hit.tokens.upperBound, hit.rules.lowerBound, hit.rules.upperBound, hit.consumed ? 1 : 0]
            },
            found: analysis.found.array
        )
    }

    @Test func tablesStartingWithOtherValuesGiveTheSameFindings() {
        let lexicon = RelationLexicon.shared
        let fillers: [Int32] = [0, 3, -7]
        var sentences = 0
        var relations = 0
        for input in relationStageInputs(seed: 11) {
            let (text, mentions, order) = (input.text, input.mentions, input.order)
            let words = input.words
            var plain = SentenceRelations(lexicon: lexicon, text: text, words: words)
            var filled = fillers.map { SentenceRelations(lexicon: lexicon, text: text, words: words, tableFiller: $0) }
            var plainMemory = ReferenceMemory()
            var filledMemories = fillers.map { _ in ReferenceMemory() }
            for (index, sentence) in text.sentences.enumerated() {
                plainMemory.sentence = index
                plain.analyze(sentence, mentions: mentions, order: order[...], memory: &plainMemory)
                let expected = Self.findings(&plain)
                for k in filled.indices {
                    filledMemories[k].sentence = index
                    filled[k].analyze(sentence, mentions: mentions, order: order[...], memory: &filledMemories[k])
                    #expect(Self.findings(&filled[k]) == expected)
                }
                sentences += 1
                relations += expected.found.count
            }
        }
        #expect(sentences > 100 && relations > 10)
    }

    @Test func resetSetsOnlyItsRange() {
        let tables = TokenTables(count: 10, filler: 5)
        tables.reset(2..<6)
        for table in [tables.slotAt, tables.hitAt, tables.mentionAt] {
            #expect((0..<10).map { table[$0] } == [5, 5, -1, -1, -1, -1, 5, 5, 5, 5])
        }
    }
}
