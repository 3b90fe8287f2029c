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
    /// The sentence being read, and where each organization or product was last referred to:
    /// `it` and `its` reach back one sentence at most, since they so often mean a thing that
    /// has no name (`Roe praised the deal, but Doe criticized it`).
    var sentence = 0
    private var lastSeen: [Referent: Int] = [:]

    mutating func saw(_ referent: Referent) {
        var list = recent[referent.type, default: []]
        list.removeAll { $0 == referent.name }
        list.insert(referent.name, at: 0)
        if list.count > Self.depth { list.removeLast() }
        recent[referent.type] = list
        if referent.type != .person {
            lastSeen[referent] = sentence
            recentThings.removeAll { $0 == referent }
            recentThings.insert(referent, at: 0)
            if recentThings.count > Self.depth { recentThings.removeLast() }
        }
    }

    /// The first person named in the last sentence that named one: the likeliest referent of
    /// a subject `he`/`she` (*Musk sued OpenAI. He also criticized Altman.*).
    private(set) var topic: Referent?

    mutating func endSentence(firstPerson: Referent?) {
        if let firstPerson { topic = firstPerson }
    }

    /// For `he`/`she`: a person named earlier in the same sentence by recency, otherwise the
    /// previous sentence's first person, then the others by recency.
    func subjectPronounCandidates(personNamedInSentence: Bool) -> [Referent] {
        let byRecency = candidates(.person)
        guard !personNamedInSentence, let topic else { return byRecency }
        return [topic] + byRecency.filter { $0 != topic }
    }

    func candidates(_ type: EntityType) -> [Referent] {
        (recent[type] ?? []).map { Referent(name: $0, type: type) }
    }

    /// Organizations before products: `its partnership` is rarely a product's.
    func thingCandidates() -> [Referent] {
        recentThings.filter { $0.type == .organization } + recentThings.filter { $0.type != .organization }
    }

    /// Things referred to in this sentence or the one before, for `it` and `its`.
    func nearbyThingCandidates() -> [Referent] {
        thingCandidates().filter { (lastSeen[$0] ?? -2) >= sentence - 1 }
    }

    /// A description (`the company`) refers to `referent` here: it stays near for `it`.
    mutating func mentioned(_ referent: Referent) {
        if referent.type != .person { lastSeen[referent] = sentence }
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
