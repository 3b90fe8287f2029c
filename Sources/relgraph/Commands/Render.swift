import ArgumentParser
import Foundation
import RelGraphCore
import RelGraphRendering

extension RelGraph {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a saved graph with Graphviz (in-process).",
            discussion: "Example: relgraph render --format svg -o Graphs/corpus.svg"
        )

        @OptionGroup var graph: GraphOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "svg, png, pdf or dot.")
        var format: String = "svg"

        @Option(help: "Graphviz layout engine.")
        var engine: String = "dot"

        func run() throws {
            let dot = DOTWriter().write(try graph.load())
            do {
                try output.write(try GraphvizRenderer().render(dot: dot, engine: engine, format: format))
            } catch let error as RenderError {
                throw fail(error)
            }
        }
    }
}
