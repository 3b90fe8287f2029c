/// A compact adjacency structure (compressed sparse rows) that every graph algorithm runs on.
///
/// Node `v`'s outgoing arcs are the positions `offsets[v] ..< offsets[v + 1]` of the parallel
/// arrays `targets`, `edges`, `weights` and `costs`. `edges` names what the arc stands for
/// (a link of a `GraphIndex`, or any id the caller chose); an undirected edge is stored as two
/// arcs with the same edge id, a self loop as one. Flat `Int32`/`Double` arrays keep a graph of
/// a million edges in a few tens of megabytes and make traversals cache-friendly, unlike
/// dictionaries of dictionaries.
public struct Adjacency: Hashable, Sendable {
    /// Number of nodes; nodes are `0 ..< nodeCount`.
    public let nodeCount: Int
    /// Number of edges (undirected edges count once).
    public let edgeCount: Int
    /// Whether arcs follow edge direction only (`true`) or both ways (`false`).
    public let isDirected: Bool
    public let offsets: [Int32]
    public let targets: [Int32]
    public let edges: [Int32]
    /// Strength of the arc's edge (larger is stronger).
    public let weights: [Double]
    /// Length of the arc for weighted shortest paths: `1 / weight`.
    public let costs: [Double]
    /// Weight and cost of each edge, by edge id.
    public let edgeWeights: [Double]
    public let edgeCosts: [Double]

    /// One edge to put in an adjacency.
    public struct Edge: Hashable, Sendable {
        public var source: Int
        public var target: Int
        public var weight: Double

        public init(source: Int, target: Int, weight: Double = 1) {
            self.source = source
            self.target = target
            self.weight = weight
        }
    }

    /// Builds the adjacency of `edges` (edge id = position in the array).
    ///
    /// Each node's arcs are ordered by target, then edge id, so every traversal visits
    /// neighbors in node-index order and ties break the same way on every run.
    ///
    /// - Parameters:
    ///   - nodeCount: The number of nodes; every endpoint must be below it.
    ///   - edges: The edges; weights must be positive.
    ///   - directed: Store only `source → target` arcs instead of both directions.
    ///   - cost: Length of an edge of the given weight (default `1 / weight`).
    /// - Complexity: O(*n* + *m* log *d*), *d* the largest degree.
    public init(nodeCount: Int, edges: [Edge], directed: Bool, cost: (Double) -> Double = { 1 / $0 }) {
        self.nodeCount = nodeCount
        self.edgeCount = edges.count
        self.isDirected = directed
        var counts = [Int32](repeating: 0, count: nodeCount + 1)
        for edge in edges {
            counts[edge.source + 1] += 1
            if !directed && edge.source != edge.target { counts[edge.target + 1] += 1 }
        }
        for node in 0..<nodeCount { counts[node + 1] += counts[node] }
        let arcCount = Int(counts[nodeCount])
        var next = counts
        var targets = [Int32](repeating: 0, count: arcCount)
        var ids = [Int32](repeating: 0, count: arcCount)
        for (id, edge) in edges.enumerated() {
            let slot = Int(next[edge.source])
            targets[slot] = Int32(edge.target)
            ids[slot] = Int32(id)
            next[edge.source] += 1
            if !directed && edge.source != edge.target {
                let back = Int(next[edge.target])
                targets[back] = Int32(edge.source)
                ids[back] = Int32(id)
                next[edge.target] += 1
            }
        }
        // Order each row by (target, edge id) unless it already is (the common case when the
        // edges arrive sorted by endpoints).
        var order: [Int] = []
        for node in 0..<nodeCount {
            let lower = Int(counts[node]), upper = Int(counts[node + 1])
            guard upper - lower > 1 else { continue }
            var sorted = true
            for slot in (lower + 1)..<upper
            where (targets[slot - 1], ids[slot - 1]) > (targets[slot], ids[slot]) {
                sorted = false
                break
            }
            if sorted { continue }
            order = Array(lower..<upper)
            order.sort { (targets[$0], ids[$0]) < (targets[$1], ids[$1]) }
            let rowTargets = order.map { targets[$0] }, rowIDs = order.map { ids[$0] }
            for offset in 0..<rowTargets.count {
                targets[lower + offset] = rowTargets[offset]
                ids[lower + offset] = rowIDs[offset]
            }
        }
        self.offsets = counts
        self.targets = targets
        self.edges = ids
        let edgeWeights = edges.map(\.weight)
        let edgeCosts = edgeWeights.map(cost)
        self.edgeWeights = edgeWeights
        self.edgeCosts = edgeCosts
        self.weights = ids.map { edgeWeights[Int($0)] }
        self.costs = ids.map { edgeCosts[Int($0)] }
    }

    /// The arc positions of `node`'s outgoing arcs.
    @inlinable public func arcs(of node: Int) -> Range<Int> {
        Int(offsets[node])..<Int(offsets[node + 1])
    }

    /// Number of arcs leaving `node` (a self loop counts once).
    @inlinable public func degree(of node: Int) -> Int {
        Int(offsets[node + 1] - offsets[node])
    }

    /// Arcs in total (twice the edges of an undirected graph, less self loops).
    public var arcCount: Int { targets.count }
}
