import Testing
@testable import RelGraphCore

/// The caches keyed by a `String` value's bits (`StringValueBits`) in `SpellingTable.intern`
/// and `PartialGraph`'s string ids give what the byte paths give, whatever mix of shared
/// values, fresh copies, small and large, and equivalent spellings comes in.
@Suite struct StringValueCacheTests {
    /// Texts of every kind: small (inline) and large (stored), ASCII and not, and spellings
    /// that `String` calls equal in other bytes.
    private static let texts = [
        "Musk", "Elon Musk", "Microsoft", "A", "", "café", "cafe\u{301}", "\u{212A}elvin", "Kelvin",
        "International Business Machines", "Société Générale de Banque", "Socie\u{301}te\u{301} Ge\u{301}ne\u{301}rale de Banque",
        "A much longer organization name that is stored", "🚀 Rocket Labs Incorporated", "x",
    ]

    /// A copy of `text` in storage of its own (for a large string: other bits, equal text).
    private static func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }

    /// A random sequence mixing the same values again and again with fresh copies.
    private static func sequence(seed: UInt64, count: Int) -> [String] {
        var random = SplitMix64(seed: seed)
        let shared = texts.map { fresh($0) }
        return (0..<count).map { _ in
            let index = random.below(texts.count)
            return random.below(3) == 0 ? fresh(texts[index]) : shared[index]
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func spellingTableInternEqualsTheBytePath(seed: UInt64) {
        var cached = SpellingTable(), bytePath = SpellingTable()
        for text in Self.sequence(seed: seed, count: 400) {
            let fast = cached.intern(text)
            var copy = text
            let slow = copy.withUTF8 { bytePath.intern(bytes: $0, string: { text }) }
            #expect(fast == slow, "\(text)")
        }
        #expect(cached.spellings == bytePath.spellings)
        #expect(cached.identities == bytePath.identities)
    }

    @Test(arguments: [4, 5, 6] as [UInt64])
    func partialGraphIDsEqualFirstSightingOrder(seed: UInt64) {
        var graph = PartialGraph()
        // The reference: ids by `String` equality in first-sighting order, each kept as the
        // spelling smallest in bytes.
        var ids: [String: Int32] = [:], kept: [String] = []
        for text in Self.sequence(seed: seed, count: 400) {
            let id = graph.stringID(text)
            if let known = ids[text] {
                #expect(id == known, "\(text)")
                if text.utf8.lexicographicallyPrecedes(kept[Int(known)].utf8) { kept[Int(known)] = text }
            } else {
                ids[text] = Int32(kept.count)
                #expect(id == Int32(kept.count), "\(text)")
                kept.append(text)
            }
        }
        #expect(graph.strings.elements.map { Array($0.utf8) } == kept.map { Array($0.utf8) })
    }
}
