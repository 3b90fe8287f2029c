import Foundation
import Testing
import RelGraphCore
@testable import relgraph

/// Option handling of the query commands.
@Suite struct QueryCommandTests {
    @Test func detectsDOTByContent() {
        #expect(DOTSniffer.looksLikeDOT("digraph relgraph {"))
        #expect(DOTSniffer.looksLikeDOT("/* exported */\n// note\n  strict graph { a -- b }"))
        #expect(!DOTSniffer.looksLikeDOT("{\"format\": \"relgraph\"}"))
    }

    /// A graph piped in as `--graph /dev/stdin` is read once and whole: sniffing its format
    /// does not eat its head, and JSON and DOT both give the answers their files give.
    @Test(arguments: ["Graphs/corpus.json", "Graphs/corpus.dot"]) func readsAGraphFromStandardInput(file: String) throws {
        let bytes = try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent(file))
        let piped = try CLI.run(["stats", "--graph", "/dev/stdin"], stdin: bytes)
        let named = try CLI.run(["stats", "--graph", file])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == named.stdout)
        #expect(!piped.stdout.isEmpty)
    }

    @Test func parsesRelationTypeListsAndDates() throws {
        let query = try QueryOptions.parse(["--only", "founded,works-for", "--avoid", "sued", "--no-co-mentions"])
        let graph = try GraphOptions.parse(["--since", "2025-01-01"])
        let filter = try query.filter(graph)
        #expect(filter.kinds == [.founded, .worksFor])
        #expect(filter.excludedKinds == [.sued])
        #expect(!filter.includeCoMentions)
        #expect(filter.since == "2025-01-01" && filter.until == nil)
        #expect(throws: (any Error).self) { try QueryOptions.parse(["--only", "befriended"]) }
        #expect(throws: (any Error).self) { try GraphOptions.parse(["--until", "March"]) }
    }

    @Test func rebuildsWhenTheGraphIsMissingOrOlderThanTheCorpus() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-fresh-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let article = folder.appendingPathComponent("corpus/a.txt").path
        let graph = folder.appendingPathComponent("graph.json").path
        try Data("Acme hired Ann.".utf8).write(to: URL(fileURLWithPath: article))
        let corpus = folder.appendingPathComponent("corpus").path
        #expect(GraphFreshness.staleReason(graph: graph, corpus: corpus) == "graph file '\(graph)' does not exist")
        try Data("{}".utf8).write(to: URL(fileURLWithPath: graph))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -100)], ofItemAtPath: graph)
        #expect(GraphFreshness.staleReason(graph: graph, corpus: corpus) == "graph file '\(graph)' is older than the corpus")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 100)], ofItemAtPath: graph)
        #expect(GraphFreshness.staleReason(graph: graph, corpus: corpus) == nil)
        #expect(GraphFreshness.staleReason(graph: graph, corpus: folder.appendingPathComponent("none").path) == nil)
    }
}
