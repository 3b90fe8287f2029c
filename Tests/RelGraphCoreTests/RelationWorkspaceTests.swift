import Testing
@testable import RelGraphCore

/// A worker's `WordMemo` keeps the relation stage's analysis and lists from one document to
/// the next (`RelationExtractor.Workspace`), reset per document. Whatever documents came
/// before, each must give exactly what a fresh extraction of it gives: documents long and
/// short in turn (the token tables shrink and grow), with and without `MentionNames` (the
/// names of the previous document must not leak), and through a copy of the memo.
@Suite struct RelationWorkspaceTests {
    private struct Input {
        let document: Document
        let text: AnalyzedText
        let mentions: [Mention]
        let names: MentionNames
    }

    private static func inputs(seed: UInt64) -> [Input] {
        let corpus = SyntheticCorpus(seed: seed, megabytes: 0.1)
        let recognizer = Recognizer(lexicon: corpus.lexicon)
        var inputs = corpus.documents().map { document in
            let text = AnalyzedText(document.text)
            let (mentions, names) = recognizer.recognizeWithNames(text)
            return Input(document: document, text: text, mentions: mentions, names: names)
        }
        // Long and short documents in turn; and one of many tokens after them all.
        inputs.sort { $0.text.tokens.count < $1.text.tokens.count }
        var interleaved: [Input] = []
        while !inputs.isEmpty {
            interleaved.append(inputs.removeLast())
            if !inputs.isEmpty { interleaved.append(inputs.removeFirst()) }
        }
        let long = interleaved.prefix(4).map(\.document.text).joined(separator: "\n\n")
        let text = AnalyzedText(long)
        let (mentions, names) = recognizer.recognizeWithNames(text)
        interleaved.append(Input(document: Document(name: "long", text: long), text: text, mentions: mentions, names: names))
        return interleaved
    }

    private static func extract(_ input: Input, names: Bool, memo: inout WordMemo, extractor: RelationExtractor) -> [ExtractedRelation] {
        var sink = ArrayRelationSink(document: input.document)
        let words = DocumentWords(text: input.text, lexicon: extractor.lexicon, memo: &memo)
        extractor.extract(from: input.text, mentions: input.mentions, names: names ? input.names : nil, words: words, into: &sink)
        return sink.results
    }

    @Test func keptWorkspaceGivesWhatAFreshExtractionGives() {
        let extractor = RelationExtractor()
        var memo = WordMemo()
        var relations = 0
        for (index, input) in Self.inputs(seed: 29).enumerated() {
            let fresh = extractor.extract(from: input.text, mentions: input.mentions, document: input.document)
            let kept = Self.extract(input, names: index % 3 != 2, memo: &memo, extractor: extractor)
            #expect(kept == fresh, "document \(input.document.name)")
            relations += fresh.count
        }
        #expect(relations > 100)
    }

    /// A memo used with two lexicons in turn: the kept analysis takes each document's lexicon
    /// (it keeps its own only for a copy of the same one, `RelationLexicon.isCopy(of:)`).
    @Test func keptWorkspaceFollowsTheLexicon() throws {
        let shared = RelationExtractor()
        let other = RelationExtractor(lexicon: try RelationLexicon(triggers: "founded\tverb\t-\tfounded|acquired\n", cues: ""))
        #expect(shared.lexicon.isCopy(of: RelationLexicon.shared))
        #expect(!other.lexicon.isCopy(of: shared.lexicon) && !shared.lexicon.isCopy(of: other.lexicon))
        var memo = WordMemo()
        var differs = 0
        for (index, input) in Self.inputs(seed: 31).prefix(16).enumerated() {
            let extractor = index % 2 == 0 ? shared : other
            let fresh = extractor.extract(from: input.text, mentions: input.mentions, document: input.document)
            let kept = Self.extract(input, names: true, memo: &memo, extractor: extractor)
            #expect(kept == fresh, "document \(input.document.name)")
            if index % 2 == 1, fresh != shared.extract(from: input.text, mentions: input.mentions, document: input.document) { differs += 1 }
        }
        #expect(differs > 0)
    }

    @Test func copiedMemoGetsItsOwnWorkspace() {
        let extractor = RelationExtractor()
        let inputs = Self.inputs(seed: 31)
        var memo = WordMemo()
        _ = Self.extract(inputs[0], names: true, memo: &memo, extractor: extractor)
        var copy = memo
        let first = memo.workspaceForDocument()
        let second = copy.workspaceForDocument()
        #expect(first !== second)
        // Each copy reads on, alternately, with the right results.
        for (index, input) in inputs.prefix(20).enumerated() {
            let fresh = extractor.extract(from: input.text, mentions: input.mentions, document: input.document)
            if index % 2 == 0 {
                #expect(Self.extract(input, names: true, memo: &memo, extractor: extractor) == fresh)
            } else {
                #expect(Self.extract(input, names: true, memo: &copy, extractor: extractor) == fresh)
            }
        }
    }

    /// A document longer than `Workspace.keptTokenLimit` is extracted as a fresh extraction
    /// would, and its analysis is not kept (its tables would stay that large for the worker's
    /// later documents); the next ordinary document is kept again.
    @Test func veryLongDocumentIsNotKept() {
        let extractor = RelationExtractor()
        let inputs = Self.inputs(seed: 37)
        let recognizer = Recognizer(lexicon: SyntheticCorpus(seed: 37, megabytes: 0.1).lexicon)
        var memo = WordMemo()
        _ = Self.extract(inputs[0], names: true, memo: &memo, extractor: extractor)
        #expect(memo.keepsAnalysis)
        var long = inputs[0].document.text
        while AnalyzedText(long).tokens.count <= RelationExtractor.Workspace.keptTokenLimit { long += "\n\n" + long }
        let text = AnalyzedText(long)
        let (mentions, names) = recognizer.recognizeWithNames(text)
        let input = Input(document: Document(name: "very long", text: long), text: text, mentions: mentions, names: names)
        #expect(Self.extract(input, names: true, memo: &memo, extractor: extractor)
                == extractor.extract(from: text, mentions: mentions, document: input.document))
        #expect(!memo.keepsAnalysis)
        let next = inputs[1]
        #expect(Self.extract(next, names: true, memo: &memo, extractor: extractor)
                == extractor.extract(from: next.text, mentions: next.mentions, document: next.document))
        #expect(memo.keepsAnalysis)
    }

    /// Token tables reused for a document of fewer tokens, then more (within their room, then
    /// past it), read every entry as −1 again.
    @Test func reusedTokenTablesStartEmpty() {
        let tables = TokenTables(count: 100)
        for (count, written) in [(100, 0..<100), (40, 10..<40), (90, 0..<90), (300, 5..<300), (7, 0..<7), (250, 0..<0)] {
            tables.reuse(count: count)
            #expect(tables.count == count)
            for t in 0..<count {
                #expect(tables.slotAt[t] == -1 && tables.hitAt[t] == -1 && tables.mentionAt[t] == -1)
            }
            tables.prepare(0..<count)
            for t in written {
                tables.slotAt[t] = 1
                tables.hitAt[t] = 2
                tables.mentionAt[t] = 3
            }
        }
    }

    /// `Array.refill(repeating:count:)`, which writes a kept list's values in place, against
    /// a new array, from shorter, longer and equal lists, and from a list whose storage a copy
    /// shares (the copy must keep its entries).
    @Test func refilledListsAreNewLists() {
        var generator = SplitMix64(seed: 0x2EF111)
        var list: [Int] = []
        for _ in 0..<200 {
            let count = Int(generator.next() % 300), value = Int(generator.next() % 3) - 1
            let copy = list
            let entries = copy.map { $0 }
            list.refill(repeating: value, count: count)
            #expect(list == [Int](repeating: value, count: count))
            #expect(copy == entries)
            // Stale entries left in the storage must be overwritten by the next refill.
            for index in list.indices { list[index] = index + 1 }
        }
    }

    /// `Array.extend(repeating:to:)` (the name tables of `SentenceRelations`, the evidence
    /// lists of `FinalLayout`), against appending the repeated value: from empty and kept
    /// lists, to shorter, equal and longer counts, in storage of its own, with room or not,
    /// and in storage a copy shares (the copy must keep its entries).
    @Test func extendedListsAreAppendedLists() {
        var generator = SplitMix64(seed: 0xE7E4D)
        var list: [UInt32] = []
        for round in 0..<300 {
            if generator.next() % 4 == 0 { list.removeAll(keepingCapacity: generator.next() % 2 == 0) }
            let count = Int(generator.next() % 200), value = UInt32(generator.next() % 3)
            let copy = generator.next() % 3 == 0 ? list : []
            let entries = copy.map { $0 }
            var expected = list
            if expected.count < count { expected += repeatElement(value, count: count - expected.count) }
            list.extend(repeating: value, to: count)
            #expect(list == expected, "round \(round)")
            #expect(copy == entries, "round \(round)")
            // Entries kept must survive the next extension; new ones must not come from stale storage.
            for index in list.indices where generator.next() % 2 == 0 { list[index] = UInt32(index + 7) }
            if !list.isEmpty && generator.next() % 2 == 0 { list.removeLast(Int(generator.next() % UInt64(list.count + 1))) }
        }
    }
}
