import Foundation
import Testing
import RelGraphCore
import RelGraphRendering

/// Exact DOT text for small graphs: the writer's output is the contract other tools read.
@Suite struct DOTWriterTests {
    private func evidence(_ start: Int) -> Evidence {
        Evidence(document: "d.txt", sentence: "s", start: start, end: start + 1)
    }

    private var sample: RelationGraph {
        RelationGraph(
            entities: [
                Entity(name: "Elon Musk", type: .person),
                Entity(name: "OpenAI", type: .organization),
                Entity(name: "Grok", type: .product),
            ],
            relations: [
                Relation(source: "Elon Musk", target: "OpenAI", kind: .sued, evidence: [evidence(0), evidence(10)]),
                Relation(source: "Elon Musk", target: "OpenAI", kind: .criticized, evidence: [evidence(20)]),
                Relation(source: "Elon Musk", target: "OpenAI", kind: .founded, evidence: [evidence(30)]),
                Relation(source: "Elon Musk", target: "OpenAI", kind: .coMentioned, evidence: [evidence(0)]),
                Relation(source: "Grok", target: "OpenAI", kind: .coMentioned, evidence: [evidence(40)]),
            ]
        )
    }

    @Test func writesNodesAndMergedEdgesExactly() {
        let dot = DOTWriter(options: .init(legend: false)).write(sample)
        #expect(dot == """
            digraph relgraph {
              graph [fontname="Helvetica", fontsize=10, nodesep=0.3, outputorder=edgesfirst, overlap=false, rankdir=LR, splines=true];
              node [fontname="Helvetica", fontsize=11, penwidth=1.2, style=filled];
              edge [arrowsize=0.7, fontname="Helvetica", fontsize=9];
              "Elon Musk" [color="#3d85c6", fillcolor="#cfe2f3", shape=ellipse, type=person];
              Grok [color="#6aa84f", fillcolor="#d9ead3", shape=hexagon, type=product];
              OpenAI [color="#e69138", fillcolor="#fde9c9", shape=box, type=organization];
              "Elon Musk" -> OpenAI [color="#cc0000", fontcolor="#cc0000", label="founded\\nsued ×2\\ncriticized", penwidth=4.0, polarity=hostile, type="founded,sued,criticized,co_mentioned", weight=5];
              Grok -> OpenAI [color="#b7b7b7", dir=none, penwidth=1.0, polarity=neutral, style=dashed, type="co_mentioned", weight=1];
            }

            """)
    }

    @Test func keepsParallelEdgesApartWhenAsked() throws {
        let dot = DOTWriter(options: .init(legend: false, mergesParallelEdges: false)).write(sample)
        #expect(try GraphvizRenderer.summary(ofDOT: dot).edgeCount == 5)
        #expect(try GraphvizRenderer.summary(ofDOT: DOTWriter().write(sample)).edgeCount == 2)
    }

    @Test func symmetricRelationJoinsTheEdgeOfTheOtherDirection() {
        // partners_with is stored A→B (smaller name first); the directed relation runs B→A.
        let graph = RelationGraph(
            entities: [Entity(name: "A", type: .organization), Entity(name: "B", type: .organization)],
            relations: [
                Relation(source: "B", target: "A", kind: .investedIn, evidence: [evidence(0)]),
                Relation(source: "A", target: "B", kind: .partnersWith, evidence: [evidence(5)]),
            ]
        )
        let edges = DOTWriter().write(graph).split(separator: "\n").filter { $0.contains("->") }
        #expect(edges == [##"  B -> A [color="#38761d", fontcolor="#38761d", label="invested in\npartners with", penwidth=2.5, polarity=friendly, type="invested_in,partners_with", weight=2];"##])
    }

    @Test func graphWithoutEdgesOrNodesStillParsesAndRenders() throws {
        let lonely = RelationGraph(entities: [Entity(name: "Solo", type: .person)])
        for graph in [lonely, RelationGraph()] {
            let dot = DOTWriter().write(graph)
            #expect(try GraphvizRenderer.summary(ofDOT: dot).nodeNames == graph.entities.map(\.name))
            let svg = try GraphvizRenderer().render(dot: dot, engine: "dot", format: "svg")
            #expect(String(decoding: svg, as: UTF8.self).contains("</svg>"))
        }
    }

    @Test func nodesCarryTheirTypeForReaders() throws {
        let summary = try GraphvizRenderer.summary(ofDOT: DOTWriter().write(sample))
        #expect(summary.nodeTypes == ["person", "product", "organization"])
    }

    @Test func outputIsDeterministic() {
        let shuffled = RelationGraph(entities: sample.entities.reversed(), relations: sample.relations.reversed())
        #expect(DOTWriter().write(shuffled) == DOTWriter().write(sample))
    }

    @Test(arguments: [(1.0, "1.0"), (2.0, "2.5"), (4.0, "4.0"), (1000.0, "6.0")])
    func penWidthGrowsWithTheLogarithmOfWeight(weight: Double, width: String) {
        let evidence = (0..<Int(weight)).map(evidence)
        let graph = RelationGraph(
            entities: [Entity(name: "a", type: .person), Entity(name: "b", type: .person)],
            relations: [Relation(source: "a", target: "b", kind: .praised, evidence: evidence)]
        )
        #expect(DOTWriter().write(graph).contains("penwidth=\(width),"))
    }
}
