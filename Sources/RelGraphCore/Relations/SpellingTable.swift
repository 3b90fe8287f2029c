/// Distinct texts of one document as dense ids: one table holds its entity names (the
/// `Referent`s' spellings), another the texts of its relation triggers.
///
/// Each distinct spelling (byte sequence) gets a spelling id, the text output shows; spellings
/// that `String`'s `==` calls equal (`é` precomposed and decomposed, `K` and the Kelvin sign)
/// share an identity, the spelling id of the first of them, which is what comparisons use. So
/// `Referent` (and trigger) equality is exactly the `String` equality the texts had, and every
/// text keeps the spelling it was given.
///
/// Spellings are found by their bytes in an open-addressing table. Two ASCII strings are equal
/// exactly when their bytes are, so while the table holds only ASCII texts each new spelling is
/// its own identity; from its first other text on, identities come from a
/// `Dictionary<String, Int32>`, which compares as `String` does.
///
/// - Complexity: O(*b*) per interned text of *b* bytes (a hash and one byte comparison, plus a
///   `Dictionary` lookup for a new spelling once the table holds a non-ASCII text).
struct SpellingTable {
    /// The texts by spelling id.
    private(set) var spellings: [String] = []
    /// By spelling id: its identity (the first spelling equal to it).
    private(set) var identities: [Int32] = []
    /// By spelling id: its bytes' hash, for growing `table`.
    private var hashes: [UInt64] = []
    /// The UTF-8 bytes of every spelling, one after another: spelling `id` is
    /// `bytes[offsets[id]..<offsets[id + 1]]` (compared without touching the `String`s).
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    /// Spelling id plus one by slot (linear probing, at most half full); 0 is empty.
    private var table: [Int32] = []
    /// Name → identity, by `String`'s `==`: filled from the first non-ASCII name on.
    private var byName: [String: Int32] = [:]
    private var unicode = false

    var count: Int { spellings.count }

    /// The referent of `name` as a `type`, interning the name if new.
    mutating func referent(_ name: String, type: EntityType) -> Referent {
        let (spelling, identity) = intern(name)
        return Referent(spelling: spelling, identity: identity, type: type)
    }

    /// The spelling id and identity of `name`, adding it if new.
    mutating func intern(_ name: String) -> (spelling: Int32, identity: Int32) {
        if let found = name.utf8.withContiguousStorageIfAvailable({ intern(bytes: $0, string: { name }) }) { return found }
        let bytes = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { intern(bytes: $0, string: { name }) }
    }

    /// The spelling id and identity of the text whose UTF-8 bytes are `bytes`, adding it if
    /// new; `string` makes its `String` (only for a new spelling).
    mutating func intern(bytes: UnsafeBufferPointer<UInt8>, string: () -> String) -> (spelling: Int32, identity: Int32) {
        let hash = Self.hash(bytes)
        if table.isEmpty { table = [Int32](repeating: 0, count: 64) }
        let (slot, found) = find(bytes, hash: hash)
        if found >= 0 { return (Int32(found), identities[found]) }
        let id = Int32(spellings.count)
        var identity = id
        let name = string()
        if unicode || bytes.contains(where: { $0 >= 0x80 }) {
            if !unicode {
                // Until now every text was ASCII, and so its own identity.
                unicode = true
                for (k, spelling) in spellings.enumerated() { byName[spelling] = Int32(k) }
            }
            if let existing = byName[name] { identity = existing } else { byName[name] = id }
        }
        spellings.append(name)
        identities.append(identity)
        hashes.append(hash)
        self.bytes.append(contentsOf: bytes)
        offsets.append(self.bytes.count)
        table[slot] = id + 1
        if spellings.count * 2 > table.count { grow() }
        return (id, identity)
    }

    /// The slot of the spelling with bytes `name` and hash `hash`, and its id, or the empty
    /// slot where it goes and −1.
    @inline(__always)
    private func find(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, id: Int) {
        table.withUnsafeBufferPointer { table in
            hashes.withUnsafeBufferPointer { hashes in
                offsets.withUnsafeBufferPointer { offsets in
                    bytes.withUnsafeBufferPointer { bytes in
                        let mask = table.count - 1
                        var slot = Int(truncatingIfNeeded: hash) & mask
                        while table[slot] != 0 {
                            let id = Int(table[slot] - 1)
                            let start = offsets[id]
                            if hashes[id] == hash, offsets[id + 1] - start == name.count,
                               Self.equal(UnsafeBufferPointer(rebasing: bytes[start..<(start + name.count)]), name) {
                                return (slot, id)
                            }
                            slot = (slot + 1) & mask
                        }
                        return (slot, -1)
                    }
                }
            }
        }
    }

    private mutating func grow() {
        table = [Int32](repeating: 0, count: table.count * 2)
        let mask = table.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(id + 1)
        }
    }

    /// A hash of the bytes, eight at a time (names are short: one to three steps), mixed so
    /// that the low bits (the slot) depend on every byte.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var k = 0
        while k + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            k += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while k < raw.count {
            tail |= UInt64(raw[k]) << shift
            shift += 8
            k += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 32)
    }

    /// The text of `referent`'s name, as its mention spelled it.
    @inline(__always)
    func name(_ referent: Referent) -> String { spellings[Int(referent.spelling)] }

    /// The text of spelling id `spelling`.
    @inline(__always)
    func name(spelling: Int32) -> String { spellings[Int(spelling)] }

    /// Whether two buffers of the same length hold the same bytes, eight at a time.
    @inline(__always)
    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = UnsafeRawBufferPointer(a)
        let b = UnsafeRawBufferPointer(b)
        var k = 0
        while k + 8 <= a.count {
            if a.loadUnaligned(fromByteOffset: k, as: UInt64.self) != b.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
            k += 8
        }
        while k < a.count {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }
}
