import Testing
@testable import RelGraphCore

/// The memory's recency lists are updated in place; they must keep the order that removing a
/// name, inserting it first and trimming to six entries gave.
@Suite struct ReferenceMemoryTests {
    private static func person(_ name: String) -> Referent { Referent(name: name, type: .person) }
    private static func organization(_ name: String) -> Referent { Referent(name: name, type: .organization) }

    @Test func repeatedNameMovesToFrontWithoutDuplicates() {
        var memory = ReferenceMemory()
        for name in ["A", "B", "C", "B", "B", "A"] { memory.saw(Self.person(name)) }
        #expect(memory.candidates(.person).map(\.name) == ["A", "B", "C"])
    }

    @Test func keepsTheSixMostRecent() {
        var memory = ReferenceMemory()
        for name in ["A", "B", "C", "D", "E", "F", "G", "C", "H"] { memory.saw(Self.person(name)) }
        #expect(memory.candidates(.person).map(\.name) == ["H", "C", "G", "F", "E", "D"])
    }

    @Test func thingsKeepTheSentenceTheyWereLastSeenIn() {
        var memory = ReferenceMemory()
        memory.sentence = 0
        memory.saw(Self.organization("Acme"))
        memory.saw(Self.organization("Globex"))
        memory.sentence = 5
        memory.saw(Self.organization("Acme"))
        #expect(memory.thingCandidates().map(\.name) == ["Acme", "Globex"])
        // Globex was last seen four sentences back: too far for `it`.
        #expect(memory.nearbyThingCandidates().map(\.name) == ["Acme"])
        memory.saw(Self.organization("Acme"))
        memory.saw(Self.organization("Globex"))
        #expect(memory.nearbyThingCandidates().map(\.name) == ["Globex", "Acme"])
        #expect(memory.candidates(.person).isEmpty)
    }

    /// `Referent`'s hand-written `==` (type first) is the synthesized field-by-field comparison,
    /// and equal referents hash alike, on names that differ, match or are only canonically
    /// equivalent (`é` precomposed and decomposed).
    @Test func referentEqualityIsFieldByField() {
        let names = ["Acme", "acme", "Acme ", "Caf\u{E9}", "Cafe\u{301}", "", "OpenAI"]
        let types: [EntityType] = [.person, .organization, .product]
        for a in names {
            for b in names {
                for ta in types {
                    for tb in types {
                        let x = Referent(name: a, type: ta)
                        let y = Referent(name: b, type: tb)
                        #expect((x == y) == (a == b && ta == tb))
                        if x == y { #expect(x.hashValue == y.hashValue) }
                    }
                }
            }
        }
    }

    /// Each type's candidates come from its own list, in recency order.
    @Test func candidatesOfEachTypeComeFromItsOwnList() {
        var memory = ReferenceMemory()
        memory.saw(Self.person("Roe"))
        memory.saw(Self.organization("Acme"))
        memory.saw(Referent(name: "Grok", type: .product))
        memory.saw(Self.person("Doe"))
        #expect(memory.candidates(.person) == [Self.person("Doe"), Self.person("Roe")])
        #expect(memory.candidates(.organization) == [Self.organization("Acme")])
        #expect(memory.candidates(.product) == [Referent(name: "Grok", type: .product)])
    }
}
