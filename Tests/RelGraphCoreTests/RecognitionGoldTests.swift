import Foundation
import Testing
@testable import RelGraphCore

/// The real pipeline (Corpus/ → Extractor → graph) against the hand-made gold annotation.
@Suite struct RecognitionGoldTests {
    @Test func corpusEntitiesReachF1OfAtLeast095() throws {
        let documents = try CorpusReader(path: TestPaths.corpus).readAll()
        let graph = Extractor(recognizer: Recognizer(lexicon: try Lexicon.bundled())).graph(of: documents)
        let gold = try GoldFile.load(path: TestPaths.packageRoot.appendingPathComponent("Tests/Gold/entities.tsv").path)
        let report = try Evaluation.evaluate(graph, gold: gold, source: "entities.tsv")
        let micro = try #require(report.score("micro"))
        #expect(micro.f1 >= 0.95, "\(report.table)\(report.errors.joined(separator: "\n"))")
        #expect(try #require(report.score("person")).f1 >= 0.95)
        #expect(try #require(report.score("organization")).f1 >= 0.95)
    }

    @Test func mentionsAreInDocumentOrderAndDoNotOverlap() throws {
        let recognizer = Recognizer(lexicon: try Lexicon.bundled())
        for document in try CorpusReader(path: TestPaths.corpus).readAll() {
            let text = AnalyzedText(document.text)
            let mentions = recognizer.recognize(text)
            #expect(!mentions.isEmpty)
            for (previous, next) in zip(mentions, mentions.dropFirst()) {
                #expect(previous.tokens.upperBound <= next.tokens.lowerBound, "\(document.name): \(previous.surface) / \(next.surface)")
            }
            for mention in mentions {
                #expect(text.sentences[mention.sentence].tokens.contains(mention.tokens.lowerBound))
                #expect(!mention.surface.hasSuffix("'s") && !mention.surface.hasSuffix("’s"))
            }
        }
    }

    @Test func goldFileKindIsReadFromTheHeader() throws {
        guard case .entities(let gold) = try GoldFile.parse("document\ttype\tname\tsurfaces\na.txt\tperson\tAna Lee\tAna Lee|Lee\n", source: "g.tsv") else {
            Issue.record("expected an entity gold file")
            return
        }
        #expect(gold.items.first?.surfaces == ["Ana Lee", "Lee"])
        guard case .relations = try GoldFile.parse("document\tsource\ttype\ttarget\n", source: "r.tsv") else {
            Issue.record("expected a relation gold file")
            return
        }
        #expect(throws: EvaluationError.unknownHeader(path: "x.tsv", header: "name\tkind")) { try GoldFile.parse("name\tkind\n", source: "x.tsv") }
    }

    @Test func iob2SpansAreScoredByExactBoundariesAndType() {
        let data = IOB2Evaluation(sentences: [
            .init(id: "n1", text: "Ana Lindqvist joined Quorvex Labs.", tokens: ["Ana", "Lindqvist", "joined", "Quorvex", "Labs", "."],
                  tags: ["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "O"]),
        ])
        let report = data.evaluate(Recognizer(lexicon: Lexicon(entries: [])), title: "t")
        #expect(report.score("PER") == Score(truePositives: 1, falsePositives: 0, falseNegatives: 0))
        #expect(report.score("ORG") == Score(truePositives: 1, falsePositives: 0, falseNegatives: 0))
    }

    @Test func invalidUTF8SequencesAreCounted() {
        #expect(countInvalidUTF8(Data("plain ASCII".utf8)) == 0)
        #expect(countInvalidUTF8(Data("Zürich – Musk’s".utf8)) == 0)
        #expect(countInvalidUTF8(Data([0x41, 0xFF, 0x42, 0xC3])) == 2)
    }

    @Test func scoresComputePrecisionRecallAndF1() {
        let score = Score(predicted: Set(["a", "b", "c"]), gold: Set(["b", "c", "d", "e"]))
        #expect(score == Score(truePositives: 2, falsePositives: 1, falseNegatives: 2))
        #expect(abs(score.f1 - 4.0 / 7.0) < 1e-9)
    }
}
