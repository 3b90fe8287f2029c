/// Writes a `RelationGraph` as Graphviz DOT, deterministically.
public struct DOTWriter: Sendable {
    public init() {}

    public func write(_ graph: RelationGraph) -> String {
        var out = "digraph relgraph {\n"
        out += "  graph [rankdir=LR, overlap=false, splines=true, fontname=\"Helvetica\"];\n"
        out += "  node [fontname=\"Helvetica\", style=filled];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        for entity in graph.entities {
            let style = switch entity.type {
            case .person: "shape=ellipse, fillcolor=\"#cfe2f3\""
            case .organization: "shape=box, fillcolor=\"#fde9c9\""
            case .product: "shape=hexagon, fillcolor=\"#d9ead3\""
            }
            out += "  \(Self.quote(entity.name)) [\(style)];\n"
        }
        for relation in graph.relations {
            out += "  \(Self.quote(relation.source)) -> \(Self.quote(relation.target)) [label=\(Self.quote(relation.kind.label)), weight=\(Int(relation.weight))];\n"
        }
        out += "}\n"
        return out
    }

    /// A DOT ID: bare when it is a plain identifier, otherwise a quoted string with `"`, `\`
    /// and line breaks escaped.
    public static func quote(_ id: String) -> String {
        var isPlain = !id.isEmpty
        for (index, byte) in id.utf8.enumerated() {
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte == UInt8(ascii: "_")
            let digit = byte >= 0x30 && byte <= 0x39
            if !(letter || (digit && index > 0)) { isPlain = false; break }
        }
        let keywords: Set<String> = ["node", "edge", "graph", "digraph", "subgraph", "strict"]
        if isPlain && !keywords.contains(id.lowercased()) { return id }
        var escaped = "\""
        for scalar in id.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
