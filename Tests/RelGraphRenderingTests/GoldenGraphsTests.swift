import Foundation
import Testing
import RelGraphCore

/// The committed diagrams are what the code produces from `Corpus/`.
@Suite struct GoldenGraphsTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func committedCorpusDOTMatchesThePipeline() throws {
        let corpus = Self.root.appendingPathComponent("Corpus").path
        let documents = try CorpusReader(path: corpus).readAll()
        let graph = Extractor(recognizer: Recognizer(lexicon: try Lexicon.bundled())).graph(of: documents)
        let expected = DOTWriter().write(graph)
        let committed = try String(contentsOf: Self.root.appendingPathComponent("Graphs/corpus.dot"), encoding: .utf8)
        #expect(committed == expected, "Graphs/corpus.dot is out of date with the code and Corpus/: run make run")
    }
}
