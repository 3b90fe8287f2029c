import Foundation
import Testing
@testable import RelGraphCore

@Suite struct RelationEvaluationTests {
    /// The real pipeline (Corpus/ → bundled recognizer → relation extractor) against the
    /// hand-written gold triples of the five articles.
    @Test func corpusRelationsReachPrecision090AndRecall080() throws {
        let documents = try CorpusReader(path: TestPaths.corpus).readAll()
        let graph = Extractor(recognizer: Recognizer(lexicon: try Lexicon.bundled())).graph(of: documents)
        let text = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Tests/Gold/relations.tsv"), encoding: .utf8)
        let score = RelationEvaluation(gold: try RelationEvaluation.parseGold(text, source: "relations.tsv"), graph: graph)
        #expect(score.gold.count >= 60)
        #expect(score.precision >= 0.9, "\(score.report)")
        #expect(score.recall >= 0.8, "\(score.report)")
    }

    @Test func evalCommandSeamScoresRelationGoldFiles() throws {
        let graph = RelationGraph(relations: [
            Relation(source: "Ana Lee", target: "Quorvex", kind: .sued, evidence: [Evidence(document: "a.txt", sentence: "s", start: 0, end: 1)]),
            Relation(source: "Ana Lee", target: "Quorvex", kind: .coMentioned, evidence: [Evidence(document: "a.txt", sentence: "t", start: 2, end: 3)]),
        ])
        let gold = try GoldFile.parse("document\tsource\ttype\ttarget\na.txt\tAna Lee\tsued\tQuorvex\na.txt\tQuorvex\tpartners_with\tBo Kim\n", source: "r.tsv")
        let report = try Evaluation.evaluate(graph, gold: gold, source: "r.tsv")
        #expect(report.score("micro") == Score(truePositives: 1, falsePositives: 0, falseNegatives: 1))
        #expect(report.errors == ["FN a.txt\tBo Kim\tpartners_with\tQuorvex"])
        let bad = try GoldFile.parse("document\tsource\ttype\ttarget\na.txt\tAna Lee\thugged\tQuorvex\n", source: "r.tsv")
        #expect(throws: EvaluationError.malformedRelationGold(RelationGoldError.unknownType(source: "r.tsv", line: 2, type: "hugged").description)) {
            try Evaluation.evaluate(graph, gold: bad, source: "r.tsv")
        }
    }

    @Test func symmetricTypesCompareWithoutDirectionAndOnlyGoldDocumentsCount() {
        let gold: Set<RelationEvaluation.Triple> = [
            .init(document: "a", source: "B", kind: .competesWith, target: "A"),
            .init(document: "a", source: "A", kind: .sued, target: "B"),
        ]
        let predicted: Set<RelationEvaluation.Triple> = [
            .init(document: "a", source: "A", kind: .competesWith, target: "B"),
            .init(document: "a", source: "B", kind: .sued, target: "A"),
            .init(document: "elsewhere", source: "A", kind: .sued, target: "B"),
        ]
        let score = RelationEvaluation(gold: gold, predicted: predicted)
        #expect(score.truePositives == 1)
        #expect(score.precision == 0.5)
        #expect(score.recall == 0.5)
        #expect(score.missed.map(\.description) == ["a\tA\tsued\tB"])
        #expect(score.spurious.map(\.description) == ["a\tB\tsued\tA"])
    }

    @Test func goldErrorsNameTheFileAndLine() {
        #expect(throws: RelationGoldError.missingHeader(source: "g.tsv")) { try RelationEvaluation.parseGold("a\tb\tsued\tc\n", source: "g.tsv") }
        #expect(throws: RelationGoldError.malformedLine(source: "g.tsv", line: 3)) {
            try RelationEvaluation.parseGold("document\tsource\ttype\ttarget\n# note\na\tb\tsued\n", source: "g.tsv")
        }
        #expect(RelationGoldError.missingHeader(source: "g.tsv").description
            == "relation gold file 'g.tsv' must start with the header 'document<TAB>source<TAB>type<TAB>target'")
    }
}
