/// A document's text split into tokens and sentences, over its UTF-8 bytes.
///
/// Every later stage addresses text by byte offsets into `bytes`; `string(_:)` and
/// `scalarOffset(ofByte:)` convert for output.
public struct AnalyzedText: Sendable {
    public let bytes: [UInt8]
    public let tokens: [Token]
    public let sentences: [SentenceSpan]
    /// Scalars before byte `k * checkpointStride`, so `scalarOffset(ofByte:)` is O(1).
    private let scalarCheckpoints: [Int]
    private static let checkpointStride = 64

    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        let tokens = Tokenizer.tokenize(bytes)
        self.tokens = tokens
        self.sentences = SentenceSplitter.split(bytes: bytes, tokens: tokens)
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / Self.checkpointStride + 1)
        var count = 0
        for (index, byte) in bytes.enumerated() {
            if index % Self.checkpointStride == 0 { checkpoints.append(count) }
            if byte & 0xC0 != 0x80 { count += 1 }
        }
        checkpoints.append(count)
        self.scalarCheckpoints = checkpoints
    }

    /// The text of a byte range.
    public func string(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    public func text(of token: Token) -> String { string(token.start, token.end) }

    public func text(of sentence: SentenceSpan) -> String {
        collapseWhitespace(string(sentence.start, sentence.end))
    }

    /// The offset, in Unicode scalars, of the scalar that starts at `byte`.
    ///
    /// - Complexity: O(1): at most 63 bytes are counted past a precomputed checkpoint.
    public func scalarOffset(ofByte byte: Int) -> Int {
        let end = min(max(byte, 0), bytes.count)
        let checkpoint = end / Self.checkpointStride
        var count = scalarCheckpoints[min(checkpoint, scalarCheckpoints.count - 1)]
        for index in (checkpoint * Self.checkpointStride)..<end where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}

func collapseWhitespace(_ text: String) -> String {
    // Fast path, taken by most sentences: ASCII, no tab or line break, no leading, trailing
    // or doubled space — already collapsed, so no copy and no Unicode property lookups.
    var previousWasSpace = true
    var clean = true
    for byte in text.utf8 {
        if byte >= 0x80 || byte < 0x20 { clean = false; break }
        if byte == 0x20 {
            if previousWasSpace { clean = false; break }
            previousWasSpace = true
        } else {
            previousWasSpace = false
        }
    }
    if clean && !previousWasSpace || text.isEmpty { return text }
    var result = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace {
            pendingSpace = !result.isEmpty
        } else {
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
    }
    return String(result)
}
