/// A span the recognizer considers a name, before alias resolution turns it into a `Mention`.
struct NameCandidate: Sendable {
    enum Origin: Sendable {
        /// Matched a lexicon entry: type and canonical name are known.
        case lexicon
        /// Found and typed by a rule with a clear cue.
        case rule
        /// A single unknown word typed by default; alias resolution may retype it.
        case weak
    }

    var tokens: Range<Int>
    var sentence: Int
    var type: MentionType
    /// Known canonical name (lexicon or alias resolution); `nil` means the surface itself.
    var canonical: String?
    var origin: Origin
    /// Kept only if alias resolution links it to a name of the document (`the Journal`).
    var tentative = false
    /// A lowercase `the` comes right before it (`the Journal`).
    var afterThe = false
    /// The text as written, once built (alias resolution needs it for full names), so the
    /// `Mention` reuses it instead of building it again.
    var surface: String?
}
