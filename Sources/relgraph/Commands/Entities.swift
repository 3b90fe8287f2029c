import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Entities: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entities",
            abstract: "List the people, organizations and products of a corpus.",
            discussion: """
                One row per entity, most mentioned first: canonical name, type, mentions, the
                other surface forms seen (aliases) and the documents that mention it.
                With --json: one array of {name, type, aliases, mentions, documents} objects,
                sorted by name. Example: relgraph entities --corpus Corpus/ --json
                """
        )

        @OptionGroup var corpus: CorpusOptions

        @Flag(name: .long, help: "Print one JSON array instead of a table.")
        var json = false

        func run() throws {
            let graph = try corpus.buildGraph()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                let entities = graph.entities.sorted { $0.name < $1.name }
                FileHandle.standardOutput.write(try encoder.encode(entities) + Data("\n".utf8))
                return
            }
            let rows = graph.entities
                .sorted { ($0.mentions, $1.name) > ($1.mentions, $0.name) }
                .map { [$0.name, $0.type.rawValue, String($0.mentions), $0.aliases.joined(separator: ", "), $0.documents.joined(separator: ", ")] }
            print(Self.table(header: ["NAME", "TYPE", "MENTIONS", "ALIASES", "DOCUMENTS"], rows: rows), terminator: "")
        }

        /// Left-aligned columns separated by two spaces; the last column is not padded.
        static func table(header: [String], rows: [[String]]) -> String {
            let all = [header] + rows
            let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
            return all.map { row in
                row.indices.map { column in
                    column == row.count - 1 ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n") + "\n"
        }
    }
}
