import Testing
@testable import RelGraphCore

/// The memory's recency lists are updated in place; they must keep the order that removing a
/// name, inserting it first and trimming to six entries gave.
@Suite struct ReferenceMemoryTests {
    /// Interns the test's names; `names(_:)` reads referents back as text.
    private final class Names {
        var table = SpellingTable()
        func person(_ name: String) -> Referent { table.referent(name, type: .person) }
        func organization(_ name: String) -> Referent { table.referent(name, type: .organization) }
        func product(_ name: String) -> Referent { table.referent(name, type: .product) }
        func names(_ referents: [Referent]) -> [String] { referents.map { table.name($0) } }
    }

    @Test func repeatedNameMovesToFrontWithoutDuplicates() {
        let n = Names()
        var memory = ReferenceMemory()
        for name in ["A", "B", "C", "B", "B", "A"] { memory.saw(n.person(name)) }
        #expect(n.names(memory.candidates(.person)) == ["A", "B", "C"])
    }

    @Test func keepsTheSixMostRecent() {
        let n = Names()
        var memory = ReferenceMemory()
        for name in ["A", "B", "C", "D", "E", "F", "G", "C", "H"] { memory.saw(n.person(name)) }
        #expect(n.names(memory.candidates(.person)) == ["H", "C", "G", "F", "E", "D"])
    }

    /// The in-place update equals removing the name, inserting it first and trimming to six,
    /// on random sequences over few names (so that names repeat and the list overflows).
    @Test func inPlaceUpdateMatchesRemoveInsertTrim() {
        let n = Names()
        var generator = SplitMix64(seed: 0x6E_3E0F)
        for _ in 0..<200 {
            var memory = ReferenceMemory()
            var expected: [String] = []
            for _ in 0..<30 {
                let name = String(UnicodeScalar(UInt8.random(in: 65...74, using: &generator)))
                memory.saw(n.organization(name))
                expected.removeAll { $0 == name }
                expected.insert(name, at: 0)
                if expected.count > 6 { expected.removeLast() }
                #expect(n.names(memory.candidates(.organization)) == expected)
                #expect(n.names(memory.thingCandidates()) == expected)
            }
        }
    }

    @Test func thingsKeepTheSentenceTheyWereLastSeenIn() {
        let n = Names()
        var memory = ReferenceMemory()
        memory.sentence = 0
        memory.saw(n.organization("Acme"))
        memory.saw(n.organization("Globex"))
        memory.sentence = 5
        memory.saw(n.organization("Acme"))
        #expect(n.names(memory.thingCandidates()) == ["Acme", "Globex"])
        // Globex was last seen four sentences back: too far for `it`.
        #expect(n.names(memory.nearbyThingCandidates()) == ["Acme"])
        memory.saw(n.organization("Acme"))
        memory.saw(n.organization("Globex"))
        #expect(n.names(memory.nearbyThingCandidates()) == ["Globex", "Acme"])
        #expect(memory.candidates(.person).isEmpty)
    }

    /// `Referent` equality is `String` equality of the names (canonical equivalence: `é`
    /// precomposed and decomposed, `K` and the Kelvin sign) and of the types, and equal
    /// referents hash alike.
    @Test func referentEqualityIsNameEqualityAsStrings() {
        let names = ["Acme", "acme", "Acme ", "Caf\u{E9}", "Cafe\u{301}", "", "OpenAI", "Kelvin", "\u{212A}elvin", "\u{212B}", "\u{C5}", "A\u{30A}"]
        let types: [EntityType] = [.person, .organization, .product]
        var table = SpellingTable()
        for a in names {
            for b in names {
                for ta in types {
                    for tb in types {
                        let x = table.referent(a, type: ta)
                        let y = table.referent(b, type: tb)
                        #expect((x == y) == (a == b && ta == tb), "\(a.unicodeScalars.map(\.value)) \(b.unicodeScalars.map(\.value))")
                        if x == y { #expect(x.hashValue == y.hashValue) }
                        // Each keeps its own spelling.
                        #expect(table.name(x).utf8.elementsEqual(a.utf8))
                        #expect(table.name(y).utf8.elementsEqual(b.utf8))
                    }
                }
            }
        }
    }

    /// Interning the same names in any order gives equal identities exactly for equal
    /// strings, whether the document's first non-ASCII name comes first, last or between.
    @Test func identitiesDoNotDependOnOrder() {
        let names = ["Kelvin", "Caf\u{E9}", "\u{212A}elvin", "Cafe\u{301}", "Acme", "acme", "\u{C5}ngstr\u{F6}m", "A\u{30A}ngstro\u{308}m"]
        for rotation in names.indices {
            let order = Array(names[rotation...] + names[..<rotation])
            var table = SpellingTable()
            let referents = order.map { table.referent($0, type: .organization) }
            for i in order.indices {
                for j in order.indices {
                    #expect((referents[i] == referents[j]) == (order[i] == order[j]))
                    #expect((referents[i].spelling == referents[j].spelling) == order[i].utf8.elementsEqual(order[j].utf8))
                }
            }
            #expect(table.count == names.count)
        }
    }

    /// The document's first non-ASCII name may itself equal an earlier ASCII one (`K` and the
    /// Kelvin sign, `;` and U+037E GREEK QUESTION MARK): switching to `String` comparison must
    /// find the earlier spelling's identity, not start a new one.
    @Test func firstNonASCIINameFindsItsEarlierASCIIEqual() {
        for (ascii, other) in [("Karl", "\u{212A}arl"), (";", "\u{37E}")] {
            #expect(ascii == other)
            var table = SpellingTable()
            let earlier = table.referent(ascii, type: .person)
            let unrelated = table.referent("Acme", type: .person)
            let later = table.referent(other, type: .person)
            #expect(later == earlier)
            #expect(later.hashValue == earlier.hashValue)
            #expect(later != unrelated)
            #expect(later.spelling != earlier.spelling)
            #expect(table.name(later).utf8.elementsEqual(other.utf8))
            #expect(table.name(earlier).utf8.elementsEqual(ascii.utf8))
            // Later spellings of either form keep that identity.
            #expect(table.referent(ascii, type: .person) == earlier)
            #expect(table.referent(other, type: .person) == earlier)
        }
    }

    /// A name seen again in another spelling that is equal as a `String` takes the place of
    /// the old entry, with the new spelling (what storing the `String` did).
    @Test func equalNameTakesTheNewSpelling() {
        let n = Names()
        var memory = ReferenceMemory()
        memory.saw(n.person("Jos\u{E9}"))
        memory.saw(n.person("Doe"))
        memory.saw(n.person("Jose\u{301}"))
        let names = n.names(memory.candidates(.person))
        #expect(names.count == 2)
        #expect(names[0].unicodeScalars.map(\.value) == "Jose\u{301}".unicodeScalars.map(\.value))
        #expect(names[1] == "Doe")
    }

    /// Each type's candidates come from its own list, in recency order.
    @Test func candidatesOfEachTypeComeFromItsOwnList() {
        let n = Names()
        var memory = ReferenceMemory()
        memory.saw(n.person("Roe"))
        memory.saw(n.organization("Acme"))
        memory.saw(n.product("Grok"))
        memory.saw(n.person("Doe"))
        #expect(memory.candidates(.person) == [n.person("Doe"), n.person("Roe")])
        #expect(memory.candidates(.organization) == [n.organization("Acme")])
        #expect(memory.candidates(.product) == [n.product("Grok")])
    }

    /// Role memory is keyed by the organization's name as a `String`, whatever its type.
    @Test func roleMemoryKeysOnTheOrganizationName() {
        let n = Names()
        var memory = ReferenceMemory()
        memory.remember(holder: n.person("Roe"), organization: n.organization("Caf\u{E9}"), row: 3)
        #expect(memory.holder(organization: n.organization("Cafe\u{301}"), row: 3) == n.person("Roe"))
        #expect(memory.holder(organization: n.product("Caf\u{E9}"), row: 3) == n.person("Roe"))
        #expect(memory.holder(organization: n.organization("Caf\u{E9}"), row: 4) == nil)
        #expect(memory.holder(organization: n.organization("Cafe"), row: 3) == nil)
    }
}
