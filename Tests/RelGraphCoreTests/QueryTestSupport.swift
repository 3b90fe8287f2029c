@testable import RelGraphCore

/// Shared helpers of the query-algorithm tests: random graphs and brute-force oracles.
enum QueryTestSupport {
    /// A small random graph with self loops, parallel edges, isolated nodes and, through
    /// weights that are powers of two, many exactly equal path lengths.
    static func randomGraph(seed: UInt64, maxNodes: Int = 8, maxEdges: Int = 14, directed: Bool) -> Adjacency {
        var random = SplitMix64(seed: seed)
        let n = Int.random(in: 1...maxNodes, using: &random)
        let m = Int.random(in: 0...maxEdges, using: &random)
        let weights: [Double] = [0.5, 1, 2, 4]
        let edges = (0..<m).map { _ in
            Adjacency.Edge(
                source: Int.random(in: 0..<n, using: &random), target: Int.random(in: 0..<n, using: &random),
                weight: weights.randomElement(using: &random)!
            )
        }
        return Adjacency(nodeCount: n, edges: edges, directed: directed)
    }

    /// All-pairs shortest lengths by Floyd–Warshall (`.infinity` when unreachable).
    static func floydWarshall(_ graph: Adjacency, metric: PathMetric) -> [[Double]] {
        let n = graph.nodeCount
        var distance = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: n)
        for node in 0..<n {
            distance[node][node] = 0
            for arc in graph.arcs(of: node) {
                let target = Int(graph.targets[arc])
                distance[node][target] = min(distance[node][target], graph.cost(ofEdge: Int(graph.edges[arc]), metric: metric))
            }
        }
        for via in 0..<n {
            for a in 0..<n {
                for b in 0..<n where distance[a][via] + distance[via][b] < distance[a][b] {
                    distance[a][b] = distance[a][via] + distance[via][b]
                }
            }
        }
        return distance
    }

    /// Every loopless path from `source` to `target`, as (nodes, edges), by exhaustive search.
    static func simplePaths(_ graph: Adjacency, from source: Int, to target: Int) -> [(nodes: [Int], edges: [Int])] {
        var found: [(nodes: [Int], edges: [Int])] = []
        var nodes = [source], edges: [Int] = []
        var onPath = Set([source])
        func extend(_ node: Int) {
            if node == target {
                found.append((nodes, edges))
                return
            }
            for arc in graph.arcs(of: node) {
                let next = Int(graph.targets[arc])
                guard !onPath.contains(next) else { continue }
                onPath.insert(next); nodes.append(next); edges.append(Int(graph.edges[arc]))
                extend(next)
                onPath.remove(next); nodes.removeLast(); edges.removeLast()
            }
        }
        extend(source)
        return found
    }

    /// Whether `path` is a walk of `graph` from its first to its last node whose edges
    /// connect consecutive nodes in an allowed direction.
    static func isValid(_ path: PathResult, in graph: Adjacency) -> Bool {
        guard path.nodes.count == path.edges.count + 1 else { return false }
        for (offset, edge) in path.edges.enumerated() {
            let from = path.nodes[offset], to = path.nodes[offset + 1]
            let matches = graph.arcs(of: from).contains { Int(graph.targets[$0]) == to && Int(graph.edges[$0]) == edge }
            if !matches { return false }
        }
        return true
    }
}
