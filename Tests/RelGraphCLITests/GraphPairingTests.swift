import Foundation
import Testing

/// When a query rebuilds the saved graph from the corpus, and when it must not.
@Suite struct GraphPairingTests {
    /// A one-article corpus in `folder/corpus` and its graph `folder/graph.json`, dated
    /// 1970 so it is older than every corpus file, including the default `Corpus/`.
    private func oldGraph(in folder: URL) throws -> (corpus: URL, graph: URL) {
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("Jane Roe founded Acme Robotics.".utf8).write(to: corpus.appendingPathComponent("a.txt"))
        let graph = folder.appendingPathComponent("graph.json")
        #expect(try CLI.run(["build", "--quiet", "--corpus", corpus.path, "-o", graph.path]).status == 0)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: graph.path)
        return (corpus, graph)
    }

    @Test func anOldGraphNamedAloneIsQueriedNotOverwritten() throws {
        try withTemporaryFolder { folder in
            let (_, graph) = try oldGraph(in: folder)
            let before = try Data(contentsOf: graph)
            let result = try CLI.run(["relations", "--graph", graph.path, "--no-co-mentions"])
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            #expect(result.stdout == "Jane Roe —founded→ Acme Robotics  (friendly, weight 1)\n")
            #expect(try Data(contentsOf: graph) == before)
        }
    }

    @Test func anOldGraphWithItsCorpusNamedIsRebuilt() throws {
        try withTemporaryFolder { folder in
            let (corpus, graph) = try oldGraph(in: folder)
            try Data("Jane Roe sued Acme Robotics.".utf8).write(to: corpus.appendingPathComponent("b.txt"))
            let result = try CLI.run(["relations", "--graph", graph.path, "--corpus", corpus.path, "--type", "sued"])
            #expect(result.status == 0)
            #expect(result.stderr.contains("is older than the corpus: rebuilding it"))
            #expect(result.stdout == "Jane Roe —sued→ Acme Robotics  (hostile, weight 1)\n")
        }
    }
}
