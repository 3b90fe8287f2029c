import ArgumentParser
import RelGraphCore

extension RankMeasure: ExpressibleByArgument {}

extension RelGraph {
    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rank",
            abstract: "Rank entities by how central they are.",
            discussion: """
                degree: linked entities; weighted: supporting sentences over all links;
                pagerank: PageRank with links weighted by sentences; betweenness: share of
                fewest-hop paths between other entities passing through (O(n·m): slow on huge graphs).
                Example: relgraph rank --by pagerank --top 10
                """
        )

        @OptionGroup var graph: GraphOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var corpus: CorpusOptions

        @Option(name: .long, help: "degree, weighted, pagerank or betweenness.")
        var by: RankMeasure = .degree

        @Option(name: .long, help: "How many entities to list.")
        var top: Int = 20

        func run() throws {
            let answer = try query.index(graph, corpus: corpus).rankAnswer(by: by, top: top)
            query.emit(answer, text: answer.text)
        }
    }
}
