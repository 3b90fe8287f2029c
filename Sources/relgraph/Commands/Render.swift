import ArgumentParser
import Foundation
import RelGraphCore
import RelGraphRendering

extension RelGraph {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Draw a saved graph with Graphviz (in-process, through libgvc).",
            discussion: """
                The engine defaults to dot for graphs up to 150 entities and 400 edges, sfdp beyond.
                Examples:
                  relgraph render --format svg -o Graphs/corpus.svg
                  relgraph render --focus "Elon Musk" --focus "Sam Altman" --depth 1 -o ego.svg
                  relgraph render --polarity hostile --format png -o hostile.png
                  relgraph render --top 40 --no-co-mentions --engine sfdp -o top40.pdf --format pdf
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case svg, png, pdf, dot
        }

        enum Engine: String, ExpressibleByArgument, CaseIterable {
            case dot, neato, fdp, sfdp, circo, twopi
        }

        @OptionGroup var graph: GraphOptions
        @OptionGroup var corpus: CorpusOptions
        @OptionGroup var diagram: DiagramOptions

        @Option(help: "Output format.")
        var format: Format = .svg

        @Option(help: "Graphviz layout engine (default: dot for small graphs, sfdp for large).")
        var engine: Engine?

        @Option(name: [.short, .long], help: "Output file, or '-' for standard output.")
        var output: String = "-"

        func run() throws {
            if output == "-", format == .png || format == .pdf, isatty(STDOUT_FILENO) != 0 {
                throw ValidationError("refusing to write \(format.rawValue.uppercased()) to a terminal; give -o FILE")
            }
            let selected = try diagram.apply(to: try graph.loadForQuery(corpus: corpus).graph, dates: graph)
            let dot = DOTWriter(options: diagram.dotOptions).write(selected)
            let engineName = engine?.rawValue
                ?? GraphvizRenderer.suggestedEngine(for: selected)
            let data: Data
            do {
                data = try GraphvizRenderer().render(dot: dot, engine: engineName, format: format.rawValue)
            } catch .unsupportedFormat(let name, let available) {
                let offered = Format.allCases.map(\.rawValue).filter(available.contains)
                throw fail(RenderError.unsupportedFormat(name, available: offered))
            } catch .unsupportedEngine(let name, let available) {
                let offered = Engine.allCases.map(\.rawValue).filter(available.contains)
                throw fail(RenderError.unsupportedEngine(name, available: offered))
            } catch {
                throw fail(error)
            }
            try writeOutput(data, to: output)
        }
    }
}
