/// An `Extractor` with what one `relgraph build` worker keeps from one document to the next
/// (`Extractor.WorkerState`: the word memo, the relation sink's caches, the text stage's
/// arrays, the name rules' buffers), for code outside the module that times the path `build`
/// takes (the stage benchmark): the public `Extractor.extract(_:into:words:)` starts the caches
/// and buffers anew per document.
///
/// One thread's own: not `Sendable`, and a reference shares the state.
public final class ExtractionWorker {
    public let extractor: Extractor
    private var state = Extractor.WorkerState()

    public init(extractor: Extractor) {
        self.extractor = extractor
    }

    /// Adds one document's entities and relations to `partial`, as a `build` worker does; the
    /// same graph as `extractor.extract(document, into: &partial)`.
    public func extract(_ document: Document, into partial: inout PartialGraph) {
        extractor.extract(document, into: &partial, state: &state)
    }

    /// The text analysis `extract` runs on `document`, into the worker's kept arrays.
    public func analyze(_ document: Document) -> AnalyzedText {
        let text = AnalyzedText(bytes: document.utf8, scratch: &state.texts)
        state.texts.keep(text)
        return text
    }

    /// The mentions `extract` finds in `document` (text analysis and recognition, with the
    /// worker's arrays and name-rule buffers, as `extract` runs them), and nothing added anywhere.
    public func recognize(_ document: Document) -> [Mention] {
        let text = analyze(document)
        let (mentions, names) = extractor.recognizer.recognizeWithNames(text, scratch: state.nameRules)
        state.nameRules.keep(mentions: mentions, names: names)
        return mentions
    }
}
