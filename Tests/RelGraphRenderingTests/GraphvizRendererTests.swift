import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import RelGraphCore
import RelGraphRendering

@Suite struct GraphvizRendererTests {
    private let dot = DOTWriter().write(RelationGraph(
        entities: [Entity(name: "R&D <lab>", type: .organization), Entity(name: "Zoë \"Z\"", type: .person)],
        relations: [Relation(source: "Zoë \"Z\"", target: "R&D <lab>", kind: .leads, evidence: [
            Evidence(document: "d", sentence: "s", start: 0, end: 1),
        ])]
    ))

    @Test func svgIsWellFormedXML() throws {
        let svg = try GraphvizRenderer().render(dot: dot, engine: "dot", format: "svg")
        let parser = XMLParser(data: svg)
        #expect(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
    }

    @Test(arguments: ["dot", "neato", "fdp", "sfdp", "circo", "twopi"])
    func everyEngineLaysOutTheGraph(engine: String) throws {
        let svg = try GraphvizRenderer().render(dot: dot, engine: engine, format: "svg")
        #expect(XMLParser(data: svg).parse())
    }

    @Test func rendersBinaryFormats() throws {
        let png = try GraphvizRenderer().render(dot: dot, engine: "dot", format: "png")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let pdf = try GraphvizRenderer().render(dot: dot, engine: "dot", format: "pdf")
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }

    @Test func listsWhatThisBuildHas() {
        #expect(Set(["svg", "png", "pdf", "dot"]).isSubset(of: GraphvizRenderer.availableFormats()))
        #expect(Set(["dot", "neato", "fdp", "sfdp", "circo", "twopi"]).isSubset(of: GraphvizRenderer.availableEngines()))
    }

    @Test func unknownEngineAndFormatListTheAvailableOnes() {
        #expect(throws: RenderError.unsupportedEngine("spring", available: GraphvizRenderer.availableEngines())) {
            try GraphvizRenderer().render(dot: dot, engine: "spring", format: "svg")
        }
        #expect(throws: RenderError.unsupportedFormat("docx", available: GraphvizRenderer.availableFormats())) {
            try GraphvizRenderer().render(dot: dot, engine: "dot", format: "docx")
        }
        let message = RenderError.unsupportedEngine("spring", available: ["dot", "neato"]).description
        #expect(message == "this Graphviz build has no layout engine 'spring'; it has: dot, neato")
    }

    @Test func graphvizSyntaxErrorsBecomeSwiftErrors() throws {
        do {
            _ = try GraphvizRenderer().render(dot: "digraph { a -> }", engine: "dot", format: "svg")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.description.hasPrefix("Graphviz cannot parse the DOT text: "))
            #expect(error.description.contains("syntax error"))
        }
        // The parser recovers: the next valid text parses.
        #expect(try GraphvizRenderer.summary(ofDOT: "digraph { a -> b }").nodeNames == ["a", "b"])
    }

    @Test func layoutAloneSucceeds() throws {
        try GraphvizRenderer().layout(dot: dot, engine: "sfdp")
    }

    @Test func suggestedEngineDependsOnSize() {
        let small = RelationGraph(entities: (0..<150).map { Entity(name: "e\($0)", type: .person) })
        let large = RelationGraph(entities: (0..<151).map { Entity(name: "e\($0)", type: .person) })
        #expect(GraphvizRenderer.suggestedEngine(for: small) == "dot")
        #expect(GraphvizRenderer.suggestedEngine(for: large) == "sfdp")
        #expect(DOTWriter().write(small).contains("splines=true"))
        #expect(!DOTWriter().write(large).contains("splines"))
    }
}
