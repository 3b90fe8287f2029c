/// A word, number or punctuation mark, as a byte range of its document's UTF-8 text.
public struct Token: Hashable, Sendable, BitwiseCopyable {
    public enum Kind: UInt8, Sendable, BitwiseCopyable {
        case word
        case number
        case punctuation
    }

    /// Byte offset of the first byte.
    public var start: Int
    /// Byte offset one past the last byte.
    public var end: Int
    public var kind: Kind
    /// First scalar is an uppercase letter.
    public var isCapitalized: Bool
    /// Every letter is uppercase and there are at least two letters (`IBM`, `NASA`).
    public var isAllCaps: Bool
    /// Whitespace (or the start of the text) comes right before the token.
    public var spaceBefore: Bool

    public init(start: Int, end: Int, kind: Kind, isCapitalized: Bool, isAllCaps: Bool, spaceBefore: Bool) {
        self.start = start
        self.end = end
        self.kind = kind
        self.isCapitalized = isCapitalized
        self.isAllCaps = isAllCaps
        self.spaceBefore = spaceBefore
    }
}

/// A sentence: a byte range of the text and the range of its tokens.
public struct SentenceSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var tokens: Range<Int>

    public init(start: Int, end: Int, tokens: Range<Int>) {
        self.start = start
        self.end = end
        self.tokens = tokens
    }
}
