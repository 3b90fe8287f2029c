/// What a span of text names. Only people, organizations and products become graph nodes;
/// the other kinds are recognized so that they are *not* mistaken for those.
public enum MentionType: String, Codable, CaseIterable, Sendable {
    case person
    case organization
    case product
    case location
    case date
    case money

    /// The node type this mention contributes to, if any.
    public var entityType: EntityType? {
        switch self {
        case .person: .person
        case .organization: .organization
        case .product: .product
        case .location, .date, .money: nil
        }
    }
}

/// One occurrence of a name in a document.
public struct Mention: Hashable, Sendable {
    /// Byte offsets into the document's UTF-8 text.
    public var start: Int
    public var end: Int
    /// Range of token indices the mention covers.
    public var tokens: Range<Int>
    /// Index of the sentence that contains it.
    public var sentence: Int
    public var type: MentionType
    /// The text as written (`Musk’s` is recorded as `Musk`).
    public var surface: String
    /// The canonical name after alias resolution (`Musk` → `Elon Musk`).
    public var canonical: String

    public init(start: Int, end: Int, tokens: Range<Int>, sentence: Int, type: MentionType, surface: String, canonical: String) {
        self.start = start
        self.end = end
        self.tokens = tokens
        self.sentence = sentence
        self.type = type
        self.surface = surface
        self.canonical = canonical
    }
}
