import Foundation
import Testing
@testable import RelGraphCore

/// `AliasResolver`'s byte path (tokenizer keys confirmed by bytes, candidate indices for
/// names, the ASCII-document shortcut) decides as the `String`-keyed original on random
/// documents made to stress it: words differing only in case (one key, different bytes),
/// canonically equivalent spellings with different bytes (`José` precomposed and decomposed),
/// repeated and clashing full names, `the` and organization suffixes.
@Suite struct AliasResolverRandomTests {
    private static let given = ["Javier", "Maria", "JAVIER", "Tomas", "Jos\u{E9}", "Jose\u{301}", "Ana", "Li", "Karl", "Ed"]
    private static let family = ["Soto", "SOTO", "soto", "Vostrom", "M\u{FC}ller", "Mu\u{308}ller", "Okafor", "Lee", "Apple", "Ng"]
    private static let heads = ["Stargate", "STARGATE", "Apple", "Orion", "Z\u{FC}rich", "Zu\u{308}rich", "Vostrom", "Journal"]
    private static let suffixes = ["Project", "Corp", "Inc.", "Group", "Holdings", "Journal", "Bank"]
    private static let filler = ["said", "on", "Monday", "that", "the", "plan", "would", "work", "and", "later", "met", "with", "in", "of"]

    /// One random document: sentences that introduce full names and mention short forms.
    private func document(_ generator: inout SplitMix64, nonASCII: Bool) -> String {
        func pick(_ words: [String]) -> String {
            var word = generator.pick(words)
            if !nonASCII { while word.utf8.contains(where: { $0 >= 0x80 }) { word = generator.pick(words) } }
            return word
        }
        var sentences: [String] = []
        for _ in 0..<(4 + generator.below(10)) {
            var words: [String] = []
            for _ in 0..<(1 + generator.below(3)) {
                switch generator.below(7) {
                case 0: words += ["Dr.", pick(Self.given), pick(Self.family)]
                case 1: words += [pick(Self.given), pick(Self.family)]
                case 2: words += ["The", pick(Self.heads), pick(Self.suffixes)]
                case 3: words += [pick(Self.heads), pick(Self.suffixes), pick(Self.suffixes)]
                case 4: words += ["the", pick(Self.heads)]
                case 5: words += [pick(Self.family)]
                default: words += [pick(Self.given)]
                }
                words += (0..<(1 + generator.below(4))).map { _ in generator.pick(Self.filler) }
            }
            sentences.append("Later " + words.joined(separator: " ") + ".")
        }
        return sentences.joined(separator: " ")
    }

    @Test func bytePathEqualsStringPathOnRandomDocuments() throws {
        let recognizer = Recognizer(lexicon: Lexicon(entries: []))
        var generator = SplitMix64(seed: 42)
        var resolvedAny = false
        for round in 0..<600 {
            let both = AliasDecision.bothPaths(AnalyzedText(document(&generator, nonASCII: round % 2 == 1)), recognizer)
            #expect(both.byWordIDs == both.byStrings)
            if both.found != both.byStrings { resolvedAny = true }
        }
        #expect(resolvedAny)
    }

    /// A Kelvin sign inside a candidate that is not a name word still gives the decisions of
    /// the `String` path (the whole document takes it).
    @Test func kelvinSignOutsideNameWordsDecidesAsStrings() throws {
        let recognizer = Recognizer(lexicon: Lexicon(entries: []))
        let text = AnalyzedText("Dr. Karl Vostrom met the Stargate Project board \u{212A}. Later, Karl and Stargate said the plan would work.")
        let both = AliasDecision.bothPaths(text, recognizer)
        #expect(both.byWordIDs == both.byStrings)
    }
}
