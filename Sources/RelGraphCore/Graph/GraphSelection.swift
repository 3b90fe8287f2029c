/// Chooses which entities a diagram or export shows, after a `GraphFilter` chose the relations.
///
/// A corpus graph of a few hundred entities is unreadable as one picture; a selection keeps
/// the part worth looking at:
/// - `focus` + `depth`: the ego network — every entity within `depth` hops of a focus entity
///   (relations followed in either direction);
/// - `top`: the `top` entities with the largest weighted degree (focus entities always stay);
/// - `dropsIsolated`: entities left without any relation are hidden.
///
/// The result is the induced subgraph: the chosen entities and every relation between two of them.
///
///     var selection = GraphSelection(focus: ["elon musk"], depth: 1)
///     let ego = try selection.apply(to: graph)   // Elon Musk and his neighbours
public struct GraphSelection: Hashable, Sendable {
    /// Names or aliases (matched case-insensitively) of the entities to centre on; empty: all.
    public var focus: [String]
    /// Hops from the focus entities; 0 keeps only the focus entities themselves.
    public var depth: Int
    /// Keep at most this many entities, by weighted degree.
    public var top: Int?
    /// Hide entities without relations (after filtering).
    public var dropsIsolated: Bool

    public init(focus: [String] = [], depth: Int = 1, top: Int? = nil, dropsIsolated: Bool = false) {
        self.focus = focus
        self.depth = depth
        self.top = top
        self.dropsIsolated = dropsIsolated
    }

    /// True when the selection keeps every entity.
    public var isEmpty: Bool { focus.isEmpty && top == nil && !dropsIsolated }

    /// The induced subgraph of the selected entities.
    ///
    /// - Throws: `SelectionError` when a focus name matches no entity, or several through aliases.
    /// - Complexity: O(V log V + E) for V entities and E relations.
    public func apply(to graph: RelationGraph) throws(SelectionError) -> RelationGraph {
        if isEmpty { return graph }
        var kept = Set(graph.entities.map(\.name))
        var focusNames: [String] = []
        if !focus.isEmpty {
            focusNames = try focus.map { (query: String) throws(SelectionError) -> String in
                try Self.resolve(query, in: graph)
            }
            kept = Self.neighbourhood(of: focusNames, depth: max(0, depth), in: graph)
        }
        if dropsIsolated {
            var connected = Set<String>()
            for relation in graph.relations where kept.contains(relation.source) && kept.contains(relation.target) {
                connected.insert(relation.source)
                connected.insert(relation.target)
            }
            kept = connected.union(focusNames)
        }
        if let top, kept.count > top {
            let degrees = Self.weightedDegrees(of: graph, among: kept)
            let mentions = Dictionary(graph.entities.map { ($0.name, $0.mentions) }, uniquingKeysWith: max)
            let forced = Set(focusNames)
            let ranked = kept.sorted { a, b in
                let fa = forced.contains(a), fb = forced.contains(b)
                if fa != fb { return fa }
                let da = degrees[a, default: 0], db = degrees[b, default: 0]
                if da != db { return da > db }
                let ma = mentions[a, default: 0], mb = mentions[b, default: 0]
                if ma != mb { return ma > mb }
                return a < b
            }
            kept = Set(ranked.prefix(max(top, forced.count)))
        }
        return RelationGraph(
            documents: graph.documents,
            entities: graph.entities.filter { kept.contains($0.name) },
            relations: graph.relations.filter { kept.contains($0.source) && kept.contains($0.target) }
        )
    }

    /// The canonical name of the entity `query` names: an exact name first, then a
    /// case-insensitive name, then a case-insensitive alias.
    ///
    /// - Complexity: O(V · A) for V entities with A aliases each.
    public static func resolve(_ query: String, in graph: RelationGraph) throws(SelectionError) -> String {
        if graph.entities.contains(where: { $0.name == query }) { return query }
        let folded = query.lowercased()
        let byName = graph.entities.filter { $0.name.lowercased() == folded }.map(\.name)
        if byName.count == 1 { return byName[0] }
        if byName.count > 1 { throw .ambiguous(query: query, candidates: byName.sorted()) }
        let byAlias = graph.entities.filter { $0.aliases.contains { $0.lowercased() == folded } }.map(\.name)
        if byAlias.count == 1 { return byAlias[0] }
        if byAlias.count > 1 { throw .ambiguous(query: query, candidates: byAlias.sorted()) }
        throw .unknownEntity(query: query)
    }

    /// The sum of the weights of each entity's relations, both directions.
    ///
    /// - Complexity: O(E).
    public static func weightedDegrees(of graph: RelationGraph, among names: Set<String>? = nil) -> [String: Double] {
        var degrees: [String: Double] = [:]
        for relation in graph.relations {
            if let names, !(names.contains(relation.source) && names.contains(relation.target)) { continue }
            degrees[relation.source, default: 0] += relation.weight
            degrees[relation.target, default: 0] += relation.weight
        }
        return degrees
    }

    /// Breadth-first search from `start`, ignoring direction, up to `depth` hops.
    ///
    /// - Complexity: O(V + E).
    static func neighbourhood(of start: [String], depth: Int, in graph: RelationGraph) -> Set<String> {
        var adjacency: [String: [String]] = [:]
        for relation in graph.relations where relation.source != relation.target {
            adjacency[relation.source, default: []].append(relation.target)
            adjacency[relation.target, default: []].append(relation.source)
        }
        var seen = Set(start)
        var frontier = start
        var hops = 0
        while hops < depth, !frontier.isEmpty {
            var next: [String] = []
            for name in frontier {
                for neighbour in adjacency[name, default: []] where seen.insert(neighbour).inserted {
                    next.append(neighbour)
                }
            }
            frontier = next
            hops += 1
        }
        return seen
    }
}

public enum SelectionError: Error, Equatable, CustomStringConvertible {
    case unknownEntity(query: String)
    case ambiguous(query: String, candidates: [String])

    public var description: String {
        switch self {
        case .unknownEntity(let query):
            "no entity named '\(query)' (names and aliases are matched ignoring case); list them with 'relgraph entities'"
        case .ambiguous(let query, let candidates):
            "'\(query)' could be any of \(candidates.map { "'\($0)'" }.joined(separator: ", ")); give the full name"
        }
    }
}
