/// What a document has named so far, for pronouns (`his`, `it`), definite descriptions
/// (`the company`, `the billionaire`) and role descriptions (`the OpenAI CEO`).
///
/// Only named mentions move the memory: a pronoun never becomes an antecedent itself.
struct ReferenceMemory {
    /// Most recent first, a few per type: an object pronoun skips the clause's subject. Three
    /// lists rather than an array of lists, so that updating one is a plain in-place write.
    private var persons: [Referent] = []
    private var organizations: [Referent] = []
    private var products: [Referent] = []
    /// Most recent organization or product first (`its`, `the project`), with the sentence
    /// where each was last referred to: `it` and `its` reach back one sentence at most, since
    /// they so often mean a thing that has no name (`Roe praised the deal, but Doe criticized
    /// it`). Only the things listed here are ever read back, so the sentence is kept with them.
    private var recentThings: [(referent: Referent, lastSeen: Int)] = []
    /// (organization's identity, role row) → the person last named in that role.
    private var roles: [RoleKey: Referent] = [:]

    private struct RoleKey: Hashable {
        var organization: Int32
        var row: Int
    }

    private static let depth = 6

    /// An empty memory whose lists have room for `depth` entries from the start.
    init() {
        persons.reserveCapacity(Self.depth)
        organizations.reserveCapacity(Self.depth)
        products.reserveCapacity(Self.depth)
        recentThings.reserveCapacity(Self.depth)
    }
    /// The sentence being read.
    var sentence = 0

    mutating func saw(_ referent: Referent) {
        switch referent.type {
        case .person: Self.moveToFront(referent, in: &persons) { $0 }
        case .organization: Self.moveToFront(referent, in: &organizations) { $0 }
        case .product: Self.moveToFront(referent, in: &products) { $0 }
        }
        if referent.type != .person { Self.moveToFront((referent, sentence), in: &recentThings) { $0.referent } }
    }

    /// Puts `entry` first in `list` in place of the entry whose referent equals its own (lists
    /// hold no duplicates), keeping at most `depth` entries: what removing every match,
    /// inserting at the front and dropping the last entry past `depth` would give, without
    /// rebuilding the list. The entry found takes the new spelling (`Referent` equality is the
    /// names' canonical equivalence) and, for `recentThings`, the current sentence.
    @inline(__always)
    private static func moveToFront<Entry>(_ entry: Entry, in list: inout [Entry], referent: (Entry) -> Referent) {
        let key = referent(entry)
        var k = 0
        while k < list.count, referent(list[k]) != key { k += 1 }
        if k == list.count {
            if list.count < depth {
                list.append(entry)
            } else {
                k -= 1
            }
        }
        // The entries before `k` move back one, over the old entry (or the last one).
        list.withUnsafeMutableBufferPointer { list in
            while k > 0 {
                list[k] = list[k - 1]
                k -= 1
            }
            list[0] = entry
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
        var result = ScratchList<Referent>()
        appendCandidates(type, to: &result)
        return result.array
    }

    /// Organizations before products: `its partnership` is rarely a product's.
    func thingCandidates() -> [Referent] {
        var result = ScratchList<Referent>()
        appendThingCandidates(to: &result)
        return result.array
    }

    /// Things referred to in this sentence or the one before, for `it` and `its`.
    func nearbyThingCandidates() -> [Referent] {
        var result = ScratchList<Referent>()
        appendNearbyThingCandidates(to: &result)
        return result.array
    }

    // The `append…` forms add the same lists to the end of a buffer the caller reuses, so that a
    // sentence's pronouns allocate nothing.

    func appendSubjectPronounCandidates(personNamedInSentence: Bool, to result: inout ScratchList<Referent>) {
        guard !personNamedInSentence, let topic else { return appendCandidates(.person, to: &result) }
        result.append(topic)
        for person in persons where person != topic { result.append(person) }
    }

    func appendCandidates(_ type: EntityType, to result: inout ScratchList<Referent>) {
        // Each list read in place: a function returning the list would copy it (a retain, a release).
        switch type {
        case .person: result.append(contentsOf: persons)
        case .organization: result.append(contentsOf: organizations)
        case .product: result.append(contentsOf: products)
        }
    }

    func appendThingCandidates(to result: inout ScratchList<Referent>) {
        for entry in recentThings where entry.referent.type == .organization { result.append(entry.referent) }
        for entry in recentThings where entry.referent.type != .organization { result.append(entry.referent) }
    }

    func appendNearbyThingCandidates(to result: inout ScratchList<Referent>) {
        for entry in recentThings where entry.lastSeen >= sentence - 1 && entry.referent.type == .organization { result.append(entry.referent) }
        for entry in recentThings where entry.lastSeen >= sentence - 1 && entry.referent.type != .organization { result.append(entry.referent) }
    }

    /// A description (`the company`) refers to `referent` here: it stays near for `it`.
    mutating func mentioned(_ referent: Referent) {
        guard referent.type != .person, let index = recentThings.firstIndex(where: { $0.referent == referent }) else { return }
        recentThings[index].lastSeen = sentence
    }

    mutating func remember(holder: Referent, organization: Referent, row: Int) {
        roles[RoleKey(organization: organization.identity, row: row)] = holder
    }

    func holder(organization: Referent, row: Int) -> Referent? {
        roles[RoleKey(organization: organization.identity, row: row)]
    }
}
