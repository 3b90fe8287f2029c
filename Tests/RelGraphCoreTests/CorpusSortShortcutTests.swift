import Foundation
import Testing
@testable import RelGraphCore

/// `CorpusWalk.bytewiseOrder` and `sortByName` sort by packed words instead of comparing
/// strings: they must give the order of the comparisons they replace.
@Suite struct CorpusSortShortcutTests {
    /// Strings over a few bytes (a NUL, a dash, a slash, letters, and the two bytes of `é`), so
    /// that shared prefixes of every length, words equal but for the padding, and embedded NULs
    /// all occur.
    private func randomStrings(_ count: Int, ascii: Bool, generator: inout SplitMix64) -> [String] {
        let alphabet: [UInt8] = ascii ? [0x00, 0x2D, 0x2F, 0x61, 0x62] : [0x00, 0x2D, 0x61, 0xC3, 0xA9]
        var strings: [String] = []
        for _ in 0..<count {
            let length = Int(generator.next() % 26)
            var bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if !ascii {
                // Valid UTF-8: every 0xC3 followed by 0xA9, no stray 0xA9.
                bytes = bytes.flatMap { $0 == 0xC3 ? [0xC3, 0xA9] : $0 == 0xA9 ? [0x61] : [$0] }
            }
            strings.append(String(decoding: bytes, as: UTF8.self))
        }
        return strings
    }

    @Test func bytewiseOrderMatchesUTF8Comparison() {
        var generator = SplitMix64(seed: 23)
        for round in 0..<200 {
            let strings = randomStrings(Int(generator.next() % 60), ascii: round % 2 == 0, generator: &generator)
            let expected = strings.indices.sorted { strings[$0].utf8.lexicographicallyPrecedes(strings[$1].utf8) }
            #expect(CorpusWalk.bytewiseOrder(strings) == expected)
        }
        // Lengths at and around the word size, and a path a NUL longer than another.
        let edges = ["", "a", "abcdefg", "abcdefgh", "abcdefgh\0", "abcdefghi", "abcdefgh/", "abcdefg\0", "a\0", "0000/article-000001.txt", "0000/article-000000.txt", "0000-x"]
        let expected = edges.indices.sorted { edges[$0].utf8.lexicographicallyPrecedes(edges[$1].utf8) }
        #expect(CorpusWalk.bytewiseOrder(edges) == expected)
    }

    /// The ASCII rounds test the shortcut (packed words) against `String`'s `<`. The other
    /// rounds take `sortByName`'s fallback, which sorts with `<` itself, so comparing it with
    /// `<` would prove nothing: they test it against what `<` is meant to be, the order of the
    /// names' Unicode scalars after canonical composition (NFC, by Foundation, not the standard
    /// library), and the names' alphabet has both spellings of `é` so that the order differs
    /// from the bytes'.
    @Test func sortByNameMatchesStringOrder() {
        var generator = SplitMix64(seed: 31)
        for round in 0..<200 {
            let ascii = round % 3 != 0
            var names = randomStrings(Int(generator.next() % 60), ascii: ascii, generator: &generator)
            if !ascii {
                // Every other `é` decomposed: "e" and U+0301.
                names = names.enumerated().map { $0.offset % 2 == 0 ? $0.element : $0.element.replacingOccurrences(of: "\u{E9}", with: "e\u{301}") }
            }
            // Names are distinct, as a listing's are, and here not canonically equivalent
            // either: `<` ties NFC and NFD twins (a listing's stay in its order; the reader
            // orders its files by their bytes afterwards, `bytewiseOrder`).
            var seen: Set<String> = []
            names = names.filter { seen.insert($0).inserted }
            var entries = names.map { CorpusWalk.Entry(name: $0, isRegular: generator.next() % 2 == 0) }
            let expected = ascii ? entries.sorted { $0.name < $1.name } : entries.sorted { composedScalarsPrecede($0.name, $1.name) }
            CorpusWalk.sortByName(&entries)
            #expect(entries.map(\.name) == expected.map(\.name))
            #expect(entries.map(\.isRegular) == expected.map(\.isRegular))
        }
        // Precomposed and decomposed `é` order differently as bytes than as `String`s.
        var entries = ["e\u{301}x", "\u{E9}a", "f", "e"].map { CorpusWalk.Entry(name: $0, isRegular: true) }
        CorpusWalk.sortByName(&entries)
        #expect(entries.map(\.name) == ["e", "f", "\u{E9}a", "e\u{301}x"])
    }

    /// Whether `a`'s scalars precede `b`'s after canonical composition.
    private func composedScalarsPrecede(_ a: String, _ b: String) -> Bool {
        a.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
            .lexicographicallyPrecedes(b.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value))
    }
}
