import Foundation
import Testing
@testable import RelGraphCore

/// `Extractor` hands relations to the partial graph as ids (`PartialGraphRelationSink`). That
/// fast path must build exactly the graph that adding each `ExtractedRelation` of the public
/// `RelationExtractor.extract(from:mentions:document:)` builds: the same strings in the same id
/// order, the same relations in the same order, the same evidence records and sentence texts,
/// and so the same `relgraph extract` bytes and the same finished graph.
@Suite struct RelationHandoffTests {
    /// The partial graph of `documents` through the public values, as before the fast path.
    private static func slowGraph(_ documents: [Document], extractor: Extractor) -> PartialGraph {
        var partial = PartialGraph()
        for document in documents {
            let text = AnalyzedText(document.text)
            let mentions = extractor.recognizer.recognize(text)
            partial.addDocument(DocumentInfo(name: document.name, date: document.date))
            partial.addMentions(mentions, document: document.name)
            for relation in extractor.relations.extract(from: text, mentions: mentions, document: document) {
                partial.addRelation(relation.key, evidence: relation.evidence)
            }
        }
        return partial
    }

    private static func expectSameGraph(_ documents: [Document], extractor: Extractor, sourceLocation: SourceLocation = #_sourceLocation) {
        let slow = slowGraph(documents, extractor: extractor)
        var fast = PartialGraph()
        for document in documents { extractor.extract(document, into: &fast) }
        #expect(slow.evidenceCount > 0, sourceLocation: sourceLocation)
        #expect(Array(fast.strings) == Array(slow.strings), "strings in the same id order", sourceLocation: sourceLocation)
        #expect(fast.relationKeys.indices.map { fast.relationKeys[$0] } == slow.relationKeys.indices.map { slow.relationKeys[$0] }, sourceLocation: sourceLocation)
        #expect(fast.evidenceCount == slow.evidenceCount, sourceLocation: sourceLocation)
        // Sentences at the same positions; only the sink's store marks clean ones (`isJSONClean`,
        // set by `appendIfCollapsedASCII`, which the slow path does not use).
        let sameRecords = fast.evidence.indices.allSatisfy { index in
            let a = fast.evidence[index], b = slow.evidence[index]
            return a.document == b.document && a.trigger == b.trigger && a.date == b.date && a.start == b.start && a.end == b.end
                && a.next == b.next && a.store == b.store && a.text.position == b.text.position && a.textLength == b.textLength
        }
        #expect(sameRecords, "evidence records, sentence texts shared alike", sourceLocation: sourceLocation)
        #expect(fast == slow, sourceLocation: sourceLocation)
        #expect(PartialGraphJSONLines.encode(fast) == PartialGraphJSONLines.encode(slow), sourceLocation: sourceLocation)
        #expect(fast.finalized() == slow.finalized(), sourceLocation: sourceLocation)
    }

    @Test func syntheticCorpusGivesTheSameGraph() {
        let corpus = SyntheticCorpus(seed: 7, megabytes: 0.3)
        let documents = Array(corpus.documents())
        Self.expectSameGraph(documents, extractor: Extractor(recognizer: Recognizer(lexicon: corpus.lexicon)))
    }

    @Test func corpusArticlesGiveTheSameGraph() throws {
        let documents = try CorpusReader(path: TestPaths.corpus).readAll()
        Self.expectSameGraph(documents, extractor: Extractor(recognizer: Recognizer(lexicon: try Lexicon.bundled())))
    }

    /// Sentences past `Evidence.maximumSentenceLength` (clipped text), a document repeated
    /// (the last sentence stored belongs to another document), dates and none, a sentence
    /// relating the same pair twice, and one naming many entities.
    @Test func edgeCasesGiveTheSameGraph() {
        let long = "Acme CEO Jane Roe said that " + Array(repeating: "the very long and winding road", count: 60).joined(separator: " and ")
            + " led Acme to sue Initech and Globex."
        let many = (1...20).map { "Company\($0) Inc" }.joined(separator: ", ")
        let documents = [
            Document(name: "a", text: "\(long) Jane Roe sued Initech. She also sued Globex, and Initech sued Acme.", date: "2024-01-02"),
            Document(name: "b", text: "Jane Roe sued Initech. Initech sued Jane Roe. Acme, Globex and Initech met.", date: nil),
            Document(name: "a", text: "Jane Roe sued Initech. \(many) and Acme met with Jane Roe.", date: "2024-01-03"),
            Document(name: "c", text: "Nobody here.", date: nil),
        ]
        Self.expectSameGraph(documents, extractor: RelationFixtures.extractor)
    }
}
