/// The nodes within a number of hops of a center (an ego network).
public struct Neighborhood: Hashable, Sendable {
    /// One node reached, with how it was first reached.
    public struct Member: Hashable, Sendable {
        public var node: Int
        /// Hops from the center (1 for direct neighbors).
        public var depth: Int
        /// The node it was reached from (the smallest-index one at `depth - 1`).
        public var parent: Int
        /// The edge from `parent`, the smallest id among parallel ones.
        public var edge: Int
    }

    public let center: Int
    /// Members ordered by depth, then node index; the center itself is not a member.
    public let members: [Member]

    /// Breadth-first search from `center`, stopping at `depth` hops.
    ///
    /// - Complexity: O(*n'* + *m'*) for the *n'* nodes and *m'* arcs within reach, plus
    ///   O(*n*) to clear the visited marks.
    public init(of center: Int, in graph: Adjacency, depth maxDepth: Int) {
        self.center = center
        var seen = [Bool](repeating: false, count: graph.nodeCount)
        seen[center] = true
        var members: [Member] = []
        var frontier = [center]
        var depth = 0
        while !frontier.isEmpty && depth < maxDepth {
            depth += 1
            var reached: [Member] = []
            for node in frontier.sorted() {
                for arc in graph.arcs(of: node) {
                    let next = Int(graph.targets[arc])
                    if seen[next] { continue }
                    seen[next] = true
                    reached.append(Member(node: next, depth: depth, parent: node, edge: Int(graph.edges[arc])))
                }
            }
            reached.sort { $0.node < $1.node }
            members += reached
            frontier = reached.map(\.node)
        }
        self.members = members
    }
}
