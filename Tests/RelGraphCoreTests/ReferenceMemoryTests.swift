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
}
