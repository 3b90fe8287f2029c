import ArgumentParser
import RelGraphCore

extension RelGraph {
    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "path",
            abstract: "Show how two entities are connected, with the evidence for each hop.",
            discussion: """
                Weighted by default: a hop costs 1/weight, where weight is the number of sentences
                supporting the relations between the two entities, so well-attested links are short.
                Examples:
                  relgraph path "Elon Musk" Microsoft
                  relgraph path musk altman --k 3 --no-co-mentions
                  relgraph path "Elon Musk" OpenAI --hops --directed --json
                """
        )

        @OptionGroup var graph: GraphOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var corpus: CorpusOptions

        @Argument(help: "The entity to start from (name or alias, any case).")
        var from: String

        @Argument(help: "The entity to reach (name or alias, any case).")
        var to: String

        @Flag(name: .long, help: "Fewest hops instead of the strongest (lowest-cost) path.")
        var hops = false

        @Option(name: .long, help: "Show the N shortest loopless paths (Yen's algorithm).")
        var k: Int = 1

        func validate() throws {
            guard k >= 1 else { throw ValidationError("--k must be at least 1") }
        }

        func run() throws {
            let index = try query.index(graph, corpus: corpus)
            let answer = index.pathAnswer(
                from: try resolve(from, in: index), to: try resolve(to, in: index), metric: hops ? .hops : .weighted, k: k
            )
            query.emit(answer, text: answer.text)
        }
    }
}
