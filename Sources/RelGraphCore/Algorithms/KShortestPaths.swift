import HeapModule

/// The *k* shortest simple paths between two nodes (Yen's algorithm).
public enum KShortestPaths {
    /// Candidate paths ordered by cost, then hops, then node and edge sequence, so equally
    /// long alternatives come out in a fixed order.
    private struct Candidate: Comparable {
        var path: PathResult
        static func < (lhs: Candidate, rhs: Candidate) -> Bool {
            let a = lhs.path, b = rhs.path
            if a.cost != b.cost { return a.cost < b.cost }
            if a.hops != b.hops { return a.hops < b.hops }
            if a.nodes != b.nodes { return a.nodes.lexicographicallyPrecedes(b.nodes) }
            return a.edges.lexicographicallyPrecedes(b.edges)
        }
        static func == (lhs: Candidate, rhs: Candidate) -> Bool { lhs.path == rhs.path }
    }

    /// Up to `k` loopless paths from `source` to `target`, shortest first.
    ///
    /// Two paths through the same nodes over different parallel edges are different paths.
    ///
    /// Example: `KShortestPaths.find(in: adjacency, from: 0, to: 5, k: 3).map(\.cost)`
    ///
    /// - Returns: Fewer than `k` paths when fewer exist; empty when `target` is unreachable.
    /// - Complexity: O(*k* · *L* · (*n* + *m*) log *n*) with *L* the longest path's node
    ///   count: one shortest-path search per spur node of each accepted path.
    public static func find(
        in graph: Adjacency, from source: Int, to target: Int, k: Int, metric: PathMetric = .weighted
    ) -> [PathResult] {
        guard k > 0, let first = ShortestPath.find(in: graph, from: source, to: target, metric: metric) else { return [] }
        var accepted = [first]
        var candidates = Heap<Candidate>()
        var known: Set<[Int]> = [first.edges]
        while accepted.count < k {
            let last = accepted[accepted.count - 1]
            for spurIndex in 0..<last.edges.count {
                let spur = last.nodes[spurIndex]
                let rootNodes = Array(last.nodes[0...spurIndex])
                let rootEdges = Array(last.edges[0..<spurIndex])
                var exclusions = ShortestPath.Exclusions(nodes: Set(rootNodes.dropLast()))
                for path in accepted where path.edges.count > spurIndex
                    && path.nodes.starts(with: rootNodes) && path.edges.starts(with: rootEdges) {
                    exclusions.edges.insert(path.edges[spurIndex])
                }
                guard let spurPath = ShortestPath.find(in: graph, from: spur, to: target, metric: metric, excluding: exclusions)
                else { continue }
                let edges = rootEdges + spurPath.edges
                guard known.insert(edges).inserted else { continue }
                let nodes = rootNodes + spurPath.nodes.dropFirst()
                candidates.insert(Candidate(path: PathResult(nodes: nodes, edges: edges, cost: graph.cost(ofEdges: edges, metric: metric))))
            }
            guard let best = candidates.popMin() else { break }
            accepted.append(best.path)
        }
        return accepted
    }
}
