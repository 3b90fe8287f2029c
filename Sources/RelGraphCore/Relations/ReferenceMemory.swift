/// What a document has named so far, for pronouns (`his`, `it`), definite descriptions
/// (`the company`, `the billionaire`) and role descriptions (`the OpenAI CEO`).
///
/// Only named mentions move the memory: a pronoun never becomes an antecedent itself.
struct ReferenceMemory {
    /// Most recent first, a few per type: an object pronoun skips the clause's subject. Three
    /// lists rather than an array of lists, so that updating one is a plain in-place write.
    private var persons: [String] = []
    private var organizations: [String] = []
    private var products: [String] = []
    /// Most recent organization or product first (`its`, `the project`), with the sentence
    /// where each was last referred to: `it` and `its` reach back one sentence at most, since
    /// they so often mean a thing that has no name (`Roe praised the deal, but Doe criticized
    /// it`). Only the things listed here are ever read back, so the sentence is kept with them.
    private var recentThings: [(referent: Referent, lastSeen: Int)] = []
    /// (organization, role row) → the person last named in that role.
    private var roles: [RoleKey: Referent] = [:]

    private struct RoleKey: Hashable {
        var organization: String
        var row: Int
    }

    private static let depth = 6
    /// The sentence being read.
    var sentence = 0

    mutating func saw(_ referent: Referent) {
        switch referent.type {
        case .person: Self.moveToFront(referent.name, in: &persons)
        case .organization: Self.moveToFront(referent.name, in: &organizations)
        case .product: Self.moveToFront(referent.name, in: &products)
        }
        if referent.type != .person { moveThingToFront(referent) }
    }

    /// Puts `name` first in `list` in place of the entry equal to it (lists hold no
    /// duplicates), keeping at most `depth` entries: what removing every match, inserting at the
    /// front and dropping the last entry past `depth` would give, without rebuilding the list.
    /// (`==` is canonical equivalence: the entry found takes the new spelling.)
    private static func moveToFront(_ name: String, in list: inout [String]) {
        var k = 0
        while k < list.count, list[k] != name { k += 1 }
        if k < list.count {
            list[k] = name
        } else if list.count < depth {
            list.append(name)
            k = list.count - 1
        } else {
            k = list.count - 1
            list[k] = name
        }
        while k > 0 {
            list.swapAt(k, k - 1)
            k -= 1
        }
    }

    /// `moveToFront(_:in:)` for `recentThings`, stamping the entry with the current sentence.
    private mutating func moveThingToFront(_ referent: Referent) {
        var k = 0
        // `Referent` equality, the type (cheaper) first.
        while k < recentThings.count, !(recentThings[k].referent.type == referent.type && recentThings[k].referent.name == referent.name) { k += 1 }
        if k < recentThings.count {
            recentThings[k] = (referent, sentence)
        } else if recentThings.count < Self.depth {
            recentThings.append((referent, sentence))
            k = recentThings.count - 1
        } else {
            k = recentThings.count - 1
            recentThings[k] = (referent, sentence)
        }
        while k > 0 {
            recentThings.swapAt(k, k - 1)
            k -= 1
        }
    }

    /// The first person named in the last sentence that named one: the likeliest referent of
    /// a subject `he`/`she` (*Musk sued OpenAI. He also criticized Altman.*).
    private(set) var topic: Referent?

    mutating func endSentence(firstPerson: Referent?) {
        if let firstPerson { topic = firstPerson }
    }

    /// Test convenience over `appendCandidates(_:to:)`.
    func candidates(_ type: EntityType) -> [Referent] {
        var result: [Referent] = []
        appendCandidates(type, to: &result)
        return result
    }

    /// Organizations before products: `its partnership` is rarely a product's.
    func thingCandidates() -> [Referent] {
        var result: [Referent] = []
        appendThingCandidates(to: &result)
        return result
    }

    /// Things referred to in this sentence or the one before, for `it` and `its`.
    func nearbyThingCandidates() -> [Referent] {
        var result: [Referent] = []
        appendNearbyThingCandidates(to: &result)
        return result
    }

    // The `append…` forms add the same lists to the end of a buffer the caller reuses, so that a
    // sentence's pronouns allocate nothing.

    func appendSubjectPronounCandidates(personNamedInSentence: Bool, to result: inout [Referent]) {
        guard !personNamedInSentence, let topic else { return appendCandidates(.person, to: &result) }
        result.append(topic)
        for name in persons where !(topic.type == .person && topic.name == name) {
            result.append(Referent(name: name, type: .person))
        }
    }

    func appendCandidates(_ type: EntityType, to result: inout [Referent]) {
        // Each list read in place: a function returning the list would copy it (a retain, a release).
        switch type {
        case .person: for name in persons { result.append(Referent(name: name, type: .person)) }
        case .organization: for name in organizations { result.append(Referent(name: name, type: .organization)) }
        case .product: for name in products { result.append(Referent(name: name, type: .product)) }
        }
    }

    func appendThingCandidates(to result: inout [Referent]) {
        for entry in recentThings where entry.referent.type == .organization { result.append(entry.referent) }
        for entry in recentThings where entry.referent.type != .organization { result.append(entry.referent) }
    }

    func appendNearbyThingCandidates(to result: inout [Referent]) {
        for entry in recentThings where entry.lastSeen >= sentence - 1 && entry.referent.type == .organization { result.append(entry.referent) }
        for entry in recentThings where entry.lastSeen >= sentence - 1 && entry.referent.type != .organization { result.append(entry.referent) }
    }

    /// A description (`the company`) refers to `referent` here: it stays near for `it`.
    mutating func mentioned(_ referent: Referent) {
        guard referent.type != .person, let index = recentThings.firstIndex(where: { $0.referent == referent }) else { return }
        recentThings[index].lastSeen = sentence
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

    /// The synthesized comparison with the type (cheaper) first: candidates of a pair, and the
    /// entries of a recency list, often differ in type. The same relation as the synthesized one,
    /// so hashing stays consistent.
    static func == (a: Referent, b: Referent) -> Bool {
        a.type == b.type && a.name == b.name
    }
}
