/// Node rankings: degree, weighted degree, PageRank and betweenness.
public enum Centrality {
    /// Number of arcs leaving each node (neighbors over distinct edges; a self loop counts once).
    /// - Complexity: O(*n*).
    public static func degree(_ graph: Adjacency) -> [Double] {
        (0..<graph.nodeCount).map { Double(graph.degree(of: $0)) }
    }

    /// Sum of the weights of each node's arcs.
    /// - Complexity: O(*n* + *m*).
    public static func weightedDegree(_ graph: Adjacency) -> [Double] {
        (0..<graph.nodeCount).map { node in graph.arcs(of: node).reduce(0) { $0 + graph.weights[$1] } }
    }

    /// PageRank with weighted transitions: a walker at `u` follows an arc with probability
    /// proportional to its weight, and with probability `1 - damping` (or always, at a node
    /// with no arcs) jumps to a node chosen uniformly.
    ///
    /// - Parameters:
    ///   - damping: The probability of following an arc (0.85 by convention).
    ///   - tolerance: Stop when the L1 change of an iteration falls below it.
    /// - Returns: Scores summing to 1 (empty for an empty graph).
    /// - Complexity: O(*i* · (*n* + *m*)) for *i* iterations (at most `maxIterations`).
    public static func pageRank(
        _ graph: Adjacency, damping: Double = 0.85, tolerance: Double = 1e-12, maxIterations: Int = 1000
    ) -> [Double] {
        let n = graph.nodeCount
        guard n > 0 else { return [] }
        let outWeight = weightedDegree(graph)
        var rank = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        for _ in 0..<maxIterations {
            var dangling = 0.0
            for node in 0..<n where outWeight[node] == 0 { dangling += rank[node] }
            let base = (1 - damping) / Double(n) + damping * dangling / Double(n)
            for node in 0..<n { next[node] = base }
            for node in 0..<n where outWeight[node] > 0 {
                let share = damping * rank[node] / outWeight[node]
                for arc in graph.arcs(of: node) { next[Int(graph.targets[arc])] += share * graph.weights[arc] }
            }
            var change = 0.0
            for node in 0..<n { change += abs(next[node] - rank[node]) }
            swap(&rank, &next)
            if change < tolerance { break }
        }
        return rank
    }

    /// Betweenness centrality by hops (Brandes): for each node, the sum over pairs of other
    /// nodes of the share of their fewest-hop paths that pass through it. Paths over parallel
    /// edges count separately; on an undirected graph each unordered pair counts once.
    ///
    /// Hops rather than weights: betweenness counts *equally short* paths, and sums of
    /// `1 / weight` costs are rarely exactly equal, which would make the scores hinge on
    /// floating-point rounding.
    ///
    /// - Complexity: O(*n* · *m*) time, O(*n* + *m*) memory.
    public static func betweenness(_ graph: Adjacency) -> [Double] {
        let n = graph.nodeCount
        var score = [Double](repeating: 0, count: n)
        var sigma = [Double](repeating: 0, count: n)
        var distance = [Int](repeating: -1, count: n)
        var delta = [Double](repeating: 0, count: n)
        var order = [Int]()
        order.reserveCapacity(n)
        for source in 0..<n {
            order.removeAll(keepingCapacity: true)
            for node in 0..<n { sigma[node] = 0; distance[node] = -1; delta[node] = 0 }
            sigma[source] = 1
            distance[source] = 0
            order.append(source)
            var head = 0
            while head < order.count {
                let node = order[head]
                head += 1
                for arc in graph.arcs(of: node) {
                    let next = Int(graph.targets[arc])
                    if distance[next] < 0 {
                        distance[next] = distance[node] + 1
                        order.append(next)
                    }
                    if distance[next] == distance[node] + 1 { sigma[next] += sigma[node] }
                }
            }
            // Accumulate dependencies from the farthest nodes back; predecessors are the
            // neighbors one hop closer (found through the arcs, which works both ways on an
            // undirected graph and needs reverse arcs on a directed one).
            for node in order.reversed() {
                for arc in graph.arcs(of: node) {
                    let next = Int(graph.targets[arc])
                    if distance[next] == distance[node] + 1, sigma[next] > 0 {
                        delta[node] += sigma[node] / sigma[next] * (1 + delta[next])
                    }
                }
                if node != source { score[node] += delta[node] }
            }
        }
        if !graph.isDirected { for node in 0..<n { score[node] /= 2 } }
        return score
    }
}
