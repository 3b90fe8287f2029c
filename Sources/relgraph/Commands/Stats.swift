import ArgumentParser
import RelGraphCore

extension RelGraph {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Count entities and relations by type, components and density.",
            discussion: "Example: relgraph stats --since 2025-01-01"
        )

        @OptionGroup var graph: GraphOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var corpus: CorpusOptions

        func run() throws {
            let answer = try query.index(graph, corpus: corpus).statsAnswer()
            query.emit(answer, text: answer.text)
        }
    }
}
