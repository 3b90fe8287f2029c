import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export a saved graph for other tools: DOT, JSON, GraphML (Gephi, yEd) or CSV (Neo4j).",
            discussion: """
                CSV writes two files: '-o graph.csv' writes graph-nodes.csv and graph-edges.csv;
                '-o DIR/' (created if needed, or an existing folder) writes DIR/nodes.csv and
                DIR/edges.csv.
                Examples:
                  relgraph export --format dot -o Graphs/corpus.dot
                  relgraph export --format graphml --no-co-mentions -o corpus.graphml
                  relgraph export --format csv -o neo4j/
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case dot, json, graphml, csv
        }

        @OptionGroup var graph: GraphOptions
        @OptionGroup var corpus: CorpusOptions
        @OptionGroup var diagram: DiagramOptions

        @Option(help: "Output format.")
        var format: Format = .dot

        @Option(name: [.short, .long], help: "Output file ('-' for standard output; for csv: FILE.csv or DIR/).")
        var output: String = "-"

        func validate() throws {
            if format == .csv, output == "-" {
                throw ValidationError("csv writes two files (nodes and edges); give -o FILE.csv or -o DIR/")
            }
        }

        func run() throws {
            let selected = try diagram.apply(to: try graph.loadForQuery(corpus: corpus).graph, dates: graph)
            switch format {
            case .dot: try writeOutput(Data(DOTWriter(options: diagram.dotOptions).write(selected).utf8), to: output)
            case .json: try writeOutput(GraphJSON.encode(selected), to: output)
            case .graphml: try writeOutput(Data(GraphMLWriter().write(selected).utf8), to: output)
            case .csv:
                let (nodes, edges) = Self.csvPaths(for: output)
                if output.hasSuffix("/") {
                    // `-o DIR/` names a folder: create it, as `mkdir -p` would.
                    try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                }
                let writer = Neo4jCSVWriter()
                try writeOutput(Data(writer.nodes(selected).utf8), to: nodes)
                try writeOutput(Data(writer.edges(selected).utf8), to: edges)
            }
        }

        /// `DIR/` or an existing folder → `DIR/nodes.csv`, `DIR/edges.csv`;
        /// `NAME.csv` (or `NAME`) → `NAME-nodes.csv`, `NAME-edges.csv`.
        static func csvPaths(for output: String) -> (nodes: String, edges: String) {
            var isDirectory: ObjCBool = false
            if output.hasSuffix("/") || (FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue) {
                let folder = output as NSString
                return (folder.appendingPathComponent("nodes.csv"), folder.appendingPathComponent("edges.csv"))
            }
            let base = output.lowercased().hasSuffix(".csv") ? String(output.dropLast(4)) : output
            return (base + "-nodes.csv", base + "-edges.csv")
        }
    }
}
