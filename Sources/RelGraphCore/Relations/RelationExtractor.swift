/// Finds the typed relations each sentence of a document states, with their evidence, and
/// the co-mentions of entities that no typed relation connects.
///
/// Typed relations come from the trigger patterns of `SentenceRelations` (see
/// `Resources/relation-triggers.tsv`). Two named entities in one sentence are `co_mentioned`
/// only when that sentence states no typed relation between them: a co-mention is the
/// fallback tier for "appear together, relation unknown", never a duplicate of a typed edge.
///
/// Pronouns and descriptions (`his`, `the company`, `the OpenAI CEO`) resolve against what
/// the document named before them, so documents are read in order, sentence by sentence.
///
/// - Complexity: O(*n*·*f*) for a document of *n* tokens, where *f* is the longest trigger
///   form, plus O(*m*²) per sentence for the co-mentions of its *m* named entities.
public struct RelationExtractor: Sendable {
    /// Sentences naming more distinct entities than this give no co-mentions: such a
    /// "sentence" is a list or table, where co-occurrence says nothing, and its pairs grow
    /// quadratically (10,000 names would give 50 million pairs).
    public static let coMentionLimit = 64

    public let lexicon: RelationLexicon
    /// Whether sentences that cannot state a relation skip the pattern passes (and sentences
    /// without trigger hits all but the possessive one); off only in the test that compares
    /// both ways.
    var skipsBarrenSentences = true
    /// Past how many entries a sentence's lists (relations found, pairs related, names) are
    /// searched through a hash set rather than linearly; 16 except in the test that compares
    /// both ways.
    var hashingThreshold = 16

    public init(lexicon: RelationLexicon = .shared) {
        self.lexicon = lexicon
    }

    /// The relations of one document, sentence by sentence, in sentence order.
    ///
    ///     let text = AnalyzedText("Jane Roe sued Acme.")
    ///     extractor.extract(from: text, mentions: recognizer.recognize(text), document: document)
    ///     // [Jane Roe —sued→ Acme, evidence "Jane Roe sued Acme." trigger "sued"]
    ///
    /// - Parameters:
    ///   - text: The document's analyzed text.
    ///   - mentions: The recognizer's mentions of `text`; non-entity mentions are ignored.
    ///   - document: Names the evidence and dates it.
    /// - Returns: Typed relations and co-mentions, each with one evidence sentence.
    public func extract(from text: AnalyzedText, mentions: [Mention], document: Document) -> [ExtractedRelation] {
        var sink = ArrayRelationSink(document: document)
        extract(from: text, mentions: mentions, into: &sink)
        return sink.results
    }

    /// `extract(from:mentions:document:)` handed to `sink` as it is found, in the same order:
    /// the sink decides what a relation becomes (a value for the public API, ids in a
    /// partial graph for the pipeline), so the fast path cannot drift from the public one.
    func extract(from text: AnalyzedText, mentions: [Mention], into sink: inout some RelationSink) {
        extract(from: text, mentions: mentions, words: DocumentWords(text: text, lexicon: lexicon), into: &sink)
    }

    /// `extract(from:mentions:into:)` given the document's words, which a worker reading
    /// documents one after another computes with its `WordMemo`, and optionally the mentions'
    /// `MentionNames` (from `Recognizer.recognizeWithNames`), by which each distinct canonical
    /// name is interned once per document instead of once per mention (the same result).
    func extract(from text: AnalyzedText, mentions: [Mention], names: MentionNames? = nil, words: DocumentWords, into sink: inout some RelationSink) {
        // The lists of the worker's previous document, if it keeps them (each emptied before
        // use, so what is found does not depend on them), used in place: a copy of a list
        // would make the first write to it copy its storage.
        let workspace = words.takeWorkspace()
        var lists = workspace?.lists.take() ?? Lists()
        // A worker keeps what a document of ordinary size used; after a very long one, whose
        // lists and tables would stay that large for the rest of the worker's documents, it
        // starts over.
        let keeps = text.tokens.count <= Workspace.keptTokenLimit
        // The entity mentions of each sentence, as indices into `mentions`, in document order
        // within a sentence (a counting sort by sentence).
        let sentenceCount = text.sentences.count
        lists.starts.refill(repeating: 0, count: sentenceCount + 1)
        // (By index: binding each `Mention` would copy its strings. Through buffers: each
        // write to a list held in `lists` checked its uniqueness.)
        lists.starts.withUnsafeMutableBufferPointer { starts in
            for index in mentions.indices where mentions[index].type.entityType != nil && mentions[index].sentence >= 0 && mentions[index].sentence < sentenceCount {
                starts[mentions[index].sentence + 1] += 1
            }
            for index in 0..<sentenceCount { starts[index + 1] += starts[index] }
        }
        lists.order.refill(repeating: 0, count: lists.starts[sentenceCount])
        lists.next.removeAll(keepingCapacity: true)
        lists.next.append(contentsOf: lists.starts)
        lists.order.withUnsafeMutableBufferPointer { order in
            lists.next.withUnsafeMutableBufferPointer { next in
                for index in mentions.indices where mentions[index].type.entityType != nil && mentions[index].sentence >= 0 && mentions[index].sentence < sentenceCount {
                    let sentence = mentions[index].sentence
                    order[next[sentence]] = index
                    next[sentence] += 1
                }
            }
        }
        var memory = ReferenceMemory()
        // (Reset where it is kept, then moved out: reset as a local copy, the analysis was
        // copied whole and the copy destroyed.)
        workspace?.analysis?.reuse(lexicon: lexicon, text: text, words: words)
        var analysis = workspace?.analysis.take() ?? SentenceRelations(lexicon: lexicon, text: text, words: words)
        analysis.skipsBarrenSentences = skipsBarrenSentences
        analysis.hashingThreshold = hashingThreshold
        if let names { analysis.useNames(names) }
        // Per-sentence lists, cleared and refilled: a sentence allocates none of them.
        lists.related.reserveCapacity(16)
        lists.named.reserveCapacity(16)
        for (index, sentence) in text.sentences.enumerated() {
            let range = lists.starts[index]..<lists.starts[index + 1]
            // In document order, not sorted by first token: the analysis finds the same either
            // way (it sorts the mention starts it lists when they are not ascending, and a token
            // where several mentions start takes the last of them, which a stable sort would
            // have kept last). Checking each sentence's order cost about 3 M instructions on synth10.
            memory.sentence = index
            lists.order.withUnsafeBufferPointer { analysis.analyze(sentence, mentions: mentions, order: UnsafeBufferPointer(rebasing: $0[range]), memory: &memory) }
            let (firstPerson, namedCount) = analysis.namedSummary
            memory.endSentence(firstPerson: firstPerson)
            guard !analysis.found.isEmpty || namedCount > 1 else { continue }
            sink.beginSentence(sentence, start: text.scalarOffset(ofByte: sentence.start), end: text.scalarOffset(ofByte: sentence.end), text: text)
            // Sentences relate few pairs and name few entities: arrays searched linearly, and
            // hashing only for long lists.
            lists.related.removeAll()
            analysis.report(to: &sink, related: &lists.related)
            // Co-mentions need two named entities: most sentences that state a relation name one
            // or none (a pronoun or description), and need no list of names, no sort.
            guard namedCount > 1 else { continue }
            let relatedSet = lists.related.count > hashingThreshold ? Set(lists.related) : nil
            lists.named.removeAll()
            if namedCount > hashingThreshold {
                var seen = Set<Int32>()
                for referent in analysis.namedReferents where seen.insert(referent.identity).inserted { lists.named.append(referent) }
            } else {
                analysis.appendNamedReferents(to: &lists.named)
            }
            // Distinct names never compare equal: the order is the one sorting the texts gives.
            analysis.sortByName(&lists.named)
            guard lists.named.count <= Self.coMentionLimit else { continue }
            for first in lists.named.indices {
                for second in (first + 1)..<lists.named.count {
                    let pair = Self.pair(lists.named[first], lists.named[second])
                    if relatedSet?.contains(pair) ?? lists.related.contains(pair) { continue }
                    analysis.reportCoMention(lists.named[first], lists.named[second], to: &sink)
                }
            }
        }
        // Moved back, not copied: assigned from a `defer`, the analysis was copied (a retain of
        // each of its lists and tables) and the local destroyed, about 4.6 M instructions on synth10.
        if keeps, let workspace {
            workspace.lists = consume lists
            workspace.analysis = consume analysis
        }
    }
}

extension RelationExtractor {
    /// The extractor's own per-document lists.
    struct Lists {
        var starts: [Int] = []
        var order: [Int] = []
        var next: [Int] = []
        var related = ScratchList<UInt64>(sharingStorage: ())
        var named = ScratchList<Referent>(sharingStorage: ())
    }

    /// What `extract` allocates for a document (the analysis, with its tables, and the
    /// extractor's lists), kept by a worker for its next document in its `WordMemo`, and lent
    /// to each document through its `DocumentWords`. What is found does not depend on it: every
    /// list is emptied before use.
    ///
    /// `@unchecked Sendable` as an array's storage is: a memo shares its workspace with no
    /// other memo (`WordMemo.workspaceForDocument()` replaces one that is not uniquely
    /// referenced, as copy-on-write does), and a memo is used by one worker at a time. Each
    /// part is taken out while a document uses it, so a document that found it taken (never,
    /// in the pipeline) would make its own.
    final class Workspace: @unchecked Sendable {
        var analysis: SentenceRelations?
        var lists: Lists?

        /// Tokens up to which a document's analysis and lists are kept for the next one
        /// (about 1 MB of text; the tables cost about 30 bytes a token).
        static let keptTokenLimit = 1 << 18
    }

    /// The names of two referents as an unordered pair: equal for pairs whose names are equal
    /// as `String`s in either order.
    @inline(__always)
    static func pair(_ a: Referent, _ b: Referent) -> UInt64 {
        let (low, high) = a.identity < b.identity ? (a.identity, b.identity) : (b.identity, a.identity)
        return UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high))
    }
}

/// Handing the sentence's findings to a sink. Methods of the analysis, so that its name tables
/// are passed in place: read through the extractor's `analysis` variable, each call would copy
/// them (a retain and a release per list). `mutating` although they only read, for the reason
/// `SentenceRelations` gives.
extension SentenceRelations {
    /// Hands the sentence's typed relations to `sink`, in order, and appends each one's pair of
    /// names (`RelationExtractor.pair`) to `related`.
    mutating func report(to sink: inout some RelationSink, related: inout ScratchList<UInt64>) {
        for k in found.indices {
            sink.addRelation(
                source: found[k].source.spelling, target: found[k].target.spelling, kind: found[k].kind,
                trigger: found[k].trigger.spelling, names: names, triggers: triggers
            )
            related.append(RelationExtractor.pair(found[k].source, found[k].target))
        }
    }

    /// Hands `sink` a co-mention of `source` and `target`.
    mutating func reportCoMention(_ source: Referent, _ target: Referent, to sink: inout some RelationSink) {
        sink.addCoMention(source: source.spelling, target: target.spelling, names: names)
    }

    /// Sorts `list` by the texts of its names (distinct names never compare equal).
    mutating func sortByName(_ list: inout ScratchList<Referent>) {
        list.sort { names.precedes($0, $1) }
    }
}

/// Receives what `RelationExtractor` finds in one document, sentence by sentence.
protocol RelationSink {
    /// A sentence that gives relations starts; `start`/`end` are its scalar offsets.
    mutating func beginSentence(_ sentence: SentenceSpan, start: Int, end: Int, text: AnalyzedText)
    /// A typed relation of the current sentence between the names of spelling ids `source`
    /// and `target` of `names`, stated by the text of spelling id `trigger` of `triggers`.
    mutating func addRelation(source: Int32, target: Int32, kind: RelationKind, trigger: Int32, names: SpellingTable, triggers: TriggerTable)
    /// A co-mention in the current sentence of the names of spelling ids `source` and `target`
    /// of `names` (in the order sorting the names' texts gives).
    mutating func addCoMention(source: Int32, target: Int32, names: SpellingTable)
}

/// Collects relations as public values (`RelationExtractor.extract(from:mentions:document:)`).
struct ArrayRelationSink: RelationSink {
    let document: Document
    var results: [ExtractedRelation] = []
    /// One evidence per sentence (its text clipped once), copied with each trigger.
    private var base = Evidence(document: "", sentence: "", start: 0, end: 0)

    init(document: Document) {
        self.document = document
    }

    mutating func beginSentence(_ sentence: SentenceSpan, start: Int, end: Int, text: AnalyzedText) {
        // A text of no more bytes than the limit has no more scalars, so clipping keeps it whole.
        base = Evidence(document: document.name, sentence: "", start: start, end: end, trigger: "", date: document.date)
        if sentence.end - sentence.start <= Evidence.maximumSentenceLength {
            base.sentence = text.text(of: sentence)
        } else {
            base = Evidence(document: document.name, sentence: text.text(of: sentence), start: start, end: end, trigger: "", date: document.date)
        }
    }

    mutating func addRelation(source: Int32, target: Int32, kind: RelationKind, trigger: Int32, names: SpellingTable, triggers: TriggerTable) {
        var evidence = base
        evidence.trigger = triggers.name(spelling: trigger)
        results.append(ExtractedRelation(source: names.name(spelling: source), target: names.name(spelling: target), kind: kind, evidence: evidence))
    }

    mutating func addCoMention(source: Int32, target: Int32, names: SpellingTable) {
        results.append(ExtractedRelation(
            source: names.name(spelling: source), target: names.name(spelling: target), kind: .coMentioned, evidence: base
        ))
    }
}
