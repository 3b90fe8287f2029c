/// A span the recognizer considers a name, before alias resolution turns it into a `Mention`.
///
/// Its names are indices into the document's `NameCandidates.strings`, not `String`s: with no
/// reference inside, a candidate is appended, copied and finally destroyed without a retain or
/// release (destroying a document's candidates walked every one of them to release two
/// optional strings, and alias resolution retained and released them as it read them).
struct NameCandidate: Sendable {
    enum Origin: Sendable {
        /// Matched a lexicon entry: type and canonical name are known.
        case lexicon
        /// Found and typed by a rule with a clear cue.
        case rule
        /// A single unknown word typed by default; alias resolution may retype it.
        case weak
    }

    /// The index of no string.
    static let none: Int32 = -1

    var tokens: Range<Int>
    var sentence: Int
    var type: MentionType
    /// Known canonical name (lexicon or alias resolution), as an index into the document's
    /// strings; `none` means the surface itself.
    var canonical: Int32 = none
    var origin: Origin
    /// Kept only if alias resolution links it to a name of the document (`the Journal`).
    var tentative = false
    /// A lowercase `the` comes right before it (`the Journal`).
    var afterThe = false
    /// The text as written, once built (alias resolution needs it for full names), as an index
    /// into the document's strings, so the `Mention` reuses it instead of building it again.
    var surface: Int32 = none
}

/// One document's candidates and the strings (canonical names, surfaces) they refer to by index.
struct NameCandidates: Sendable {
    var items: [NameCandidate] = []
    var strings: [String] = []
    /// The surfaces in `strings` by their bytes, so a surface written again reuses its string.
    var surfaces = SurfaceTable()

    /// Keeps `string` and returns its index.
    @inline(__always)
    mutating func add(_ string: String) -> Int32 {
        strings.append(string)
        return Int32(strings.count - 1)
    }

    /// The string at `index`, or `nil` for `NameCandidate.none`.
    func string(_ index: Int32) -> String? {
        index >= 0 ? strings[Int(index)] : nil
    }

    /// Candidate `index`'s known canonical name (`nil`: its surface).
    func canonical(of index: Int) -> String? { string(items[index].canonical) }

    /// Candidate `index`'s surface, if built.
    func surface(of index: Int) -> String? { string(items[index].surface) }
}
