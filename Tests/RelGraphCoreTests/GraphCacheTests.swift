import Foundation
import Testing
@testable import RelGraphCore

/// The binary cache gives back exactly the saved graph, and only for the file it was made from.
@Suite struct GraphCacheTests {
    let graph = GraphIndexTests.graph
    let stamp = GraphCache.Stamp(size: 1234, modified: 5678)

    /// The cache of `graph` as `GraphCache.write` saves it.
    static func cacheBytes(_ graph: RelationGraph, stamp: GraphCache.Stamp) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GraphCache.write(graph, stamp: stamp, to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func roundTripsTheGraphAndEndpoints() throws {
        let loaded = try #require(GraphCache.decode(Self.cacheBytes(graph, stamp: stamp), expecting: stamp))
        #expect(loaded.graph == graph)
        let index = graph.entityIndex()
        #expect(loaded.endpoints.sources == graph.relations.map { Int32(index[$0.source]!) })
        #expect(loaded.endpoints.targets == graph.relations.map { Int32(index[$0.target]!) })
    }

    @Test func lazyEvidenceGivesTheSameAnswers() throws {
        let loaded = try #require(GraphCache.decode(Self.cacheBytes(graph, stamp: stamp), expecting: stamp, lazyEvidence: true))
        #expect(loaded.graph.relations.allSatisfy { $0.evidence.isEmpty })
        let store = try #require(loaded.evidence)
        #expect(graph.relations.indices.map(store.evidence(ofRelation:)) == graph.relations.map(\.evidence))
        #expect(loaded.weights == graph.relations.map(\.weight))
        let lazy = GraphIndex(loaded.graph, weights: loaded.weights, endpoints: loaded.endpoints, evidence: store)
        let eager = GraphIndex(graph)
        #expect(lazy.adjacency == eager.adjacency)
        for from in 0..<graph.entities.count {
            for to in 0..<graph.entities.count {
                #expect(lazy.pathAnswer(from: from, to: to, metric: .weighted, k: 2) == eager.pathAnswer(from: from, to: to, metric: .weighted, k: 2))
            }
        }
        #expect(lazy.statsAnswer() == eager.statsAnswer())
        #expect(lazy.neighborsAnswer(of: 0, depth: 2) == eager.neighborsAnswer(of: 0, depth: 2))
    }

    @Test func refusesAnotherFileOrDamagedBytes() throws {
        let data = try Self.cacheBytes(graph, stamp: stamp)
        #expect(GraphCache.decode(data, expecting: GraphCache.Stamp(size: 1234, modified: 5679)) == nil)
        for length in stride(from: 0, to: data.count, by: 7) {
            #expect(GraphCache.decode(data.prefix(length), expecting: stamp) == nil, "truncated at \(length)")
            #expect(GraphCache.decode(data.prefix(length), expecting: stamp, lazyEvidence: true) == nil, "truncated at \(length)")
        }
    }

    @Test func loadWritesTheCacheAndRereadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-cache-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("g.json").path
        try GraphJSON.encode(graph).write(to: URL(fileURLWithPath: path))
        #expect(try GraphCache.load(graphPath: path).graph == graph)
        #expect(FileManager.default.fileExists(atPath: GraphCache.path(for: path)))
        #expect(try GraphCache.load(graphPath: path).graph == graph)
        #expect(throws: GraphFileError.missing(path: path + "x")) { try GraphCache.load(graphPath: path + "x") }
        // A changed JSON file makes the cache stale; `write` refreshes it.
        var changed = graph
        changed.entities.removeLast()
        try GraphJSON.encode(changed).write(to: URL(fileURLWithPath: path))
        #expect(try GraphCache.load(graphPath: path).graph == changed)
        try GraphCache.write(graph, graphPath: path)
        #expect(try GraphCache.load(graphPath: path).graph == graph)
    }
}
