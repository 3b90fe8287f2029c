import Testing
@testable import RelGraphCore

@Suite struct GraphSelectionTests {
    /// A chain a–b–c–d plus a heavy hub h linked to a, and an isolated z.
    private let graph: RelationGraph = {
        func relation(_ source: String, _ target: String, _ kind: RelationKind, weight: Int = 1) -> Relation {
            Relation(source: source, target: target, kind: kind, evidence: (0..<weight).map {
                Evidence(document: "d", sentence: "s", start: $0 * 10, end: $0 * 10 + 5)
            })
        }
        return RelationGraph(
            entities: ["a", "b", "c", "d", "h", "z"].map { Entity(name: $0, type: .person) }
                + [Entity(name: "OpenAI", type: .organization, aliases: ["Open AI"])],
            relations: [
                relation("a", "b", .praised), relation("b", "c", .sued), relation("c", "d", .coMentioned),
                relation("h", "a", .leads, weight: 5), relation("h", "OpenAI", .founded, weight: 3),
            ]
        )
    }()

    private func names(_ graph: RelationGraph) -> [String] { graph.entities.map(\.name) }

    @Test func egoNetworkFollowsRelationsBothWaysUpToDepth() throws {
        #expect(names(try GraphSelection(focus: ["b"], depth: 1).apply(to: graph)) == ["a", "b", "c"])
        #expect(names(try GraphSelection(focus: ["b"], depth: 2).apply(to: graph)) == ["a", "b", "c", "d", "h"])
        #expect(names(try GraphSelection(focus: ["b"], depth: 0).apply(to: graph)) == ["b"])
    }

    @Test func egoNetworksOfSeveralEntitiesAreUnited() throws {
        let selected = try GraphSelection(focus: ["d", "OpenAI"], depth: 1).apply(to: graph)
        #expect(names(selected) == ["OpenAI", "c", "d", "h"])
        #expect(selected.relations.map(\.kind) == [.coMentioned, .founded])
    }

    @Test func focusMatchesNamesAndAliasesIgnoringCase() throws {
        #expect(try GraphSelection.resolve("openai", in: graph) == "OpenAI")
        #expect(try GraphSelection.resolve("open ai", in: graph) == "OpenAI")
        #expect(throws: SelectionError.unknownEntity(query: "Nobody")) { try GraphSelection.resolve("Nobody", in: graph) }
        #expect(SelectionError.unknownEntity(query: "Nobody").description
            == "no entity named 'Nobody' (names and aliases are matched ignoring case); list them with 'relgraph entities'")
    }

    @Test func topKeepsTheHeaviestEntitiesAndBreaksTiesByName() throws {
        // Weighted degrees: h 8, a 6, OpenAI 3, b 2, c 2, d 1, z 0.
        #expect(names(try GraphSelection(top: 3).apply(to: graph)) == ["OpenAI", "a", "h"])
        #expect(names(try GraphSelection(top: 4).apply(to: graph)) == ["OpenAI", "a", "b", "h"])
    }

    @Test func topAlwaysKeepsFocusEntities() throws {
        // Within d's 3-hop network {a, b, c, d}, degrees count only relations inside it: b 2, c 2, a 1.
        #expect(names(try GraphSelection(focus: ["d"], depth: 3, top: 2).apply(to: graph)) == ["b", "d"])
    }

    @Test func dropsEntitiesLeftWithoutRelations() throws {
        let hostile = GraphFilter(kinds: [.sued]).apply(to: graph)
        #expect(names(try GraphSelection(dropsIsolated: true).apply(to: hostile)) == ["b", "c"])
        #expect(names(try GraphSelection().apply(to: hostile)).count == 7)
    }

    @Test func weightedDegreeSumsBothDirections() {
        let degrees = GraphSelection.weightedDegrees(of: graph)
        #expect(degrees["h"] == 8 && degrees["a"] == 6 && degrees["z"] == nil)
    }
}
