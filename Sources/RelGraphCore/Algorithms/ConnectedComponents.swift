/// The connected components of a graph (weakly connected, for a directed one).
public struct ConnectedComponents: Hashable, Sendable {
    /// The component of each node. Components are numbered by their smallest node, so
    /// component 0 holds node 0.
    public let labels: [Int]
    /// The number of nodes of each component.
    public let sizes: [Int]

    public var count: Int { sizes.count }
    /// The size of the largest component (0 for an empty graph).
    public var largest: Int { sizes.max() ?? 0 }

    /// Finds the components with union–find over the arcs (path halving, union by size).
    ///
    /// - Complexity: O((*n* + *m*) α(*n*)).
    public init(_ graph: Adjacency) {
        let n = graph.nodeCount
        var parent = Array(0..<n)
        var size = [Int](repeating: 1, count: n)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for node in 0..<n {
            for arc in graph.arcs(of: node) {
                var a = root(node), b = root(Int(graph.targets[arc]))
                if a == b { continue }
                if size[a] < size[b] { swap(&a, &b) }
                parent[b] = a
                size[a] += size[b]
            }
        }
        var numberOfRoot = [Int](repeating: -1, count: n)
        var labels = [Int](repeating: 0, count: n)
        var sizes: [Int] = []
        for node in 0..<n {
            let r = root(node)
            if numberOfRoot[r] < 0 {
                numberOfRoot[r] = sizes.count
                sizes.append(0)
            }
            labels[node] = numberOfRoot[r]
            sizes[numberOfRoot[r]] += 1
        }
        self.labels = labels
        self.sizes = sizes
    }
}
