import Foundation
import PropertyBased
import Testing
import RelGraphCore
import RelGraphRendering

/// Every name survives a trip through Graphviz's own parser (`agmemread`).
@Suite struct DOTEscapingTests {
    static let awkwardNames = [
        "plain", "two words", "", "node", "Graph", "STRICT", "123", "-1.5", "a-b", "a:b", "x;y", "{}", "[x=1]",
        "say \"hi\"", #"back\slash"#, #"trailing\"#, #"double\\"#, #"odd\\\"#, #"quote after odd\"x"#,
        #"even\\"x"#, "line\nbreak", #"odd\"# + "\nline", "cr\r\nlf", "tab\there", "<b>bold</b>", "a < b", "a > b",
        #"<in>\"#, "R&D", "Zoë", "東京", "emoji 🙂", "#hash", "// comment", "/* c */", "\\N", "\\G", "a\\nb",
        "+", "\"", "\\", "\\\\", "\u{1}ctl", "é<ü>",
        // A line feed alone between quotes or backslashes is dropped by cgraph's scanner.
        "\n", "\"\n\"", #"\"# + "\n" + #"\"#,
    ]

    private func graph(of names: [String]) -> RelationGraph {
        let unique = Array(Set(names))
        var relations: [Relation] = []
        for (index, name) in unique.enumerated() where index > 0 {
            let kind = RelationKind.allCases[index % RelationKind.allCases.count]
            relations.append(Relation(source: unique[index - 1], target: name, kind: kind, evidence: [
                Evidence(document: "d", sentence: "s", start: index, end: index + 1),
            ]))
        }
        return RelationGraph(entities: unique.map { Entity(name: $0, type: .person) }, relations: relations)
    }

    /// The node names Graphviz reads back, in the writer's (sorted) order.
    private func roundTrip(_ graph: RelationGraph) throws -> [String] {
        try GraphvizRenderer.summary(ofDOT: DOTWriter().write(graph)).nodeNames
    }

    @Test(arguments: awkwardNames)
    func nameRoundTripsThroughAgmemread(name: String) throws {
        let graph = graph(of: [name, "other"])
        #expect(DOTString.isExact(name))
        #expect(try roundTrip(graph) == graph.entities.map(\.name))
    }

    @Test func unrepresentableNamesStillGiveValidDOT() throws {
        // An odd backslash run at the end and `>` closing before any `<`: no DOT syntax holds it.
        let names = [#"a>b\"#, "nul\0inside"]
        for name in names { #expect(!DOTString.isExact(name)) }
        #expect(try roundTrip(graph(of: names)).count == 2)
    }

    @Test func labelsShowBackslashesAndLineBreaksLiterally() throws {
        let name = #"C:\new\Name"# + "\nsecond"
        let dot = DOTWriter().write(RelationGraph(entities: [Entity(name: name, type: .product)]))
        #expect(dot.contains(#"label="C:\\new\\Name\nsecond""#))
        let svg = String(decoding: try GraphvizRenderer().render(dot: dot, engine: "dot", format: "svg"), as: UTF8.self)
        #expect(svg.contains(#">C:\new\Name</text>"#))
        #expect(svg.contains(">second</text>"))
    }

    static let awkwardCharacters: [Character] = [
        "a", "Z", "_", "0", " ", "\"", "\\", "\\", "\n", "\r", "\t", "<", ">", "&", ";", "{", "}", "=",
        "-", "#", "/", "*", "+", ",", ":", "é", "中", "🙂", "\u{7F}", "\u{1}",
    ]

    @Test func randomAwkwardNamesRoundTrip() async {
        let name = Gen<Character?>.element(of: Self.awkwardCharacters).map { $0! }.string(of: 0...10)
        await propertyCheck(count: 1000, input: name.array(of: 1...6)) { names in
            let graph = graph(of: names)
            let read = try? roundTrip(graph)
            #expect(read != nil, "DOT for \(names) does not parse")
            if graph.entities.allSatisfy({ DOTString.isExact($0.name) }) {
                #expect(read == graph.entities.map(\.name))
            }
        }
    }
}
