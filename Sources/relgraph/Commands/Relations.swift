import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Relations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "relations",
            abstract: "List the relations of a saved graph with their evidence.",
            discussion: """
                Types: \(RelationKind.allCases.map(\.rawValue).joined(separator: ", ")).
                Example: relgraph relations --type sued --type criticized --entity Musk --json
                """
        )

        @OptionGroup var graph: GraphOptions
        @OptionGroup var corpus: CorpusOptions

        @Flag(name: .long, help: "Print one JSON array instead of text.")
        var json = false

        @Option(name: .long, help: "Keep only this relation type (repeatable).")
        var type: [String] = []

        @Option(name: .long, help: "Keep only relations of this entity (name or alias; repeatable).")
        var entity: [String] = []

        @Flag(name: .long, help: "Leave out co-mentions (same sentence, no stated relation).")
        var noCoMentions = false

        func validate() throws {
            _ = try type.map(RelationKind.parse)
        }

        func run() throws {
            let kinds = try type.map(RelationKind.parse)
            let loaded = graph.dateFilter.apply(to: try graph.loadForQuery(corpus: corpus).graph)
            let names = try entity.map { query in
                guard let match = loaded.entityMatching(query) else { throw fail(RelationQueryError.unknownEntity(query)) }
                return match.name
            }
            let filter = GraphFilter(kinds: kinds.isEmpty ? nil : Set(kinds), includeCoMentions: !noCoMentions)
            let selected = filter.apply(to: loaded).relations.filter { relation in
                names.isEmpty || names.contains(relation.source) || names.contains(relation.target)
            }
            if json {
                FileHandle.standardOutput.write(try RelationOutput.json(selected))
                return
            }
            for relation in selected { print(RelationOutput.line(relation)) }
        }
    }
}

/// Text and JSON forms of relations, shared by `relations` and `explain`.
enum RelationOutput {
    static func json(_ relations: [Relation]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(relations) + Data("\n".utf8)
    }

    /// `Elon Musk —sued→ OpenAI  (hostile, weight 3)`
    static func line(_ relation: Relation) -> String {
        let arrow = relation.kind.isSymmetric ? "—\(relation.kind.label)—" : "—\(relation.kind.label)→"
        return "\(relation.source) \(arrow) \(relation.target)  (\(relation.polarity.rawValue), weight \(Int(relation.weight)))"
    }
}

/// A relation query that names something the graph does not have.
enum RelationQueryError: Error, CustomStringConvertible, Equatable {
    case unknownEntity(String)
    case unknownType(String)

    var description: String {
        switch self {
        case .unknownEntity(let name):
            "no entity named '\(name)' in the graph; list them with 'relgraph entities'"
        case .unknownType(let type):
            "unknown relation type '\(type)'; use one of \(RelationKind.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}

extension RelationKind {
    /// A type as users write it: `works_for`, `works-for` or `works for`.
    static func parse(_ text: String) throws -> RelationKind {
        let normalized = text.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        guard let kind = RelationKind(rawValue: normalized) else { throw ValidationError(RelationQueryError.unknownType(text).description) }
        return kind
    }
}
