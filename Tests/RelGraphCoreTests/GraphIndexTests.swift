import Foundation
import Testing
@testable import RelGraphCore

/// The query index and the answers the query commands print.
@Suite struct GraphIndexTests {
    static func evidence(_ document: String, _ start: Int, _ sentence: String = "A sentence.", date: String? = nil) -> Evidence {
        Evidence(document: document, sentence: sentence, start: start, end: start + sentence.count, trigger: "", date: date)
    }

    /// Ann founded Acme; Bob works for Acme; Acme and Bolt are co-mentioned (twice) and
    /// compete; Cy is isolated. Acme and Bolt share a sentence between their two relations.
    static let graph = RelationGraph(
        documents: [DocumentInfo(name: "a.txt", date: "2025-01-10"), DocumentInfo(name: "b.txt", date: "2025-03-01")],
        entities: [
            Entity(name: "Ann Lee", type: .person, aliases: ["Lee"]),
            Entity(name: "Bob Lee", type: .person, aliases: ["Lee", "Bobby"]),
            Entity(name: "Acme", type: .organization, aliases: ["Acme Corp"]),
            Entity(name: "Bolt", type: .organization),
            Entity(name: "Cy", type: .person),
        ],
        relations: [
            Relation(source: "Ann Lee", target: "Acme", kind: .founded,
                     evidence: [evidence("a.txt", 0, "Ann Lee founded Acme.", date: "2025-01-10")]),
            Relation(source: "Bob Lee", target: "Acme", kind: .worksFor,
                     evidence: [evidence("b.txt", 0, "Bob Lee works for Acme.", date: "2025-03-01"),
                                evidence("b.txt", 30, "Bob Lee still works for Acme.", date: "2025-03-01")]),
            Relation(source: "Acme", target: "Bolt", kind: .coMentioned,
                     evidence: [evidence("a.txt", 40, date: "2025-01-10"), evidence("b.txt", 60, date: "2025-03-01")]),
            Relation(source: "Acme", target: "Bolt", kind: .competesWith,
                     evidence: [evidence("a.txt", 40, "Acme competes with Bolt.", date: "2025-01-10")]),
        ]
    )

    @Test func groupsRelationsIntoWeightedLinks() throws {
        let index = GraphIndex(Self.graph)
        #expect(index.entities.map(\.name) == ["Acme", "Ann Lee", "Bob Lee", "Bolt", "Cy"])
        #expect(index.linkCount == 3)
        let acme = try index.node(named: "Acme"), bolt = try index.node(named: "Bolt")
        let link = try #require((0..<index.linkCount).first { index.linkSources[$0] == acme && index.linkTargets[$0] == bolt })
        // Two relations over two distinct sentences (one sentence supports both).
        #expect(index.relations(ofLink: link).count == 2)
        #expect(index.adjacency.edgeWeights[link] == 2)
        #expect(index.adjacency.edgeCosts[link] == 0.5)
    }

    @Test func resolvesNamesAndAliasesIgnoringCase() throws {
        let index = GraphIndex(Self.graph)
        #expect(try index.node(named: "acme corp") == 0)
        #expect(try index.node(named: "ACME") == 0)
        #expect(try index.node(named: "bobby") == 2)
        #expect(throws: EntityLookupError.ambiguous(name: "lee", candidates: ["Ann Lee", "Bob Lee"])) { try index.node(named: "lee") }
        #expect(throws: EntityLookupError.unknown(name: "Acne", suggestion: "Acme")) { try index.node(named: "Acne") }
        #expect(throws: EntityLookupError.unknown(name: "Zebra Holdings", suggestion: nil)) { try index.node(named: "Zebra Holdings") }
        #expect("\(EntityLookupError.unknown(name: "Acne", suggestion: "Acme"))" == "no entity named 'Acne'; did you mean 'Acme'?")
    }

    @Test func pathAnswerPrintsTypesDirectionsAndEvidence() throws {
        let index = GraphIndex(Self.graph)
        let answer = index.pathAnswer(from: try index.node(named: "Ann Lee"), to: try index.node(named: "Bolt"), metric: .weighted)
        #expect(answer.paths.count == 1)
        #expect(answer.paths[0].nodes == ["Ann Lee", "Acme", "Bolt"])
        #expect(answer.paths[0].cost == 1.5)
        #expect(answer.text == """
            Ann Lee → Bolt: 2 hops, cost 1.5
              1. Ann Lee —founded→ Acme  (weight 1)
                   “Ann Lee founded Acme.” — a.txt, 2025-01-10
              2. Acme —competes with— / —co mentioned— Bolt  (weight 2)
                   “Acme competes with Bolt.” — a.txt, 2025-01-10

            """)
        let back = index.pathAnswer(from: try index.node(named: "Acme"), to: try index.node(named: "Bob Lee"), metric: .hops)
        #expect(back.paths[0].steps[0].relations.map(\.arrow) == ["←works for—"])
    }

    @Test func unreachablePairsSaySoPlainly() throws {
        let index = GraphIndex(Self.graph, filter: GraphFilter(includeCoMentions: false), directed: true)
        let answer = index.pathAnswer(from: try index.node(named: "Acme"), to: try index.node(named: "Cy"), metric: .weighted)
        #expect(answer.paths.isEmpty)
        #expect(answer.text == "'Acme' and 'Cy' are not connected (following relations from subject to object, with the relation types and dates given)\n")
    }

    @Test func directedQueriesFollowSubjectToObjectAndSymmetricBothWays() throws {
        let index = GraphIndex(Self.graph, directed: true)
        let acme = try index.node(named: "Acme"), ann = try index.node(named: "Ann Lee"), bolt = try index.node(named: "Bolt")
        #expect(index.pathAnswer(from: ann, to: acme, metric: .hops).paths.count == 1)
        #expect(index.pathAnswer(from: acme, to: ann, metric: .hops).paths.isEmpty)
        #expect(index.pathAnswer(from: bolt, to: acme, metric: .hops).paths.count == 1)
    }

    @Test func filtersRestrictTypesAndDates() throws {
        let onlyFounded = GraphIndex(Self.graph, filter: GraphFilter(kinds: [.founded]))
        #expect(onlyFounded.relations.map(\.kind) == [.founded])
        let march = GraphIndex(Self.graph, filter: GraphFilter(since: "2025-02-01"))
        #expect(march.relations.map(\.kind).sorted() == [.worksFor, .coMentioned])
        let acme = try march.node(named: "Acme"), bolt = try march.node(named: "Bolt")
        let link = try #require((0..<march.linkCount).first { march.linkSources[$0] == acme && march.linkTargets[$0] == bolt })
        #expect(march.adjacency.edgeWeights[link] == 1)
    }

    @Test func kShortestPathsListAlternatives() throws {
        let index = GraphIndex(Self.graph)
        let answer = index.pathAnswer(from: try index.node(named: "Ann Lee"), to: try index.node(named: "Bob Lee"), metric: .weighted, k: 3)
        #expect(answer.paths.map(\.nodes) == [["Ann Lee", "Acme", "Bob Lee"]])
    }

    @Test func neighborsRankAndStats() throws {
        let index = GraphIndex(Self.graph)
        let neighbors = index.neighborsAnswer(of: try index.node(named: "Ann Lee"), depth: 2)
        #expect(neighbors.neighbors.map(\.name) == ["Acme", "Bob Lee", "Bolt"])
        #expect(neighbors.neighbors.map(\.depth) == [1, 2, 2])
        #expect(neighbors.text.hasPrefix("Ann Lee: 3 entities within 2 hops\ndepth 1\n  Acme (organization)  —founded→  weight 1\n"))

        let rank = index.rankAnswer(by: .degree, top: 2)
        #expect(rank.entities.map(\.name) == ["Acme", "Ann Lee"])
        #expect(rank.text == "  1  Acme     3  organization\n  2  Ann Lee  1  person\n")
        let weighted = index.rankAnswer(by: .weighted, top: 5)
        #expect(weighted.entities.map(\.score) == [5, 2, 2, 1, 0])
        #expect(index.rankAnswer(by: .betweenness, top: 1).entities.first?.name == "Acme")
        #expect(index.rankAnswer(by: .pagerank, top: 1).entities.first?.name == "Acme")

        let stats = index.statsAnswer()
        #expect(stats.entities == 5 && stats.relations == 4 && stats.links == 3)
        #expect(stats.components == 2 && stats.largestComponent == 4 && stats.isolatedEntities == 1)
        #expect(stats.density == 0.3)
        #expect(stats.relationTypes == ["founded": 1, "works_for": 1, "co_mentioned": 1, "competes_with": 1])
        #expect(stats.firstDate == "2025-01-10" && stats.lastDate == "2025-03-01")
    }

    @Test func answersEncodeAsJSON() throws {
        let index = GraphIndex(Self.graph)
        let answer = index.pathAnswer(from: 1, to: 0, metric: .weighted)
        let data = try JSONEncoder().encode(answer)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["from"] as? String == "Ann Lee")
        #expect(object["metric"] as? String == "weighted")
        let paths = try #require(object["paths"] as? [[String: Any]])
        let steps = try #require(paths.first?["steps"] as? [[String: Any]])
        let relations = try #require(steps.first?["relations"] as? [[String: Any]])
        #expect(relations.first?["type"] as? String == "founded")
        #expect(relations.first?["direction"] as? String == "forward")
    }
}
