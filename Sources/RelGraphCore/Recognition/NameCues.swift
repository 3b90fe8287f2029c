import Foundation

/// The word lists behind rule-based name recognition, loaded once from `Resources/`:
/// given names, common English words and the cue words of `name-cues.tsv`.
///
/// Every lookup takes a lowercased word with curly apostrophes folded to `'`, so rules
/// compare `Musk’s`, `MUSK` and `musk` alike.
public struct NameCues: Sendable {
    public var givenNames: WordSet
    public var surnames: WordSet
    public var commonWords: WordSet
    public var titles: WordSet
    public var orgSuffixes: WordSet
    public var orgPrefixes: WordSet
    public var orgCues: WordSet
    public var productCues: WordSet
    public var sourceCues: WordSet
    public var connectors: WordSet
    public var notNames: WordSet
    public var locationSuffixes: WordSet
    public var organizationContext: WordSet
    public var locationPrepositions: WordSet

    public init(givenNames: Set<String>, surnames: Set<String> = [], commonWords: Set<String>, cues: [(kind: String, word: String)]) {
        self.init(givenNames: WordSet(givenNames), surnames: WordSet(surnames), commonWords: WordSet(commonWords), cues: cues)
    }

    init(givenNames: WordSet, surnames: WordSet, commonWords: WordSet, cues: [(kind: String, word: String)]) {
        self.givenNames = givenNames
        self.surnames = surnames
        self.commonWords = commonWords
        // The keys of each kind's words in one pass, each hashed from the string's own bytes:
        // a filter of all the cues per kind, and an array of bytes made per word to hash it,
        // were some 1 M instructions at start-up.
        var keysByKind: [String: [UInt64]] = [:]
        for cue in cues {
            let key = cue.word.utf8.withContiguousStorageIfAvailable { WordSet.hash($0, 0, $0.count) } ?? WordSet.hash(cue.word)
            keysByKind[cue.kind, default: []].append(key)
        }
        let byKind = keysByKind.mapValues { WordSet(keys: $0) }
        let none = WordSet([String]())
        titles = byKind["title"] ?? none
        orgSuffixes = byKind["orgsuffix"] ?? none
        orgPrefixes = byKind["orgprefix"] ?? none
        orgCues = byKind["orgcue"] ?? none
        productCues = byKind["productcue"] ?? none
        sourceCues = byKind["sourcecue"] ?? none
        connectors = byKind["connector"] ?? none
        notNames = byKind["notname"] ?? none
        locationSuffixes = byKind["locsuffix"] ?? none
        organizationContext = byKind["orgafter"] ?? none
        locationPrepositions = byKind["locprep"] ?? none
    }

    /// The lists shipped with relgraph.
    public static let bundled: NameCues = {
        let cues = TextResources.lines("name-cues.tsv").compactMap(cueFields)
        return NameCues(
            givenNames: wordList("given-names.txt"),
            surnames: wordList("surnames.txt"),
            commonWords: wordList("common-words.txt"),
            cues: cues
        )
    }()

    /// The kind and word of a line of `name-cues.tsv`: its two fields between tabs (runs of
    /// tabs count as one), or `nil` for a line without exactly two.
    ///
    /// Split on the tab byte, not the tab `Character`: the same fields (a tab, a control
    /// character, is a grapheme of its own; a test compares them), without a grapheme break
    /// test per character (some 3 M instructions at start-up for the some 700 lines).
    static func cueFields(_ line: String) -> (kind: String, word: String)? {
        let fields = line.utf8.split(separator: 0x09)
        guard fields.count == 2 else { return nil }
        return (String(decoding: fields[0], as: UTF8.self), String(decoding: fields[1], as: UTF8.self))
    }

    /// The lines of a one-word-per-line resource, skipping `#` comments; a plain byte split,
    /// since these lists hold some 150,000 words.
    static func wordList(_ name: String) -> WordSet {
        let data = TextResources.contents(name)
        // The keys written straight into the array the set is made from (with room for the
        // most lines the bytes can hold): an array appended to from a buffer copied the some
        // 160,000 keys again (1.3 M instructions at start-up).
        let keys = [UInt64](specializedUninitializedCapacity: data.count / 2 + 1) { keys, written in
            written = data.withUnsafeBytes { raw in lineKeys(raw.bindMemory(to: UInt8.self), into: keys) }
        }
        return WordSet(keys: keys)
    }

    /// The `WordSet` key of each line of `bytes` that is not empty and does not start with `#`
    /// (a final carriage return is not part of the line), in one pass: each line is hashed,
    /// as `WordSet.hash` does, while its end is sought.
    ///
    /// The keys are written to a buffer made once, not appended one by one (an append checked
    /// the array's uniqueness, a runtime call, for each of some 160,000 words at start-up): a
    /// key's line has a byte of word and, but for the last, a line feed, so there are at most
    /// `count / 2 + 1` of them, the room `found` must have. Returns how many.
    ///
    /// - Complexity: O(n) in the bytes.
    ///
    /// (A run of lowercase letters in an inner loop without the test for the end of the bytes,
    /// ended by the last byte that is not one, ran 2 M instructions more at start-up, not fewer:
    /// the byte after each run was loaded and tested twice.)
    static func lineKeys(_ bytes: UnsafeBufferPointer<UInt8>, into found: UnsafeMutableBufferPointer<UInt64>) -> Int {
        let count = bytes.count
        var written = 0
        var start = 0
        while start < count {
            var hash = WordSet.offsetBasis
            var index = start
            // The word is `start..<last`; `index` ends on the line feed (or the end).
            var last = count
            while index < count {
                var byte = bytes[index]
                // Most bytes are lowercase letters, which need none of the tests below.
                if byte &- 0x61 < 26 {
                    hash = (hash ^ UInt64(byte)) &* WordSet.prime
                    index += 1
                    continue
                }
                if byte == 0x0A {
                    last = index
                    break
                }
                if byte == 0x0D, index + 1 == count || bytes[index + 1] == 0x0A {
                    // A line's one final carriage return is not part of the word.
                    last = index
                    index += 1
                    break
                }
                if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                    byte = UInt8(ascii: "'")
                    index += 2
                } else if byte >= 0x41 && byte <= 0x5A {
                    byte |= 0x20
                }
                hash = (hash ^ UInt64(byte)) &* WordSet.prime
                index += 1
            }
            if last > start, bytes[start] != UInt8(ascii: "#") {
                found[written] = hash
                written &+= 1
            }
            start = index + 1
        }
        return written
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

    /// The inflection half of `isCommonWord` for a token's bytes, without building a string: the token less `s`, `es`, `ed`, `d`
    /// or `ing` is a common word.
    @inline(__always)
    func isInflectedCommonWord(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length > 3 else { return false }
        let last = bytes[end - 1] | 0x20
        if last == UInt8(ascii: "s") {
            if commonWords.contains(WordSet.hash(bytes, start, end - 1)) { return true }
            if length > 4, bytes[end - 2] | 0x20 == UInt8(ascii: "e"), commonWords.contains(WordSet.hash(bytes, start, end - 2)) { return true }
        } else if last == UInt8(ascii: "d") {
            if commonWords.contains(WordSet.hash(bytes, start, end - 1)) { return true }
            if length > 4, bytes[end - 2] | 0x20 == UInt8(ascii: "e"), commonWords.contains(WordSet.hash(bytes, start, end - 2)) { return true }
        } else if last == UInt8(ascii: "g"), length > 5, bytes[end - 2] | 0x20 == UInt8(ascii: "n"), bytes[end - 3] | 0x20 == UInt8(ascii: "i") {
            if commonWords.contains(WordSet.hash(bytes, start, end - 3)) { return true }
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
