import Collections

/// A mergeable accumulation of what extraction found in some documents.
///
/// `merge` is associative and commutative and `finalized()` depends only on the merged
/// content, so any split of a corpus, extracted separately and merged in any order, gives
/// exactly the graph of the whole.
///
/// Layout, chosen so that a graph costs memory for its structure only: every string (names,
/// documents, triggers, dates) is stored once in `strings` and referred to by a 32-bit id;
/// a relation is a packed 64-bit key plus the head of a list threaded through `evidence`;
/// an evidence record is 40 bytes of ids and offsets, and its sentence text lives in a
/// `SentenceTextStore`, which moves to a temporary file as it grows. A 1 GB corpus thus needs
/// a few hundred megabytes, not several gigabytes of `String`s, `Set`s and dictionaries.
public struct PartialGraph: Equatable, Sendable {
    /// The exchange form of one entity's accumulated mentions (partial-graph files, tests).
    public struct EntityRecord: Hashable, Sendable {
        /// Mentions per type the recognizer assigned; the majority becomes the entity's type.
        public var typeVotes: [EntityType: Int] = [:]
        public var aliases: Set<String> = []
        public var mentions: Int = 0
        public var documents: Set<String> = []

        public init(typeVotes: [EntityType: Int] = [:], aliases: Set<String> = [], mentions: Int = 0, documents: Set<String> = []) {
            self.typeVotes = typeVotes
            self.aliases = aliases
            self.mentions = mentions
            self.documents = documents
        }

        public mutating func merge(_ other: EntityRecord) {
            typeVotes.merge(other.typeVotes, uniquingKeysWith: +)
            aliases.formUnion(other.aliases)
            mentions += other.mentions
            documents.formUnion(other.documents)
        }

        /// The most-voted type; ties go to the earlier case of `EntityType`.
        public var type: EntityType { EntityType.majority(typeVotes) }
    }

    /// An entity as stored: string ids instead of strings.
    struct StoredEntity: Sendable {
        var typeVotes = TypeVotes()
        var aliases: Set<Int32> = []
        var mentions = 0
        /// Document ids in the order seen; may repeat after merges (`FinalLayout` sorts them out when it writes the entity).
        var documents: [Int32] = []
    }

    /// One evidence record; `next` threads the evidence of one relation, newest first.
    /// 40 bytes: a 1 GB corpus has millions of these.
    struct StoredEvidence: Sendable {
        var document: Int32
        var trigger: Int32
        /// −1 for no date.
        var date: Int32
        /// Scalar offsets of the sentence; a document beyond 4 G scalars cannot be read anyway.
        var start: UInt32
        var end: UInt32
        var next: Int32
        var store: UInt16
        /// The sentence's bytes in `stores[store]`: clipped sentences are at most ~4 KB.
        var textLength: UInt16
        var textOffset: UInt64

        var text: SentenceTextStore.Reference { .init(offset: textOffset, length: UInt32(textLength)) }
    }

    /// Strings by id.
    private(set) var strings = OrderedSet<String>()
    /// `strings` by their exact bytes, so interning a string seen before costs no `Hasher`.
    private var stringIndex = StringIDIndex()
    /// Name id → its document's date id (−1: none), or `notADocument`.
    /// Why an array by id, not a `[Int32: Int32]`: one lookup and one store per document
    /// hashed the id with SipHash and grew a dictionary (about 650 instructions a document).
    private var documentDates: [Int32] = []
    /// The strings of `documentDates` that name a document.
    private var documentsAdded = 0
    /// `documentDates`' entry of a string that names no document.
    private static let notADocument: Int32 = -2
    /// Name id → position of its entity in `entityNames` and `entityRecords` (−1: none).
    /// Why an array by id, not a `[Int32: StoredEntity]`: ids are dense, so a lookup (one per
    /// name per document) is an index, where the dictionary hashed the id with SipHash.
    private var entityPositions: [Int32] = []
    private(set) var entityNames: [Int32] = []
    private(set) var entityRecords: [StoredEntity] = []
    /// The sum of the counts read from partial-graph files (`addEntityRead`).
    private var countsRead = 0
    /// Packed (source, target, kind) → relation number. Needed only to add relations:
    /// `releaseLookupTables()` drops it before finishing, and so does a merge of a graph of
    /// at least a quarter of our relations (`relationNumbers(ofMerged:ids:)`); the next
    /// addition rebuilds it.
    private var relationIndex = PackedKeyIndex()
    private(set) var relationKeys = ChunkedArray<UInt64>()
    /// Relation number → its newest evidence record.
    private var relationHeads = ChunkedArray<Int32>()
    private(set) var evidence = ChunkedArray<StoredEvidence>()
    /// Stores that hold the sentences of `evidence`; the last is appended to.
    private(set) var stores: [SentenceTextStore] = []
    /// The last sentence stored, so the relations of one sentence share its text.
    private var lastSentence: (store: Int, document: Int32, start: UInt32, reference: SentenceTextStore.Reference)?

    /// Sentence bytes each store keeps in memory before moving to its temporary file.
    var sentenceMemoryLimit = 8 << 20

    public init() {}

    // MARK: Counts

    public var documentCount: Int { documentsAdded }
    public var entityCount: Int { entityRecords.count }
    public var relationCount: Int { relationKeys.count }
    public var evidenceCount: Int { evidence.count }
    var isEmpty: Bool { documentsAdded == 0 && entityRecords.isEmpty && relationKeys.count == 0 }

    // MARK: Adding

    /// The last document name looked up: extraction adds every mention and relation of a
    /// document in a row, each naming it.
    private var lastDocument: (name: String, id: Int32)?

    mutating func documentID(_ name: String) -> Int32 {
        if let lastDocument, lastDocument.name == name { return lastDocument.id }
        let found = id(name)
        lastDocument = (name, found)
        return found
    }

    /// The last date looked up, for the same reason: every relation of a document carries its date.
    private var lastDate: (date: String, id: Int32)?

    mutating func dateID(_ date: String?) -> Int32 {
        guard let date else { return -1 }
        if let lastDate, lastDate.date == date { return lastDate.id }
        let found = id(date)
        lastDate = (date, found)
        return found
    }

    /// Ids of recent `id(_:)` calls (4 KB once used).
    private var recentIDs = RecentStringIDs(slotBits: 10)

    /// The id of `string`, added if new.
    ///
    /// - Complexity: O(1) expected: a byte hash and one comparison for a string seen before
    ///   with the same bytes; `OrderedSet`'s `String` hashing only for the first sighting (and
    ///   for a canonically equivalent spelling with other bytes, which gets the first one's id).
    ///
    /// - Parameter knownHash: the hash of the string's bytes (`ByteHash.hash`), when the caller
    ///   has it already (`addMentions` hashes a document's names ahead); computed otherwise,
    ///   and only when the recent-id cache misses.
    private mutating func id(_ string: String, hash knownHash: UInt64? = nil) -> Int32 {
        let slot = recentIDs.slot(string)
        if let cached = recentIDs.id(of: string, at: slot, stored: { strings[Int($0)] }) { return cached }
        if stringIndex.count < strings.count { rebuildStringIndex() }
        let found = StringIDIndex.withBytes(string) { bytes in
            let hash = knownHash ?? ByteHash.hash(bytes)
            if let found = stringIndex.find(bytes, hash: hash, in: strings) { return found }
            return addString(string, hash: hash)
        }
        recentIDs.remember(found, at: slot)
        return found
    }

    /// Sets `hashes` to the hashes of the bytes of `names`, and loads what looking them up in
    /// `stringIndex` reads first: their table slots, and the entries of the ids found there.
    ///
    /// Why: a document's names are mostly known, but from documents long before, so each
    /// lookup missed in the table and again on the string it found, one name after the other.
    /// These loads do not depend on one another (nothing branches on what they read), so
    /// their misses overlap, and the lookups that follow (`id(_:hash:)`) hit.
    private mutating func warmStringIndex(for names: [String], hashes: inout [UInt64]) {
        if stringIndex.count < strings.count { rebuildStringIndex() }
        hashes.removeAll(keepingCapacity: true)
        for name in names { hashes.append(StringIDIndex.withHashedBytes(name) { _, hash in hash }) }
        var warmed: [Int32] = []
        swap(&warmed, &mentionScratch.warmedSlots)
        defer { swap(&warmed, &mentionScratch.warmedSlots) }
        warmed.reset(repeating: -1, count: 3 * hashes.count)
        hashes.withUnsafeBufferPointer { hashes in
            warmed.withUnsafeMutableBufferPointer { warmed in
                stringIndex.warm(hashes, into: UnsafeMutableBufferPointer(rebasing: warmed[..<(2 * hashes.count)]))
            }
        }
        // The entry of the id in each home slot (most hold the string looked up): its count
        // is in the entry itself, so reading it loads the entry and nothing more.
        strings.elements.withUnsafeBufferPointer { elements in
            for index in 0..<hashes.count {
                let id = Int(warmed[2 * index])
                if id >= 0 && id < elements.count { warmed[2 * hashes.count + index] = Int32(truncatingIfNeeded: elements[id].utf8.count) }
            }
        }
    }

    /// The id of the string whose UTF-8 bytes are `bytes` (valid UTF-8), added if new: `id(_:)`
    /// without a `String` for a text seen before with the same bytes. Why: the relation side
    /// holds a trigger's text as bytes of its document; making a `String` of them only for this
    /// lookup to hash its bytes again cost more than the lookup.
    ///
    /// - Complexity: O(*b*) expected for *b* bytes: a hash and one comparison; a new text
    ///   (or one stored in other bytes) takes `id(_:)`, whose ids this returns.
    mutating func id(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if stringIndex.count < strings.count { rebuildStringIndex() }
        let raw = UnsafeRawBufferPointer(bytes)
        if let found = stringIndex.find(raw, hash: ByteHash.hash(raw), in: strings) { return found }
        return id(String(decoding: bytes, as: UTF8.self))
    }

    /// Records every string in a new `stringIndex` (after `releaseLookupTables()`).
    private mutating func rebuildStringIndex() {
        var index = StringIDIndex()
        for (id, string) in strings.enumerated() {
            StringIDIndex.withHashedBytes(string) { _, hash in index.insert(hash: hash, id: Int32(id)) }
        }
        stringIndex = index
    }

    /// `id(_:)` for a string whose bytes are not in `stringIndex`; `hash` is their hash.
    private mutating func addString(_ string: String, hash: UInt64) -> Int32 {
        if strings.count >= Self.maximumStrings {
            guard let index = strings.firstIndex(of: string) else {
                preconditionFailure("a partial graph holds at most \(Self.maximumStrings) distinct strings")
            }
            keepSmallerSpelling(string, hash: hash, at: index)
            return Int32(index)
        }
        reserveStringsIfFull()
        // One `String` hash: `append` finds an equal (canonically equivalent) string or adds this one.
        let (inserted, index) = strings.append(string)
        if inserted {
            stringIndex.insert(hash: hash, id: Int32(index))
        } else {
            keepSmallerSpelling(string, hash: hash, at: index)
        }
        return Int32(index)
    }

    /// The count of `strings` that `reserveStringsIfFull()` last made room for.
    private var stringsReserved = 0

    /// Makes room in `strings` for four times its count when it is full, while it holds
    /// fewer than `quadrupledStringsBelow`.
    ///
    /// Why: `OrderedSet` grows its hash table by doubling, and each growth hashes every
    /// string again with `Hasher` (nothing keeps the hashes). On synth10 (9,010 strings) ten
    /// growths re-hashed 12,289 strings: 5.8 M instructions, a third of `addString`. Growing
    /// by four from 1,024 re-hashes 5,120 (`addString` 17.2 M → 11.3 M); in general at most
    /// 4/3 of the count instead of twice it. Above 2^16 strings the growth is left to
    /// `OrderedSet` (doubling), so that a large graph does not reserve up to four times its
    /// strings (16 bytes each); the last reservation, at 16,384 strings or more, makes room
    /// for 65,536 or more (about 1 MB of elements and its hash table, per worker graph).
    @inline(__always)
    private mutating func reserveStringsIfFull() {
        guard strings.count >= stringsReserved, strings.count < Self.quadrupledStringsBelow else { return }
        stringsReserved = max(1 << 10, 4 * strings.count)
        strings.reserveCapacity(stringsReserved)
    }

    private static let quadrupledStringsBelow = 1 << 16

    /// Equal spellings in other bytes (`é` composed or not, the Kelvin sign for `K`) share an
    /// id; the one kept is the smallest in bytes, not the first seen, so the graph does not
    /// depend on the order documents and shards were added or merged. The replaced bytes stay
    /// in `stringIndex` but no longer match: they take the slower path again, which is rare.
    private mutating func keepSmallerSpelling(_ string: String, hash: UInt64, at index: Int) {
        guard string.utf8.lexicographicallyPrecedes(strings[index].utf8) else { return }
        strings.update(string, at: index)
        stringIndex.insert(hash: hash, id: Int32(index))
    }

    /// Relation keys pack two string ids of 28 bits each.
    static let maximumStrings = 1 << 28

    public mutating func addDocument(_ info: DocumentInfo) {
        let name = id(info.name)
        let date = info.date.map { id($0) } ?? -1
        addDocument(name, date: date)
    }

    /// Records document `name` (a string id) with date id `date` (−1: none).
    private mutating func addDocument(_ name: Int32, date: Int32) {
        let index = Int(name)
        if index >= documentDates.count {
            // Room for every string so far, and growth by doubling: each document adds strings.
            let count = max(index + 1, strings.count, 2 * documentDates.count)
            documentDates.append(contentsOf: repeatElement(Self.notADocument, count: count - documentDates.count))
        }
        let existing = documentDates[index]
        if existing == Self.notADocument {
            documentsAdded += 1
            documentDates[index] = date
        } else {
            // Keep a deterministic choice if the same document arrives twice: the later date.
            documentDates[index] = Self.laterDate(existing, date, in: strings)
        }
    }

    private static func laterDate(_ a: Int32, _ b: Int32, in strings: OrderedSet<String>) -> Int32 {
        let first = a < 0 ? "" : strings[Int(a)], second = b < 0 ? "" : strings[Int(b)]
        return first >= second ? a : b
    }

    /// The position of the entity of name id `name`, created empty if new.
    @inline(__always)
    private mutating func entityPosition(_ name: Int32) -> Int {
        let index = Int(name)
        if index >= entityPositions.count {
            // Room for every string so far: one growth per many new names, not one per name.
            entityPositions.append(contentsOf: repeatElement(-1, count: max(index + 1, strings.count) - entityPositions.count))
        }
        let position = entityPositions[index]
        if position >= 0 { return Int(position) }
        entityPositions[index] = Int32(entityRecords.count)
        entityNames.append(name)
        entityRecords.append(StoredEntity())
        return entityRecords.count - 1
    }

    public mutating func addMention(of name: String, type: EntityType, surface: String, document: String) {
        let nameID = id(name)
        let surfaceID = surface == name ? -1 : id(surface)
        let document = documentID(document)
        let position = entityPosition(nameID)
        entityRecords[position].add(type: type, alias: surfaceID, document: document)
    }

    /// `addMention` for each mention of one document that names an entity, with one entity
    /// update per distinct name instead of one per mention: the same votes, aliases, mention
    /// count and document as mention by mention (names are updated in first-mention order).
    ///
    /// - Complexity: O(m) expected in the mentions.
    mutating func addMentions(_ mentions: [Mention], document: String) {
        guard !mentions.isEmpty else { return }
        let document = documentID(document)
        var ids: [(name: Int32, surface: Int32)] = []
        swap(&ids, &mentionScratch.ids)
        ids.removeAll(keepingCapacity: true)
        ids.reserveCapacity(mentions.count)
        // Mentions read in place: a `for … in` would copy each (two strings retained).
        mentions.withUnsafeBufferPointer { mentions in
            for index in mentions.indices {
                guard mentions[index].type.entityType != nil else {
                    ids.append((-1, -1))
                    continue
                }
                let nameID = id(mentions[index].canonical)
                let surfaceID = mentions[index].surface == mentions[index].canonical ? -1 : id(mentions[index].surface)
                ids.append((nameID, surfaceID))
            }
        }
        addMentions(mentions, ids: ids, document: document)
        swap(&ids, &mentionScratch.ids)
    }

    /// `addMentions(_:document:)` for mentions recognized with `names`
    /// (`Recognizer.recognizeWithNames`): each distinct string of the document is interned
    /// once, not once per mention, with the same ids, the same strings interned in the same
    /// order, and so the same graph.
    ///
    /// Why the same: interning a string again with the same bytes changes nothing, so a
    /// string's id is remembered by its index in `names.strings`. A surface `String`-equal to
    /// its mention's canonical name is not interned for that mention (as there), and its id is
    /// remembered only when its bytes are the canonical name's too; otherwise an index whose
    /// string was interned has the canonical name's id exactly when the strings are equal,
    /// since equal strings, and only they, share an id.
    ///
    /// - Complexity: O(m + s) expected in the mentions and the document's strings, plus one
    ///   interning per distinct string.
    mutating func addMentions(_ mentions: [Mention], names: MentionNames, document: String) {
        guard !mentions.isEmpty else { return }
        // After a huge document the buffers are not kept at its size for the rest of the run.
        defer { if mentions.count > Self.keptScratchLimit { mentionScratch = MentionScratch() } }
        precondition(names.surfaces.count == mentions.count && names.canonicals.count == mentions.count, "names of other mentions")
        let document = documentID(document)
        var ids: [(name: Int32, surface: Int32)] = [], known: [Int32] = []
        swap(&ids, &mentionScratch.ids)
        swap(&known, &mentionScratch.known)
        ids.removeAll(keepingCapacity: true)
        ids.reserveCapacity(mentions.count)
        known.reset(repeating: -1, count: names.strings.count)
        var hashes: [UInt64] = []
        swap(&hashes, &mentionScratch.hashes)
        defer { swap(&hashes, &mentionScratch.hashes) }
        warmStringIndex(for: names.strings, hashes: &hashes)
        mentions.withUnsafeBufferPointer { mentions in
            names.strings.withUnsafeBufferPointer { strings in
                for index in mentions.indices {
                    guard mentions[index].type.entityType != nil else {
                        ids.append((-1, -1))
                        continue
                    }
                    let canonical = Int(names.canonicals[index]), surface = Int(names.surfaces[index])
                    var nameID = known[canonical]
                    if nameID < 0 {
                        nameID = id(strings[canonical], hash: hashes[canonical])
                        known[canonical] = nameID
                    }
                    var surfaceID: Int32 = -1
                    if surface != canonical {
                        let surfaceKnown = known[surface]
                        if surfaceKnown >= 0 {
                            if surfaceKnown != nameID { surfaceID = surfaceKnown }
                        } else if strings[surface] == strings[canonical] {
                            if strings[surface].utf8.elementsEqual(strings[canonical].utf8) { known[surface] = nameID }
                        } else {
                            surfaceID = id(strings[surface], hash: hashes[surface])
                            known[surface] = surfaceID
                        }
                    }
                    ids.append((nameID, surfaceID))
                }
            }
        }
        addMentions(mentions, ids: ids, document: document)
        swap(&ids, &mentionScratch.ids)
        swap(&known, &mentionScratch.known)
    }

    /// The entity updates of `addMentions`, given each mention's name and surface ids (−1 for
    /// a mention that names no entity, and for a surface equal to its name).
    private mutating func addMentions(_ mentions: [Mention], ids: [(name: Int32, surface: Int32)], document: Int32) {
        // The buffers of the document before, moved out (so that using them does not copy
        // them) and back: allocating three per document cost more than clearing them.
        var slots: [Int32] = [], names: [(name: Int32, votes: (Int, Int, Int), lastAlias: Int32)] = [], aliases: [(alias: Int32, next: Int32)] = []
        swap(&slots, &mentionScratch.slots)
        swap(&names, &mentionScratch.names)
        swap(&aliases, &mentionScratch.aliases)
        defer {
            swap(&slots, &mentionScratch.slots)
            swap(&names, &mentionScratch.names)
            swap(&aliases, &mentionScratch.aliases)
        }
        // Name id → position in `names`, open addressing sized for every mention.
        var capacity = 16
        while capacity < mentions.count * 2 { capacity *= 2 }
        slots.reset(repeating: -1, count: capacity)
        // Per name: its votes and the newest of its aliases, threaded through `aliases` by
        // `next` (no alias list per name). Each mention adds at most one entry to each: they
        // are kept at least that long (a document's entries are written whole before they are
        // read), and only their first `nameCount` and `aliasCount` entries are this document's.
        if names.count < mentions.count {
            names.append(contentsOf: repeatElement((name: Int32(-1), votes: (0, 0, 0), lastAlias: Int32(-1)), count: mentions.count - names.count))
        }
        if aliases.count < mentions.count {
            aliases.append(contentsOf: repeatElement((alias: Int32(-1), next: Int32(-1)), count: mentions.count - aliases.count))
        }
        precondition(ids.count == mentions.count, "ids of other mentions")
        var nameCount = 0, aliasCount = 0
        // Through pointers, with wrapping sums: the arrays' bounds, uniqueness and overflow
        // checks were about a third of the loop. Every index is in bounds: `slot` is masked to
        // `capacity` (`slots.count`); `slots` holds −1 or a position below `nameCount`, and
        // `lastAlias` −1 or one below `aliasCount`, both at most `mentions.count`; and votes
        // count mentions.
        mentions.withUnsafeBufferPointer { mentions in
            ids.withUnsafeBufferPointer { ids in
                slots.withUnsafeMutableBufferPointer { slots in
                    names.withUnsafeMutableBufferPointer { names in
                        aliases.withUnsafeMutableBufferPointer { aliases in
                            for index in mentions.indices {
                                guard let type = mentions[index].type.entityType else { continue }
                                let (nameID, surfaceID) = ids[index]
                                var slot = Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: nameID)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & (capacity &- 1)
                                while slots[slot] >= 0, names[Int(slots[slot])].name != nameID { slot = (slot &+ 1) & (capacity &- 1) }
                                if slots[slot] < 0 {
                                    slots[slot] = Int32(truncatingIfNeeded: nameCount)
                                    names[nameCount] = (nameID, (0, 0, 0), -1)
                                    nameCount &+= 1
                                }
                                let position = Int(slots[slot])
                                switch type {
                                case .person: names[position].votes.0 &+= 1
                                case .organization: names[position].votes.1 &+= 1
                                case .product: names[position].votes.2 &+= 1
                                }
                                // Repeats are harmless (`add` inserts into a set); skipping a repeat of the
                                // newest alias only keeps the chains short.
                                let last = names[position].lastAlias
                                if surfaceID >= 0, last < 0 || aliases[Int(last)].alias != surfaceID {
                                    aliases[aliasCount] = (surfaceID, last)
                                    names[position].lastAlias = Int32(truncatingIfNeeded: aliasCount)
                                    aliasCount &+= 1
                                }
                            }
                        }
                    }
                }
            }
        }
        // The entities' positions and records, and the storage of their documents and aliases,
        // lie all over a table larger than the cache. Entity after entity, each load of them
        // missed and waited for the one before; here each is loaded in a pass over the names
        // whose loads do not depend on one another, so that their misses overlap.
        var positions: [Int32] = [], warmed: [Int] = []
        swap(&positions, &mentionScratch.positions)
        swap(&warmed, &mentionScratch.warmed)
        defer {
            swap(&positions, &mentionScratch.positions)
            swap(&warmed, &mentionScratch.warmed)
        }
        positions.removeAll(keepingCapacity: true)
        for entry in names[..<nameCount] {
            let index = Int(entry.name)
            positions.append(index < entityPositions.count ? entityPositions[index] : -1)
        }
        // New entities in the names' order, as one `entityPosition` per name made them.
        for index in positions.indices where positions[index] < 0 {
            positions[index] = Int32(entityPosition(names[index].name))
        }
        warmed.removeAll(keepingCapacity: true)
        entityRecords.withUnsafeBufferPointer { records in
            for position in positions {
                warmed.append(records[Int(position)].documents.count &+ records[Int(position)].aliases.count)
            }
        }
        aliases.withUnsafeBufferPointer { aliases in
            for (index, entry) in names[..<nameCount].enumerated() {
                entityRecords[Int(positions[index])].add(votes: entry.votes, aliases: aliases, from: entry.lastAlias, document: document)
            }
        }
    }

    /// `addMentions`' per-document buffers, kept from document to document (they hold the
    /// last document's tables, which are cleared before use), unless that document had more
    /// than `keptScratchLimit` mentions.
    private var mentionScratch = MentionScratch()

    /// The most mentions or relations a document may have for the per-document buffers sized
    /// to it to be kept for the next document (news articles have a few hundred).
    static let keptScratchLimit = 1 << 16

    struct MentionScratch {
        /// Name id → position in `names` (open addressing, −1 empty).
        var slots: [Int32] = []
        /// Per name: its votes and its newest alias in `aliases`.
        var names: [(name: Int32, votes: (Int, Int, Int), lastAlias: Int32)] = []
        /// Aliases, each name's threaded newest first by `next`.
        var aliases: [(alias: Int32, next: Int32)] = []
        /// Per mention: its name and surface ids.
        var ids: [(name: Int32, surface: Int32)] = []
        /// By index into the document's `MentionNames.strings`: its id, −1 until known.
        var known: [Int32] = []
        /// By index into the document's `MentionNames.strings`: its bytes' hash.
        var hashes: [UInt64] = []
        /// Per string of `hashes`: what `warmStringIndex` loaded (two table slots, an entry).
        var warmedSlots: [Int32] = []
        /// Per name: its entity's position.
        var positions: [Int32] = []
        /// Per name: what loading its entity's storage read (the loads are what counts).
        var warmed: [Int] = []
    }

    public mutating func addRelation(_ key: RelationKey, evidence item: Evidence) {
        // Strings interned in the same order as ever: source, target, document, trigger, date.
        let source = id(key.source), target = id(key.target)
        let document = documentID(item.document)
        let trigger = id(item.trigger)
        addRelation(
            source: source, target: target, kind: key.kind, document: document, trigger: trigger, date: dateID(item.date),
            start: item.start, end: item.end, sentence: { item.sentence }
        )
    }

    /// `addRelation(_:evidence:)` with every string already an id (`stringID`, `documentID`,
    /// `dateID`): extraction interns a document's name and date once, a sentence's text once,
    /// and each trigger and name once, instead of once per relation.
    ///
    /// - Parameter sentence: The sentence's text; read only when it is not the last sentence
    ///   stored (the relations of one sentence share its text).
    mutating func addRelation(
        source: Int32, target: Int32, kind: RelationKind, document: Int32, trigger: Int32, date: Int32,
        start: Int, end: Int, sentence: () -> String
    ) {
        let start = UInt32(clamping: start)
        let reference: SentenceTextStore.Reference
        if let last = storedSentence(document: document, start: start) {
            reference = last
        } else {
            // Sentences from extraction are clipped already; one read from a file may not be.
            let text = sentence()
            let clipped = text.utf8.count > Int(UInt16.max) ? Evidence.clipped(text) : text
            reference = appendingStore().append(clipped)
        }
        addRelation(
            source: source, target: target, kind: kind, document: document, trigger: trigger, date: date,
            start: start, end: end, sentence: reference
        )
    }

    /// Where the sentence of `document` at scalar `start` is, if it is the last one stored in
    /// the store new sentences go to: the relations of one sentence share its text.
    @inline(__always)
    func storedSentence(document: Int32, start: UInt32) -> SentenceTextStore.Reference? {
        guard let last = lastSentence, last.store == stores.count - 1, last.document == document, last.start == start else { return nil }
        return last.reference
    }

    /// The store new sentences go to, created on first use. A sentence appended to it must be
    /// passed to `addRelation(…sentence:)` next (which records it as the last one).
    @inline(__always)
    mutating func appendingStore() -> SentenceTextStore {
        if stores.isEmpty { addFirstStore() }
        return stores[stores.count - 1]
    }

    private mutating func addFirstStore() {
        stores.append(SentenceTextStore(memoryLimit: sentenceMemoryLimit))
    }

    /// `addRelation(source:target:kind:…sentence:)` with the sentence already in
    /// `appendingStore()` (or `storedSentence`), so that a caller can store it from bytes it
    /// holds without building a `String` or a closure that captures them.
    mutating func addRelation(
        source: Int32, target: Int32, kind: RelationKind, document: Int32, trigger: Int32, date: Int32,
        start: UInt32, end: Int, sentence reference: SentenceTextStore.Reference
    ) {
        let slot = relationSlot(source, target, kind)
        lastSentence = (stores.count - 1, document, start, reference)
        evidence.append(StoredEvidence(
            document: document, trigger: trigger, date: date,
            start: start, end: UInt32(clamping: end), next: relationHeads[Int(slot)],
            store: UInt16(stores.count - 1), textLength: UInt16(clamping: reference.length), textOffset: reference.offset
        ))
        relationHeads[Int(slot)] = Int32(evidence.count - 1)
    }

    /// The batch buffers of the document before, empty: a document's batch takes them and
    /// `addRelations` takes them back, so they are allocated once per worker, not per document.
    /// A copy of the graph shares the buffers; then this one's batch gets new ones.
    mutating func takeRelationBatch() -> RelationBatch {
        var batch = RelationBatch()
        swap(&batch, &relationBatchScratch)
        if !batch.ownsBuffers() { batch = RelationBatch() }
        batch.removeAll()
        return batch
    }

    private var relationBatchScratch = RelationBatch()

    /// Records the sentence of `document` at scalar `start`, just stored in `appendingStore()`
    /// (or `storedSentence`), as the last one, for a record of `batch` that states it.
    mutating func noteStoredSentence(document: Int32, start: UInt32, reference: SentenceTextStore.Reference) {
        lastSentence = (stores.count - 1, document, start, reference)
    }

    /// Adds the records of `batch` as `addRelation(source:target:kind:…sentence:)` one by one
    /// would: the same relation numbers, the same evidence numbers and lists.
    ///
    /// Why a batch: the relation table is larger than the cache, so every lookup missed, one
    /// after the other, each waiting for the one before (`relationSlot` had 80% of its time on
    /// its first slot read). Here the table's slots for all keys are loaded first, in a loop
    /// with no branch on what it loads (`PackedKeyIndex.warm`), so the misses overlap; the
    /// lookups and additions then find their slots in cache. (A first pass of plain lookups,
    /// which branch on each slot read, still spent most of its time on that read.)
    ///
    /// - Complexity: O(n) expected for n records.
    mutating func addRelations(_ batch: inout RelationBatch) {
        // The buffers go back for the next document's batch (`takeRelationBatch`), unless a
        // huge document grew them.
        defer {
            if batch.capacity > Self.keptScratchLimit { batch = RelationBatch() }
            swap(&batch, &relationBatchScratch)
        }
        let count = batch.count
        guard count > 0 else { return }
        ensureRelationIndex()
        // No growth in the middle of the batch, where it would move the slots just read (which
        // would cost their loads, not correctness). Capped: a document that states one relation
        // a million times must not leave the table sized for a million more.
        relationIndex.reserveCapacity(relationKeys.count + min(count, Self.keptScratchLimit))
        batch.warmed.reset(repeating: -1, count: 2 * count)
        let keys = batch.keys, records = batch.records
        batch.warmed.withUnsafeMutableBufferPointer { warmed in relationIndex.warm(keys, into: warmed) }
        let base = evidence.count
        for index in 0..<count {
            let slot = Int(relationSlot(packed: keys[index]))
            records[index].next = relationHeads[slot]
            relationHeads[slot] = Int32(base + index)
        }
        evidence.append(contentsOf: UnsafeBufferPointer(records))
    }

    /// The id of `string`, added if new (for `addRelation(source:target:kind:…)`).
    mutating func stringID(_ string: String) -> Int32 { id(string) }

    /// `stringID(_:)` of the string whose UTF-8 bytes are `bytes` (`id(utf8:)`).
    mutating func stringID(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int32 { id(utf8: bytes) }

    /// Adds a relation with all of its evidence; the relation exists even with none.
    public mutating func addRelation(_ key: RelationKey, evidence items: some Sequence<Evidence>) {
        _ = relationSlot(id(key.source), id(key.target), key.kind)
        for item in items { addRelation(key, evidence: item) }
    }

    /// Adds (or merges into) an entity from its exchange form.
    public mutating func addEntity(_ name: String, _ record: EntityRecord) {
        var stored = StoredEntity(typeVotes: TypeVotes(record.typeVotes), mentions: record.mentions)
        stored.aliases = Set(record.aliases.map { id($0) })
        stored.documents = record.documents.sorted().map { id($0) }
        let nameID = id(name)
        let position = entityPosition(nameID)
        entityRecords[position].merge(stored)
    }

    /// `addEntity` for a record read from a partial-graph file, or nothing and `false` when
    /// its counts are negative or would take the counts read so far past `readCountLimit`.
    ///
    /// Why: a crafted file can hold counts near `Int.max`, and adding them — to the same name
    /// here, or to another name when finishing joins a short name to its full name — would
    /// trap. Every such sum adds up counts that were read, so bounding their total bounds it.
    mutating func addEntityRead(_ name: String, _ record: EntityRecord) -> Bool {
        var total = countsRead
        for count in CollectionOfOne(record.mentions) + Array(record.typeVotes.values) {
            guard count >= 0 else { return false }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow, sum <= Self.readCountLimit else { return false }
            total = sum
        }
        countsRead = total
        addEntity(name, record)
        return true
    }

    /// The most that the counts read from partial-graph files may add up to (2^61 − 1), which
    /// leaves room for counts extracted from text beside them.
    static let readCountLimit = Int.max / 4

    /// Frees the relation lookup table (about 100 MB for a 1 GB corpus) and the string byte
    /// index when no more relations will be added, before the graph is finished; the next
    /// addition rebuilds them.
    public mutating func releaseLookupTables() {
        relationIndex = PackedKeyIndex()
        stringIndex = StringIDIndex()
    }

    /// Rebuilds the key → relation table after `releaseLookupTables()` or a merge that
    /// dropped it.
    private mutating func ensureRelationIndex() {
        guard relationIndex.count < relationKeys.count else { return }
        relationIndex = PackedKeyIndex()
        relationIndex.reserveCapacity(relationKeys.count)
        for relation in relationKeys.indices { relationIndex.insertNew(relationKeys[relation], Int32(relation)) }
    }

    /// The relation number of a key, created empty if new.
    private mutating func relationSlot(_ source: Int32, _ target: Int32, _ kind: RelationKind) -> Int32 {
        ensureRelationIndex()
        return relationSlot(packed: Self.pack(source, target, kind))
    }

    /// `relationSlot(_:_:_:)` of a packed key, the table built.
    @inline(__always)
    private mutating func relationSlot(packed: UInt64) -> Int32 {
        if let slot = relationIndex[packed] { return slot }
        let slot = Int32(relationKeys.count)
        relationIndex.insertNew(packed, slot)
        relationKeys.append(packed)
        relationHeads.append(-1)
        return slot
    }

    // MARK: Merging

    /// Stores a graph shares with the graphs merged into it before it copies their sentences.
    static let adoptedStoreLimit = 256

    /// A sentence of a merged graph's store, copied by `merge`.
    private struct CopiedSentence: Hashable {
        var store: UInt16
        var text: SentenceTextStore.Reference
    }

    public mutating func merge(_ other: PartialGraph) {
        guard !other.isEmpty else { return }
        let (counts, overflow) = countsRead.addingReportingOverflow(other.countsRead)
        countsRead = overflow ? .max : counts
        let ids = internedIDs(of: other.strings)
        for (name, date) in other.documentEntries() {
            addDocument(ids[Int(name)], date: date < 0 ? -1 : ids[Int(date)])
        }
        ids.withUnsafeBufferPointer { ids in
            for (name, entity) in zip(other.entityNames, other.entityRecords) {
                // A new entity starts empty and takes the other's content.
                let position = entityPosition(ids[Int(name)])
                entityRecords[position].merge(entity, remapping: ids)
            }
        }
        // The other graph's stores are adopted (shared, not copied) up to `adoptedStoreLimit`;
        // past it (`extract` of many files merges one graph per file) their sentences are
        // copied into ours (−1 in the map), so the store count, a 16-bit field of every
        // evidence record, stays bounded and so does the cost of visiting the stores.
        var storeMap: [Int] = []
        for store in other.stores {
            if let existing = stores.firstIndex(where: { $0 === store }) {
                storeMap.append(existing)
            } else if stores.count < Self.adoptedStoreLimit {
                stores.append(store)
                storeMap.append(stores.count - 1)
            } else {
                storeMap.append(-1)
            }
        }
        // New stores were appended after ours: new sentences must not reuse the last one's text.
        lastSentence = nil
        var copied: [CopiedSentence: SentenceTextStore.Reference] = [:]
        let slots = relationNumbers(ofMerged: other, ids: ids)
        // The other's records are appended in their order, record `r` becoming `base + r`, not
        // list by list: following a list is a cache miss per record. Their `next` links stay
        // within the list; the oldest record of each (`next` −1) links to our list of the
        // relation, found through the relation of each record, which one backward sweep gives
        // (a record's `next` is always an older, lower record).
        var relationOf = [Int32](repeating: -1, count: other.evidence.count)
        for relation in other.relationKeys.indices where other.relationHeads[relation] >= 0 {
            relationOf[Int(other.relationHeads[relation])] = Int32(relation)
        }
        for record in other.evidence.indices.reversed() where other.evidence[record].next >= 0 {
            relationOf[Int(other.evidence[record].next)] = relationOf[record]
        }
        let base = Int32(evidence.count)
        for record in other.evidence.indices {
            var item = other.evidence[record]
            item.next = item.next >= 0 ? base + item.next : relationHeads[Int(slots[Int(relationOf[record])])]
            item.document = ids[Int(item.document)]
            item.trigger = ids[Int(item.trigger)]
            if item.date >= 0 { item.date = ids[Int(item.date)] }
            let store = storeMap[Int(item.store)]
            if store >= 0 {
                item.store = UInt16(store)
            } else {
                let from = other.stores[Int(item.store)]
                let old = CopiedSentence(store: item.store, text: item.text)
                // One copy per sentence, which the relations it states share.
                let new = copied[old, default: appendingStore().append(from.string(item.text))]
                copied[old] = new
                item.store = UInt16(stores.count - 1)
                // The copy holds the same bytes, so it needs escaping exactly when the original
                // did: the mark carries over (`append` never sets it), and the writer keeps
                // copying merged sentences without the escaping scan.
                item.textOffset = new.offset | (item.textOffset & SentenceTextStore.Reference.cleanBit)
                item.textLength = UInt16(clamping: new.length)
            }
            evidence.append(item)
        }
        for relation in other.relationKeys.indices where other.relationHeads[relation] >= 0 {
            relationHeads[Int(slots[relation])] = base + other.relationHeads[relation]
        }
        // A copy read short keeps its error, so writers still refuse the text.
        if !copied.isEmpty, zip(other.stores, storeMap).contains(where: { $0.1 < 0 && $0.0.hadReadError }) {
            stores[stores.count - 1].noteReadError()
        }
    }

    /// Our relation number of each relation of `other` (whose string ids map to ours through
    /// `ids`), the relations new to us added without evidence.
    ///
    /// A graph of at least a quarter of our relations is matched the other way round: our
    /// relations are looked up, in order, in a table of its relations, and ours is dropped.
    /// Why: looking its relations up in ours, which is larger than the cache, cost a cache miss
    /// each, and ours had to grow for them, a rehash into megabytes of fresh memory. The next
    /// addition rebuilds our table (`ensureRelationIndex`) at the cost of that growth, at most
    /// once per such merge, and the last merge before finishing needs no table at all.
    ///
    /// - Complexity: O(*n*) expected for *n* relations of `other`, plus O(`relationCount`)
    ///   when `other` has at least a quarter of them.
    private mutating func relationNumbers(ofMerged other: PartialGraph, ids: [Int32]) -> [Int32] {
        // Distinct: distinct strings of `other` have distinct ids here, and its keys are distinct.
        func key(_ relation: Int) -> UInt64 {
            let packed = other.relationKeys[relation]
            let (source, target) = Self.unpackNames(packed)
            return Self.repack(packed, ids[Int(source)], ids[Int(target)])
        }
        var numbers = [Int32](repeating: -1, count: other.relationKeys.count)
        // Nothing to match (and no reason to rebuild a released table).
        if other.relationKeys.count == 0 { return numbers }
        if other.relationKeys.count * 4 >= relationKeys.count {
            relationIndex = PackedKeyIndex()
            var theirs = PackedKeyIndex()
            theirs.reserveCapacity(other.relationKeys.count)
            for relation in other.relationKeys.indices { theirs.insertNew(key(relation), Int32(relation)) }
            for relation in relationKeys.indices {
                if let position = theirs[relationKeys[relation]] { numbers[Int(position)] = Int32(relation) }
            }
            for relation in numbers.indices where numbers[relation] < 0 {
                numbers[relation] = Int32(relationKeys.count)
                relationKeys.append(key(relation))
                relationHeads.append(-1)
            }
        } else {
            // One resize at most, instead of doubling (and copying) the table several times.
            ensureRelationIndex()
            relationIndex.reserveCapacity(relationKeys.count + other.relationKeys.count)
            for relation in other.relationKeys.indices {
                let (source, target, kind) = Self.unpack(key(relation))
                numbers[relation] = relationSlot(source, target, kind)
            }
        }
        return numbers
    }

    /// The ids of `others` (another graph's strings), each added if new: `id(_:)` without
    /// its cache of recent values, which another graph's strings never are.
    private mutating func internedIDs(of others: OrderedSet<String>) -> [Int32] {
        if stringIndex.count < strings.count { rebuildStringIndex() }
        stringIndex.reserveCapacity(strings.count + others.count)
        var ids: [Int32] = []
        ids.reserveCapacity(others.count)
        for string in others {
            ids.append(StringIDIndex.withHashedBytes(string) { bytes, hash in
                if let found = stringIndex.find(bytes, hash: hash, in: strings) { return found }
                return addString(string, hash: hash)
            })
        }
        return ids
    }

    public func merging(_ other: PartialGraph) -> PartialGraph {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// A relation key as one integer: two 28-bit numbers (string ids, or ranks when sorting —
    /// the integer order is then the key order) and the kind.
    static func pack(_ source: Int32, _ target: Int32, _ kind: RelationKind) -> UInt64 {
        UInt64(source) << 36 | UInt64(target) << 8 | UInt64(kind.code)
    }

    static func unpack(_ packed: UInt64) -> (source: Int32, target: Int32, kind: RelationKind) {
        (Int32(packed >> 36), Int32(packed >> 8 & 0x0FFF_FFFF), RelationKind.withCode(UInt8(packed & 0xFF)))
    }

    // MARK: Reading back

    /// Documents by name. Materializes strings: O(documents).
    public var documents: [String: DocumentInfo] {
        var result: [String: DocumentInfo] = [:]
        for (name, date) in documentEntries() {
            let info = DocumentInfo(name: strings[Int(name)], date: date < 0 ? nil : strings[Int(date)])
            result[info.name] = info
        }
        return result
    }

    /// Entities by name in their exchange form. Materializes strings: O(entities).
    public var entities: [String: EntityRecord] {
        var result: [String: EntityRecord] = [:]
        for (name, entity) in zip(entityNames, entityRecords) {
            result[strings[Int(name)]] = EntityRecord(
                typeVotes: entity.typeVotes.dictionary, aliases: Set(entity.aliases.map { strings[Int($0)] }),
                mentions: entity.mentions, documents: Set(entity.documents.map { strings[Int($0)] })
            )
        }
        return result
    }

    /// Relations with their distinct evidence. Materializes every sentence: O(evidence).
    public var relations: [RelationKey: Set<Evidence>] {
        var result: [RelationKey: Set<Evidence>] = [:]
        for relation in relationKeys.indices {
            let (source, target, kind) = Self.unpack(relationKeys[relation])
            var items = Set<Evidence>()
            var record = relationHeads[relation]
            while record >= 0 {
                items.insert(materialize(evidence[Int(record)]))
                record = evidence[Int(record)].next
            }
            result[RelationKey(source: strings[Int(source)], target: strings[Int(target)], kind: kind), default: []].formUnion(items)
        }
        return result
    }

    /// The evidence record as a public value, its sentence read back from its store.
    func materialize(_ item: StoredEvidence) -> Evidence {
        var value = Evidence(
            document: strings[Int(item.document)], sentence: "", start: Int(item.start), end: Int(item.end),
            trigger: strings[Int(item.trigger)], date: item.date < 0 ? nil : strings[Int(item.date)]
        )
        // Stored text was clipped when it was first added; no need to clip again.
        value.sentence = stores[Int(item.store)].string(item.text)
        return value
    }

    /// The newest evidence record of relation `relation` (−1 for none); `next` leads on.
    func firstEvidence(ofRelation relation: Int) -> Int32 { relationHeads[relation] }

    /// Evidence record numbers of relation `relation`.
    func evidenceRecords(ofRelation relation: Int) -> [Int32] {
        var records: [Int32] = []
        var record = relationHeads[relation]
        while record >= 0 {
            records.append(record)
            record = evidence[Int(record)].next
        }
        return records
    }

    func entityEntries() -> [(name: Int32, entity: StoredEntity)] {
        zip(entityNames, entityRecords).map { (name: $0, entity: $1) }
    }

    /// The date id of the document named by string id `name` (−1: none), or nil when that
    /// string names no document.
    func documentDate(ofName name: Int) -> Int32? {
        let date = name < documentDates.count ? documentDates[name] : Self.notADocument
        return date == Self.notADocument ? nil : date
    }

    /// The documents' name and date ids, in name id order.
    func documentEntries() -> [(name: Int32, date: Int32)] {
        var entries: [(name: Int32, date: Int32)] = []
        entries.reserveCapacity(documentsAdded)
        for (name, date) in documentDates.enumerated() where date != Self.notADocument { entries.append((Int32(name), date)) }
        return entries
    }

    /// Equal content, however it was accumulated.
    public static func == (lhs: PartialGraph, rhs: PartialGraph) -> Bool {
        lhs.documents == rhs.documents && lhs.entities == rhs.entities && lhs.relations == rhs.relations
    }
}

extension PartialGraph.StoredEntity {
    mutating func add(type: EntityType, alias: Int32, document: Int32) {
        typeVotes.add(1, to: type)
        if alias >= 0 { aliases.insert(alias) }
        mentions += 1
        // A worker reads one document at a time, so repeats are adjacent.
        if documents.last != document { documents.append(document) }
    }

    /// `add` for a document's mentions of one entity at once: `votes` per type (person,
    /// organization, product), and the aliases of the chain in `aliases` that starts at
    /// `first` (−1: none) and follows `next`.
    mutating func add(votes: (Int, Int, Int), aliases: UnsafeBufferPointer<(alias: Int32, next: Int32)>, from first: Int32, document: Int32) {
        // Only types that were voted for get an entry, as with one `add` per mention.
        if votes.0 > 0 { typeVotes.add(votes.0, to: .person) }
        if votes.1 > 0 { typeVotes.add(votes.1, to: .organization) }
        if votes.2 > 0 { typeVotes.add(votes.2, to: .product) }
        var link = first
        while link >= 0 {
            self.aliases.insert(aliases[Int(link)].alias)
            link = aliases[Int(link)].next
        }
        mentions += votes.0 + votes.1 + votes.2
        if documents.last != document {
            // Room for 8 at first: most entities are named in a few documents, and growing
            // from the 2 an append makes room for, to 4 and to 8, was two thirds of the
            // arrays' allocations (1.9 M instructions on 10 MB). An entity named in one
            // document holds 24 bytes more than it needs: with the workers' kept arrays, the
            // 1 GB corpus's peak rose by about 16 MB (692,892 against 676,676 KiB).
            if documents.isEmpty { documents.reserveCapacity(8) }
            documents.append(document)
        }
    }

    /// Adds `other`, an entity of another graph whose string ids map to ours through `ids`:
    /// no intermediate remapped copy of its aliases and documents.
    mutating func merge(_ other: Self, remapping ids: UnsafeBufferPointer<Int32>) {
        typeVotes.merge(other.typeVotes)
        if aliases.isEmpty { aliases.reserveCapacity(other.aliases.count) }
        for alias in other.aliases { aliases.insert(ids[Int(alias)]) }
        mentions += other.mentions
        documents.append(contentsOf: other.documents.lazy.map { ids[Int($0)] })
    }

    mutating func merge(_ other: Self) {
        typeVotes.merge(other.typeVotes)
        aliases.formUnion(other.aliases)
        mentions += other.mentions
        documents += other.documents
    }
}

extension EntityType {
    var rank: Int { EntityType.allCases.firstIndex(of: self)! }

    /// The most-voted type; ties go to the earlier case.
    static func majority(_ votes: [EntityType: Int]) -> EntityType {
        allCases.max { (votes[$0] ?? 0, -$0.rank) < (votes[$1] ?? 0, -$1.rank) } ?? .organization
    }
}

extension RelationKind {
    /// A small number for packing into relation keys: the case's position.
    ///
    /// A `switch`, which compiles to constant code: every relation added packs its key, and a
    /// `Dictionary` lookup hashed the case with SipHash each time; a table built once by tag
    /// cost a `swift_once` check per relation (0.4 M instructions on 10 MB). The switch must
    /// list the cases in `allCases` order (the tests check it); a new case fails to compile
    /// until it is listed.
    var code: UInt8 {
        switch self {
        case .founded: 0
        case .leads: 1
        case .worksFor: 2
        case .boardMember: 3
        case .left: 4
        case .investedIn: 5
        case .owns: 6
        case .offeredToBuy: 7
        case .partOf: 8
        case .partnersWith: 9
        case .competesWith: 10
        case .sued: 11
        case .criticized: 12
        case .praised: 13
        case .rejected: 14
        case .recruited: 15
        case .metWith: 16
        case .coMentioned: 17
        }
    }
    static func withCode(_ code: UInt8) -> RelationKind { allCases[Int(code)] }
}

extension [Int32] {
    /// Makes the array `count` copies of `value`, keeping its storage: the per-document
    /// tables are refilled this way for every document. Emptying the array and appending a
    /// repeated value went element by element through `append(contentsOf:)` (about 280
    /// instructions for a table of 128); here the count is set once and the values are
    /// written as one fill.
    @inline(__always)
    mutating func reset(repeating value: Int32, count: Int) {
        if self.count > count {
            removeLast(self.count - count)
        } else if self.count < count {
            append(contentsOf: repeatElement(value, count: count - self.count))
        }
        withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }
}
