import Foundation

/// The answers of the query commands as values: printed as text for people, encoded as
/// JSON for scripts. Building them is the commands' whole logic, so tests check them here.
extension GraphIndex {
    /// `relgraph path`: up to `k` paths from `from` to `to`.
    public func pathAnswer(from: Int, to: Int, metric: PathMetric, k: Int = 1) -> PathAnswer {
        let found = k <= 1
            ? ShortestPath.find(in: adjacency, from: from, to: to, metric: metric).map { [$0] } ?? []
            : KShortestPaths.find(in: adjacency, from: from, to: to, k: k, metric: metric)
        return PathAnswer(
            from: entities[from].name, to: entities[to].name, metric: metric, directed: isDirected,
            filtered: filter != GraphFilter(),
            paths: found.map { path in
                PathAnswer.Path(cost: path.cost, hops: path.hops, nodes: path.nodes.map { entities[$0].name }, steps: steps(of: path))
            }
        )
    }

    /// `relgraph neighbors`: the entities within `depth` hops of `center`.
    public func neighborsAnswer(of center: Int, depth: Int) -> NeighborsAnswer {
        let neighborhood = Neighborhood(of: center, in: adjacency, depth: depth)
        let rows = neighborhood.members.map { member in
            let step = step(link: member.edge, from: member.parent, to: member.node)
            return NeighborsAnswer.Row(
                name: entities[member.node].name, type: entities[member.node].type, depth: member.depth,
                via: entities[member.parent].name, weight: step.weight, relations: step.relations
            )
        }.sorted { a, b in
            if a.depth != b.depth { return a.depth < b.depth }
            if a.weight != b.weight { return a.weight > b.weight }
            return NameOrder.precedes(a.name, b.name)
        }
        return NeighborsAnswer(center: entities[center].name, depth: depth, directed: isDirected, neighbors: rows)
    }

    /// `relgraph rank`: the `top` entities by `measure`, best first, ties by name.
    public func rankAnswer(by measure: RankMeasure, top: Int) -> RankAnswer {
        let scores = switch measure {
        case .degree: Centrality.degree(adjacency)
        case .weighted: Centrality.weightedDegree(adjacency)
        case .pagerank: Centrality.pageRank(adjacency)
        case .betweenness: Centrality.betweenness(adjacency)
        }
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let rows = order.prefix(max(0, top)).enumerated().map { place, node in
            RankAnswer.Row(rank: place + 1, name: entities[node].name, type: entities[node].type, score: scores[node])
        }
        return RankAnswer(measure: measure, directed: isDirected, entities: rows)
    }

    /// `relgraph stats`: counts, components and density of the filtered graph.
    public func statsAnswer() -> StatsAnswer {
        let components = ConnectedComponents(adjacency)
        var entityTypes: [String: Int] = [:]
        for entity in entities { entityTypes[entity.type.rawValue, default: 0] += 1 }
        var relationTypes: [String: Int] = [:]
        for relation in relations { relationTypes[relation.kind.rawValue, default: 0] += 1 }
        let n = Double(entities.count)
        let selfLoops = linkSources.indices.filter { linkSources[$0] == linkTargets[$0] }.count
        let pairs = isDirected ? n * (n - 1) : n * (n - 1) / 2
        let dates = documents.compactMap(\.date).sorted()
        let isolated = (0..<adjacency.nodeCount).filter { adjacency.degree(of: $0) == 0 }.count
        return StatsAnswer(
            documents: documents.count, datedDocuments: dates.count, firstDate: dates.first, lastDate: dates.last,
            entities: entities.count, entityTypes: entityTypes, relations: relations.count, relationTypes: relationTypes,
            links: linkCount, evidence: evidenceStore?.count ?? relations.reduce(0) { $0 + $1.evidence.count },
            components: components.count, largestComponent: components.largest, isolatedEntities: isolated,
            density: pairs > 0 ? Double(linkCount - selfLoops) / pairs : 0, directed: isDirected
        )
    }
}

/// How `relgraph rank` scores entities.
public enum RankMeasure: String, Codable, CaseIterable, Sendable {
    /// Number of entities linked to it.
    case degree
    /// Sum of its links' weights (supporting sentences).
    case weighted
    /// PageRank over links weighted by supporting sentences.
    case pagerank
    /// Share of fewest-hop paths between other entities that pass through it.
    case betweenness
}

public struct PathAnswer: Hashable, Codable, Sendable {
    public struct Path: Hashable, Codable, Sendable {
        public var cost: Double
        public var hops: Int
        public var nodes: [String]
        public var steps: [GraphIndex.Step]
    }

    public var from: String
    public var to: String
    public var metric: PathMetric
    public var directed: Bool
    /// Whether relation types or dates were restricted (said when nothing connects).
    public var filtered: Bool
    /// Shortest first; empty when the two are not connected.
    public var paths: [Path]

    public var text: String {
        guard !paths.isEmpty else {
            var qualifiers: [String] = []
            if directed { qualifiers.append("following relations from subject to object") }
            if filtered { qualifiers.append("with the relation types and dates given") }
            return "'\(from)' and '\(to)' are not connected" + (qualifiers.isEmpty ? "" : " (\(qualifiers.joined(separator: ", ")))") + "\n"
        }
        var out = ""
        for (number, path) in paths.enumerated() {
            let length = metric == .hops ? "" : String(format: ", cost %.3g", path.cost)
            let title = paths.count > 1 ? "Path \(number + 1): " : ""
            out += "\(title)\(from) → \(to): \(path.hops) \(path.hops == 1 ? "hop" : "hops")\(length)\n"
            for (offset, step) in path.steps.enumerated() {
                let arrows = step.relations.map(\.arrow).joined(separator: " / ")
                out += "  \(offset + 1). \(step.from) \(arrows) \(step.to)  (weight \(formatWeight(step.weight)))\n"
                if let evidence = step.evidence {
                    let date = evidence.date.map { ", \($0)" } ?? ""
                    out += "       “\(evidence.sentence)” — \(evidence.document)\(date)\n"
                }
            }
            if number + 1 < paths.count { out += "\n" }
        }
        return out
    }
}

public struct NeighborsAnswer: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public var name: String
        public var type: EntityType
        public var depth: Int
        /// The entity it is reached through (the center for depth 1).
        public var via: String
        /// Weight of the link from `via`.
        public var weight: Double
        public var relations: [GraphIndex.Step.Use]
    }

    public var center: String
    public var depth: Int
    public var directed: Bool
    /// By depth, then heavier links first, then name.
    public var neighbors: [Row]

    public var text: String {
        guard !neighbors.isEmpty else { return "'\(center)' has no neighbors\n" }
        var out = "\(center): \(neighbors.count) \(neighbors.count == 1 ? "entity" : "entities") within \(depth) \(depth == 1 ? "hop" : "hops")\n"
        var current = 0
        for row in neighbors {
            if row.depth != current {
                current = row.depth
                out += "depth \(current)\n"
            }
            let via = row.depth > 1 ? "  via \(row.via)" : ""
            let arrows = row.relations.map(\.arrow).joined(separator: " / ")
            out += "  \(row.name) (\(row.type.rawValue))\(via)  \(arrows)  weight \(formatWeight(row.weight))\n"
        }
        return out
    }
}

public struct RankAnswer: Hashable, Codable, Sendable {
    public struct Row: Hashable, Codable, Sendable {
        public var rank: Int
        public var name: String
        public var type: EntityType
        public var score: Double
    }

    public var measure: RankMeasure
    public var directed: Bool
    public var entities: [Row]

    public var text: String {
        let width = entities.map(\.name.count).max() ?? 0
        var out = ""
        for row in entities {
            let score = measure == .degree ? String(Int(row.score))
                : measure == .weighted ? formatWeight(row.score) : String(format: "%.4g", row.score)
            let padding = String(repeating: " ", count: max(0, width - row.name.count))
            out += String(format: "%3d  ", row.rank) + row.name + padding + "  " + score + "  " + row.type.rawValue + "\n"
        }
        return out
    }
}

public struct StatsAnswer: Hashable, Codable, Sendable {
    public var documents: Int
    public var datedDocuments: Int
    public var firstDate: String?
    public var lastDate: String?
    public var entities: Int
    /// Entities per type (every type listed, zero included, in the text).
    public var entityTypes: [String: Int]
    public var relations: Int
    public var relationTypes: [String: Int]
    /// Linked pairs of entities (all relations between two entities form one link).
    public var links: Int
    public var evidence: Int
    public var components: Int
    public var largestComponent: Int
    public var isolatedEntities: Int
    /// Linked pairs over possible pairs (self loops left out).
    public var density: Double
    public var directed: Bool

    public var text: String {
        var out = "documents     \(documents) (\(datedDocuments) dated"
        if let firstDate, let lastDate { out += ", \(firstDate) to \(lastDate)" }
        out += ")\n"
        out += "entities      \(entities)\n"
        for type in EntityType.allCases { out += "  \(type.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\(entityTypes[type.rawValue] ?? 0)\n" }
        out += "relations     \(relations) (\(evidence) evidence sentences)\n"
        for kind in RelationKind.allCases where relationTypes[kind.rawValue] != nil {
            out += "  \(kind.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\(relationTypes[kind.rawValue]!)\n"
        }
        out += "linked pairs  \(links)\n"
        out += "components    \(components) (largest \(largestComponent) entities, \(isolatedEntities) isolated)\n"
        out += "density       \(String(format: "%.4g", density))\(directed ? " (directed)" : "")\n"
        return out
    }
}

/// Whole weights without decimals, others with up to three significant digits.
func formatWeight(_ weight: Double) -> String {
    weight == weight.rounded() && abs(weight) < 1e15 ? String(Int(weight)) : String(format: "%.3g", weight)
}

extension PathMetric: Codable {}
