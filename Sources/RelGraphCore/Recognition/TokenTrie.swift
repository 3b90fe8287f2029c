/// A trie over token sequences for longest-match lookup of multi-word names in one pass.
///
/// Keys are tokenized with the same `Tokenizer` as documents, so `Musk’s` in text and
/// `Musk` in the lexicon meet at the token level. Edges are keyed by a 64-bit FNV-1a hash of
/// the token's bytes and checked against the stored bytes, so a lookup reads the document's
/// bytes in place and allocates nothing.
public struct TokenTrie<Value: Sendable>: Sendable {
    private struct Node: Sendable {
        var children: [UInt64: Int32] = [:]
        /// The bytes of the token on the edge into this node, to rule out hash collisions.
        var word: [UInt8] = []
        var value: Value?
    }

    private var nodes: [Node] = [Node()]
    /// Longest key, in tokens: bounds each lookup.
    public private(set) var maxDepth = 0

    public init() {}

    /// Inserts `value` under the tokens of `key`; an existing value is kept.
    public mutating func insert(_ key: String, _ value: Value) {
        let text = AnalyzedText(key)
        guard !text.tokens.isEmpty else { return }
        var node = 0
        for token in text.tokens {
            let word = Array(text.bytes[token.start..<token.end])
            let hash = Self.hash(text.bytes, token.start, token.end)
            if let next = nodes[node].children[hash] {
                guard nodes[Int(next)].word == word else { return }
                node = Int(next)
            } else {
                nodes.append(Node(word: word))
                let next = Int32(nodes.count - 1)
                nodes[node].children[hash] = next
                node = Int(next)
            }
        }
        if nodes[node].value == nil { nodes[node].value = value }
        maxDepth = max(maxDepth, text.tokens.count)
    }

    /// The longest key starting at token `start` and ending before `limit`, as
    /// (token count, value).
    ///
    /// - Complexity: O(k) in the bytes of at most `maxDepth` tokens.
    public func longestMatch(in text: AnalyzedText, from start: Int, limit: Int) -> (length: Int, value: Value)? {
        var node = 0
        var best: (Int, Value)?
        var index = start
        while index < limit, index - start < maxDepth {
            let token = text.tokens[index]
            guard let next = child(of: node, bytes: text.bytes, token: token) else { break }
            node = next
            index += 1
            if let value = nodes[node].value { best = (index - start, value) }
        }
        return best
    }

    @inline(__always)
    private func child(of node: Int, bytes: [UInt8], token: Token) -> Int? {
        let children = nodes[node].children
        if children.isEmpty { return nil }
        guard let next = children[Self.hash(bytes, token.start, token.end)] else { return nil }
        let word = nodes[Int(next)].word
        guard word.count == token.end - token.start, bytes[token.start..<token.end].elementsEqual(word) else { return nil }
        return Int(next)
    }

    @inline(__always)
    static func hash(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in start..<end {
            hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3
        }
        return hash
    }
}
