/// Every word the relation patterns compare tokens against — cue words, trigger-form words, rule
/// prepositions and the few literal words of the pattern code — as dense integer ids, so that a
/// document is looked up once per token and the patterns compare integers and test bit masks
/// instead of hashing `String`s.
///
/// Words are normalized as `RelationLexicon.normalize` does (lowercase, `’` → `'`). An ASCII
/// token of up to sixteen bytes is looked up by its folded bytes themselves in a two-choice
/// table (`shortWords`, `longWords`), which stores the key it confirms; any other token whose
/// bytes are ASCII (or ASCII with `’`) by its 64-bit FNV key (`WordSet.hash`, which the
/// tokenizer already computed: `AnalyzedText.wordKeys`), confirmed byte by byte, so a hash
/// collision can never change a result. Any other token takes the `String` path, which keeps
/// Unicode lowercasing and canonical equivalence exactly as before.
struct RelationVocabulary: Sendable {
    /// The normalized words, by id.
    private(set) var words: [String] = []
    private var ids: [String: Int32] = [:]
    /// Open-addressing table over the FNV keys of the ASCII words: each entry is the key's
    /// high 16 bits over the id plus one; 0 is empty. The bytes confirm a match, so the tag only
    /// has to be quick to reject; 32-bit entries keep the table small enough to stay in cache
    /// while the rest of the pipeline runs.
    private var table: [UInt32] = []
    private var mask = 0
    /// Normalized UTF-8 bytes of every word, one after another, for confirming a key match:
    /// word `id` is `bytes[offsets[id]..<offsets[id + 1]]`.
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    /// The first eight bytes of each word, little-endian (`packed(_:)`): most words are
    /// confirmed by one comparison.
    private var prefixes: [UInt64] = []
    /// Off when two words share an FNV key: tokens the two-choice tables do not answer then take
    /// the `String` path.
    private(set) var fastPath = true
    /// The ASCII words of one to eight bytes, keyed on their packed bytes (`packed(_:)`): a
    /// token of up to eight bytes is looked up with no FNV key and no branch on what it loads.
    private(set) var shortWords = TwoChoiceTable()
    /// The ASCII words of nine to sixteen bytes, keyed on their first and last eight bytes.
    private(set) var longWords = TwoChoiceTable()

    var count: Int { words.count }

    /// The id of a normalized word, adding it if new.
    mutating func intern(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        words.append(word)
        ids[word] = id
        bytes.append(contentsOf: word.utf8)
        offsets.append(bytes.count)
        prefixes.append(Self.packed(Array(word.utf8)))
        return id
    }

    /// The id of a normalized word, or −1.
    func id(of word: String) -> Int32 { ids[word] ?? -1 }

    /// Builds the byte-keyed table; call after the last `intern`.
    mutating func seal() {
        var capacity = 16
        while capacity < words.count * 3 { capacity *= 2 }
        mask = capacity - 1
        table = Array(repeating: 0, count: capacity)
        // Ids must fit the entries' low 16 bits.
        if words.count >= 0xFFFF { fastPath = false }
        var seen = Set<UInt64>()
        for (id, word) in words.enumerated() where word.utf8.allSatisfy({ $0 < 0x80 }) {
            let key = WordSet.hash(word)
            if !seen.insert(key).inserted { fastPath = false }
            var slot = Self.slot(of: key, mask: mask)
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = Self.tag(of: key) | UInt32(truncatingIfNeeded: id + 1)
        }
        var short: [TwoChoiceTable.Item] = []
        var long: [TwoChoiceTable.Item] = []
        if words.count < 0xFFFF {
            for (id, word) in words.enumerated() where word.utf8.allSatisfy({ $0 < 0x80 }) {
                let bytes = Array(word.utf8)
                let entry = UInt32(bytes.count) << 16 | UInt32(id + 1)
                if (1...8).contains(bytes.count) {
                    short.append(TwoChoiceTable.Item(low: Self.packed(bytes), high: 0, entry: entry))
                } else if (9...16).contains(bytes.count) {
                    long.append(TwoChoiceTable.Item(low: Self.packed(bytes), high: Self.packed(bytes.suffix(bytes.count - 8)), entry: entry))
                }
            }
        }
        shortWords = TwoChoiceTable(short)
        longWords = TwoChoiceTable(long)
    }

    @inline(__always)
    private static func tag(of key: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: key >> 48) << 16
    }

    @inline(__always)
    private static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: key ^ (key >> 31)) & mask
    }

    /// Up to the first eight bytes, the first in the lowest byte.
    static func packed<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var result: UInt64 = 0
        for (k, byte) in bytes.prefix(8).enumerated() { result |= UInt64(byte) << (8 * UInt64(k)) }
        return result
    }

    /// The id of the already-folded ASCII bytes `folded` (lowercase, `'` for `’`) with FNV key
    /// `key` and first eight bytes `prefix` (`packed(_:)`), or −1.
    func id(folded: UnsafeBufferPointer<UInt8>, key: UInt64, prefix: UInt64) -> Int32 {
        var slot = Self.slot(of: key, mask: mask)
        let tag = Self.tag(of: key)
        while true {
            let entry = table[slot]
            if entry == 0 { return -1 }
            if entry & 0xFFFF_0000 == tag {
                let id = Int(entry & 0xFFFF) - 1
                let start = offsets[id]
                if prefixes[id] == prefix && offsets[id + 1] - start == folded.count
                    && (folded.count <= 8 || Self.equal(bytes, start, folded)) { return Int32(id) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of a folded ASCII word of `length` bytes, 1 to 8, given as `prefix` (`packed(_:)`),
    /// with FNV key `key`, or −1: `id(folded:key:prefix:)` for words that fit in the prefix.
    @inline(__always)
    func id(length: Int, key: UInt64, prefix: UInt64) -> Int32 {
        var slot = Self.slot(of: key, mask: mask)
        let tag = Self.tag(of: key)
        return table.withUnsafeBufferPointer { table in
            while true {
                let entry = table[slot]
                if entry == 0 { return -1 }
                if entry & 0xFFFF_0000 == tag {
                    let id = Int(entry & 0xFFFF) - 1
                    if prefixes[id] == prefix && offsets[id + 1] - offsets[id] == length { return Int32(id) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private static func equal(_ bytes: [UInt8], _ start: Int, _ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<folded.count where bytes[start + k] != folded[k] { return false }
        return true
    }
}

/// A two-choice (cuckoo) hash table of words of up to sixteen bytes, each given as its first
/// eight bytes (`low`) and the rest (`high`, 0 for short words), packed as
/// `RelationVocabulary.packed(_:)` packs them. A word sits in one of the two slots its hashes
/// name, so a lookup reads both and picks with conditional moves: no branch depends on the
/// loaded keys, which the branch predictor could not guess for text. The last slot is never
/// hashed to and stays empty: a lookup that matches neither choice reads it.
///
/// - Complexity: O(1) per lookup; building is expected O(*n*) for *n* words.
struct TwoChoiceTable: Sendable {
    struct Item {
        var low: UInt64
        var high: UInt64
        /// `length << 16 | (id + 1)`, never 0.
        var entry: UInt32
    }

    private var lows: [UInt64] = [0]
    private var highs: [UInt64] = [0]
    /// `length << 16 | (id + 1)` by slot; 0 when empty (no token has length 0).
    private var entries: [UInt32] = [0]
    private var shift: UInt64 = 63
    private var multipliers: (UInt64, UInt64) = (0, 0)
    /// Whether the table holds every item it was built from (building can fail, in theory,
    /// for every size and multiplier tried); an empty table finds nothing.
    private(set) var complete = false

    /// Multipliers for the two hashes, tried in order until every word fits.
    private static let candidates: [(UInt64, UInt64)] = [
        (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F), (0xBF58_476D_1CE4_E5B9, 0x94D0_49BB_1331_11EB),
        (0xFF51_AFD7_ED55_8CCD, 0xC4CE_B9FE_1A85_EC53), (0x2545_F491_4F6C_DD1D, 0x9FB2_1C65_1E98_DF25),
    ]

    init() {}

    /// The table of `items` (distinct words), at most about 40% full: larger, or with other
    /// multipliers, while some word finds no place.
    init(_ items: [Item]) {
        var bits = 4
        while 1 << bits < items.count * 5 / 2 { bits += 1 }
        for extra in 0..<6 {
            for candidate in Self.candidates {
                var table = TwoChoiceTable()
                table.shift = UInt64(64 - (bits + extra))
                table.multipliers = candidate
                if table.place(items, capacity: 1 << (bits + extra)) {
                    self = table
                    return
                }
            }
        }
    }

    @inline(__always)
    private static func mix(_ low: UInt64, _ high: UInt64) -> UInt64 {
        low ^ (high &* 0xD6E8_FEB8_6659_FD93)
    }

    @inline(__always)
    private func slots(_ low: UInt64, _ high: UInt64) -> (Int, Int) {
        let key = Self.mix(low, high)
        return (Int(truncatingIfNeeded: (key &* multipliers.0) >> shift), Int(truncatingIfNeeded: (key &* multipliers.1) >> shift))
    }

    /// Fills the table; false when some item finds no place.
    private mutating func place(_ items: [Item], capacity: Int) -> Bool {
        lows = [UInt64](repeating: 0, count: capacity + 1)
        highs = lows
        entries = [UInt32](repeating: 0, count: capacity + 1)
        for item in items {
            var item = item
            var slot = slots(item.low, item.high).0
            var placed = false
            for _ in 0..<(4 * capacity) {
                let evicted = Item(low: lows[slot], high: highs[slot], entry: entries[slot])
                lows[slot] = item.low
                highs[slot] = item.high
                entries[slot] = item.entry
                if evicted.entry == 0 {
                    placed = true
                    break
                }
                // The occupant moves to its other choice.
                item = evicted
                let (first, second) = slots(item.low, item.high)
                slot = slot == first ? second : first
            }
            if !placed { return false }
        }
        complete = true
        return true
    }

    /// The id of a folded ASCII word of `length` bytes, 1 to 8, packed in `low`, or −1. The
    /// length check rejects a token whose bytes end in NUL bytes, which packing cannot tell
    /// from padding.
    @inline(__always)
    func id(_ low: UInt64, length: Int) -> Int32 {
        lows.withUnsafeBufferPointer { lows in
            entries.withUnsafeBufferPointer { entries in
                let (first, second) = slots(low, 0)
                let firstMatches = lows[first] == low
                let secondMatches = lows[second] == low
                let slot = firstMatches ? first : (secondMatches ? second : lows.count - 1)
                let entry = entries[slot]
                return entry >> 16 == UInt32(truncatingIfNeeded: length) ? Int32(truncatingIfNeeded: entry & 0xFFFF) - 1 : -1
            }
        }
    }

    /// The id of a folded ASCII word of `length` bytes, 9 to 16, whose first eight bytes are
    /// packed in `low` and the others in `high`, or −1.
    @inline(__always)
    func id(_ low: UInt64, _ high: UInt64, length: Int) -> Int32 {
        lows.withUnsafeBufferPointer { lows in
            highs.withUnsafeBufferPointer { highs in
                entries.withUnsafeBufferPointer { entries in
                    let (first, second) = slots(low, high)
                    let firstMatches = lows[first] == low && highs[first] == high
                    let secondMatches = lows[second] == low && highs[second] == high
                    let slot = firstMatches ? first : (secondMatches ? second : lows.count - 1)
                    let entry = entries[slot]
                    return entry >> 16 == UInt32(truncatingIfNeeded: length) ? Int32(truncatingIfNeeded: entry & 0xFFFF) - 1 : -1
                }
            }
        }
    }
}

/// What the pattern code needs of every token of one document, computed once: the vocabulary
/// id, the cue and word-group bits, and the suffix flags.
///
/// A class: the document's analysis and its relation sink share it without copying its arrays.
///
/// The profile puts most of its samples on the loads of the two-choice lookup, but measured
/// (synth10, 1 thread) neither a third-size table of 16-bit tags confirmed by id, nor slots
/// holding their entries, nor reading both entries before the keys pick one, nor skipping the
/// arrays' initial fill, nor a Bloom filter that sends the lookups of most tokens to one empty
/// slot took samples off it: the lexicon-wide table is small (a second pass over a warm document
/// costs three quarters of the first) and the per-token work is what costs, so those were not
/// kept. Nor did computing the suffix flags only for the sentences that run the passes (47% of
/// synth10's tokens), in a pass of their own: it saved a sixth of the instructions, but not
/// the samples, as the flags cost little in this loop, where they fill the wait for the loads.
/// Two more that did not pay (session 7): a folding pass and a lookup pass in place of the one
/// loop (more lookups in flight, but more instructions, and the loop is bound by those: slower;
/// with selects the compiler even turned the lookup loop's choice of slot into branches), and
/// the tokenizer packing each short word's bytes as it reads them for the memo key (42 M
/// instructions fewer here on synth10, 51 M more in the tokenizer, and no time saved).
///
/// Session 7, round 2: the pipeline's workers keep the memo across documents (`WordMemo`,
/// 2^12 slots), so that a word's first appearance in a document is usually a hit too: on
/// synth10 misses fell from 27.5% of short tokens to 13% (2^13 slots: 3%, but 96 KB a worker
/// and no measurable time saved). Reading the loop's output buffers from locals rather than
/// through the closures' `inout` parameters took 15 M instructions off; replacing the memo-off
/// test with a key mask and reusing `byteCount` in the byte loop's bound added 4 M (the
/// compiler placed the loop differently), so those two were not kept.
///
/// Session 8, none kept (synth10, 1 thread, callgrind): a memo hit still runs about 48
/// instructions, some ten of them spills, as the loop's values outnumber the registers.
/// Moving everything but memo hits into an out-of-line function left the hit path as it was
/// (−1.7 M instructions in all); two passes, hits first with no call in the loop, then the
/// rest, kept the spills (the closures' captures past six arguments live on the stack) and
/// sent 85 k more tokens to the slow path, whose repeats of a word new to the document the
/// first pass cannot answer (+5 M); per-length tables for the byte mask and the memo key bit
/// in place of the shifts saved 0.7 M (the compiler spilled more).
///
/// Session 10: the spills were the call in the loop. Across a call only the five callee-saved
/// registers keep values, so the loop's other values lived on the stack. Now a first loop
/// (`memoHits`) answers only memo hits and lists every other token, with no call in it, and
/// `lookUpOne` then answers the listed ones; a hit reads no kind (the memo holds the flags of
/// the kind the bytes give, `memoFlags`), one cache line of the memo (key and value side by
/// side) and a shift count known when compiled (both initializers use `WordMemo.bits`).
/// With the outputs allocated without a fill, synth10's `DocumentWords` went from 166.1 M
/// instructions to 121.8 M; a memo of the words of nine to sixteen bytes too (one token in
/// ten, each of which cost about 130 instructions in the two-choice lookup and two rounds of
/// suffix arithmetic) took it to 108.3 M.
///
/// Session 12 (synth10, 1 thread, callgrind; `memoHits` 62.8 M → 53.7 M, `DocumentWords` in all
/// 97.7 M → 85.2 M): a memo slot holds the word's mask too (four words a slot, 128 KB a
/// worker in place of 64 KB), so a hit copies it instead of reading `wordMasks` by the id it
/// just loaded, and the id is kept as it is stored, not plus one; the key inverts the word's
/// bytes (`memoKey(top:shift:)`) instead of setting a bit that needed a 64-bit constant in a
/// register; and `memoHits` returns the end of its list, not the count, so it no longer kept
/// the list's start. With the registers freed, its hit path has no stack reload left (it had
/// two), and went from 39 instructions to 32.
///
/// - Complexity: O(*b*) for a document of *b* bytes, one table probe per token.
final class DocumentWords {
    /// Vocabulary id by token index, −1 for a word the lexicon does not know.
    let ids: [Int32]
    /// `RelationLexicon.Cue` and `RelationLexicon.WordGroup` bits by token index, with the
    /// token's `Flag` bits at `flagShift`, in bits no cue or group uses: one array fewer to
    /// fill (a store per token in `memoHits`) and to allocate per document.
    let masks: [UInt64]

    /// Where a token's `Flag` bits are in its mask: above the word groups', below
    /// `RelationLexicon.startsDescription`.
    static let flagShift: UInt64 = 48
    /// The mask bits of the flags `flags`.
    @inline(__always)
    static func maskBits(_ flags: UInt8) -> UInt64 { UInt64(flags) &<< flagShift }
    /// The `Flag` bits of a token's mask.
    @inline(__always)
    static func flags(ofMask mask: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: mask &>> flagShift) }
    /// A mask without its flag bits.
    @inline(__always)
    static func withoutFlags(_ mask: UInt64) -> UInt64 { mask & ~maskBits(0xFF) }
    /// The relation stage's workspace of the worker reading the document (`WordMemo`), if
    /// any, until the relation stage takes it.
    private var workspace: RelationExtractor.Workspace?

    /// The workspace, once: the analysis kept in it holds these words, which must not hold it
    /// in turn (a cycle would outlive the worker).
    func takeWorkspace() -> RelationExtractor.Workspace? {
        defer { workspace = nil }
        return workspace
    }

    enum Flag {
        /// A word of more than four letters ending in `-ly`.
        static let adverb: UInt8 = 1
        static let ing: UInt8 = 2
        static let ed: UInt8 = 4
        /// Ends in `n't`.
        static let negated: UInt8 = 8
        /// Ends in `s` but not `ous` or `ss`.
        static let plural: UInt8 = 16
        /// Has a hyphen or non-ASCII letters: sentiment words are read from its `String`.
        static let complex: UInt8 = 32
    }

    /// - Parameters:
    ///   - twoChoiceTables: Off only in the test of the fallback the two-choice tables replace
    ///     (`RelationVocabulary.id(length:key:prefix:)` and the byte loop), which takes over
    ///     when building a table fails.
    ///   - memo: Off only in the test of the memo against the lookup it answers for.
    ///
    /// Why a memo: a document repeats its words (in synth10 three tokens in four are a word
    /// already seen in the same document), and the loop is bound by the instructions it runs
    /// (splitting it into a folding pass and a lookup pass, so that more lookups were in
    /// flight at once, was slower). A short word seen before is answered by one probe of a
    /// small direct-mapped table, keyed by its bytes (not folded: a hit needs no fold) and
    /// length, instead of the two-choice lookup and the suffix arithmetic; a collision only
    /// costs a recomputation.
    init(text: AnalyzedText, lexicon: RelationLexicon, twoChoiceTables: Bool = true, memo: Bool = true) {
        workspace = nil
        (ids, masks) = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: WordMemo.size) { entries in
            // Key 0 is no word's (`memoKey` inverts a word's ASCII bytes, so every key has a
            // high bit set, and a long word's second key word has one too); values are written
            // with their keys, but filled too so that no slot is ever read uninitialized.
            entries.initialize(repeating: 0)
            return Self.lookUp(text, lexicon, twoChoiceTables: twoChoiceTables, useMemo: memo, memo: entries.baseAddress!)
        }
    }

    /// The words of `text`, with a memo that outlives the document: `init(text:lexicon:)`
    /// for a worker that reads documents one after another. A word's first appearance in a
    /// document is then usually answered too (most of an article's words are common ones that
    /// earlier articles used), not only its repetitions.
    ///
    /// What the memo holds depends only on a token's bytes and the lexicon (it is emptied when
    /// the lexicon changes), so the result is the same as `init(text:lexicon:)`'s whatever
    /// documents came before.
    init(text: AnalyzedText, lexicon: RelationLexicon, memo: inout WordMemo) {
        memo.prepare(for: lexicon)
        workspace = memo.workspaceForDocument()
        (ids, masks) = memo.entries.withUnsafeMutableBufferPointer { entries in
            Self.lookUp(text, lexicon, twoChoiceTables: true, useMemo: true, memo: entries.baseAddress!)
        }
    }

    /// Everything the per-token lookup (`lookUpOne`) reads, borrowed for one document: one
    /// value passed by address, so that the loop of memo hits, which calls it only for the
    /// other tokens, keeps its own few values in registers.
    private struct Lookup {
        let text: AnalyzedText
        let vocabulary: RelationVocabulary
        let shortWords: TwoChoiceTable
        let longWords: TwoChoiceTable
        /// Whether the two-choice tables answer (`short`, `long`) and whether ASCII words are
        /// looked up by their bytes at all (`fast`).
        let short: Bool
        let long: Bool
        let fast: Bool
        let useMemo: Bool
        let tokens: UnsafePointer<Token>
        let bytes: UnsafeBufferPointer<UInt8>
        let keys: UnsafePointer<UInt64>
        let wordMasks: UnsafePointer<UInt64>
        /// 2^`WordMemo.bits` slots of four words: the key (`memoKey(_:length:)`, 0 when
        /// empty), the word's mask with the flags of a memo hit (`memoFlags`) in it,
        /// `memoValue(id:wordFlags:)` and one unused (so that no slot straddles a cache line).
        let memo: UnsafeMutablePointer<UInt64>
        /// 2^`WordMemo.longBits` slots of four words for ASCII words of nine to sixteen bytes:
        /// the first eight bytes, the others with the top bit of the last one set (both as
        /// loaded), `memoValue(id:wordFlags:)` and the word's mask with the flags of a memo hit
        /// in it; after `memo`, in the same allocation.
        var longMemo: UnsafeMutablePointer<UInt64> { memo + (4 << WordMemo.bits) }
        let ids: UnsafeMutablePointer<Int32>
        let masks: UnsafeMutablePointer<UInt64>
        /// Room for folding a token of up to `capacity` bytes.
        let scratch: UnsafeMutablePointer<UInt8>
        static let capacity = 64
    }

    /// The loop of both initializers, with the memo `memo` of 2^`WordMemo.bits` slots of four
    /// words (`Lookup.memo`).
    ///
    /// Two parts: a loop that answers the short ASCII words the memo holds (nine tokens in
    /// ten of synth10) and nothing else, and `lookUpOne` for every other token, out of line.
    /// The loop then has few enough values to keep them all in registers: the one loop that
    /// did both spilled about ten of its sixty instructions per memo hit. A memo slot's key,
    /// mask and value sit side by side, so a hit reads one cache line of the memo, and the outputs are
    /// allocated without a fill, as every token's entry is written.
    @inline(__always)
    private static func lookUp(_ text: AnalyzedText, _ lexicon: RelationLexicon, twoChoiceTables: Bool, useMemo: Bool,
                               memo: UnsafeMutablePointer<UInt64>) -> ([Int32], [UInt64]) {
        let vocabulary = lexicon.vocabulary
        let count = text.tokens.count
        var masks: [UInt64] = []
        let ids = [Int32](specializedUninitializedCapacity: count) { idsBuffer, idsCount in
        masks = [UInt64](specializedUninitializedCapacity: count) { masksBuffer, masksCount in
        lexicon.masksAfterNone.withUnsafeBufferPointer { wordMasks in
        text.tokens.withUnsafeBufferPointer { tokens in
        text.wordKeys.withUnsafeBufferPointer { keys in
        text.bytes.withUnsafeBufferPointer { bytes in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Lookup.capacity) { scratch in
            guard count > 0 else { return }
            let shortWords = vocabulary.shortWords
            let longWords = vocabulary.longWords
            let short = twoChoiceTables && shortWords.complete
            let lookup = Lookup(
                text: text, vocabulary: vocabulary, shortWords: shortWords, longWords: longWords,
                short: short, long: twoChoiceTables && longWords.complete, fast: short || vocabulary.fastPath, useMemo: useMemo,
                tokens: tokens.baseAddress!, bytes: bytes, keys: keys.baseAddress!, wordMasks: wordMasks.baseAddress!,
                memo: memo,
                ids: idsBuffer.baseAddress!, masks: masksBuffer.baseAddress!,
                scratch: scratch.baseAddress!
            )
            if !useMemo || !lookup.fast {
                for t in 0..<count { lookUpOne(t, lookup) }
                return
            }
            // Tokens are not empty (`count > 0`), so neither is the text.
            let base = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
            // The tokens before `loadable` start eight bytes or more before the text's end (token
            // starts ascend), so the loop loads eight bytes at each with no test.
            var loadable = count
            while loadable > 0 && tokens[loadable - 1].start &+ 8 > bytes.count { loadable -= 1 }
            withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { others in
                let others = others.baseAddress.unsafelyUnwrapped
                let otherCount = Self.memoHits(
                    tokens: lookup.tokens, count: loadable, base: base, memo: memo,
                    ids: lookup.ids, masks: lookup.masks, others: others
                ) - others
                // Words of nine to sixteen ASCII bytes that the memo holds are answered here,
                // not by a call (answering them in `memoHits` made its loop dearer than the
                // calls it saved): keyed as `lookUpOne` keys them, the first eight bytes and
                // the rest, whose last byte's top bit gives the length. `memoHits` listed only
                // tokens that start eight bytes or more before the text's end.
                let longMemo = lookup.longMemo
                for k in 0..<otherCount {
                    let t = others[k]
                    let token = lookup.tokens[t]
                    let byteCount = token.end &- token.start
                    if UInt(bitPattern: byteCount &- 9) < 8 {
                        let first = UInt64(littleEndian: (base + token.start).loadUnaligned(as: UInt64.self))
                        let last = UInt64(littleEndian: (base + (token.end &- 8)).loadUnaligned(as: UInt64.self))
                        let restKey = Self.longMemoRestKey(last: last, byteCount: byteCount)
                        let entry = Self.longMemoSlot(longMemo, first: first, restKey: restKey)
                        if (first | last) & Self.highBits == 0 && entry[0] == first && entry[1] == restKey {
                            // With the flags as the kind of a token of these bytes gives them (`memoFlags`).
                            lookup.ids[t] = Int32(truncatingIfNeeded: entry[2])
                            lookup.masks[t] = entry[3]
                            continue
                        }
                    } else if UInt(bitPattern: byteCount &- 1) < 8 {
                        // A short word new to the memo when `memoHits` passed it, which `lookUpOne`
                        // has added since at an earlier appearance (most of the short words
                        // listed): the probe of `memoHits`, without a call. (About 100 k such
                        // repeats on synth10, each of which cost a call to `lookUpOne`.)
                        let shift = UInt64(truncatingIfNeeded: 0 &- 8 &* byteCount) & 63
                        let top = UInt64(littleEndian: (base + token.start).loadUnaligned(as: UInt64.self)) &<< shift
                        let key = Self.memoKey(top: top, shift: shift)
                        let entry = Self.memoSlot(memo, key: key)
                        if top & Self.highBits == 0 && entry[0] == key {
                            lookup.ids[t] = Int32(truncatingIfNeeded: entry[2])
                            lookup.masks[t] = entry[1]
                            continue
                        }
                    }
                    lookUpOne(t, lookup)
                }
                for t in loadable..<count { lookUpOne(t, lookup) }
            }
        }
        }
        }
        }
        }
        masksCount = count
        }
        idsCount = count
        }
        return (ids, masks)
    }

    /// The first pass of `lookUp`: writes the words of tokens `0..<count` that the memo holds
    /// (short ASCII words seen before), and lists the others in `others`, ascending, for
    /// `lookUpOne`; returns the end of the list. No call in the loop, so that its dozen values
    /// stay in registers (with a call, all but five lived on the stack across it). A word new
    /// to the memo is listed at each appearance, and the first of them fills the memo for the
    /// rest, which `lookUpOne` then answers from it.
    ///
    /// Out of line, called once per document: inlined into `lookUp`, its loop was compiled
    /// differently with each change around it (4.7 M instructions dearer on synth10 once the
    /// long-word hits were answered after it).
    ///
    /// - Precondition: each of the tokens starts at least eight bytes before the text's end.
    @inline(never)
    private static func memoHits(tokens: UnsafePointer<Token>, count: Int, base: UnsafeRawPointer,
                                 memo: UnsafeMutablePointer<UInt64>,
                                 ids: UnsafeMutablePointer<Int32>, masks: UnsafeMutablePointer<UInt64>,
                                 others: UnsafeMutablePointer<Int>) -> UnsafeMutablePointer<Int> {
        var other = others
        var t = 0
        while t < count {
            let token = tokens[t]
            // Words of one to eight ASCII bytes (most tokens), eight bytes at a time. Wrapping
            // arithmetic and one unsigned comparison for `1...8`: token bounds are within the text.
            let byteCount = token.end &- token.start
            if UInt(bitPattern: byteCount &- 1) < 8 {
                // The word moved up to the top bytes, the bytes past it shifted out (shifts of 0
                // to 56, never 64), then inverted and moved back down: `memoKey(_:length:)`.
                let shift = UInt64(truncatingIfNeeded: (8 &- byteCount) &<< 3)
                let top = UInt64(littleEndian: (base + token.start).loadUnaligned(as: UInt64.self)) &<< shift
                // (The bytes must be ASCII: with a high bit in them, a key could equal that of
                // a shorter word.)
                if top & Self.highBits == 0 {
                    let key = Self.memoKey(top: top, shift: shift)
                    let entry = Self.memoSlot(memo, key: key)
                    if entry[0] == key {
                        // The mask holds the flags as the kind of a token of these bytes gives
                        // them (`memoFlags`).
                        ids[t] = Int32(truncatingIfNeeded: entry[2])
                        masks[t] = entry[1]
                        t &+= 1
                        continue
                    }
                }
            }
            other.pointee = t
            other += 1
            t &+= 1
        }
        return other
    }

    /// Writes the id and mask (with the flags) of token `t`: by the memo, the two-choice tables
    /// or the `String` path. Short ASCII words it looks up are added to the memo.
    @inline(never)
    private static func lookUpOne(_ t: Int, _ lookup: borrowing Lookup) {
        let token = lookup.tokens[t]
        let bytes = lookup.bytes
        let byteCount = token.end &- token.start
        let ids = lookup.ids
        let masks = lookup.masks
        if lookup.fast, UInt(bitPattern: byteCount &- 1) < 8, token.start &+ 8 <= bytes.count {
            // `token.start + 8 <= bytes.count`, so the text is not empty.
            let loaded = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + token.start).loadUnaligned(as: UInt64.self))
            var x = loaded & (UInt64.max &>> (64 &- 8 &* UInt64(truncatingIfNeeded: byteCount)))
            if x & Self.highBits == 0 {
                let kindFlags = token.kind == .word ? UInt8.max : ~Flag.adverb
                let key = Self.memoKey(x, length: byteCount)
                let entry = Self.memoSlot(lookup.memo, key: key)
                if lookup.useMemo && entry[0] == key {
                    let value = entry[2]
                    ids[t] = Int32(truncatingIfNeeded: value)
                    masks[t] = Self.withoutFlags(entry[1]) | Self.maskBits(UInt8(truncatingIfNeeded: value &>> 32) & kindFlags)
                    return
                }
                // Folded only now: the memo is keyed by the bytes as they are (`The` and `the`
                // are two entries with one answer), which spares a hit the fold.
                x = Self.folded(x)
                let id = lookup.short ? lookup.shortWords.id(x, length: byteCount) : lookup.vocabulary.id(length: byteCount, key: lookup.keys[t], prefix: x)
                let wordFlags = Self.flags(ofFolded: x, length: byteCount, kind: .word)
                let mask = lookup.wordMasks[Int(id) + 1]
                ids[t] = id
                masks[t] = mask | Self.maskBits(wordFlags & kindFlags)
                entry[0] = key
                entry[1] = mask | Self.maskBits(Self.memoFlags(wordFlags, x))
                entry[2] = Self.memoValue(id: id, wordFlags: wordFlags)
                return
            }
        }
        // Words of nine to sixteen ASCII bytes: their first and last eight bytes cover them.
        if lookup.long, byteCount > 8, byteCount <= 16 {
            let first = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + token.start).loadUnaligned(as: UInt64.self))
            let last = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + token.end - 8).loadUnaligned(as: UInt64.self))
            if (first | last) & Self.highBits == 0 {
                let kindFlags = token.kind == .word ? UInt8.max : ~Flag.adverb
                // The memo, keyed by the bytes as they are: bytes 8… of the word are the last
                // `byteCount - 8` of `last`, and the top bit of the last of them gives the length.
                let restKey = Self.longMemoRestKey(last: last, byteCount: byteCount)
                let entry = Self.longMemoSlot(lookup.longMemo, first: first, restKey: restKey)
                if lookup.useMemo && entry[0] == first && entry[1] == restKey {
                    let value = entry[2]
                    ids[t] = Int32(truncatingIfNeeded: value)
                    masks[t] = Self.withoutFlags(entry[3]) | Self.maskBits(UInt8(truncatingIfNeeded: value &>> 32) & kindFlags)
                    return
                }
                let low = Self.folded(first)
                let lastEight = Self.folded(last)
                let high = lastEight >> (8 * UInt64(16 - byteCount))
                let id = lookup.longWords.id(low, high, length: byteCount)
                let mask = lookup.wordMasks[Int(id) + 1]
                ids[t] = id
                // The suffix flags read the last three bytes; a hyphen may be in either half.
                let wordFlags = Self.flags(ofFolded: lastEight, length: 8, kind: .word) | Self.flags(ofFolded: low, length: 8, kind: .word) & Flag.complex
                masks[t] = mask | Self.maskBits(wordFlags & kindFlags)
                entry[0] = first
                entry[1] = restKey
                entry[2] = Self.memoValue(id: id, wordFlags: wordFlags)
                entry[3] = mask | Self.maskBits(Self.memoFlags(wordFlags, first))
                return
            }
        }
        // Fold into `scratch`; give up on bytes other than ASCII and `’`.
        let scratch = lookup.scratch
        var length = 0
        var prefix: UInt64 = 0
        var simple = lookup.vocabulary.fastPath && token.end - token.start <= Lookup.capacity
        var hyphen = false
        var index = token.start
        while simple && index < token.end {
            var byte = bytes[index]
            if byte >= 0x80 {
                if byte == 0xE2, index + 2 < token.end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                    byte = UInt8(ascii: "'")
                    index += 2
                } else {
                    simple = false
                    break
                }
            } else if byte >= 0x41 && byte <= 0x5A {
                byte |= 0x20
            } else if byte == 0x2D {
                hyphen = true
            }
            scratch[length] = byte
            if length < 8 { prefix |= UInt64(byte) << (8 * UInt64(length)) }
            length += 1
            index += 1
        }
        let id: Int32
        var flag: UInt8 = 0
        if simple {
            // The tokenizer's key hashes these folded bytes (`WordSet.hash`).
            id = lookup.vocabulary.id(folded: UnsafeBufferPointer(start: scratch, count: length), key: lookup.keys[t], prefix: prefix)
            let last = length > 0 ? scratch[length - 1] : 0
            let second = length > 1 ? scratch[length - 2] : 0
            let third = length > 2 ? scratch[length - 3] : 0
            let s = UInt8(ascii: "s")
            if token.kind == .word && length > 4 && second == UInt8(ascii: "l") && last == UInt8(ascii: "y") { flag |= Flag.adverb }
            if third == UInt8(ascii: "i") && second == UInt8(ascii: "n") && last == UInt8(ascii: "g") { flag |= Flag.ing }
            if second == UInt8(ascii: "e") && last == UInt8(ascii: "d") { flag |= Flag.ed }
            if third == UInt8(ascii: "n") && second == UInt8(ascii: "'") && last == UInt8(ascii: "t") { flag |= Flag.negated }
            if last == s && second != s && !(third == UInt8(ascii: "o") && second == UInt8(ascii: "u")) { flag |= Flag.plural }
            if hyphen { flag |= Flag.complex }
        } else {
            let word = RelationLexicon.normalize(lookup.text.text(of: token))
            id = lookup.vocabulary.id(of: word)
            flag = Self.flags(of: word, kind: token.kind) | Flag.complex
        }
        ids[t] = id
        masks[t] = lookup.wordMasks[Int(id) + 1] | Self.maskBits(flag)
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// A memo entry's answer: the id's bits (−1 too) in the low 32 bits, so that a hit stores
    /// them as they are, then the flags of the word (which `lookUpOne` adjusts to the token's
    /// kind; the flags of a memo hit, `memoFlags`, are in the entry's mask).
    @inline(__always)
    static func memoValue(id: Int32, wordFlags: UInt8) -> UInt64 {
        UInt64(UInt32(bitPattern: id)) | UInt64(wordFlags) << 32
    }

    /// The flags that `memoHits` gives a token of the 1 to 8 ASCII bytes `x` whose flags as a
    /// word are `wordFlags`: without the adverb flag when `x` starts with a digit.
    ///
    /// Why the bytes may stand for the kind: the tokenizer makes an ASCII token a number exactly
    /// when it starts with a digit (`Tokenizer.analyze`: a word starting with a letter, `_`,
    /// `@` or `'` is a word; a punctuation token of ASCII is one byte, too short for the adverb
    /// flag), so the memo hit needs no look at the token's kind. `DocumentWordsMemoTests`
    /// compares these flags with those of the lookups on random text.
    @inline(__always)
    static func memoFlags(_ wordFlags: UInt8, _ x: UInt64) -> UInt8 {
        let first = UInt8(truncatingIfNeeded: x)
        return first &- 0x30 < 10 ? wordFlags & ~Flag.adverb : wordFlags
    }

    /// The memo key of an ASCII token of `length` bytes, 1 to 8, packed in `x`: the word's
    /// bytes inverted. ASCII bytes have their high bit clear, so an inverted one has it set,
    /// and the bytes past the word stay 0: the highest set bit gives the length (a word that
    /// ends in NUL bytes is not mistaken for a shorter one), and no key is 0. (Inverted
    /// rather than marked with one set bit: `memoHits` inverts with one instruction and no
    /// 64-bit constant, which left it a register for its outputs.)
    @inline(__always)
    static func memoKey(_ x: UInt64, length: Int) -> UInt64 {
        x ^ UInt64.max &>> (64 &- 8 &* UInt64(truncatingIfNeeded: length))
    }

    /// The slot of `memo` (`Lookup.memo`) for a short word's memo key `key`. Its address is
    /// computed as a byte offset: as an index of four-word slots, the compiler kept a second
    /// copy of it for the key comparison, one more instruction per memo hit in `memoHits`.
    @inline(__always)
    static func memoSlot(_ memo: UnsafeMutablePointer<UInt64>, key: UInt64) -> UnsafeMutablePointer<UInt64> {
        let offset = UInt(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> (64 &- UInt64(WordMemo.bits))) &<< 5
        return UnsafeMutablePointer(bitPattern: UInt(bitPattern: memo) &+ offset).unsafelyUnwrapped
    }

    /// The second key word of a word of `byteCount` bytes, 9 to 16, whose last eight bytes are
    /// `last` (its first key word is its first eight bytes): bytes 8… of the word, with the top
    /// bit of the byte after them set, which gives the length and makes the key nonzero.
    @inline(__always)
    static func longMemoRestKey(last: UInt64, byteCount: Int) -> UInt64 {
        let rest = last &>> UInt64(truncatingIfNeeded: 128 &- 8 &* byteCount)
        return rest | 0x80 &<< UInt64(truncatingIfNeeded: 8 &* byteCount &- 72)
    }

    /// The slot (four words: the two key words, value, mask) of the long-word memo `memo` for
    /// the key words `first` and `restKey`.
    @inline(__always)
    static func longMemoSlot(_ memo: UnsafeMutablePointer<UInt64>, first: UInt64, restKey: UInt64) -> UnsafeMutablePointer<UInt64> {
        memo + 4 &* Int(truncatingIfNeeded: ((first ^ restKey &* 0xD6E8_FEB8_6659_FD93) &* 0x9E37_79B9_7F4A_7C15) &>> (64 &- UInt64(WordMemo.longBits)))
    }

    /// `memoKey(_:length:)` of the word of `length` bytes that `top` holds in its top bytes,
    /// given `shift`, `64 - 8 * length`: loaded bytes shifted up by `shift`, which drops the
    /// bytes past the word with no mask.
    @inline(__always)
    static func memoKey(top: UInt64, shift: UInt64) -> UInt64 {
        ~top &>> shift
    }

    /// ASCII bytes `x` (no high bit set) with `A`…`Z` made lowercase, each byte on its own:
    /// adding 0x3F sets a byte's high bit from `A` up, adding 0x25 from past `Z`, and no sum
    /// carries into the next byte.
    @inline(__always)
    static func folded(_ x: UInt64) -> UInt64 {
        let upper = (x &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(x &+ 0x2525_2525_2525_2525) & highBits
        return x | upper >> 2
    }

    /// The flags of a folded ASCII word of `length` bytes (1 to 8) packed in `x`, first byte
    /// lowest: the rules of the byte loop in `init`. Computed without branches: which suffix a
    /// word ends in cannot be predicted, and a branch per suffix cost more than the arithmetic.
    @inline(__always)
    static func flags(ofFolded x: UInt64, length: Int, kind: Token.Kind) -> UInt8 {
        // The last three bytes, third-last lowest; zero where the word is shorter: the word
        // moved up so that its last byte is the top byte.
        let tail = (x &<< (8 &* UInt64(truncatingIfNeeded: 8 &- length))) &>> 40
        let lastTwo = tail &>> 8
        let isWord = equal(UInt64(kind.rawValue), UInt64(Token.Kind.word.rawValue))
        // `4 - length` is negative, its top bit set, for words of more than four bytes.
        let longerThanFour = UInt64(bitPattern: Int64(4 &- length)) &>> 63
        var flag = isWord & longerThanFour & equal(lastTwo, 0x796C)  // "ly"
        flag |= equal(tail, 0x67_6E69) &<< 1  // "ing"
        flag |= equal(lastTwo, 0x6465) &<< 2  // "ed"
        flag |= equal(tail, 0x74_276E) &<< 3  // "n't"
        // Ends in `s` but not `ss` or `ous` ("ou" is 0x756F).
        flag |= (equal(tail &>> 16, 0x73) & ~equal(lastTwo & 0xFF, 0x73) & ~equal(tail & 0xFFFF, 0x756F) & 1) &<< 4
        // A hyphen: some byte of `x ^ "--------"` is zero (bytes past the word are zero, not `-`).
        let v = x ^ 0x2D2D_2D2D_2D2D_2D2D
        let zero = (v &- 0x0101_0101_0101_0101) & ~v & highBits
        flag |= ((zero | (0 &- zero)) &>> 63) &<< 5
        return UInt8(truncatingIfNeeded: flag)
    }

    /// 1 when `a == b`, else 0, for values below 2^63, without a branch.
    @inline(__always)
    private static func equal(_ a: UInt64, _ b: UInt64) -> UInt64 {
        ((a ^ b) &- 1) &>> 63
    }

    /// The flags of a normalized word, by the `String` rules the patterns were written with.
    static func flags(of word: String, kind: Token.Kind) -> UInt8 {
        var flag: UInt8 = 0
        if kind == .word && word.count > 4 && word.hasSuffix("ly") { flag |= Flag.adverb }
        if word.hasSuffix("ing") { flag |= Flag.ing }
        if word.hasSuffix("ed") { flag |= Flag.ed }
        if word.hasSuffix("n't") { flag |= Flag.negated }
        if word.hasSuffix("s") && !word.hasSuffix("ous") && !word.hasSuffix("ss") { flag |= Flag.plural }
        return flag
    }
}

/// The memo `DocumentWords` keeps across the documents one worker reads one after another:
/// the relation-pattern answer (vocabulary id and suffix flags) for short ASCII words by their
/// bytes, in a direct-mapped table of 2^`bits` slots (a collision only costs a recomputation).
///
/// A value: each worker owns its own and passes it `inout`, so no two tasks ever share one.
/// Entries depend only on a word's bytes and the lexicon, so results never depend on which
/// documents a worker read before or on how many workers there are.
///
///     var memo = WordMemo()
///     for document in documents { extractor.extract(document, into: &partial, words: &memo) }
public struct WordMemo: Sendable {
    /// 2^12 slots of 32 bytes: 128 KB a worker, enough for the common words of news text;
    /// measured on synth10 against 2^11 and 2^13 (with 16-byte slots).
    static let bits = 12
    /// 2^10 slots of 32 bytes for words of nine to sixteen bytes (about one token in ten of
    /// synth10, a few thousand distinct words).
    static let longBits = 10
    /// The words of `entries`.
    static let size = (4 << bits) + (4 << longBits)

    /// Four words a slot: `DocumentWords.memoKey(_:length:)`, 0 when empty, the word's mask
    /// with the flags of a memo hit, `DocumentWords.memoValue(id:wordFlags:)` and one unused, as `DocumentWords`
    /// stores them; then the slots of the longer words (`DocumentWords.Lookup.longMemo`); empty
    /// until first used.
    var entries: [UInt64] = []
    /// The `masksAfterNone` of the lexicon the entries are from: held, so its storage cannot be
    /// freed and reused by another lexicon while the memo names it.
    private var lexiconMasks: [UInt64] = []
    /// The relation stage's lists and tables, kept from one document to the next (they hold
    /// nothing a later document reads: each is emptied before use); `nil` until first used.
    private var workspace: RelationExtractor.Workspace?

    /// Whether the workspace holds an analysis kept from the last document read.
    var keepsAnalysis: Bool { workspace?.analysis != nil }

    public init() {}

    /// The workspace of a document about to be read, this memo's own: a copy of the memo
    /// shares it until one of them reads a document, which then gets its own, as with
    /// copy-on-write (so that two workers never share one).
    mutating func workspaceForDocument() -> RelationExtractor.Workspace {
        if isKnownUniquelyReferenced(&workspace), let workspace { return workspace }
        let workspace = RelationExtractor.Workspace()
        self.workspace = workspace
        return workspace
    }

    /// Empties the memo unless its entries are `lexicon`'s.
    mutating func prepare(for lexicon: RelationLexicon) {
        let masks = lexicon.masksAfterNone
        let same = masks.withUnsafeBufferPointer { new in
            lexiconMasks.withUnsafeBufferPointer { old in new.baseAddress == old.baseAddress && new.count == old.count }
        }
        if same && entries.count == Self.size { return }
        lexiconMasks = masks
        entries = [UInt64](repeating: 0, count: Self.size)
    }
}
