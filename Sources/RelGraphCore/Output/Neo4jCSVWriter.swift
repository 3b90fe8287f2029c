/// Writes a `RelationGraph` as the two CSV files of Neo4j's bulk importer
/// (`neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv`).
///
/// Nodes: `name:ID,:LABEL,type,mentions:int,aliases:string[]` — the name is the import ID,
/// labels are `Entity;Person` (or `Organization`, `Product`), aliases are `;`-separated.
/// Edges: `:START_ID,:END_ID,:TYPE,polarity,weight:double,symmetric:boolean` — the type is the
/// relation kind in upper case (`OFFERED_TO_BUY`), one row per relation.
///
/// Every text field is quoted with `"` doubled (RFC 4180), which the importer reads by
/// default; names containing line breaks need `--multiline-fields=true`.
///
/// - Complexity: O(V + E).
public struct Neo4jCSVWriter: Sendable {
    public init() {}

    public static let nodeHeader = "name:ID,:LABEL,type,mentions:int,aliases:string[]"
    public static let edgeHeader = ":START_ID,:END_ID,:TYPE,polarity,weight:double,symmetric:boolean"

    public func nodes(_ graph: RelationGraph) -> String {
        var out = Self.nodeHeader + "\n"
        for entity in graph.entities {
            let label = "Entity;" + entity.type.rawValue.prefix(1).uppercased() + entity.type.rawValue.dropFirst()
            let aliases = entity.aliases.map { $0.replacingOccurrences(of: ";", with: ",") }.joined(separator: ";")
            out += [Self.field(entity.name), label, entity.type.rawValue, String(entity.mentions), Self.field(aliases)]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    public func edges(_ graph: RelationGraph) -> String {
        var out = Self.edgeHeader + "\n"
        for relation in graph.relations {
            out += [
                Self.field(relation.source), Self.field(relation.target), relation.kind.rawValue.uppercased(),
                relation.polarity.rawValue, DOTWriter.number(relation.weight),
                relation.kind.isSymmetric ? "true" : "false",
            ].joined(separator: ",") + "\n"
        }
        return out
    }

    /// A quoted CSV field.
    static func field(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
