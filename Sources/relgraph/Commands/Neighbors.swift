import ArgumentParser
import RelGraphCore

extension RelGraph {
    struct Neighbors: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "neighbors",
            abstract: "List the entities linked to an entity, up to a number of hops away.",
            discussion: "Example: relgraph neighbors \"Sam Altman\" --depth 2 --no-co-mentions"
        )

        @OptionGroup var graph: GraphOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var corpus: CorpusOptions

        @Argument(help: "The entity (name or alias, any case).")
        var entity: String

        @Option(name: .long, help: "How many hops away to look.")
        var depth: Int = 1

        func validate() throws {
            guard depth >= 1 else { throw ValidationError("--depth must be at least 1") }
        }

        func run() throws {
            let index = try query.index(graph, corpus: corpus)
            let answer = index.neighborsAnswer(of: try resolve(entity, in: index), depth: depth)
            query.emit(answer, text: answer.text)
        }
    }
}
