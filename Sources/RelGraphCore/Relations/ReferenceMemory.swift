/// What a document has named so far, for pronouns (`his`, `it`), definite descriptions
/// (`the company`, `the billionaire`) and role descriptions (`the OpenAI CEO`).
///
/// Only named mentions move the memory: a pronoun never becomes an antecedent itself.
struct ReferenceMemory {
    /// Most recent first, a few per type: an object pronoun skips the clause's subject. Three
    /// lists rather than an array of lists, so that updating one is a plain in-place write.
    private var persons = RecencyList<Referent>(filler: Self.filler)
    private var organizations = RecencyList<Referent>(filler: Self.filler)
    private var products = RecencyList<Referent>(filler: Self.filler)
    /// Most recent organization or product first (`its`, `the project`), with the sentence
    /// where each was last referred to: `it` and `its` reach back one sentence at most, since
    /// they so often mean a thing that has no name (`Roe praised the deal, but Doe criticized
    /// it`). Only the things listed here are ever read back, so the sentence is kept with them.
    private var recentThings = RecencyList<(referent: Referent, lastSeen: Int)>(filler: (Self.filler, 0))
    /// (organization's identity, role row) → the person last named in that role: a list
    /// searched linearly while it holds at most `linearRoleLimit` entries, then a dictionary.
    /// Why: a document remembers one or two roles (synth10: 2,569 in 2,403 documents), and
    /// each first insertion into a dictionary made per document, with its allocation and
    /// hashing, cost about 1,000 instructions (2.6 M on synth10).
    private var roleList: [(key: RoleKey, holder: Referent)] = []
    /// The roles once there are more than `linearRoleLimit` (empty until then; `roleList` is
    /// empty from then on).
    private var roles: [RoleKey: Referent] = [:]
    /// Entries past which `roleList` moves into `roles`, so that a document stating thousands
    /// of roles does not cost quadratic time.
    static let linearRoleLimit = 16

    private struct RoleKey: Hashable {
        var organization: Int32
        var row: Int
    }

    /// What fills the unused entries of the lists (never read).
    private static let filler = Referent(spelling: -1, identity: -1, type: .person)

    /// An empty memory.
    init() {}
    /// The sentence being read.
    var sentence = 0

    mutating func saw(_ referent: Referent) {
        switch referent.type {
        case .person: persons.moveToFront(referent) { $0 }
        case .organization: organizations.moveToFront(referent) { $0 }
        case .product: products.moveToFront(referent) { $0 }
        }
        if referent.type != .person { recentThings.moveToFront((referent, sentence)) { $0.referent } }
    }

    /// The first person named in the last sentence that named one: the likeliest referent of
    /// a subject `he`/`she` (*Musk sued OpenAI. He also criticized Altman.*).
    private(set) var topic: Referent?

    mutating func endSentence(firstPerson: Referent?) {
        if let firstPerson { topic = firstPerson }
    }

    /// Test convenience over `appendCandidates(_:to:)`.
    mutating func candidates(_ type: EntityType) -> [Referent] {
        var result = ScratchList<Referent>()
        appendCandidates(type, to: &result)
        return result.array
    }

    /// Organizations before products: `its partnership` is rarely a product's.
    mutating func thingCandidates() -> [Referent] {
        var result = ScratchList<Referent>()
        appendThingCandidates(to: &result)
        return result.array
    }

    /// Things referred to in this sentence or the one before, for `it` and `its`.
    mutating func nearbyThingCandidates() -> [Referent] {
        var result = ScratchList<Referent>()
        appendNearbyThingCandidates(to: &result)
        return result.array
    }

    // The `append…` forms add the same lists to the end of a buffer the caller reuses, so that a
    // sentence's pronouns allocate nothing. They are `mutating` although they only read: a
    // non-mutating call copies the whole memory (its inline lists, some 400 bytes) to read it,
    // a `mutating` one passes its address.

    mutating func appendSubjectPronounCandidates(personNamedInSentence: Bool, to result: inout ScratchList<Referent>) {
        guard !personNamedInSentence, let topic else { return appendCandidates(.person, to: &result) }
        result.append(topic)
        for k in 0..<persons.count where persons[k] != topic { result.append(persons[k]) }
    }

    mutating func appendCandidates(_ type: EntityType, to result: inout ScratchList<Referent>) {
        // Each list read in place: a function returning the list would copy it (a retain, a release).
        switch type {
        case .person: for k in 0..<persons.count { result.append(persons[k]) }
        case .organization: for k in 0..<organizations.count { result.append(organizations[k]) }
        case .product: for k in 0..<products.count { result.append(products[k]) }
        }
    }

    mutating func appendThingCandidates(to result: inout ScratchList<Referent>) {
        for k in 0..<recentThings.count where recentThings[k].referent.type == .organization { result.append(recentThings[k].referent) }
        for k in 0..<recentThings.count where recentThings[k].referent.type != .organization { result.append(recentThings[k].referent) }
    }

    mutating func appendNearbyThingCandidates(to result: inout ScratchList<Referent>) {
        for k in 0..<recentThings.count where recentThings[k].lastSeen >= sentence - 1 && recentThings[k].referent.type == .organization {
            result.append(recentThings[k].referent)
        }
        for k in 0..<recentThings.count where recentThings[k].lastSeen >= sentence - 1 && recentThings[k].referent.type != .organization {
            result.append(recentThings[k].referent)
        }
    }

    /// A description (`the company`) refers to `referent` here: it stays near for `it`.
    mutating func mentioned(_ referent: Referent) {
        guard referent.type != .person else { return }
        for k in 0..<recentThings.count where recentThings[k].referent == referent {
            recentThings[k].lastSeen = sentence
            return
        }
    }

    mutating func remember(holder: Referent, organization: Referent, row: Int) {
        let key = RoleKey(organization: organization.identity, row: row)
        if roles.isEmpty {
            for k in roleList.indices where roleList[k].key == key {
                roleList[k].holder = holder
                return
            }
            if roleList.count < Self.linearRoleLimit {
                roleList.append((key, holder))
                return
            }
            for entry in roleList { roles[entry.key] = entry.holder }
            roleList = []
        }
        roles[key] = holder
    }

    func holder(organization: Referent, row: Int) -> Referent? {
        let key = RoleKey(organization: organization.identity, row: row)
        guard roles.isEmpty else { return roles[key] }
        for entry in roleList where entry.key == key { return entry.holder }
        return nil
    }
}

/// A recency list of at most `ReferenceMemory`'s six entries, most recent first, stored inline
/// (no array: updating it checks no buffer's uniqueness and allocates nothing).
///
/// - Complexity: O(*depth*) for `moveToFront`, O(1) for the subscript.
struct RecencyList<Entry> {
    /// The room of `entries` (the unchecked accesses of `moveToFront` rely on it).
    static var depth: Int { InlineArray<6, Entry>.count }
    private var entries: InlineArray<6, Entry>
    private(set) var count = 0

    /// An empty list; `filler` fills the unused entries, which are never read.
    init(filler: Entry) {
        entries = InlineArray(repeating: filler)
    }

    /// `mutating` although it only reads: a non-mutating read of `entries[k]` copied all six
    /// entries out first (a `memcpy` per read, measured), one read in place does not.
    @inline(__always)
    subscript(k: Int) -> Entry {
        mutating get { entries[k] }
        set { entries[k] = newValue }
    }

    /// Puts `entry` first in place of the entry whose referent equals its own (the list holds
    /// no duplicates), keeping at most `depth` entries: what removing every match, inserting at
    /// the front and dropping the last entry past `depth` would give, without rebuilding the
    /// list. The entry found takes the new spelling (`Referent` equality is the names'
    /// canonical equivalence) and, for `recentThings`, the current sentence.
    ///
    /// The entries are read and written unchecked: `count` never exceeds `depth` (the six
    /// entries), and every index here is below `count` or, for the entry added, `depth`.
    @inline(__always)
    mutating func moveToFront(_ entry: Entry, referent: (Entry) -> Referent) {
        let key = referent(entry)
        var k = 0
        while k < count, referent(entries[unchecked: k]) != key { k &+= 1 }
        if k == count {
            if count < Self.depth {
                count &+= 1
            } else {
                k &-= 1
            }
        }
        // The entries before `k` move back one, over the old entry (or the last one).
        while k > 0 {
            entries[unchecked: k] = entries[unchecked: k &- 1]
            k &-= 1
        }
        entries[unchecked: 0] = entry
    }
}
