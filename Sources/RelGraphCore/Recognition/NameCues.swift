import Foundation

/// The word lists behind rule-based name recognition, loaded once from `Resources/`:
/// given names, common English words and the cue words of `name-cues.tsv`.
///
/// Every lookup takes a lowercased word with curly apostrophes folded to `'`, so rules
/// compare `Musk’s`, `MUSK` and `musk` alike.
public struct NameCues: Sendable {
    public var givenNames: Set<String>
    public var surnames: Set<String>
    public var commonWords: Set<String>
    public var titles: Set<String>
    public var orgSuffixes: Set<String>
    public var orgPrefixes: Set<String>
    public var orgCues: Set<String>
    public var productCues: Set<String>
    public var sourceCues: Set<String>
    public var connectors: Set<String>
    public var notNames: Set<String>
    public var locationSuffixes: Set<String>
    public var locationPrepositions: Set<String>

    public init(givenNames: Set<String>, surnames: Set<String> = [], commonWords: Set<String>, cues: [(kind: String, word: String)]) {
        self.givenNames = givenNames
        self.surnames = surnames
        self.commonWords = commonWords
        var byKind: [String: Set<String>] = [:]
        for cue in cues { byKind[cue.kind, default: []].insert(cue.word) }
        titles = byKind["title"] ?? []
        orgSuffixes = byKind["orgsuffix"] ?? []
        orgPrefixes = byKind["orgprefix"] ?? []
        orgCues = byKind["orgcue"] ?? []
        productCues = byKind["productcue"] ?? []
        sourceCues = byKind["sourcecue"] ?? []
        connectors = byKind["connector"] ?? []
        notNames = byKind["notname"] ?? []
        locationSuffixes = byKind["locsuffix"] ?? []
        locationPrepositions = byKind["locprep"] ?? []
    }

    /// The lists shipped with relgraph.
    public static let bundled: NameCues = {
        let cues = TextResources.lines("name-cues.tsv").compactMap { line -> (kind: String, word: String)? in
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { return nil }
            return (String(fields[0]), String(fields[1]))
        }
        return NameCues(
            givenNames: wordList("given-names.txt"),
            surnames: wordList("surnames.txt"),
            commonWords: wordList("common-words.txt"),
            cues: cues
        )
    }()

    /// The lines of a one-word-per-line resource, skipping `#` comments; a plain byte split,
    /// since these lists hold some 150,000 words.
    static func wordList(_ name: String) -> Set<String> {
        guard let url = TextResources.url(name), let data = try? Data(contentsOf: url) else { return [] }
        var words = Set<String>(minimumCapacity: data.count / 8)
        for line in data.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
            let trimmed = line.last == 0x0D ? line.dropLast() : line[...]
            if !trimmed.isEmpty { words.insert(String(decoding: trimmed, as: UTF8.self)) }
        }
        return words
    }

    /// Whether `word` (normalized) is an ordinary English word, also as a plural or an
    /// inflected form (`Feedbacks`, `Voted`, `Trending`).
    public func isCommonWord(_ word: String) -> Bool {
        if commonWords.contains(word) || notNames.contains(word) { return true }
        for suffix in ["s", "es", "ed", "d", "ing"] where word.count > suffix.count + 2 && word.hasSuffix(suffix) {
            if commonWords.contains(String(word.dropLast(suffix.count))) { return true }
        }
        return false
    }

    /// Lowercased, with `’` folded to `'`.
    @inline(__always)
    public static func normalize(_ word: String) -> String {
        var result = word.lowercased()
        if result.utf8.contains(0xE2) { result = result.replacingOccurrences(of: "\u{2019}", with: "'") }
        return result
    }
}
