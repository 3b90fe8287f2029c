/// One article of a corpus: its name (file name or JSON Lines id), its text and, when the
/// article carries one, its publication date.
///
/// The text never contains the leading `date YYYY-MM-DD` metadata line; `CorpusReader`
/// strips it into `date`.
///
/// A document read from a file keeps the file's bytes, already checked to be valid UTF-8,
/// instead of a `String`: the pipeline analyzes bytes, so decoding them into a `String` (which
/// validates and copies them again) and copying them back out was wasted work.
///
/// For such a document `text` decodes the bytes on every access. Nothing is cached: that is
/// what keeps reading a `Document` race-free when copies are shared between threads (a cache
/// filled by the getter would be a write hidden behind a read, on storage the copies share).
/// So `text`, `==` and hashing (those of `text`, whichever form the document holds) each pay
/// a full decode; the pipeline reads `utf8` and `utf8Count`, which never decode.
public struct Document: Hashable, Sendable {
    /// A stable name: the file's path relative to the corpus root, or a JSON Lines `id`.
    public var name: String
    /// `YYYY-MM-DD`, when known. Kept as text so that ordering is lexicographic and exact.
    public var date: String?
    private var content: Content

    /// The text as it was given: a `String`, or bytes known to be valid UTF-8.
    private enum Content: Sendable {
        case string(String)
        case utf8([UInt8])
    }

    public init(name: String, text: String, date: String? = nil) {
        self.name = name
        self.content = .string(text)
        self.date = date
    }

    /// A document over `utf8`, which must be valid UTF-8 (so decoding it changes no byte).
    init(name: String, validUTF8 utf8: [UInt8], date: String? = nil) {
        self.name = name
        self.content = .utf8(utf8)
        self.date = date
    }

    /// The article's text; decoded anew on each access when the document holds bytes.
    public var text: String {
        get {
            switch content {
            case .string(let text): text
            case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
            }
        }
        set { content = .string(newValue) }
    }

    /// The UTF-8 bytes of `text`: the stored bytes themselves when the document holds bytes.
    public var utf8: [UInt8] {
        switch content {
        case .string(let text): Array(text.utf8)
        case .utf8(let bytes): bytes
        }
    }

    /// `text.utf8.count`, without decoding a document that holds bytes.
    public var utf8Count: Int {
        switch content {
        case .string(let text): text.utf8.count
        case .utf8(let bytes): bytes.count
        }
    }

    public static func == (lhs: Document, rhs: Document) -> Bool {
        lhs.name == rhs.name && lhs.date == rhs.date && lhs.text == rhs.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(text)
        hasher.combine(date)
    }
}
