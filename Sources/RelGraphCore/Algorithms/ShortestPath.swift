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
    ///   as soon as `target` is settled (weighted and undirected, it runs from both ends and
    ///   stops when the two searches meet, usually after far fewer nodes).
    public static func find(
        in graph: Adjacency, from source: Int, to target: Int, metric: PathMetric = .weighted,
        excluding exclusions: Exclusions = Exclusions()
    ) -> PathResult? {
        if source == target { return PathResult(nodes: [source], edges: [], cost: 0) }
        if exclusions.nodes.contains(target) { return nil }
        if metric == .hops { return breadthFirst(graph, source, target, exclusions) }
        if !graph.isDirected { return bidirectional(graph, source, target, exclusions) }
        return dijkstra(graph, source, target, exclusions)
    }

    /// Dijkstra from both ends at once (undirected graphs): each side settles nodes in
    /// (distance, index) order, the side with the nearer frontier goes next, and the search
    /// stops when the two frontiers' distances add up to at least the best connection found.
    /// On graphs where the number of nodes within a radius grows fast (news graphs do), the
    /// two balls of half the radius hold far fewer nodes than one ball of the full radius.
    private static func bidirectional(_ graph: Adjacency, _ source: Int, _ target: Int, _ exclusions: Exclusions) -> PathResult? {
        let n = graph.nodeCount
        let checkExclusions = !exclusions.isEmpty
        var distance = [Double](repeating: .infinity, count: 2 * n)
        var previousNode = [Int32](repeating: -1, count: 2 * n)
        var previousEdge = [Int32](repeating: -1, count: 2 * n)
        var settled = [Bool](repeating: false, count: 2 * n)
        var queues = [Heap<Entry>(), Heap<Entry>()]
        distance[0 * n + source] = 0
        distance[1 * n + target] = 0
        queues[0].insert(Entry(distance: 0, node: Int32(source)))
        queues[1].insert(Entry(distance: 0, node: Int32(target)))
        // The best connection: forward side's `meetFrom`, arc `meetEdge`, backward side's `meetTo`.
        var best = Double.infinity
        var meetFrom = -1, meetTo = -1, meetEdge: Int32 = -1
        while let forward = queues[0].min, let backward = queues[1].min {
            if forward.distance + backward.distance >= best { break }
            let side = forward.distance <= backward.distance ? 0 : 1
            let other = 1 - side
            let entry = queues[side].popMin()!
            let node = Int(entry.node)
            if settled[side * n + node] { continue }
            settled[side * n + node] = true
            let base = entry.distance
            var arc = Int(graph.offsets[node])
            let end = Int(graph.offsets[node + 1])
            while arc < end {
                defer { arc += 1 }
                let next = Int(graph.targets[arc])
                let edge = graph.edges[arc]
                if checkExclusions && (exclusions.nodes.contains(next) || exclusions.edges.contains(Int(edge))) { continue }
                let candidate = base + graph.costs[arc]
                let across = distance[other * n + next]
                if across < .infinity {
                    let total = candidate + across
                    let (from, to) = side == 0 ? (node, next) : (next, node)
                    if total < best || (total == best && (from, to, edge) < (meetFrom, meetTo, meetEdge)) {
                        best = total
                        (meetFrom, meetTo, meetEdge) = (from, to, edge)
                    }
                }
                if settled[side * n + next] { continue }
                if candidate < distance[side * n + next] {
                    distance[side * n + next] = candidate
                    previousNode[side * n + next] = Int32(node)
                    previousEdge[side * n + next] = edge
                    queues[side].insert(Entry(distance: candidate, node: Int32(next)))
                } else if candidate == distance[side * n + next], (Int32(node), edge) < (previousNode[side * n + next], previousEdge[side * n + next]) {
                    previousNode[side * n + next] = Int32(node)
                    previousEdge[side * n + next] = edge
                }
            }
        }
        guard meetFrom >= 0 else { return nil }
        var nodes = [meetFrom], edges: [Int] = []
        var node = meetFrom
        while node != source {
            edges.append(Int(previousEdge[0 * n + node]))
            node = Int(previousNode[0 * n + node])
            nodes.append(node)
        }
        nodes.reverse()
        edges.reverse()
        edges.append(Int(meetEdge))
        node = meetTo
        nodes.append(node)
        while node != target {
            edges.append(Int(previousEdge[1 * n + node]))
            node = Int(previousNode[1 * n + node])
            nodes.append(node)
        }
        return PathResult(nodes: nodes, edges: edges, cost: graph.cost(ofEdges: edges, metric: .weighted))
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
            var arc = Int(graph.offsets[node])
            let end = Int(graph.offsets[node + 1])
            while arc < end {
                defer { arc += 1 }
                let next = Int(graph.targets[arc])
                if settled[next] { continue }
                let edge = graph.edges[arc]
                if checkExclusions && (exclusions.nodes.contains(next) || exclusions.edges.contains(Int(edge))) { continue }
                let candidate = base + graph.costs[arc]
                if candidate < distance[next] {
                    distance[next] = candidate
                    previousNode[next] = Int32(node)
                    previousEdge[next] = edge
                    queue.insert(Entry(distance: candidate, node: Int32(next)))
                } else if candidate == distance[next], (Int32(node), edge) < (previousNode[next], previousEdge[next]) {
                    previousNode[next] = Int32(node)
                    previousEdge[next] = edge
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
