import Testing
@testable import RelGraphCore

/// What the relation stage keeps per document instead of recomputing per sentence gives what
/// recomputing gives: the answers of `preferNamesContaining(nounID:in:)`, kept per name and
/// noun, and token tables prepared once per document.
@Suite struct RelationCacheTests {
    /// `preferNamesContaining(nounID:in:)`, asked again and again about the same names with the
    /// same analysis (its answers kept from call to call), reorders every pool as the uncached
    /// `preferNamesContainingSlowly(_:in:)` does: for the anaphoric nouns, for more distinct
    /// nouns than it keeps (every vocabulary word), and for ranges past its mask.
    @Test func keptAnswersReorderAsTheSlowPartition() {
        let lexicon = RelationLexicon.shared
        let text = AnalyzedText("")
        var table = SpellingTable()
        let nouns = ["company", "startup", "lab", "project", "firm", "billionaire", "model", "venture", "app"]
        var names = ["OpenAI", "Acme Company", "The AI Lab", "Stargate Project", "xAI", "Startup Labs", "Roe Ventures",
                     "caf\u{E9} company", "Kompany", "\u{212A}ab Lab", "Jane Roe", "Model Apps", "Firmware Inc"]
        var generator = SplitMix64(seed: 0xCAC4E)
        for _ in 0..<60 {
            var name = ""
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                name += ["Acme ", "company", "Lab", "lab", "PROJECT ", "x", "\u{E9}", "Startup", "ven", "ture "][Int(generator.next() % 10)]
            }
            names.append(name)
        }
        let referents = names.enumerated().map { table.referent($0.element, type: $0.offset % 3 == 0 ? .person : .organization) }
        var analysis = SentenceRelations(lexicon: lexicon, text: text, words: DocumentWords(text: text, lexicon: lexicon), names: table)
        let allWords = lexicon.vocabulary.words
        var reorderings = 0
        for round in 0..<8_000 {
            let word = round % 3 == 0 ? allWords[Int(generator.next() % UInt64(allWords.count))] : nouns[Int(generator.next() % UInt64(nouns.count))]
            let id = lexicon.vocabulary.id(of: word)
            #expect(id >= 0 && lexicon.word(id: id) == word)
            let count = round % 50 == 0 ? 65 + Int(generator.next() % 4) : 2 + Int(generator.next() % 8)
            let offset = Int(generator.next() % 3)
            let pool = (0..<(offset + count)).map { _ in referents[Int(generator.next() % UInt64(referents.count))] }
            let range = offset..<(offset + count)
            analysis.pool = ScratchList(pool)
            analysis.preferNamesContaining(nounID: id, in: range)
            let fast = analysis.pool.map { "\($0.spelling) \($0.type)" }
            analysis.pool = ScratchList(pool)
            analysis.preferNamesContainingSlowly(word, in: range)
            let slow = analysis.pool.map { "\($0.spelling) \($0.type)" }
            #expect(fast == slow, "\(word) over \(count)")
            if fast != pool.map({ "\($0.spelling) \($0.type)" }) { reorderings += 1 }
        }
        #expect(reorderings > 500)
    }

    /// Tables prepared once per document (`TokenTables.prepare(_:)`: a sentence read in order
    /// finds its entries still −1) give the findings of tables reset for every sentence, also
    /// when sentences are read again or out of order.
    @Test func preparedTablesGiveTheFindingsOfResetTables() {
        let lexicon = RelationLexicon.shared
        var sentences = 0
        var relations = 0
        for input in relationStageInputs(seed: 12) {
            let (text, mentions, order) = (input.text, input.mentions, input.order)
            let words = input.words
            // A filler makes every sentence reset its entries.
            var reset = SentenceRelations(lexicon: lexicon, text: text, words: words, tableFiller: -1)
            var prepared = SentenceRelations(lexicon: lexicon, text: text, words: words)
            var resetMemory = ReferenceMemory()
            var preparedMemory = ReferenceMemory()
            // In order, then each sentence again in reverse order (memories as they were left).
            let indices = Array(text.sentences.indices) + Array(text.sentences.indices.reversed())
            for index in indices {
                let sentence = text.sentences[index]
                resetMemory.sentence = index
                preparedMemory.sentence = index
                reset.analyze(sentence, mentions: mentions, order: order[...], memory: &resetMemory)
                prepared.analyze(sentence, mentions: mentions, order: order[...], memory: &preparedMemory)
                #expect(reset.found.array == prepared.found.array)
                #expect(reset.slots.map(\.tokens) == prepared.slots.map(\.tokens))
                #expect(reset.hits.map(\.tokens) == prepared.hits.map(\.tokens))
                sentences += 1
                relations += prepared.found.count
            }
        }
        #expect(sentences > 100 && relations > 10)
    }

    @Test func prepareResetsOnlyWhatWasRead() {
        let tables = TokenTables(count: 10)
        for table in [tables.slotAt, tables.hitAt, tables.mentionAt] { #expect((0..<10).allSatisfy { table[$0] == -1 }) }
        tables.prepare(0..<4)
        tables.slotAt[2] = 7
        tables.prepare(4..<8)
        #expect(tables.slotAt[2] == 7)
        tables.hitAt[5] = 1
        // Read again: reset.
        tables.prepare(4..<8)
        #expect(tables.hitAt[5] == -1)
        tables.prepare(0..<4)
        #expect(tables.slotAt[2] == -1)
        #expect(tables.cleanFrom == 8)
    }
}
