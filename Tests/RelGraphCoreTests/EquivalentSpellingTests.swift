import Foundation
import Testing
@testable import RelGraphCore

/// Names spelled in different bytes that are equal as `String`s (`Å` composed or not, the
/// Kelvin sign for `K`) give one graph whatever order documents and shards come in: the
/// spelling kept is the smallest in bytes, and the name order is total.
@Suite struct EquivalentSpellingTests {
    /// One small partial graph per document, each naming some of the equivalent spellings.
    static let parts: [PartialGraph] = {
        let spellings: [[String]] = [
            ["W\u{212A}", "WK45", "\u{C5}ngstr\u{F6}m Labs"],
            ["WK", "W\u{212A}5", "A\u{30A}ngstro\u{308}m Labs"],
            ["W\u{212A}0Ja", "WK-c", "\u{C5}ngstro\u{308}m Labs", "W\u{212A}"],
            ["WK45", "WK", "Angstrom Labs"],
        ]
        return spellings.enumerated().map { document, names in
            var partial = PartialGraph()
            let name = "doc-\(document).txt"
            partial.addDocument(DocumentInfo(name: name, date: nil))
            for entity in names {
                partial.addEntity(entity, .init(typeVotes: [.organization: 1], mentions: 1, documents: [name]))
            }
            for (source, target) in zip(names, names.dropFirst()) {
                partial.addRelation(RelationKey(source: source, target: target, kind: .partnersWith), evidence: [
                    Evidence(document: name, sentence: "\(source) and \(target).", start: 0, end: 10, trigger: "and", date: nil),
                ])
            }
            return partial
        }
    }()

    @Test func everyMergeOrderGivesTheSameBytes() {
        let orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]
        let outputs = orders.map { order in
            GraphJSON.encode(order.reduce(into: PartialGraph()) { $0.merge(Self.parts[$1]) }.finalized())
        }
        #expect(Set(outputs).count == 1)
        // Shards of two, merged either way round, too.
        let left = Self.parts[0].merging(Self.parts[2]), right = Self.parts[3].merging(Self.parts[1])
        #expect(GraphJSON.encode(left.merging(right).finalized()) == outputs[0])
        #expect(GraphJSON.encode(right.merging(left).finalized()) == outputs[0])
    }

    @Test func theSmallestSpellingIsKeptAndTheOrderIsNFCScalars() {
        let graph = Self.parts.reversed().reduce(into: PartialGraph()) { $0.merge($1) }.finalized()
        let names = graph.entities.map(\.name)
        // Compared as bytes: as `String`s every spelling of a name is equal.
        let bytes = Set(names.map { Array($0.utf8) })
        #expect(bytes.contains(Array("WK".utf8)) && !bytes.contains(Array("W\u{212A}".utf8)))
        #expect(bytes.contains(Array("A\u{30A}ngstro\u{308}m Labs".utf8)))
        #expect(!bytes.contains(Array("\u{C5}ngstr\u{F6}m Labs".utf8)))
        #expect(bytes.contains(Array("W\u{212A}0Ja".utf8)), "a name with one spelling keeps it")
        let keys = names.map { $0.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
    }

    /// Names where `String`'s `<` is not a strict weak order (the Kelvin sign, conjoining
    /// jamo), and ordinary accented ones.
    static let awkwardNames = [
        "W\u{212A}", "WK45", "WK-c", "W\u{212A}0Ja", "\u{D55C}\u{AD6D}\u{C5B4}", "\u{1112}\u{1161}\u{11AB}\u{AD6D}",
        "\u{D55C}\u{AD6D}", "Zo\u{EB}", "\u{C5}ngstr\u{F6}m", "\u{C9}mile", "Eclair", "\u{C9}clair", "\u{FB01}n", "fin", "\u{3A3}\u{3C3}", "Acme",
    ]

    /// Whether `String`'s `<` is trusted for `name`: no Kelvin sign, no conjoining jamo.
    private static func isOrdinary(_ name: String) -> Bool {
        !name.unicodeScalars.contains { $0.value == 0x212A || (0x1100...0x11FF).contains($0.value) }
    }

    /// `NameOrder` is a strict weak order on them (irreflexive, asymmetric, transitive), and
    /// it is `String`'s `<` on every pair of the ordinary ones.
    @Test func nameOrderIsAStrictWeakOrder() {
        let names = Self.awkwardNames
        for a in names {
            #expect(!NameOrder.precedes(a, a))
            for b in names {
                #expect(!(NameOrder.precedes(a, b) && NameOrder.precedes(b, a)), "\(a) \(b)")
                if Self.isOrdinary(a), Self.isOrdinary(b), a != b {
                    #expect(NameOrder.precedes(a, b) == (a < b), "\(a) \(b)")
                }
                for c in names where NameOrder.precedes(a, b) && NameOrder.precedes(b, c) {
                    #expect(NameOrder.precedes(a, c), "\(a) \(b) \(c)")
                }
            }
        }
    }

    /// A graph of such names, written, read back and written again, gives the same bytes in
    /// either input order (a reader that sorted with `String`'s `<` reordered them), and each
    /// name is found by exact lookup.
    @Test func graphsOfAwkwardNamesReadBackInTheirOrder() throws {
        for names in [Self.awkwardNames, Self.awkwardNames.reversed()] {
            let entities = names.map { Entity(name: $0, type: .organization, aliases: [], mentions: 1) }
            let relations = zip(names, names.dropFirst()).map {
                Relation(source: $0, target: $1, kind: .partnersWith, evidence: [
                    Evidence(document: "d", sentence: "\($0) and \($1).", start: 0, end: 5, trigger: "and", date: nil),
                ])
            }
            let graph = RelationGraph(documents: [DocumentInfo(name: "d")], entities: entities, relations: relations)
            let bytes = GraphJSON.encode(graph)
            let read = try GraphJSON.decode(bytes, source: "g.json")
            #expect(read == graph)
            #expect(GraphJSON.encode(read) == bytes)
            let index = GraphIndex(read)
            for (node, entity) in read.entities.enumerated() {
                #expect(try index.node(named: entity.name) == node, "\(entity.name)")
            }
        }
        let forward = RelationGraph(entities: Self.awkwardNames.map { Entity(name: $0, type: .person, aliases: [], mentions: 1) })
        let backward = RelationGraph(entities: Self.awkwardNames.reversed().map { Entity(name: $0, type: .person, aliases: [], mentions: 1) })
        #expect(forward.entities.map { Array($0.name.utf8) } == backward.entities.map { Array($0.name.utf8) })
    }
}
