import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RelGraphCore

@Suite struct ExportWritersTests {
    private let graph = RelationGraph(
        entities: [
            Entity(name: "R&D \"Lab\"", type: .organization, aliases: ["Lab; the"], mentions: 2),
            Entity(name: "Zoë", type: .person, mentions: 3),
        ],
        relations: [
            Relation(source: "Zoë", target: "R&D \"Lab\"", kind: .offeredToBuy, evidence: [
                Evidence(document: "d", sentence: "s", start: 0, end: 1),
                Evidence(document: "d", sentence: "t", start: 5, end: 9),
            ]),
            Relation(source: "R&D \"Lab\"", target: "Zoë", kind: .competesWith, evidence: [
                Evidence(document: "d", sentence: "s", start: 0, end: 1),
            ]),
        ]
    )

    @Test func graphMLDeclaresTypedKeysAndIsWellFormed() {
        let text = GraphMLWriter().write(graph)
        #expect(XMLParser(data: Data(text.utf8)).parse())
        #expect(text.contains(#"<key id="type" for="node" attr.name="type" attr.type="string"/>"#))
        #expect(text.contains(#"<key id="weight" for="edge" attr.name="weight" attr.type="double"/>"#))
        #expect(text.contains(#"<node id="n0"><data key="label">R&amp;D &quot;Lab&quot;</data><data key="type">organization</data><data key="mentions">2</data><data key="aliases">Lab; the</data></node>"#))
        #expect(text.contains(#"<edge id="e1" source="n1" target="n0"><data key="elabel">offered to buy</data><data key="relation">offered_to_buy</data><data key="polarity">neutral</data><data key="weight">2</data><data key="symmetric">false</data></edge>"#))
    }

    @Test func graphMLReplacesCharactersXMLForbids() {
        let odd = RelationGraph(entities: [Entity(name: "bell\u{7}", type: .person)])
        let text = GraphMLWriter().write(odd)
        #expect(text.contains("bell\u{FFFD}"))
        #expect(XMLParser(data: Data(text.utf8)).parse())
    }

    @Test func neo4jCSVHasImportHeadersAndQuotedFields() {
        let writer = Neo4jCSVWriter()
        #expect(writer.nodes(graph) == #"""
            name:ID,:LABEL,type,mentions:int,aliases:string[]
            "R&D ""Lab""",Entity;Organization,organization,2,"Lab, the"
            "Zoë",Entity;Person,person,3,""

            """#)
        #expect(writer.edges(graph) == #"""
            :START_ID,:END_ID,:TYPE,polarity,weight:double,symmetric:boolean
            "R&D ""Lab""","Zoë",COMPETES_WITH,hostile,1,true
            "Zoë","R&D ""Lab""",OFFERED_TO_BUY,neutral,2,false

            """#)
    }
}
