import Foundation
import PropertyBased
import Testing
import RelGraphCore
import RelGraphRendering

/// Arbitrary bytes through the whole pipeline — the corpus reader's rules, tokens, sentences,
/// recognition, relations, the final graph, the DOT writer — never crash, and Graphviz's own
/// parser reads the DOT back with the same node names.
@Suite struct PipelinePropertyTests {
    static let extractor = Extractor(recognizer: Recognizer(lexicon: try! Lexicon.bundled()))

    /// The graph of one document made from `bytes` as a corpus file would be read.
    private func graph(of bytes: [UInt8]) -> RelationGraph {
        let notes = CorpusNoteLog()
        var partial = PartialGraph()
        for document in ArticleFile.document(from: Data(bytes), file: CorpusFile(path: "fuzz.txt", name: "fuzz.txt"), notes: notes) {
            Self.extractor.extract(document, into: &partial)
        }
        return partial.finalized()
    }

    private func expectDOTParses(_ graph: RelationGraph, input: String) {
        let dot = DOTWriter().write(graph)
        guard let summary = try? GraphvizRenderer.summary(ofDOT: dot) else {
            Issue.record("Graphviz cannot parse the DOT of \(input.debugDescription)")
            return
        }
        if graph.entities.allSatisfy({ DOTString.isExact($0.name) }) {
            #expect(summary.nodeNames == graph.entities.map(\.name), "\(input.debugDescription)")
        } else {
            #expect(summary.nodeNames.count == graph.entities.count, "\(input.debugDescription)")
        }
    }

    @Test func randomBytesGiveAGraphGraphvizParses() async {
        await propertyCheck(count: 300, input: Gen<UInt8>.value(in: 0...255).array(of: 0...400)) { bytes in
            expectDOTParses(graph(of: bytes), input: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Pieces likely to make names: capitalized words, organization suffixes, known names,
    /// and the characters DOT, JSON and C strings find awkward.
    static let pieces: [String] = [
        "Microsoft", "OpenAI", "Elon Musk", "Sam Altman", "Acme", "Corp", "Inc.", "Labs", "Zoë", "Über",
        "said", "the", "of", "and", "CEO", "founded", "sued", ".", ",", "!", "?", "\"", "'", "\\", "\\\\",
        "{", "}", "[", "]", "<", ">", "&", ";", "=", "-", "#", "//", "/*", "\n", "\r", "\r\n", "\t", "\0",
        "\u{1}", "\u{7F}", "🚀", "🙂", "東京", "\u{FEFF}", "\u{200B}", "\u{301}", "\u{FFFD}", " ", " ", " ",
    ]

    @Test func awkwardTextGivesAGraphGraphvizParses() async {
        let text = Gen<String?>.element(of: Self.pieces).map { $0! }.array(of: 0...60).map { $0.joined(separator: " ") }
        await propertyCheck(count: 300, input: text) { text in
            expectDOTParses(graph(of: Array(text.utf8)), input: text)
        }
    }

    @Test func awkwardTextWithoutSpacesStillParses() async {
        let text = Gen<String?>.element(of: Self.pieces).map { $0! }.array(of: 0...60).map { $0.joined() }
        await propertyCheck(count: 200, input: text) { text in
            expectDOTParses(graph(of: Array(text.utf8)), input: text)
        }
    }
}
