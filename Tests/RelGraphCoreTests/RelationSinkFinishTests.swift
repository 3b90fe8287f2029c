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
}
