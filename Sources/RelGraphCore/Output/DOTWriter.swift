/// Writes a `RelationGraph` as Graphviz DOT that always parses and reads well.
///
/// - Nodes: shape and fill by entity type (person: blue ellipse, organization: orange box,
///   product: green hexagon), with a `type` attribute so that a DOT reader can recover it.
/// - Edges: the relations between the same ordered pair become one edge labelled with each
///   kind (and its weight when above 1); symmetric relations join an edge of either direction.
///   Colour by polarity (hostile red, friendly green, neutral grey; co-mention-only edges are
///   dashed, light grey and unlabelled), pen width by the weight of the typed relations (of the
///   co-mentions for co-mention-only edges). Edge attributes `type` (kinds,
///   comma-separated), `polarity` and `weight` (total evidence sentences) carry the data.
/// - A legend as the graph's HTML-like label, so it adds no node.
///
/// Output is deterministic: nodes in `RelationGraph` order (by name), edges by
/// (source, target), attributes sorted by name.
///
///     let dot = DOTWriter().write(graph)
///
/// - Complexity: O(V + E) for V entities and E relations (the graph is already sorted).
public struct DOTWriter: Sendable {
    public struct Options: Hashable, Sendable {
        /// Draw the legend under the graph.
        public var legend: Bool
        /// Merge the relations of one pair into one edge; off: one edge per relation.
        public var mergesParallelEdges: Bool
        /// The graph's ID (`digraph NAME {`).
        public var name: String

        public init(legend: Bool = true, mergesParallelEdges: Bool = true, name: String = "relgraph") {
            self.legend = legend
            self.mergesParallelEdges = mergesParallelEdges
            self.name = name
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func write(_ graph: RelationGraph) -> String {
        var out = "digraph \(DOTString.id(options.name)) {\n"
        out.reserveCapacity(256 + 96 * graph.entities.count + 160 * graph.relations.count)
        var graphAttributes: [(String, String)] = [
            ("fontname", "\"Helvetica\""), ("fontsize", "10"), ("nodesep", "0.3"), ("outputorder", "edgesfirst"),
            ("overlap", "false"), ("rankdir", "LR"),
        ]
        // Curved edges routed around nodes read best, but force-directed engines take minutes
        // to route them on large graphs (sfdp, 1,000 nodes: > 10 min vs 4 s straight).
        if Self.isSmall(graph) { graphAttributes.append(("splines", "true")) }
        if options.legend {
            graphAttributes += [("label", Self.legend), ("labeljust", "l"), ("labelloc", "b")]
        }
        out += "  graph " + Self.attributes(graphAttributes) + ";\n"
        out += "  node [fontname=\"Helvetica\", fontsize=11, penwidth=1.2, style=filled];\n"
        out += "  edge [arrowsize=0.7, fontname=\"Helvetica\", fontsize=9];\n"
        // Each name is escaped once, then reused by its edges.
        var ids = [String: String](minimumCapacity: graph.entities.count)
        for entity in graph.entities {
            let id = DOTString.id(entity.name)
            ids[entity.name] = id
            let style = Self.style(of: entity.type)
            var attributes: [(String, String)] = [
                ("color", "\"\(style.border)\""), ("fillcolor", "\"\(style.fill)\""),
                ("shape", style.shape), ("type", entity.type.rawValue),
            ]
            if DOTString.needsLabel(entity.name) { attributes.append(("label", DOTString.label(entity.name))) }
            out += "  " + id + " " + Self.attributes(attributes) + ";\n"
        }
        for edge in edges(of: graph) {
            let source = ids[edge.source] ?? DOTString.id(edge.source)
            let target = ids[edge.target] ?? DOTString.id(edge.target)
            out += "  " + source + " -> " + target + " "
                + Self.attributes(edge.attributes) + ";\n"
        }
        out += "}\n"
        return out
    }

    /// One drawn edge: the relations of one pair.
    struct Edge {
        var source: String
        var target: String
        /// Kinds with their weights, in `RelationKind` order.
        var kinds: [(kind: RelationKind, weight: Double)] = []

        var weight: Double { kinds.reduce(0) { $0 + $1.weight } }

        /// The weight of the typed relations: what the line width shows when there are any, so
        /// that co-mentions do not thicken a typed edge.
        var typedWeight: Double { kinds.reduce(0) { $0 + ($1.kind == .coMentioned ? 0 : $1.weight) } }

        /// The polarity with the most weight among typed kinds; ties go hostile, friendly, neutral.
        var polarity: Polarity {
            var totals: [Polarity: Double] = [:]
            for (kind, weight) in kinds where kind != .coMentioned { totals[kind.polarity, default: 0] += weight }
            var best: Polarity?
            for polarity in Polarity.allCases where totals[polarity, default: 0] > (best.map { totals[$0, default: 0] } ?? 0) {
                best = polarity
            }
            return best ?? .neutral
        }

        var attributes: [(String, String)] {
            let onlyCoMentions = kinds.allSatisfy { $0.kind == .coMentioned }
            let color = onlyCoMentions ? DOTWriter.coMentionColor : DOTWriter.color(of: polarity)
            var list: [(String, String)] = [
                ("color", "\"\(color)\""),
                ("penwidth", DOTWriter.penWidth(onlyCoMentions ? weight : typedWeight)),
                ("polarity", polarity.rawValue),
                ("type", "\"" + kinds.map(\.kind.rawValue).joined(separator: ",") + "\""),
                ("weight", DOTWriter.number(weight)),
            ]
            if onlyCoMentions {
                list.append(("style", "dashed"))
            } else {
                let text = kinds.filter { $0.kind != .coMentioned }
                    .map { $0.weight > 1 ? "\($0.kind.label) ×\(DOTWriter.number($0.weight))" : $0.kind.label }
                    .joined(separator: "\n")
                list.append(("label", DOTString.label(text)))
                list.append(("fontcolor", "\"\(color)\""))
            }
            if kinds.allSatisfy({ $0.kind.isSymmetric }) { list.append(("dir", "none")) }
            return list
        }
    }

    /// The edges to draw, merged per pair unless `mergesParallelEdges` is off.
    func edges(of graph: RelationGraph) -> [Edge] {
        guard options.mergesParallelEdges else {
            return graph.relations.map { Edge(source: $0.source, target: $0.target, kinds: [($0.kind, $0.weight)]) }
        }
        struct Pair: Hashable { var source: String; var target: String }
        var edges: [Pair: Edge] = [:]
        var symmetric: [Relation] = []
        for relation in graph.relations {
            guard !relation.kind.isSymmetric else { symmetric.append(relation); continue }
            let pair = Pair(source: relation.source, target: relation.target)
            edges[pair, default: Edge(source: relation.source, target: relation.target)].kinds.append((relation.kind, relation.weight))
        }
        for relation in symmetric {
            let forward = Pair(source: relation.source, target: relation.target)
            let backward = Pair(source: relation.target, target: relation.source)
            let pair = edges[forward] == nil && edges[backward] != nil ? backward : forward
            edges[pair, default: Edge(source: pair.source, target: pair.target)].kinds.append((relation.kind, relation.weight))
        }
        return edges.values
            .map { edge in
                var sorted = edge
                sorted.kinds.sort { $0.kind < $1.kind }
                return sorted
            }
            .sorted { ($0.source, $0.target) < ($1.source, $1.target) }
    }

    /// Up to 150 entities and 400 relations: the size `dot` lays out well and fast.
    public static func isSmall(_ graph: RelationGraph) -> Bool {
        graph.entities.count <= 150 && graph.relations.count <= 400
    }

    // MARK: - Style

    struct NodeStyle {
        var shape: String
        var fill: String
        var border: String
    }

    static func style(of type: EntityType) -> NodeStyle {
        switch type {
        case .person: NodeStyle(shape: "ellipse", fill: "#cfe2f3", border: "#3d85c6")
        case .organization: NodeStyle(shape: "box", fill: "#fde9c9", border: "#e69138")
        case .product: NodeStyle(shape: "hexagon", fill: "#d9ead3", border: "#6aa84f")
        }
    }

    static func color(of polarity: Polarity) -> String {
        switch polarity {
        case .hostile: "#cc0000"
        case .friendly: "#38761d"
        case .neutral: "#666666"
        }
    }

    static let coMentionColor = "#b7b7b7"

    /// 1 for one sentence, growing with the logarithm of the weight, at most 6.
    static func penWidth(_ weight: Double) -> String {
        let width = min(6, 1 + 1.5 * (weight > 1 ? log2(weight) : 0))
        let tenths = Int((width * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Whole numbers without a fraction (`3`), others in Swift's shortest exact form (`2.5`).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    static func attributes(_ list: [(String, String)]) -> String {
        "[" + list.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "]"
    }

    /// The key, as an HTML-like label.
    static let legend: String = {
        func cell(_ text: String, fill: String? = nil, color: String? = nil) -> String {
            let background = fill.map { " bgcolor=\"\($0)\"" } ?? ""
            let body = color.map { "<font color=\"\($0)\">\(text)</font>" } ?? text
            return "<td\(background)>\(body)</td>"
        }
        let types = EntityType.allCases.map { type in
            let style = style(of: type)
            return cell("\(type.rawValue) (\(style.shape))", fill: style.fill)
        }
        let polarities = Polarity.allCases.map { cell("⟶ \($0.rawValue)", color: color(of: $0)) }
        return "<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">"
            + "<tr>" + types.joined() + "</tr>"
            + "<tr>" + polarities.joined() + "</tr>"
            + "<tr><td colspan=\"3\"><font color=\"\(coMentionColor)\">dashed: co-mentioned only</font>"
            + " · line width: evidence sentences</td></tr>"
            + "</table>>"
    }()
}

import Foundation
