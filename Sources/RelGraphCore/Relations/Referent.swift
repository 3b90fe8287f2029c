/// An entity a noun phrase may refer to: a name of the document (`SpellingTable`) and a type.
///
/// Two integers instead of the name itself, so that the memory's recency lists, the slot
/// candidates and the relations found compare and copy plain values (no `String` comparison,
/// no retain or release); `SpellingTable` turns `spelling` back into text where output needs it.
struct Referent: Hashable, Sendable {
    /// The name as this mention spells it (`SpellingTable.spellings`).
    var spelling: Int32
    /// The same for every spelling that `String`'s `==` calls equal (canonical equivalence):
    /// referents are equal when their identities and types are.
    var identity: Int32
    var type: EntityType

    /// Equality of the names as `String`s (canonical equivalence) and of the types, type first:
    /// candidates of a pair, and the entries of a recency list, often differ in type. The
    /// spelling is left out on purpose, as `String`'s `==` ignores it.
    static func == (a: Referent, b: Referent) -> Bool {
        a.type == b.type && a.identity == b.identity
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(identity)
        hasher.combine(type)
    }
}
