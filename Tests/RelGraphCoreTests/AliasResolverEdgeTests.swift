import Testing
@testable import RelGraphCore

/// The byte path lists the candidates its two passes read (names of two or more tokens,
/// single tokens of no lexicon name) before either pass; on documents where one list or both
/// are empty, or every candidate is a lexicon name, it still decides as the `String` path.
@Suite struct AliasResolverEdgeTests {
    @Test(arguments: [
        "",
        "said the plan would work.",
        "Soto said. Later, Javier spoke.",
        "Tesla and SpaceX met. Musk spoke.",
        "Elon Musk met Tesla. Musk spoke, and Soto said Javier Soto left.",
        "The Wall Street Journal said the Journal would. Stargate Project and Stargate grew.",
    ])
    func bytePathEqualsStringPath(text: String) throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        let both = AliasDecision.bothPaths(AnalyzedText(text), recognizer)
        #expect(both.byWordIDs == both.byStrings)
    }
}
