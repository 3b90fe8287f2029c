/// One sentence that supports a relation.
public struct Evidence: Hashable, Comparable, Codable, Sendable {
    /// The document's name.
    public var document: String
    /// The sentence, as it appears in the document (whitespace collapsed).
    public var sentence: String
    /// Offset of the sentence's first character in the document, counted in Unicode scalars.
    public var start: Int
    /// Offset one past the sentence's last character, in Unicode scalars.
    public var end: Int
    /// The words that triggered the relation (`"sued"`, `"CEO"`); empty for co-mentions.
    public var trigger: String
    /// The document's date, when known (`YYYY-MM-DD`), so queries can filter by time.
    public var date: String?

    /// Longest sentence text kept, in Unicode scalars: a "sentence" with no end (a huge line of
    /// text) would otherwise be copied into every relation it supports. `start`/`end` still
    /// locate the whole sentence.
    public static let maximumSentenceLength = 1000

    public init(document: String, sentence: String, start: Int, end: Int, trigger: String = "", date: String? = nil) {
        self.document = document
        self.sentence = Self.clipped(sentence)
        self.start = start
        self.end = end
        self.trigger = trigger
        self.date = date
    }

    /// `sentence`, cut to `maximumSentenceLength` scalars with a trailing "…" when longer.
    static func clipped(_ sentence: String) -> String {
        let scalars = sentence.unicodeScalars
        guard let cut = scalars.index(scalars.startIndex, offsetBy: maximumSentenceLength, limitedBy: scalars.endIndex),
              cut < scalars.endIndex else { return sentence }
        return String(scalars[..<cut]) + "…"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.document, lhs.start, lhs.end, lhs.trigger) < (rhs.document, rhs.start, rhs.end, rhs.trigger)
    }
}
