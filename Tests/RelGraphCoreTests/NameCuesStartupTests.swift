import Testing
@testable import RelGraphCore

/// The start-up readers of the name cue lists against their plain forms.
struct NameCuesStartupTests {
    /// The plain split of a cue line: on the tab `Character`.
    private func plainFields(_ line: String) -> (kind: String, word: String)? {
        let fields = line.split(separator: "\t")
        guard fields.count == 2 else { return nil }
        return (String(fields[0]), String(fields[1]))
    }

    /// Splitting a cue line on the tab byte gives the fields of the split on the tab
    /// `Character`: on every bundled line, and on random lines rich in tabs, combining marks
    /// (which never join a tab), curly apostrophes and non-ASCII letters.
    @Test func cueFieldsEqualCharacterSplit() {
        var lines = TextResources.lines("name-cues.tsv")
        #expect(lines.count > 500)
        var generator = SplitMix64(seed: 0xC0E5)
        let pieces = ["\t", "\t", "a", "title", "ceo", "\u{301}", "é", "e\u{301}", "’", " ", "\r", "ﬁ", "#", "\u{200D}", "🇺🇸"]
        for _ in 0..<3_000 {
            lines.append((0..<Int(generator.next() % 8)).map { _ in generator.pick(pieces) }.joined())
        }
        var pairs = 0
        for line in lines {
            let fast = NameCues.cueFields(line)
            let plain = plainFields(line)
            // By bytes: cue words are hashed by their bytes, and `String`'s `==` (canonical
            // equivalence) would take `é` and `e\u{301}` for one field.
            #expect(fast.map { Array($0.kind.utf8) } == plain.map { Array($0.kind.utf8) }
                && fast.map { Array($0.word.utf8) } == plain.map { Array($0.word.utf8) }, "\(Array(line.utf8))")
            if fast != nil { pairs += 1 }
        }
        #expect(pairs > 1_000)
    }

    /// The bundled cue lists as read at start-up hold the words of the file's lines.
    @Test func bundledCuesHoldTheFileWords() {
        let cues = NameCues.bundled
        var checked = 0
        for line in TextResources.lines("name-cues.tsv") {
            guard let (kind, word) = plainFields(line) else { continue }
            let list: WordSet? = switch kind {
            case "title": cues.titles
            case "orgsuffix": cues.orgSuffixes
            case "connector": cues.connectors
            case "notname": cues.notNames
            default: nil
            }
            guard let list else { continue }
            #expect(list.contains(word), "\(kind) \(word)")
            checked += 1
        }
        #expect(checked > 100)
    }
}
