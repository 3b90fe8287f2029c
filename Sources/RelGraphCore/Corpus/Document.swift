/// One article of a corpus: its name (file name or JSON Lines id), its text and, when the
/// article carries one, its publication date.
///
/// The text never contains the leading `date YYYY-MM-DD` metadata line; `CorpusReader`
/// strips it into `date`.
public struct Document: Hashable, Sendable {
    /// A stable name: the file's path relative to the corpus root, or a JSON Lines `id`.
    public var name: String
    public var text: String
    /// `YYYY-MM-DD`, when known. Kept as text so that ordering is lexicographic and exact.
    public var date: String?

    public init(name: String, text: String, date: String? = nil) {
        self.name = name
        self.text = text
        self.date = date
    }
}
