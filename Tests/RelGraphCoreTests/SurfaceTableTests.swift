import Testing
@testable import RelGraphCore

/// `SurfaceTable` gives every span the string `collapsedString` builds for it, and two spans
/// the same string index exactly when their bytes are equal.
@Suite struct SurfaceTableTests {
    private static let words = ["Apple", "APPLE", "apple", "Musk", "Elon", "Jos\u{E9}", "Jose\u{301}", "Thondara", "Airlines",
                                "of", "&", "Inc.", "J.", "R.", "Zu\u{308}rich", "\u{212A}elvin", "Kelvin", "x"]
    private static let spaces = [" ", " ", " ", "  ", "\n", " \t "]

    @Test func sameBytesShareOneStringAndEveryStringIsTheCollapsedSurface() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            var pieces: [String] = []
            for _ in 0..<(5 + generator.below(40)) {
                pieces.append(generator.pick(Self.words))
                pieces.append(generator.pick(Self.spaces))
            }
            let text = AnalyzedText(pieces.joined())
            guard !text.tokens.isEmpty else { continue }
            var table = SurfaceTable()
            var strings: [String] = ["lexicon name"]
            var seen: [[UInt8]: Int32] = [:]
            text.bytes.withUnsafeBufferPointer { bytes in
                for _ in 0..<300 {
                    let start = generator.below(text.tokens.count)
                    let end = min(text.tokens.count, start + 1 + generator.below(4))
                    let index = table.index(of: start..<end, in: text, bytes: bytes, strings: &strings)
                    let first = text.tokens[start].start, last = text.tokens[end - 1].end
                    #expect(strings[Int(index)] == text.collapsedString(first, last))
                    let key = Array(text.bytes[first..<last])
                    if let earlier = seen[key] { #expect(earlier == index) } else { seen[key] = index }
                }
            }
            // One string per distinct byte sequence, after the one that was there.
            #expect(strings.count == seen.count + 1)
        }
    }

    /// The overload on borrowed token and key buffers (the alias resolver's) and the one on the
    /// text's arrays share one table: either finds what the other added.
    @Test func borrowedBuffersAndArraysGiveTheSameIndices() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<100 {
            var pieces: [String] = []
            for _ in 0..<(5 + generator.below(30)) {
                pieces.append(generator.pick(Self.words))
                pieces.append(generator.pick(Self.spaces))
            }
            let text = AnalyzedText(pieces.joined())
            guard !text.tokens.isEmpty else { continue }
            var table = SurfaceTable()
            var strings: [String] = []
            var seen: [[UInt8]: Int32] = [:]
            text.bytes.withUnsafeBufferPointer { bytes in
                text.tokens.withUnsafeBufferPointer { tokens in
                    text.wordKeys.withUnsafeBufferPointer { keys in
                        for round in 0..<200 {
                            let start = generator.below(text.tokens.count)
                            let end = min(text.tokens.count, start + 1 + generator.below(4))
                            let index = round % 2 == 0
                                ? table.index(of: start..<end, in: text, tokens: tokens, keys: keys, bytes: bytes, strings: &strings)
                                : table.index(of: start..<end, in: text, bytes: bytes, strings: &strings)
                            let first = text.tokens[start].start, last = text.tokens[end - 1].end
                            #expect(strings[Int(index)] == text.collapsedString(first, last))
                            let key = Array(text.bytes[first..<last])
                            if let earlier = seen[key] { #expect(earlier == index) } else { seen[key] = index }
                        }
                    }
                }
            }
            #expect(strings.count == seen.count)
        }
    }
}
