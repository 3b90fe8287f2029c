import Foundation
import Testing
@testable import RelGraphCore

/// `AliasResolver`'s two paths: word ids over bytes (every document but one in a million) and
/// the `String`-keyed original, taken when a name word holds U+212A KELVIN SIGN.
@Suite struct AliasResolverTests {
    /// On real and synthetic articles (no Kelvin sign), `resolve` (the byte path) decides
    /// exactly as `resolveByStrings`.
    @Test func bytePathEqualsStringPathOnArticles() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        var texts = try CorpusReader(path: TestPaths.corpus).readAll().map(\.text)
        let synthetic = SyntheticCorpus(seed: 5, megabytes: 0.3)
        texts += (0..<30).map { synthetic.document(at: $0).text }
        var resolvedAny = false
        for text in texts {
            let both = AliasDecision.bothPaths(AnalyzedText(text), recognizer)
            #expect(both.byWordIDs == both.byStrings)
            if both.found != both.byStrings { resolvedAny = true }
        }
        #expect(resolvedAny)
    }

    /// A name word with the Kelvin sign sends the document down the `String` path, where
    /// `\u{212A}arl` equals `Karl` (canonical equivalence), so the lone `Karl` links to the
    /// full name.
    @Test func kelvinSignTakesTheStringPath() throws {
        let recognizer = Recognizer(lexicon: Lexicon(entries: []))
        let text = AnalyzedText("Dr. \u{212A}arl Vostrom joined the board on Monday. Later, Karl said the plan would work.")
        let mentions = recognizer.recognize(text)
        let karl = try #require(mentions.first { $0.surface == "Karl" })
        #expect(karl.canonical == "\u{212A}arl Vostrom")
        #expect(karl.type == .person)
        // The same document without the sign resolves the same way on the byte path.
        let plain = recognizer.recognize(AnalyzedText("Dr. Karl Vostrom joined the board on Monday. Later, Karl said the plan would work."))
        #expect(plain.first { $0.surface == "Karl" }?.canonical == "Karl Vostrom")
    }
}

/// What resolution decides about a candidate (`surface` is only a cache of the text).
struct AliasDecision: Equatable {
    var tokens: Range<Int>
    var type: MentionType
    var canonical: String?
    var origin: NameCandidate.Origin
    var tentative: Bool

    init(_ candidate: NameCandidate, _ list: NameCandidates) {
        tokens = candidate.tokens
        type = candidate.type
        canonical = list.string(candidate.canonical)
        origin = candidate.origin
        tentative = candidate.tentative
    }

    /// The candidates `NameRules` finds in `text` before resolution, and resolved by the byte
    /// path (`resolve`) and by the `String`-keyed original (`resolveByStrings`).
    static func bothPaths(_ text: AnalyzedText, _ recognizer: Recognizer) -> (found: [Self], byWordIDs: [Self], byStrings: [Self]) {
        let found = NameRules.candidates(in: text, cueIndex: recognizer.cueIndex, trie: recognizer.trie)
        var byWordIDs = found
        AliasResolver(cues: recognizer.cues).resolve(&byWordIDs, in: text)
        var byStrings = found
        AliasResolver(cues: recognizer.cues).resolveByStrings(&byStrings, in: text)
        return (found.items.map { Self($0, found) }, byWordIDs.items.map { Self($0, byWordIDs) }, byStrings.items.map { Self($0, byStrings) })
    }
}
