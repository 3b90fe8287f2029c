import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Entities: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the people, organizations and products of a corpus.",
            discussion: "Example: relgraph entities --corpus Corpus/ --json"
        )

        @OptionGroup var corpus: CorpusOptions

        @Flag(name: .long, help: "Print one JSON array instead of a table.")
        var json = false

        func run() throws {
            let graph = try corpus.buildGraph()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(graph.entities) + Data("\n".utf8))
                return
            }
            for entity in graph.entities.sorted(by: { ($0.mentions, $1.name) > ($1.mentions, $0.name) }) {
                let aliases = entity.aliases.isEmpty ? "" : "  aka \(entity.aliases.joined(separator: ", "))"
                print("\(entity.name)\t\(entity.type.rawValue)\t\(entity.mentions) mentions in \(entity.documents.count) documents\(aliases)")
            }
        }
    }
}
