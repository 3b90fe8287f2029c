import Foundation
import Testing

/// `relgraph relations` and `relgraph explain`, run as the built binary on a graph of Corpus/.
@Suite(.serialized) struct RelationsCommandTests {
    private static func run(_ arguments: [String]) throws -> CLIResult { try CLI.run(arguments) }

    /// A graph of Corpus/ built once for the suite.
    private static let graph: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-relations-\(getpid()).json").path
        _ = try? run(["build", "--quiet", "--corpus", "Corpus", "-o", path])
        return path
    }()

    @Test func typeFilterPrintsOneLinePerRelation() throws {
        let result = try Self.run(["relations", "--graph", Self.graph, "--type", "sued"])
        #expect(result.status == 0)
        #expect(result.stdout == "Elon Musk —sued→ OpenAI  (hostile, weight 4)\n")
    }

    @Test func entityFilterAcceptsAliasesAndDropsCoMentions() throws {
        let result = try Self.run(["relations", "--graph", Self.graph, "--entity", "hoffman", "--no-co-mentions"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").contains("Reid Hoffman —founded→ LinkedIn  (friendly, weight 1)"))
        #expect(!result.stdout.contains("co mentioned"))
    }

    @Test func jsonHasTheDocumentedFields() throws {
        let result = try Self.run(["relations", "--graph", Self.graph, "--json", "--type", "rejected"])
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let first = try #require(array.first)
        #expect(first["source"] as? String == "Sam Altman")
        #expect(first["target"] as? String == "Elon Musk")
        #expect(first["type"] as? String == "rejected")
        #expect(first["polarity"] as? String == "hostile")
        #expect(first["weight"] as? Double == 3)
        let evidence = try #require(first["evidence"] as? [[String: Any]])
        #expect(evidence.first?["document"] as? String == "04-altman-rejects-musk-buyout.txt")
        #expect((evidence.first?["sentence"] as? String)?.hasPrefix("Sam Altman Rejects Elon Musk") == true)
    }

    @Test func explainListsEveryRelationWithItsSentences() throws {
        let result = try Self.run(["explain", "--graph", Self.graph, "Hoffman", "LinkedIn"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            Reid Hoffman —founded→ LinkedIn  (friendly, weight 1)
                “The tension reignited over Altman’s past comments praising Reid Hoffman, the LinkedIn cofounder, for his efforts to oppose Donald Trump during the 2020 US presidential race.” (05-musk-altman-stargate-feud.txt 142–315, trigger “cofounder”)

            """)
    }

    @Test func unknownNamesAndTypesAreReportedWithTheirFix() throws {
        let entity = try Self.run(["explain", "--graph", Self.graph, "Musk", "Nobody"])
        #expect(entity.status == 2)
        #expect(entity.stderr == "relgraph: error: no entity named 'Nobody' in the graph; list them with 'relgraph entities'\n")
        let type = try Self.run(["relations", "--graph", Self.graph, "--type", "hugs"])
        #expect(type.status == 1)
        #expect(type.stderr.hasPrefix("Error: unknown relation type 'hugs'; use one of founded, leads,"))
    }
}
