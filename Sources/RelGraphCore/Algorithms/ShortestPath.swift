import HeapModule

/// Single-pair shortest paths: Dijkstra for weighted lengths, breadth-first search for hops.
///
/// Ties break deterministically: among equally short routes, a node keeps the predecessor
/// with the smaller node index (then the smaller edge id), and nodes are settled in
/// (distance, index) order. Node indices follow entity-name order, so the same graph always
/// gives the same path.
public enum ShortestPath {
    /// Nodes and edges a search must not use (for Yen's spur searches and `--avoid`-like
    /// restrictions).
    public struct Exclusions: Sendable {
        public var nodes: Set<Int> = []
        public var edges: Set<Int> = []
        public init(nodes: Set<Int> = [], edges: Set<Int> = []) {
            self.nodes = nodes
            self.edges = edges
        }
        var isEmpty: Bool { nodes.isEmpty && edges.isEmpty }
    }

    private struct Entry: Comparable {
        var distance: Double
        var node: Int32
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.distance != rhs.distance ? lhs.distance < rhs.distance : lhs.node < rhs.node
        }
    }

    /// The shortest path from `source` to `target`, or `nil` when `target` cannot be reached.
    ///
    /// Example: `ShortestPath.find(in: adjacency, from: 0, to: 5)?.cost`
    ///
    /// - Parameters:
    ///   - metric: `.weighted` sums edge costs (Dijkstra with a binary heap); `.hops` counts
    ///     edges (breadth-first search).
    ///   - excluding: Nodes and edges to leave out; `source` itself is never excluded.
    /// - Returns: The path; a single-node path of cost 0 when `source == target`.
    /// - Complexity: O((*n* + *m*) log *n*) weighted, O(*n* + *m*) by hops; the search stops
    ///   as soon as `target` is settled.
    public static func find(
        in graph: Adjacency, from source: Int, to target: Int, metric: PathMetric = .weighted,
        excluding exclusions: Exclusions = Exclusions()
    ) -> PathResult? {
        if source == target { return PathResult(nodes: [source], edges: [], cost: 0) }
        if exclusions.nodes.contains(target) { return nil }
        return metric == .hops
            ? breadthFirst(graph, source, target, exclusions)
            : dijkstra(graph, source, target, exclusions)
    }

    private static func dijkstra(_ graph: Adjacency, _ source: Int, _ target: Int, _ exclusions: Exclusions) -> PathResult? {
        let n = graph.nodeCount
        var distance = [Double](repeating: .infinity, count: n)
        var previousNode = [Int32](repeating: -1, count: n)
        var previousEdge = [Int32](repeating: -1, count: n)
        var settled = [Bool](repeating: false, count: n)
        let checkExclusions = !exclusions.isEmpty
        var queue = Heap<Entry>()
        distance[source] = 0
        queue.insert(Entry(distance: 0, node: Int32(source)))
        while let entry = queue.popMin() {
            let node = Int(entry.node)
            if settled[node] { continue }
            settled[node] = true
            if node == target { break }
            let base = entry.distance
            graph.targets.withUnsafeBufferPointer { targets in
                graph.costs.withUnsafeBufferPointer { costs in
                    graph.edges.withUnsafeBufferPointer { edges in
                        for arc in graph.arcs(of: node) {
                            let next = Int(targets[arc])
                            if settled[next] { continue }
                            if checkExclusions && (exclusions.nodes.contains(next) || exclusions.edges.contains(Int(edges[arc]))) {
                                continue
                            }
                            let candidate = base + costs[arc]
                            if candidate < distance[next] {
                                distance[next] = candidate
                                previousNode[next] = Int32(node)
                                previousEdge[next] = edges[arc]
                                queue.insert(Entry(distance: candidate, node: Int32(next)))
                            } else if candidate == distance[next],
                                      (Int32(node), edges[arc]) < (previousNode[next], previousEdge[next]) {
                                previousNode[next] = Int32(node)
                                previousEdge[next] = edges[arc]
                            }
                        }
                    }
                }
            }
        }
        guard settled[target] else { return nil }
        return trace(source, target, previousNode, previousEdge, graph: graph, metric: .weighted)
    }

    private static func breadthFirst(_ graph: Adjacency, _ source: Int, _ target: Int, _ exclusions: Exclusions) -> PathResult? {
        let n = graph.nodeCount
        var previousNode = [Int32](repeating: -1, count: n)
        var previousEdge = [Int32](repeating: -1, count: n)
        var seen = [Bool](repeating: false, count: n)
        let checkExclusions = !exclusions.isEmpty
        var queue = [Int32]()
        var head = 0
        seen[source] = true
        queue.append(Int32(source))
        search: while head < queue.count {
            let node = Int(queue[head])
            head += 1
            for arc in graph.arcs(of: node) {
                let next = Int(graph.targets[arc])
                if seen[next] { continue }
                if checkExclusions && (exclusions.nodes.contains(next) || exclusions.edges.contains(Int(graph.edges[arc]))) {
                    continue
                }
                seen[next] = true
                previousNode[next] = Int32(node)
                previousEdge[next] = graph.edges[arc]
                if next == target { break search }
                queue.append(Int32(next))
            }
        }
        guard seen[target] else { return nil }
        return trace(source, target, previousNode, previousEdge, graph: graph, metric: .hops)
    }

    private static func trace(
        _ source: Int, _ target: Int, _ previousNode: [Int32], _ previousEdge: [Int32], graph: Adjacency, metric: PathMetric
    ) -> PathResult {
        var nodes = [target]
        var edges: [Int] = []
        var node = target
        while node != source {
            edges.append(Int(previousEdge[node]))
            node = Int(previousNode[node])
            nodes.append(node)
        }
        nodes.reverse()
        edges.reverse()
        return PathResult(nodes: nodes, edges: edges, cost: graph.cost(ofEdges: edges, metric: metric))
    }
}
