/// One path found by a shortest-path query.
public struct PathResult: Hashable, Sendable {
    /// The nodes from start to end (one node when start and end are the same).
    public var nodes: [Int]
    /// The edge ids taken between consecutive nodes (`nodes.count - 1` of them).
    public var edges: [Int]
    /// The path's length under the metric it was searched with (hops count 1 each).
    public var cost: Double
    public var hops: Int { edges.count }

    public init(nodes: [Int], edges: [Int], cost: Double) {
        self.nodes = nodes
        self.edges = edges
        self.cost = cost
    }
}

/// What a path's length counts.
public enum PathMetric: String, Hashable, Sendable, CaseIterable {
    /// Sum of edge costs (`1 / weight`): strongly supported relations are short.
    case weighted
    /// Number of edges.
    case hops
}

extension Adjacency {
    /// The length of one edge under `metric`.
    @inlinable public func cost(ofEdge edge: Int, metric: PathMetric) -> Double {
        metric == .hops ? 1 : edgeCosts[edge]
    }

    /// The length of a path, summed from its start, so every algorithm gives the same bits
    /// for the same path.
    public func cost(ofEdges edges: [Int], metric: PathMetric) -> Double {
        var total = 0.0
        for edge in edges { total += cost(ofEdge: edge, metric: metric) }
        return total
    }
}
