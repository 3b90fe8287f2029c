/// A trie over token sequences for longest-match lookup of multi-word names in one pass.
///
/// Keys are tokenized with the same `Tokenizer` as documents, so `Musk’s` in text and
/// `Musk` in the lexicon meet at the token level.
public struct TokenTrie<Value: Sendable>: Sendable {
    private struct Node: Sendable {
        var children: [String: Int32] = [:]
        var value: Value?
    }

    private var nodes: [Node] = [Node()]
    /// Longest key, in tokens: bounds each lookup.
    public private(set) var maxDepth = 0

    public init() {}

    /// Inserts `value` under the tokens of `key`; an existing value is kept.
    public mutating func insert(_ key: String, _ value: Value) {
        let text = AnalyzedText(key)
        let words = text.tokens.map { text.text(of: $0) }
        guard !words.isEmpty else { return }
        var node = 0
        for word in words {
            if let next = nodes[node].children[word] {
                node = Int(next)
            } else {
                nodes.append(Node())
                let next = Int32(nodes.count - 1)
                nodes[node].children[word] = next
                node = Int(next)
            }
        }
        if nodes[node].value == nil { nodes[node].value = value }
        maxDepth = max(maxDepth, words.count)
    }

    /// The longest key starting at token `start` and ending before `limit`, as
    /// (token count, value).
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

    private func child(of node: Int, bytes: [UInt8], token: Token) -> Int? {
        let children = nodes[node].children
        if children.isEmpty { return nil }
        let word = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
        return children[word].map(Int.init)
    }
}
