/// What a document has named so far, for pronouns (`his`, `it`), definite descriptions
/// (`the company`, `the billionaire`) and role descriptions (`the OpenAI CEO`).
///
/// Only named mentions move the memory: a pronoun never becomes an antecedent itself.
struct ReferenceMemory {
    /// Most recent first, a few per type: an object pronoun skips the clause's subject.
    private var recent: [EntityType: [String]] = [:]
    /// Most recent organization or product first (`its`, `the project`).
    private var recentThings: [Referent] = []
    /// (organization, role row) → the person last named in that role.
    private var roles: [RoleKey: Referent] = [:]

    private struct RoleKey: Hashable {
        var organization: String
        var row: Int
    }

    private static let depth = 6

    mutating func saw(_ referent: Referent) {
        var list = recent[referent.type, default: []]
        list.removeAll { $0 == referent.name }
        list.insert(referent.name, at: 0)
        if list.count > Self.depth { list.removeLast() }
        recent[referent.type] = list
        if referent.type != .person {
            recentThings.removeAll { $0 == referent }
            recentThings.insert(referent, at: 0)
            if recentThings.count > Self.depth { recentThings.removeLast() }
        }
    }

    func candidates(_ type: EntityType) -> [Referent] {
        (recent[type] ?? []).map { Referent(name: $0, type: type) }
    }

    /// Organizations before products: `its partnership` is rarely a product's.
    func thingCandidates() -> [Referent] {
        recentThings.filter { $0.type == .organization } + recentThings.filter { $0.type != .organization }
    }

    mutating func remember(holder: Referent, organization: String, row: Int) {
        roles[RoleKey(organization: organization, row: row)] = holder
    }

    func holder(organization: String, row: Int) -> Referent? {
        roles[RoleKey(organization: organization, row: row)]
    }
}

/// An entity a noun phrase may refer to.
struct Referent: Hashable, Sendable {
    var name: String
    var type: EntityType
}
