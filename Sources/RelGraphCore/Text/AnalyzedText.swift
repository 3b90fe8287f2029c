/// A document's text split into tokens and sentences, over its UTF-8 bytes.
///
/// Every later stage addresses text by byte offsets into `bytes`; `string(_:)` and
/// `scalarOffset(ofByte:)` convert for output.
public struct AnalyzedText: Sendable {
    public let bytes: [UInt8]
    public let tokens: [Token]
    public let sentences: [SentenceSpan]
    /// The `WordSet` key of each token: a 64-bit FNV-1a hash of its bytes with ASCII letters
    /// folded to lowercase and `’` to `'`, computed once so every stage can test a token
    /// against word lists without building a `String`.
    public let wordKeys: [UInt64]
    /// Scalars before byte `k * checkpointStride`, so `scalarOffset(ofByte:)` is O(1); empty
    /// when every byte is ASCII (most documents), where a byte offset is a scalar offset.
    private let scalarCheckpoints: [Int]
    private static let checkpointStride = 64

    /// The bytes, tokens and word keys as buffers, valid only inside `withBuffers`: for loops
    /// that read them many times per token, where each read through the arrays reloads the array
    /// and checks the index.
    struct Buffers {
        let bytes: UnsafeBufferPointer<UInt8>
        let tokens: UnsafeBufferPointer<Token>
        let keys: UnsafeBufferPointer<UInt64>
    }

    /// Calls `body` with the text's buffers; they must not be kept past it.
    func withBuffers<Result>(_ body: (Buffers) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try tokens.withUnsafeBufferPointer { tokens in
                try wordKeys.withUnsafeBufferPointer { keys in
                    try body(Buffers(bytes: bytes, tokens: tokens, keys: keys))
                }
            }
        }
    }

    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) {
        var scratch = TextScratch()
        self.init(bytes: bytes, scratch: &scratch)
    }

    /// `init(bytes:)` into the arrays `scratch` kept from earlier texts (`TextScratch.keep`).
    init(bytes: [UInt8], scratch: inout TextScratch) {
        self.bytes = bytes
        var arrays = scratch.take()
        let isASCII = Tokenizer.analyze(bytes, tokens: &arrays.tokens, keys: &arrays.keys, candidates: &scratch.candidates)
        SentenceSplitter.split(bytes: bytes, tokens: arrays.tokens, keys: arrays.keys, candidates: scratch.candidates, isASCII: isASCII,
                               into: &arrays.sentences)
        self.tokens = arrays.tokens
        self.wordKeys = arrays.keys
        self.sentences = arrays.sentences
        // The tokenizer notes a non-ASCII byte where it takes one; a branch that forgot would
        // make scalar offsets byte offsets silently, so debug builds (and the tests) check it.
        assert(isASCII == bytes.allSatisfy { $0 < 0x80 }, "the tokenizer's ASCII flag disagrees with the bytes")
        self.scalarCheckpoints = isASCII ? [] : Self.checkpoints(bytes)
    }

    /// Scalars before each multiple of `checkpointStride`, plus the total at the end (for
    /// text with a non-ASCII byte: `Tokenizer.analyze` tells, so ASCII text, most documents,
    /// is not read again).
    ///
    /// - Complexity: O(n) (`scalarStarts`).
    private static func checkpoints(_ bytes: [UInt8]) -> [Int] {
        let stride = checkpointStride
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / stride + 2)
        var count = 0
        bytes.withUnsafeBytes { raw in
            let total = raw.count
            var block = 0
            while block < total {
                checkpoints.append(count)
                let blockEnd = min(block + stride, total)
                count += scalarStarts(raw, block, blockEnd)
                block = blockEnd
            }
        }
        checkpoints.append(count)
        return checkpoints
    }

    /// How many scalars start in `raw[start..<end]`.
    ///
    /// - Complexity: O(n), eight bytes at a time: a scalar starts at every byte that is not a
    ///   continuation byte (`10xxxxxx`), so each word adds 8 minus its continuation bytes.
    @inline(__always)
    static func scalarStarts(_ raw: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
        var count = 0
        var index = start
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // Bit 7 set and bit 6 clear in a byte: a continuation byte.
            count += 8 - markedBytes(word & ~(word << 1) & 0x8080_8080_8080_8080)
            index += 8
        }
        while index < end {
            if raw[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// How many bytes of `mask` (only bit 7 of each may be set) are marked: one multiply sums
    /// the eight 0/1 bytes into the top byte. `nonzeroBitCount` compiles to a dozen
    /// instructions on the baseline x86-64 target, which has no `popcnt`.
    @inline(__always)
    static func markedBytes(_ mask: UInt64) -> Int {
        Int(truncatingIfNeeded: ((mask >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// The text of a byte range.
    public func string(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    public func text(of token: Token) -> String { string(token.start, token.end) }

    /// The text of a byte range with runs of whitespace collapsed to one space; a plain copy
    /// when the range holds only single ASCII spaces (the common case for a name).
    public func collapsedString(_ start: Int, _ end: Int) -> String {
        guard start < end, bytes[start] != 0x20, bytes[end - 1] != 0x20, Self.isCollapsedASCII(bytes, start, end) else {
            return collapseWhitespace(string(start, end))
        }
        return string(start, end)
    }

    /// Whether `bytes[start..<end]` is ASCII with no control byte and no two spaces in a row:
    /// then collapsing changes nothing.
    ///
    /// - Complexity: O(n), eight bytes at a time. With every byte below 0x80, adding 0x60 to a
    ///   byte (or 0x7F to a byte xor 0x20) carries into its bit 7 exactly when it is ≥ 0x20
    ///   (or is not a space), and never into the next byte, so the masks are exact.
    static func isCollapsedASCII(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        bytes.withUnsafeBytes { raw in
            let highs: UInt64 = 0x8080_8080_8080_8080
            let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            var previousSpace = false
            var index = start
            while index + 8 <= end {
                // Little-endian on every host: the shifts below take byte 0 as the low byte.
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if word & highs != 0 { return false }
                // High bit clear: a byte below 0x20.
                if ~(word &+ 0x6060_6060_6060_6060) & highs != 0 { return false }
                let other = word ^ 0x2020_2020_2020_2020
                // High bit set: a space.
                let spaces = ~((other & lows) &+ lows | other) & highs
                if spaces & (spaces << 8) != 0 || previousSpace && spaces & 0x80 != 0 { return false }
                previousSpace = spaces >> 63 != 0
                index += 8
            }
            while index < end {
                let byte = raw[index]
                if byte >= 0x80 || byte < 0x20 || byte == 0x20 && previousSpace { return false }
                previousSpace = byte == 0x20
                index += 1
            }
            return true
        }
    }

    public func text(of sentence: SentenceSpan) -> String {
        collapsedString(sentence.start, sentence.end)
    }

    /// The offset, in Unicode scalars, of the scalar that starts at `byte`.
    ///
    /// - Complexity: O(1): at most 63 bytes are counted past a precomputed checkpoint (none
    ///   in ASCII text).
    public func scalarOffset(ofByte byte: Int) -> Int {
        let end = min(max(byte, 0), bytes.count)
        if scalarCheckpoints.isEmpty { return end }
        let checkpoint = end / Self.checkpointStride
        let count = scalarCheckpoints[min(checkpoint, scalarCheckpoints.count - 1)]
        return count + bytes.withUnsafeBytes { Self.scalarStarts($0, checkpoint * Self.checkpointStride, end) }
    }
}

/// `text` with every run of whitespace replaced by one space and no leading or trailing space.
///
/// - Complexity: O(n); ASCII is classified without Unicode property lookups.
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
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        let value = scalar.value
        let isSpace = value < 0x80 ? value == 0x20 || (0x09...0x0D).contains(value) : scalar.properties.isWhitespace
        if isSpace {
            pendingSpace = !output.isEmpty
        } else {
            if pendingSpace { output.append(0x20) }
            pendingSpace = false
            if value < 0x80 {
                output.append(UInt8(value))
            } else {
                UTF8.encode(scalar) { output.append($0) }
            }
        }
    }
    return String(decoding: output, as: UTF8.self)
}
