/// Adds what `RelationExtractor` finds in one document straight into a `PartialGraph`, as ids.
///
/// The same additions, in the same order, as adding each `ExtractedRelation` of
/// `RelationExtractor.extract(from:mentions:document:)` with `addRelation(_:evidence:)`, but
/// without building a value of six strings per relation and interning them all again: the
/// document's name and date are interned once, a sentence's text is made only when the graph
/// stores it (once per sentence), each spelling of a trigger or a name once per document, and
/// the empty trigger of co-mentions once per document.
/// Strings are still interned in first-use order (source, target, trigger), so ids match.
struct PartialGraphRelationSink: RelationSink {
    /// The graph, moved in for the document and handed back by `finish()`: owning it (rather
    /// than holding a pointer to the caller's) keeps the hand-off checked by the compiler, and
    /// moving it costs no copy of its storage (the sink is dropped after `finish()`).
    private var graph: PartialGraph
    private let text: AnalyzedText
    private let document: Int32
    private let date: Int32
    private var sentence = SentenceSpan(start: 0, end: 0, tokens: 0..<0)
    private var start = 0
    private var end = 0
    /// The graph's string ids by spelling id of the document's trigger texts, −1 until first used.
    private var triggerIDs: [Int32]
    /// The id of `""`, interned at the first co-mention (−1 before).
    private var emptyTrigger: Int32 = -1
    /// The graph's string ids by spelling id of the document's `SpellingTable`, −1 until first used.
    private var nameIDs: [Int32]
    /// The document's relations, added to the graph at once by `finish()`.
    private var batch: PartialGraph.RelationBatch
    /// `graph.appendingStore()`, taken at the document's first stored sentence: taken per
    /// sentence, the store was retained and released each time (2.2 M instructions on synth10).
    /// The graph's stores do not change while the sink holds it.
    private var store: SentenceTextStore?

    /// - Parameter caches: The previous document's caches (`takeCaches()`), emptied here, so
    ///   that a worker's documents do not allocate them anew and regrow them as they fill.
    init(graph: consuming PartialGraph, text: AnalyzedText, document: Document, caches: consuming Caches = Caches()) {
        caches.names.removeAll(keepingCapacity: true)
        caches.triggers.removeAll(keepingCapacity: true)
        self.nameIDs = caches.names
        self.triggerIDs = caches.triggers
        self.document = graph.documentID(document.name)
        self.date = graph.dateID(document.date)
        self.batch = graph.takeRelationBatch()
        self.graph = graph
        self.text = text
    }

    /// The id caches of one document, kept by a worker for its next document's sink.
    ///
    /// Made per document, the two arrays grew from empty one append at a time: on synth10 some
    /// 12,500 regrowths (5.3 M instructions) and their frees; kept, about 3.5 M fewer in all.
    struct Caches {
        fileprivate var names: [Int32] = []
        fileprivate var triggers: [Int32] = []

        /// Entries past which the caches are not kept: a document of that many distinct names
        /// or triggers must not leave the worker holding its tables.
        static let keptLimit = 1 << 14
    }

    /// The caches, for the next document's sink (empty ones after a document that made them
    /// larger than `Caches.keptLimit`); the sink is left with none.
    mutating func takeCaches() -> Caches {
        var caches = Caches()
        if nameIDs.capacity <= Caches.keptLimit { swap(&caches.names, &nameIDs) }
        if triggerIDs.capacity <= Caches.keptLimit { swap(&caches.triggers, &triggerIDs) }
        return caches
    }

    /// The graph with the document's relations added; the sink is left with an empty graph.
    ///
    /// Mutating, not consuming: adding to the graph of a consumed `self` copied the graph's
    /// tables (copy on write, a few megabytes per document). The graph is swapped out first,
    /// so the sink keeps no second reference to it and a second call adds nothing again.
    mutating func finish() -> PartialGraph {
        var result = PartialGraph()
        swap(&result, &graph)
        result.addRelations(&batch)
        return result
    }

    mutating func beginSentence(_ sentence: SentenceSpan, start: Int, end: Int, text: AnalyzedText) {
        self.sentence = sentence
        self.start = start
        self.end = end
    }

    mutating func addRelation(source: Int32, target: Int32, kind: RelationKind, trigger: Int32, names: SpellingTable, triggers: TriggerTable) {
        let sourceID = nameID(source, names)
        let targetID = nameID(target, names)
        let triggerID = triggerID(trigger, triggers)
        add(sourceID, targetID, kind, triggerID)
    }

    mutating func addCoMention(source: Int32, target: Int32, names: SpellingTable) {
        let sourceID = nameID(source, names)
        let targetID = nameID(target, names)
        if emptyTrigger < 0 { emptyTrigger = graph.stringID("") }
        add(sourceID, targetID, .coMentioned, emptyTrigger)
    }

    /// The graph's id of the name of spelling id `spelling`, interned on first use: the order
    /// in which the graph first sees each string is the order without the cache.
    @inline(__always)
    private mutating func nameID(_ spelling: Int32, _ names: SpellingTable) -> Int32 {
        Self.stringID(spelling, of: names, cache: &nameIDs, in: &graph)
    }

    /// The graph's id of the trigger text of spelling id `spelling`, interned from its bytes on
    /// first use (in the same order as `nameID`'s, so ids are those of interning `String`s).
    @inline(__always)
    private mutating func triggerID(_ spelling: Int32, _ triggers: TriggerTable) -> Int32 {
        let index = Int(spelling)
        if index >= triggerIDs.count {
            for _ in triggerIDs.count..<triggers.count { triggerIDs.append(-1) }
        }
        if triggerIDs[index] < 0 {
            triggerIDs[index] = triggers.withUTF8(spelling: spelling) { graph.stringID(utf8: $0) }
        }
        return triggerIDs[index]
    }

    /// The graph's id of spelling `spelling` of `table`, through `cache` (by spelling id).
    @inline(__always)
    private static func stringID(_ spelling: Int32, of table: SpellingTable, cache: inout [Int32], in graph: inout PartialGraph) -> Int32 {
        let index = Int(spelling)
        if index >= cache.count {
            for _ in cache.count..<table.count { cache.append(-1) }
        }
        if cache[index] < 0 { cache[index] = graph.stringID(table.name(spelling: spelling)) }
        return cache[index]
    }

    private mutating func add(_ source: Int32, _ target: Int32, _ kind: RelationKind, _ trigger: Int32) {
        // The sentence is stored here, from the document's bytes, only when it is not the one
        // stored last; no closure, so the text (five arrays) is not copied and retained per relation.
        let start = UInt32(clamping: self.start)
        let reference: SentenceTextStore.Reference
        if let stored = graph.storedSentence(document: document, start: start) {
            reference = stored
        } else {
            // Unwrapped in place: bound to a local (`let store = self.store ?? …`, or `if let`),
            // the store was retained and released per relation (synth10: +4.6 M instructions).
            if store == nil { store = graph.appendingStore() }
            reference = Self.store(sentence, of: text, in: store!)
        }
        graph.noteStoredSentence(document: document, start: start, reference: reference)
        batch.append(PartialGraph.pack(source, target, kind), PartialGraph.StoredEvidence(
            document: document, trigger: trigger, date: date, start: start, end: UInt32(clamping: end), next: -1,
            store: UInt16(graph.stores.count - 1), textLength: UInt16(clamping: reference.length), textOffset: reference.offset
        ))
    }

    /// Appends the sentence's text (`sentenceText`) to `store`. A sentence of at most
    /// `Evidence.maximumSentenceLength` bytes of plain ASCII with single spaces is its text
    /// byte for byte (nothing to collapse or clip), so its bytes go in without a `String`,
    /// checked as they are copied (`appendIfCollapsedASCII`).
    static func store(_ sentence: SentenceSpan, of text: AnalyzedText, in store: SentenceTextStore) -> SentenceTextStore.Reference {
        let start = sentence.start, end = sentence.end
        if start < end, end - start <= Evidence.maximumSentenceLength, text.bytes[start] != 0x20, text.bytes[end - 1] != 0x20,
           let stored = text.bytes.withUnsafeBufferPointer({ store.appendIfCollapsedASCII(UnsafeBufferPointer(rebasing: $0[start..<end])) }) {
            return stored
        }
        return store.append(sentenceText(sentence, of: text))
    }

    /// The sentence's text as `ArrayRelationSink` puts it in its evidence: clipped when longer
    /// than `Evidence.maximumSentenceLength` (a text of no more bytes has no more scalars).
    static func sentenceText(_ sentence: SentenceSpan, of text: AnalyzedText) -> String {
        let whole = text.text(of: sentence)
        return sentence.end - sentence.start <= Evidence.maximumSentenceLength ? whole : Evidence.clipped(whole)
    }
}
