import Testing
@testable import RelGraphCore

/// The query algorithms against brute force on many seeded random graphs (ties, self loops,
/// parallel edges and disconnected parts included).
@Suite struct AlgorithmTests {
    typealias Support = QueryTestSupport
    static let seeds = Array(UInt64(1)...300)

    @Test(arguments: [PathMetric.weighted, .hops], [false, true])
    func shortestPathsMatchFloydWarshall(metric: PathMetric, directed: Bool) throws {
        for seed in Self.seeds {
            let graph = Support.randomGraph(seed: seed, directed: directed)
            let expected = Support.floydWarshall(graph, metric: metric)
            for source in 0..<graph.nodeCount {
                for target in 0..<graph.nodeCount {
                    let found = ShortestPath.find(in: graph, from: source, to: target, metric: metric)
                    guard expected[source][target].isFinite else {
                        #expect(found == nil, "seed \(seed): \(source)→\(target) should be unreachable")
                        continue
                    }
                    let path = try #require(found, "seed \(seed): \(source)→\(target) should be reachable")
                    #expect(path.cost == expected[source][target], "seed \(seed): \(source)→\(target)")
                    #expect(path.nodes.first == source && path.nodes.last == target)
                    #expect(Support.isValid(path, in: graph))
                    #expect(Set(path.nodes).count == path.nodes.count, "shortest paths have no loops")
                    #expect(path.cost == graph.cost(ofEdges: path.edges, metric: metric))
                }
            }
        }
    }

    @Test func shortestPathTiesBreakTowardSmallerNodes() throws {
        // Two equally long routes 0→1→3 and 0→2→3: the smaller intermediate node wins,
        // whatever the edge order.
        let edges = [
            Adjacency.Edge(source: 2, target: 3), Adjacency.Edge(source: 0, target: 2),
            Adjacency.Edge(source: 1, target: 3), Adjacency.Edge(source: 0, target: 1),
        ]
        for metric in PathMetric.allCases {
            let path = try #require(ShortestPath.find(in: Adjacency(nodeCount: 4, edges: edges, directed: false), from: 0, to: 3, metric: metric))
            #expect(path.nodes == [0, 1, 3])
            #expect(path.edges == [3, 2])
        }
    }

    @Test func dijkstraHonorsExclusions() throws {
        let edges = [Adjacency.Edge(source: 0, target: 1), Adjacency.Edge(source: 1, target: 2), Adjacency.Edge(source: 0, target: 2, weight: 0.25)]
        let graph = Adjacency(nodeCount: 3, edges: edges, directed: false)
        #expect(ShortestPath.find(in: graph, from: 0, to: 2)?.nodes == [0, 1, 2])
        #expect(ShortestPath.find(in: graph, from: 0, to: 2, excluding: .init(nodes: [1]))?.nodes == [0, 2])
        #expect(ShortestPath.find(in: graph, from: 0, to: 2, excluding: .init(nodes: [1], edges: [2])) == nil)
        #expect(ShortestPath.find(in: graph, from: 1, to: 1) == PathResult(nodes: [1], edges: [], cost: 0))
    }

    @Test(arguments: [PathMetric.weighted, .hops], [false, true])
    func yenFindsExactlyTheSimplePathsInOrder(metric: PathMetric, directed: Bool) {
        for seed in Self.seeds {
            let graph = Support.randomGraph(seed: seed, maxNodes: 6, maxEdges: 10, directed: directed)
            for source in 0..<graph.nodeCount {
                for target in 0..<graph.nodeCount where target != source {
                    let all = Support.simplePaths(graph, from: source, to: target)
                    let expectedCosts = all.map { graph.cost(ofEdges: $0.edges, metric: metric) }.sorted()
                    let found = KShortestPaths.find(in: graph, from: source, to: target, k: all.count + 2, metric: metric)
                    #expect(found.map(\.cost) == expectedCosts, "seed \(seed): \(source)→\(target)")
                    #expect(Set(found.map(\.edges)).count == found.count, "paths are distinct")
                    for path in found {
                        #expect(Support.isValid(path, in: graph))
                        #expect(Set(path.nodes).count == path.nodes.count, "paths are simple")
                    }
                    // Asking for fewer gives a prefix of the same order.
                    if all.count > 1 {
                        let fewer = KShortestPaths.find(in: graph, from: source, to: target, k: 2, metric: metric)
                        #expect(fewer == Array(found.prefix(2)))
                    }
                }
            }
        }
    }

    @Test(arguments: [false, true])
    func pageRankMatchesDensePowerIteration(directed: Bool) {
        for seed in Self.seeds.prefix(100) {
            let graph = Support.randomGraph(seed: seed, directed: directed)
            let n = graph.nodeCount
            // Dense Google matrix: column u spreads u's rank over its arcs by weight, or
            // uniformly when u has none.
            var google = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for u in 0..<n {
                let total = graph.arcs(of: u).reduce(0.0) { $0 + graph.weights[$1] }
                for v in 0..<n {
                    google[v][u] = 0.15 / Double(n) + (total == 0 ? 0.85 / Double(n) : 0)
                }
                for arc in graph.arcs(of: u) where total > 0 {
                    google[Int(graph.targets[arc])][u] += 0.85 * graph.weights[arc] / total
                }
            }
            var rank = [Double](repeating: 1 / Double(n), count: n)
            for _ in 0..<1000 {
                rank = (0..<n).map { v in (0..<n).reduce(0.0) { $0 + google[v][$1] * rank[$1] } }
            }
            let found = Centrality.pageRank(graph)
            #expect(abs(found.reduce(0, +) - 1) < 1e-9)
            for node in 0..<n { #expect(abs(found[node] - rank[node]) < 1e-9, "seed \(seed) node \(node)") }
        }
    }

    @Test(arguments: [false, true])
    func betweennessMatchesPathEnumeration(directed: Bool) {
        for seed in Self.seeds.prefix(200) {
            let graph = Support.randomGraph(seed: seed, maxNodes: 7, maxEdges: 11, directed: directed)
            let n = graph.nodeCount
            var expected = [Double](repeating: 0, count: n)
            for s in 0..<n {
                for t in 0..<n where t != s {
                    let paths = Support.simplePaths(graph, from: s, to: t)
                    guard let shortest = paths.map(\.edges.count).min() else { continue }
                    let best = paths.filter { $0.edges.count == shortest }
                    for path in best {
                        for node in path.nodes.dropFirst().dropLast() { expected[node] += 1 / Double(best.count) }
                    }
                }
            }
            if !directed { expected = expected.map { $0 / 2 } }
            let found = Centrality.betweenness(graph)
            for node in 0..<n { #expect(abs(found[node] - expected[node]) < 1e-9, "seed \(seed) node \(node)") }
        }
    }

    @Test func componentsAndNeighborhoodsMatchReachability() {
        for seed in Self.seeds {
            let graph = Support.randomGraph(seed: seed, directed: false)
            let hops = Support.floydWarshall(graph, metric: .hops)
            let components = ConnectedComponents(graph)
            #expect(components.sizes.reduce(0, +) == graph.nodeCount)
            #expect(components.labels.first == 0)
            for a in 0..<graph.nodeCount {
                for b in 0..<graph.nodeCount {
                    #expect((components.labels[a] == components.labels[b]) == hops[a][b].isFinite, "seed \(seed)")
                }
            }
            for depth in 1...3 {
                let neighborhood = Neighborhood(of: 0, in: graph, depth: depth)
                let expected = (1..<graph.nodeCount).filter { hops[0][$0] <= Double(depth) }
                #expect(Set(neighborhood.members.map(\.node)) == Set(expected), "seed \(seed)")
                for member in neighborhood.members {
                    #expect(Double(member.depth) == hops[0][member.node])
                    #expect(member.depth == 1 ? member.parent == 0 : hops[0][member.parent] == Double(member.depth - 1))
                }
            }
        }
    }

    @Test func degreesCountArcsAndWeights() {
        let edges = [
            Adjacency.Edge(source: 0, target: 1, weight: 2), Adjacency.Edge(source: 0, target: 0, weight: 3),
            Adjacency.Edge(source: 1, target: 2),
        ]
        let graph = Adjacency(nodeCount: 4, edges: edges, directed: false)
        #expect(Centrality.degree(graph) == [2, 2, 1, 0])
        #expect(Centrality.weightedDegree(graph) == [5, 3, 1, 0])
        #expect(ConnectedComponents(graph).sizes == [3, 1])
    }
}
