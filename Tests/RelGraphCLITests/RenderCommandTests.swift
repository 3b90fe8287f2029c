import Foundation
import Testing
import RelGraphCore

/// `relgraph render` and `relgraph export`, run as the built binary: exact output, files and
/// exit statuses.
@Suite struct RenderCommandTests {
    private func run(_ arguments: [String]) throws -> CLIResult { try CLI.run(arguments) }

    /// A temporary folder holding `graph.json` with a hostile and a friendly relation.
    private func fixture() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let evidence = [Evidence(document: "d", sentence: "s", start: 0, end: 1)]
        let graph = RelationGraph(
            entities: [
                Entity(name: "Ada", type: .person), Entity(name: "Acme", type: .organization),
                Entity(name: "Widget", type: .product),
            ],
            relations: [
                Relation(source: "Ada", target: "Acme", kind: .sued, evidence: evidence),
                Relation(source: "Acme", target: "Widget", kind: .owns, evidence: evidence),
            ]
        )
        try GraphJSON.encode(graph).write(to: folder.appendingPathComponent("graph.json"))
        return folder
    }

    @Test func exportsDOTOfTheSelectionToStdout() throws {
        let folder = try fixture()
        let result = try run(["export", "--graph", folder.appendingPathComponent("graph.json").path, "--polarity", "hostile", "--no-legend"])
        #expect(result.status == 0)
        #expect(result.stdout == ##"""
            digraph relgraph {
              graph [fontname="Helvetica", fontsize=10, nodesep=0.3, outputorder=edgesfirst, overlap=false, rankdir=LR, splines=true];
              node [fontname="Helvetica", fontsize=11, penwidth=1.2, style=filled];
              edge [arrowsize=0.7, fontname="Helvetica", fontsize=9];
              Acme [color="#e69138", fillcolor="#fde9c9", shape=box, type=organization];
              Ada [color="#3d85c6", fillcolor="#cfe2f3", shape=ellipse, type=person];
              Ada -> Acme [color="#cc0000", fontcolor="#cc0000", label="sued", penwidth=1.0, polarity=hostile, type="sued", weight=1];
            }

            """##)
    }

    @Test func rendersSVGToAFile() throws {
        let folder = try fixture()
        let output = folder.appendingPathComponent("out.svg")
        let result = try run(["render", "--graph", folder.appendingPathComponent("graph.json").path, "-o", output.path])
        #expect(result.status == 0 && result.stderr.isEmpty)
        let svg = try String(contentsOf: output, encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains(">Widget</text>"))
    }

    @Test func unknownFormatIsAUsageErrorListingTheChoices() throws {
        let result = try run(["render", "--format", "bmp"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: The value 'bmp' is invalid for '--format <format>'. Please provide one of 'svg', 'png', 'pdf' or 'dot'."))
    }

    @Test func unknownFocusEntityIsAnInputError() throws {
        let folder = try fixture()
        let result = try run(["render", "--graph", folder.appendingPathComponent("graph.json").path, "--focus", "Bob"])
        #expect(result.status == 2)
        #expect(result.stderr == "relgraph: error: no entity named 'Bob' (names and aliases are matched ignoring case); list them with 'relgraph entities'\n")
    }

    @Test func unknownRelationTypeIsAUsageError() throws {
        let result = try run(["export", "--types", "sued,hugged"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: unknown relation type 'hugged'; use one of: founded, leads,"))
    }

    @Test func csvWritesNodeAndEdgeFiles() throws {
        let folder = try fixture()
        let graph = folder.appendingPathComponent("graph.json").path
        #expect(try run(["export", "--graph", graph, "--format", "csv", "-o", folder.path + "/neo4j/"]).status == 0)
        let nodes = try String(contentsOf: folder.appendingPathComponent("neo4j/nodes.csv"), encoding: .utf8)
        #expect(nodes.hasPrefix("name:ID,:LABEL,type,mentions:int,aliases:string[]\n\"Acme\",Entity;Organization,"))
        #expect(try run(["export", "--graph", graph, "--format", "csv", "-o", folder.appendingPathComponent("g.csv").path]).status == 0)
        let edges = try String(contentsOf: folder.appendingPathComponent("g-edges.csv"), encoding: .utf8)
        #expect(edges.split(separator: "\n").count == 3)
        let toStdout = try run(["export", "--graph", graph, "--format", "csv"])
        #expect(toStdout.status == 1)
        #expect(toStdout.stderr.hasPrefix("Error: csv writes two files (nodes and edges); give -o FILE.csv or -o DIR/"))
    }
}
