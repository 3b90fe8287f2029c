import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the graph of a corpus and save it as JSON.",
            discussion: "Example: relgraph build --corpus Corpus/ -o Graphs/corpus.json"
        )

        @OptionGroup var corpus: CorpusOptions

        @Option(name: [.short, .long], help: "Where to save the graph ('-' for standard output).")
        var output: String = "Graphs/corpus.json"

        func run() throws {
            let graph = try corpus.buildGraph()
            try writeGraph(graph, to: output)
            if output != "-" {
                // The binary cache beside the graph makes the first query fast on large graphs.
                do { try GraphCache.write(graph, graphPath: output) } catch { Console.warning("\(error)") }
            }
            Console.note("\(graph.documents.count) documents, \(graph.entities.count) entities, \(graph.relations.count) relations → \(output)", quiet: corpus.quiet)
        }
    }
}
