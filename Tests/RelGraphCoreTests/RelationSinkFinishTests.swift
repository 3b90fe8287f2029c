import Testing
@testable import RelGraphCore

/// `PartialGraphRelationSink.finish()` hands the graph over with the document's relations
/// added once: the sink keeps no reference to it, and a second call adds nothing again.
@Suite struct RelationSinkFinishTests {
    @Test func finishingTwiceAddsTheRelationsOnce() {
        let document = Document(name: "d", text: "Elon Musk met Sam Altman.")
        let text = AnalyzedText(bytes: Array(document.text.utf8))
        var names = SpellingTable()
        let source = names.intern("Elon Musk").spelling, target = names.intern("Sam Altman").spelling
        var sink = PartialGraphRelationSink(graph: PartialGraph(), text: text, document: document)
        sink.beginSentence(SentenceSpan(start: 0, end: text.bytes.count, tokens: 0..<text.tokens.count), start: 0, end: text.bytes.count, text: text)
        sink.addCoMention(source: source, target: target, names: names)
        let graph = sink.finish()
        #expect(graph.relationCount == 1 && graph.evidenceCount == 1)
        let again = sink.finish()
        #expect(again.relationCount == 0 && again.evidenceCount == 0)
        #expect(graph.relationCount == 1 && graph.evidenceCount == 1)
    }

    /// A worker hands each document's sink the caches of the one before (`takeCaches()`): the
    /// graph must be the one of documents each extracted with new caches, with documents of
    /// many names and of few in turn (the caches shrink in use and grow again).
    @Test func keptCachesGiveTheGraphOfNewOnes() {
        let corpus = SyntheticCorpus(seed: 37, megabytes: 0.1)
        let extractor = Extractor(recognizer: Recognizer(lexicon: corpus.lexicon))
        var documents = corpus.documents().sorted { $0.text.utf8.count < $1.text.utf8.count }
        var interleaved: [Document] = []
        while !documents.isEmpty {
            interleaved.append(documents.removeLast())
            if !documents.isEmpty { interleaved.append(documents.removeFirst()) }
        }
        var fresh = PartialGraph()
        for document in interleaved { extractor.extract(document, into: &fresh) }
        var kept = PartialGraph()
        var state = Extractor.WorkerState()
        for document in interleaved { extractor.extract(document, into: &kept, state: &state) }
        #expect(fresh.relationCount > 50)
        #expect(kept.relationCount == fresh.relationCount && kept.evidenceCount == fresh.evidenceCount)
        #expect(kept.finalized() == fresh.finalized())
        #expect(extractor.graph(of: interleaved) == fresh.finalized())
        // The public worker (what the stage benchmark times) keeps the same state.
        let worker = ExtractionWorker(extractor: extractor)
        var viaWorker = PartialGraph()
        for document in interleaved { worker.extract(document, into: &viaWorker) }
        #expect(viaWorker.finalized() == fresh.finalized())
        #expect(interleaved.allSatisfy { worker.recognize($0) == extractor.recognizer.recognize(AnalyzedText(bytes: $0.utf8)) })
        #expect(interleaved.allSatisfy { document in
            let fresh = AnalyzedText(bytes: document.utf8), reused = worker.analyze(document)
            return reused.tokens == fresh.tokens && reused.sentences == fresh.sentences
        })
    }
}
