/// The text stage's arrays (tokens, word keys, sentence spans, sentence-end candidates) kept
/// by a worker from one document to the next, so that analyzing a document fills storage the
/// earlier ones allocated instead of allocating its own (four allocations and frees a
/// document, most of them too large for the allocator's fast caches).
///
/// Safe whatever holds the texts: an `AnalyzedText` only shares storage with the scratch, and
/// the arrays are emptied and refilled through `Array`'s own mutations, which allocate anew
/// when the storage is not the scratch's alone. So a text still alive never sees another
/// document's tokens; it only costs the allocation this saves.
///
/// Two documents' arrays are kept and a document takes the older ones: the relation stage's
/// analysis, which a worker keeps too, holds the last document's text until it starts on the
/// next one, after that one's text is analyzed, so the last document's arrays are not yet the
/// scratch's alone when the next document takes arrays.
struct TextScratch {
    struct Arrays {
        var tokens: [Token] = []
        var keys: [UInt64] = []
        var sentences: [SentenceSpan] = []
    }

    /// Only `AnalyzedText.init(bytes:scratch:)` reads the candidates: one array.
    var candidates: [Int] = []
    private var older = Arrays()
    private var newer = Arrays()

    /// Capacities past which a text's arrays are not kept: one huge document should not hold
    /// its memory for the rest of a worker's run. A news article has about a thousand tokens
    /// and a few dozen sentences; these limits keep every document of up to some 250 KB (the
    /// tokenizer reserves a token per 4 bytes, a candidate per 32). Every kept array is
    /// checked, since a text of many short lines has few tokens per sentence. At the limits a
    /// worker keeps at most two sets of 2¹⁶ tokens (24 bytes each, 1.5 MiB), 2¹⁶ keys
    /// (0.5 MiB) and 2¹³ sentences (32 bytes each, 0.25 MiB), and 2¹³ candidates (64 KiB):
    /// about 4.6 MiB in all.
    static let keptTokenLimit = 1 << 16
    static let keptSentenceLimit = 1 << 13
    static let keptCandidateLimit = 1 << 13

    /// Whether arrays of these capacities are all within the limits.
    static func keeps(tokens: Int, keys: Int, sentences: Int, candidates: Int) -> Bool {
        tokens <= keptTokenLimit && keys <= keptTokenLimit && sentences <= keptSentenceLimit && candidates <= keptCandidateLimit
    }

    /// The arrays a text is analyzed into: the older kept ones (empty if none).
    mutating func take() -> Arrays {
        // Moved out, not copied: a copy left here would make emptying them allocate.
        var taken = Arrays()
        swap(&taken, &older)
        return taken
    }

    /// Keeps `text`'s arrays for a later document (the one after next).
    ///
    /// Inlined: called out of line, the text was copied for the call (a retain and release of
    /// each of its five arrays, some 0.5 M instructions on synth10).
    @inline(__always)
    mutating func keep(_ text: AnalyzedText) {
        swap(&older, &newer)
        guard Self.keeps(tokens: text.tokens.capacity, keys: text.wordKeys.capacity, sentences: text.sentences.capacity,
                         candidates: candidates.capacity) else {
            newer = Arrays()
            candidates = []
            return
        }
        newer = Arrays(tokens: text.tokens, keys: text.wordKeys, sentences: text.sentences)
    }
}
