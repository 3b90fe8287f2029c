import Testing
import RelGraphCore
@testable import RelGraphRendering

/// DOT files read through cgraph into a graph the queries can use.
@Suite struct DOTReaderTests {
    @Test func readsNodesEdgesTypesAndWeights() throws {
        let dot = """
            digraph g {
              "Ann Lee" [shape=ellipse];
              Acme [shape=box];
              Widget [type=product];
              "Ann Lee" -> Acme [label="founded", weight=3];
              Acme -> Widget [label="owns"];
              Acme -> Widget [label="owns", weight=2];
              Widget -> Bolt [tooltip="Widget beats Bolt.", date="2025-02-03"];
              Bolt -> Acme [type="competes_with"];
            }
            """
        let read = try DOTReader().parse(dot, source: "/tmp/hand.dot")
        let types = Dictionary(uniqueKeysWithValues: read.graph.entities.map { ($0.name, $0.type) })
        #expect(types == ["Ann Lee": .person, "Acme": .organization, "Widget": .product, "Bolt": .organization])
        let relations = read.graph.relations.map { "\($0.source) \($0.kind.rawValue) \($0.target)" }
        #expect(relations == ["Acme competes_with Bolt", "Acme owns Widget", "Ann Lee founded Acme", "Bolt co_mentioned Widget"])
        #expect(read.weights == [1, 3, 3, 1])
        let coMention = try #require(read.graph.relations.last)
        #expect(coMention.evidence.first?.sentence == "Widget beats Bolt.")
        #expect(coMention.evidence.first?.date == "2025-02-03")
        #expect(coMention.evidence.first?.document == "hand.dot")

        // The DOT weight drives the path cost.
        let index = GraphIndex(read.graph, weights: read.weights)
        let answer = index.pathAnswer(from: try index.node(named: "ann lee"), to: try index.node(named: "Widget"), metric: .weighted)
        #expect(answer.paths.first?.nodes == ["Ann Lee", "Acme", "Widget"])
        #expect(answer.paths.first?.cost == 2.0 / 3)
    }

    @Test func readsWhatDOTWriterWrites() throws {
        let graph = RelationGraph(
            entities: [Entity(name: "Ann \"A\" Lee", type: .person), Entity(name: "Acme", type: .organization)],
            relations: [Relation(source: "Ann \"A\" Lee", target: "Acme", kind: .worksFor,
                                 evidence: [Evidence(document: "a", sentence: "s", start: 0, end: 1)])]
        )
        let read = try DOTReader().parse(DOTWriter().write(graph), source: "export.dot")
        #expect(read.graph.entities.map(\.name) == graph.entities.map(\.name))
        #expect(read.graph.entities.map(\.type) == graph.entities.map(\.type))
        #expect(read.graph.relations.map(\.key) == graph.relations.map(\.key))
    }

    @Test func reportsSyntaxErrorsWithGraphvizMessage() {
        #expect {
            try DOTReader().parse("digraph { a -> }", source: "bad.dot")
        } throws: { error in
            guard case .syntax(let path, let message) = error as? DOTReadError else { return false }
            return path == "bad.dot" && message.contains("syntax error")
        }
        #expect(throws: DOTReadError.unreadable(path: "/nonexistent/x.dot")) { try DOTReader().read(path: "/nonexistent/x.dot") }
    }
}
