/// Runs the per-document pipeline — text analysis, recognition, relation extraction — and
/// accumulates the result into a `PartialGraph`.
///
/// Pure and `Sendable`: documents can be extracted on any thread and the partial graphs merged
/// in any order.
public struct Extractor: Sendable {
    public let recognizer: Recognizer
    public let relations: RelationExtractor

    public init(recognizer: Recognizer, relations: RelationExtractor = RelationExtractor()) {
        self.recognizer = recognizer
        self.relations = relations
    }

    /// The partial graph of one document.
    public func extract(_ document: Document) -> PartialGraph {
        var partial = PartialGraph()
        extract(document, into: &partial)
        return partial
    }

    /// Adds one document's entities and relations to `partial`.
    public func extract(_ document: Document, into partial: inout PartialGraph) {
        var caches = PartialGraphRelationSink.Caches()
        var texts = TextScratch()
        extract(document, into: &partial, sinkCaches: &caches, nameRules: nil, texts: &texts) { text in DocumentWords(text: text, lexicon: relations.lexicon) }
    }

    /// `extract(_:into:)` for a worker that extracts documents one after another: `memo`, the
    /// worker's own, remembers the lexicon's answers for common words from one document to the
    /// next. The result is the same as without it, whatever documents came before.
    public func extract(_ document: Document, into partial: inout PartialGraph, words memo: inout WordMemo) {
        var caches = PartialGraphRelationSink.Caches()
        var texts = TextScratch()
        extract(document, into: &partial, sinkCaches: &caches, nameRules: nil, texts: &texts) { text in
            DocumentWords(text: text, lexicon: relations.lexicon, memo: &memo)
        }
    }

    /// What a worker extracting documents one after another keeps from one to the next: the
    /// word memo (`WordMemo`), the relation sink's id caches, the text stage's arrays
    /// (`TextScratch`) and the name rules' buffers (with the arrays of the mentions). Each
    /// document empties or fills what it reads of them first, so the result is the same as
    /// without them, whatever documents came before.
    ///
    /// One worker's own: a copy shares the rules' buffers, so it must not be used by another
    /// worker.
    struct WorkerState {
        var words = WordMemo()
        var sinkCaches = PartialGraphRelationSink.Caches()
        let nameRules = NameRulesScratch()
        var texts = TextScratch()
    }

    /// `extract(_:into:words:)` with everything else the worker keeps too.
    func extract(_ document: Document, into partial: inout PartialGraph, state: inout WorkerState) {
        extract(document, into: &partial, sinkCaches: &state.sinkCaches, nameRules: state.nameRules, texts: &state.texts) { text in
            DocumentWords(text: text, lexicon: relations.lexicon, memo: &state.words)
        }
    }

    private func extract(_ document: Document, into partial: inout PartialGraph, sinkCaches: inout PartialGraphRelationSink.Caches,
                         nameRules: NameRulesScratch?, texts: inout TextScratch, words: (AnalyzedText) -> DocumentWords) {
        // The document's bytes as they are (a document read from a file holds validated UTF-8).
        let text = AnalyzedText(bytes: document.utf8, scratch: &texts)
        // With each mention's names as indices into the document's distinct strings, so the
        // graph and the relation stage look each name up once per document, not per mention.
        let (mentions, names) = recognizer.recognizeWithNames(text, scratch: nameRules)
        partial.addDocument(DocumentInfo(name: document.name, date: document.date))
        partial.addMentions(mentions, names: names, document: document.name)
        // Straight into the graph as ids: the same additions in the same order as adding each
        // relation of `relations.extract(from:mentions:document:)`, without its strings.
        var caches = PartialGraphRelationSink.Caches()
        swap(&caches, &sinkCaches)
        var sink = PartialGraphRelationSink(graph: consume partial, text: text, document: document, caches: consume caches)
        relations.extract(from: text, mentions: mentions, names: names, words: words(text), into: &sink)
        partial = sink.finish()
        sinkCaches = sink.takeCaches()
        texts.keep(text)
        nameRules?.keep(mentions: mentions, names: names)
    }

    /// The graph of a sequence of documents, extracted one after another.
    public func graph(of documents: some Sequence<Document>) -> RelationGraph {
        var partial = PartialGraph()
        var state = WorkerState()
        for document in documents { extract(document, into: &partial, state: &state) }
        return partial.finalized()
    }
}
