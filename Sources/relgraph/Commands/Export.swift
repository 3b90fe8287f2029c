import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a saved graph for other tools.",
            discussion: "Example: relgraph export --format dot -o graph.dot"
        )

        @OptionGroup var graph: GraphOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "dot or json.")
        var format: String = "dot"

        func run() throws {
            let loaded = try graph.load()
            switch format {
            case "dot": try output.write(DOTWriter().write(loaded))
            case "json": try output.write(GraphJSON.encode(loaded))
            default: throw ValidationError("unknown format '\(format)'; use dot or json")
            }
        }
    }
}
