import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Relations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the relations of a saved graph with their evidence.",
            discussion: "Example: relgraph relations --type sued --json"
        )

        @OptionGroup var graph: GraphOptions

        @Flag(name: .long, help: "Print one JSON array instead of text.")
        var json = false

        func run() throws {
            let loaded = try graph.load()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(loaded.relations) + Data("\n".utf8))
                return
            }
            for relation in loaded.relations {
                print("\(relation.source) —\(relation.kind.label)→ \(relation.target)  (weight \(Int(relation.weight)))")
            }
        }
    }
}
