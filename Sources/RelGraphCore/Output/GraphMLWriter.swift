/// Writes a `RelationGraph` as GraphML, for Gephi, yEd, Cytoscape and NetworkX.
///
/// One `<node>` per entity (`id` is `n0`, `n1`, … in name order, since GraphML IDs are XML
/// tokens; the name is the `label` attribute) and one `<edge>` per relation — not merged, so
/// each relation keeps its own typed data. Every attribute is declared with its type:
///
/// | for  | attr.name  | attr.type | value                                       |
/// |------|------------|-----------|---------------------------------------------|
/// | node | `label`    | string    | canonical name                              |
/// | node | `type`     | string    | `person`, `organization`, `product`         |
/// | node | `mentions` | int       | mentions in the corpus                      |
/// | node | `aliases`  | string    | other surface forms, `; `-separated         |
/// | edge | `label`    | string    | relation kind, readable (`offered to buy`)  |
/// | edge | `relation` | string    | relation kind (`offered_to_buy`)            |
/// | edge | `polarity` | string    | `hostile`, `friendly`, `neutral`            |
/// | edge | `weight`   | double    | distinct evidence sentences                 |
/// | edge | `symmetric`| boolean   | true for kinds without direction            |
///
/// Characters XML 1.0 forbids (most C0 controls) become U+FFFD.
///
/// - Complexity: O(V + E).
public struct GraphMLWriter: Sendable {
    public init() {}

    private static let keys: [(id: String, domain: String, name: String, type: String)] = [
        ("label", "node", "label", "string"), ("type", "node", "type", "string"),
        ("mentions", "node", "mentions", "int"), ("aliases", "node", "aliases", "string"),
        ("elabel", "edge", "label", "string"), ("relation", "edge", "relation", "string"),
        ("polarity", "edge", "polarity", "string"), ("weight", "edge", "weight", "double"),
        ("symmetric", "edge", "symmetric", "boolean"),
    ]

    public func write(_ graph: RelationGraph) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        out.reserveCapacity(1024 + 300 * graph.entities.count + 400 * graph.relations.count)
        for key in Self.keys {
            out += "  <key id=\"\(key.id)\" for=\"\(key.domain)\" attr.name=\"\(key.name)\" attr.type=\"\(key.type)\"/>\n"
        }
        out += "  <graph id=\"relgraph\" edgedefault=\"directed\">\n"
        var ids: [String: String] = [:]
        for (position, entity) in graph.entities.enumerated() {
            let id = "n\(position)"
            ids[entity.name] = id
            out += "    <node id=\"\(id)\">"
            out += Self.data("label", entity.name) + Self.data("type", entity.type.rawValue)
            out += Self.data("mentions", String(entity.mentions))
            if !entity.aliases.isEmpty { out += Self.data("aliases", entity.aliases.joined(separator: "; ")) }
            out += "</node>\n"
        }
        var edgeNumber = 0
        for relation in graph.relations {
            guard let source = ids[relation.source], let target = ids[relation.target] else { continue }
            out += "    <edge id=\"e\(edgeNumber)\" source=\"\(source)\" target=\"\(target)\">"
            out += Self.data("elabel", relation.kind.label) + Self.data("relation", relation.kind.rawValue)
            out += Self.data("polarity", relation.polarity.rawValue)
            out += Self.data("weight", DOTWriter.number(relation.weight))
            out += Self.data("symmetric", relation.kind.isSymmetric ? "true" : "false")
            out += "</edge>\n"
            edgeNumber += 1
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    private static func data(_ key: String, _ value: String) -> String {
        "<data key=\"\(key)\">\(xml(value))</data>"
    }

    /// XML text with `&`, `<`, `>`, `"` as entities and forbidden characters replaced.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                let value = scalar.value
                let forbidden = value < 0x20 || value == 0xFFFE || value == 0xFFFF
                out.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }
}
