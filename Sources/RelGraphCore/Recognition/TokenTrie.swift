/// A trie over token sequences for longest-match lookup of multi-word names in one pass.
///
/// Keys are tokenized with the same `Tokenizer` as documents, so `Musk’s` in text and
/// `Musk` in the lexicon meet at the token level. Edges live in one open-addressing table keyed
/// by (parent node, the token's `AnalyzedText.wordKeys` entry), and each hit is checked against
/// the stored bytes (case-sensitive), so a lookup reuses the per-token keys the document already
/// has, reads its bytes in place and allocates nothing. Since the key folds case, `Apple` and
/// `APPLE` under one node share a key; both edges are kept and told apart by their bytes.
public struct TokenTrie<Value: Sendable>: Sendable {
    private struct Edge: Sendable {
        var key: UInt64
        var parent: Int32
        /// 0 marks an empty slot (the root is never a child).
        var child: Int32
    }

    /// The bytes of the token on the edge into node `n` are `words[wordStarts[n]..<wordStarts[n + 1]]`.
    private var words: [UInt8] = []
    private var wordStarts: [Int32] = [0, 0]
    private var values: [Value?] = [nil]
    private var edges: [Edge] = Array(repeating: Edge(key: 0, parent: 0, child: 0), count: 16)
    private var edgeCount = 0
    private var shift: UInt64 = 60
    /// One bit per 15-bit slice of the keys that start a key: most tokens start none, and
    /// this 4 KB bitmap (hot in cache) rejects them before the edge table. (At 512 bytes, one
    /// token in six of no key passed with the bundled lexicon's some 700 first words.)
    private var rootFilter: [UInt64] = Array(repeating: 0, count: 512)
    /// `rootFilter`'s bits again, split by the first byte of the key's first word: words that
    /// start with a lowercase ASCII letter, and the rest. A token matches a first word only if
    /// their bytes are equal, so it can start a key only if its bit is set in the half of its
    /// own first byte's kind. Asked only of tokens that pass `rootFilter`: most of those are
    /// `the`, whose key (case folded) is that of `The …`, a first word of the lexicon.
    private var rootFilterByCase: [UInt64] = Array(repeating: 0, count: 1024)
    /// One bit per 15-bit slice of a hash of each key's first two word keys (for a key of one
    /// token, its word key and `Self.endMark`). A token that passes the root filters is
    /// mostly `the` or another common first word, and mostly not followed by a second word of
    /// a key; this 4 KB bitmap tells so from the next token's key alone, before any edge probe:
    /// without its pair's bit no key of two tokens or more can match there, and without the
    /// end bit no key of one token.
    private var pairFilter: [UInt64] = Array(repeating: 0, count: 512)
    /// Longest key, in tokens: bounds each lookup.
    public private(set) var maxDepth = 0

    public init() {}

    /// Inserts `value` under the tokens of `key`; an existing value is kept.
    public mutating func insert(_ key: String, _ value: Value) {
        // The tokens and word keys of the documents' tokenizer, without the rest of an
        // `AnalyzedText` (its sentences and their arrays: some 0.4 M instructions at start-up).
        let bytes = Array(key.utf8)
        let (tokens, wordKeys) = Tokenizer.tokenizeWithKeys(bytes)
        guard !tokens.isEmpty else { return }
        var node = 0
        for (index, token) in tokens.enumerated() {
            let wordKey = wordKeys[index]
            if let next = child(of: node, key: wordKey, bytes: bytes, start: token.start, end: token.end) {
                node = next
            } else {
                words.append(contentsOf: bytes[token.start..<token.end])
                wordStarts.append(Int32(words.count))
                values.append(nil)
                let next = values.count - 1
                addEdge(Edge(key: wordKey, parent: Int32(node), child: Int32(next)))
                if node == 0 {
                    let bit = Self.rootBit(wordKey)
                    rootFilter[bit >> 6] |= 1 << UInt64(bit & 63)
                    let half = Self.isLowercaseLetter(bytes[token.start]) ? 0 : 512
                    rootFilterByCase[half + (bit >> 6)] |= 1 << UInt64(bit & 63)
                }
                node = next
            }
        }
        if values[node] == nil { values[node] = value }
        maxDepth = max(maxDepth, tokens.count)
        let second = tokens.count > 1 ? wordKeys[1] : Self.endMark
        let bit = Self.pairBit(wordKeys[0], second)
        pairFilter[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// The longest key starting at token `start` and ending before `limit`, as
    /// (token count, value).
    ///
    /// - Complexity: O(k) in the bytes of at most `maxDepth` tokens.
    public func longestMatch(in text: AnalyzedText, from start: Int, limit: Int) -> (length: Int, value: Value)? {
        guard let length = matchLength(in: text, from: start, limit: limit) else { return nil }
        return (length.tokens, values[length.node]!)
    }

    /// `longestMatch` for a caller that has already tested `start < limit` and
    /// `mayStartKey(text.wordKeys[start])`, so the root filter is read once per token.
    func longestMatch(in text: AnalyzedText, passingFilterFrom start: Int, limit: Int) -> (length: Int, value: Value)? {
        guard let length = unfilteredMatchLength(in: text, from: start, limit: limit) else { return nil }
        return (length.tokens, values[length.node]!)
    }

    /// `longestMatch` without copying the value out: the token count and the node that holds it.
    @inline(__always)
    func matchLength(in text: AnalyzedText, from start: Int, limit: Int) -> (tokens: Int, node: Int)? {
        guard start < limit, mayStartKey(text.wordKeys[start], firstByte: text.bytes[text.tokens[start].start]) else { return nil }
        return unfilteredMatchLength(in: text, from: start, limit: limit)
    }

    /// False when no key can start with a token whose word key is `key` and whose first byte
    /// is `firstByte` (no false negatives): the root filter, then, only for a token that
    /// passes it (mostly `the`), the filter told apart by the case of the first byte, which is
    /// read only then.
    @inline(__always)
    func mayStartKey(_ key: UInt64, firstByte: @autoclosure () -> UInt8) -> Bool {
        mayStartKey(key) && mayStartKeyByCase(key, firstByte: firstByte())
    }

    /// False when no key starts with a token of this word key whose first byte is `firstByte`
    /// (no false negatives): `mayStartKey` told apart by the case of the first byte.
    @inline(__always)
    func mayStartKeyByCase(_ key: UInt64, firstByte: UInt8) -> Bool {
        rootFilterByCase.withUnsafeBufferPointer { TokenTrieFilters.byCase($0.baseAddress.unsafelyUnwrapped, key, firstByte: firstByte) }
    }

    /// Whether `byte` is an ASCII lowercase letter.
    @inline(__always)
    private static func isLowercaseLetter(_ byte: UInt8) -> Bool { TokenTrieFilters.isLowercaseLetter(byte) }

    /// Calls `body` with the trie's filters as pointers, which are valid only while it runs.
    /// The name rules hold these (no copy of the trie, whose arrays a copy retained and then
    /// released, through the generic type's value witnesses: some 1.6 M instructions of synth10).
    @inline(__always)
    func withFilters<Result>(_ body: (TokenTrieFilters) throws -> Result) rethrows -> Result {
        try rootFilter.withUnsafeBufferPointer { root in
            try rootFilterByCase.withUnsafeBufferPointer { byCase in
                try pairFilter.withUnsafeBufferPointer { pair in
                    try body(TokenTrieFilters(root: root.baseAddress.unsafelyUnwrapped, byCase: byCase.baseAddress.unsafelyUnwrapped,
                                              pair: pair.baseAddress.unsafelyUnwrapped))
                }
            }
        }
    }

    /// `matchLength` past its root filter tests: the pair filter, then the walk down the trie.
    @inline(__always)
    private func unfilteredMatchLength(in text: AnalyzedText, from start: Int, limit: Int) -> (tokens: Int, node: Int)? {
        var end = min(limit, start + maxDepth)
        let first = text.wordKeys[start]
        if start + 1 < end, mayPair(first, text.wordKeys[start + 1]) { return walk(in: text, from: start, end: end) }
        // No key of two tokens or more starts here: at most one of one token.
        guard mayPair(first, Self.endMark) else { return nil }
        end = min(end, start + 1)
        return walk(in: text, from: start, end: end)
    }

    /// False when no key matches from a token of word key `first` followed by a token of word
    /// key `second` (`nil`: no token follows before the limit): the pair filter that
    /// `unfilteredMatchLength` asks first, for a caller to test inline before a call (no false
    /// negatives: when it is false, `longestMatch` finds nothing there).
    @inline(__always)
    func mayMatch(_ first: UInt64, followedBy second: UInt64?) -> Bool {
        if let second, mayPair(first, second) { return true }
        return mayPair(first, Self.endMark)
    }

    /// False when no key's first two word keys are `first` and `second` (no false negatives);
    /// `second == endMark` asks for a key of the one token `first`.
    @inline(__always)
    private func mayPair(_ first: UInt64, _ second: UInt64) -> Bool {
        pairFilter.withUnsafeBufferPointer { TokenTrieFilters.pair($0.baseAddress.unsafelyUnwrapped, first, second) }
    }

    /// The second word key `pairFilter` records for a key of one token. A word key equal to it
    /// only sets a bit a one-token key also might: a false positive, never a false negative.
    @inline(__always) private static var endMark: UInt64 { TokenTrieFilters.endMark }

    @inline(__always)
    private static func pairBit(_ first: UInt64, _ second: UInt64) -> Int { TokenTrieFilters.pairBit(first, second) }

    /// The longest key from token `start` to before `end` with no filter at all: the plain
    /// definition the filters must agree with (tests compare them at every token).
    func plainMatchLength(in text: AnalyzedText, from start: Int, limit: Int) -> (tokens: Int, node: Int)? {
        walk(in: text, from: start, end: min(limit, start + maxDepth))
    }

    /// The trie walk: the longest key among tokens `start..<end`.
    ///
    /// - Complexity: O(k) in the bytes of the tokens walked.
    @inline(__always)
    private func walk(in text: AnalyzedText, from start: Int, end: Int) -> (tokens: Int, node: Int)? {
        var node = 0
        var best: (Int, Int)?
        var index = start
        while index < end {
            let token = text.tokens[index]
            guard let next = child(of: node, key: text.wordKeys[index], bytes: text.bytes, start: token.start, end: token.end) else { break }
            node = next
            index += 1
            if values[node] != nil { best = (index - start, node) }
        }
        return best
    }

    func value(at node: Int) -> Value { values[node]! }

    @inline(__always)
    private static func rootBit(_ key: UInt64) -> Int { TokenTrieFilters.rootBit(key) }

    /// False when no key starts with a token of this word key (no false negatives): callers
    /// test it inline before `longestMatch`, which most tokens then never call.
    @inline(__always)
    func mayStartKey(_ key: UInt64) -> Bool {
        rootFilter.withUnsafeBufferPointer { TokenTrieFilters.root($0.baseAddress.unsafelyUnwrapped, key) }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ parent: Int32, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ UInt64(UInt32(bitPattern: parent)) &* 0xC2B2_AE3D_27D4_EB4F) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    private func child(of node: Int, key: UInt64, bytes: [UInt8], start: Int, end: Int) -> Int? {
        let parent = Int32(truncatingIfNeeded: node)
        return edges.withUnsafeBufferPointer { edges in
            let mask = edges.count - 1
            var slot = Self.slot(key, parent, shift)
            while true {
                let edge = edges[slot]
                if edge.child == 0 { return nil }
                if edge.key == key, edge.parent == parent, wordMatches(Int(edge.child), bytes, start, end) { return Int(edge.child) }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func wordMatches(_ node: Int, _ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let wordStart = Int(wordStarts[node])
        let length = Int(wordStarts[node + 1]) - wordStart
        guard length == end - start else { return false }
        return words.withUnsafeBufferPointer { words in
            bytes.withUnsafeBufferPointer { bytes in
                for offset in 0..<length where words[wordStart + offset] != bytes[start + offset] { return false }
                return true
            }
        }
    }

    private mutating func addEdge(_ edge: Edge) {
        if (edgeCount + 1) * 2 > edges.count {
            let old = edges
            edges = Array(repeating: Edge(key: 0, parent: 0, child: 0), count: old.count * 2)
            shift -= 1
            for entry in old where entry.child != 0 { place(entry) }
        }
        place(edge)
        edgeCount += 1
    }

    private mutating func place(_ edge: Edge) {
        let mask = edges.count - 1
        var slot = Self.slot(edge.key, edge.parent, shift)
        while edges[slot].child != 0 { slot = (slot + 1) & mask }
        edges[slot] = edge
    }
}

/// A `TokenTrie`'s three filters through pointers to its bitmaps (`TokenTrie.withFilters`),
/// valid only while the trie's `withFilters` body runs: the same answers as the trie's
/// methods of the same names, which read the bitmaps through these functions.
struct TokenTrieFilters {
    let root: UnsafePointer<UInt64>
    let byCase: UnsafePointer<UInt64>
    let pair: UnsafePointer<UInt64>

    /// `TokenTrie.mayStartKey(_:)`.
    @inline(__always)
    func mayStartKey(_ key: UInt64) -> Bool { Self.root(root, key) }

    /// `TokenTrie.mayStartKey(_:firstByte:)`.
    @inline(__always)
    func mayStartKey(_ key: UInt64, firstByte: @autoclosure () -> UInt8) -> Bool {
        Self.root(root, key) && Self.byCase(byCase, key, firstByte: firstByte())
    }

    /// `TokenTrie.mayStartKeyByCase(_:firstByte:)`.
    @inline(__always)
    func mayStartKeyByCase(_ key: UInt64, firstByte: UInt8) -> Bool { Self.byCase(byCase, key, firstByte: firstByte) }

    /// `TokenTrie.mayMatch(_:followedBy:)`.
    @inline(__always)
    func mayMatch(_ first: UInt64, followedBy second: UInt64?) -> Bool {
        if let second, Self.pair(pair, first, second) { return true }
        return Self.pair(pair, first, Self.endMark)
    }

    /// The bit of `rootFilter` for a word key, set for each first word of a key.
    @inline(__always)
    static func rootBit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 49)
    }

    /// Whether `key`'s bit is set in the root filter at `root` (512 words).
    @inline(__always)
    static func root(_ root: UnsafePointer<UInt64>, _ key: UInt64) -> Bool {
        let bit = rootBit(key)
        return root[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Whether `key`'s bit is set in the half of the filter by case at `byCase` (1,024 words)
    /// for `firstByte`: the first half for a lowercase ASCII letter, the second for others.
    @inline(__always)
    static func byCase(_ byCase: UnsafePointer<UInt64>, _ key: UInt64, firstByte: UInt8) -> Bool {
        let bit = rootBit(key)
        let half = isLowercaseLetter(firstByte) ? 0 : 512
        return byCase[half + (bit >> 6)] & (1 << UInt64(bit & 63)) != 0
    }

    /// Whether the pair's bit is set in the pair filter at `pair` (512 words).
    @inline(__always)
    static func pair(_ pair: UnsafePointer<UInt64>, _ first: UInt64, _ second: UInt64) -> Bool {
        let bit = pairBit(first, second)
        return pair[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// The second word key the pair filter records for a key of one token. A word key equal to
    /// it only sets a bit a one-token key also might: a false positive, never a false negative.
    @inline(__always) static var endMark: UInt64 { 0x5851_F42D_4C95_7F2D }

    @inline(__always)
    static func pairBit(_ first: UInt64, _ second: UInt64) -> Int {
        Int(truncatingIfNeeded: ((first &* 0xC2B2_AE3D_27D4_EB4F ^ second) &* 0x9E37_79B9_7F4A_7C15) >> 49)
    }

    /// Whether `byte` is an ASCII lowercase letter.
    @inline(__always)
    static func isLowercaseLetter(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
}
