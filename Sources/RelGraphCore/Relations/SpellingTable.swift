#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct texts of one document as dense ids: one table holds its entity names (the
/// `Referent`s' spellings), another the texts of its relation triggers.
///
/// Each distinct spelling (byte sequence) gets a spelling id, the text output shows; spellings
/// that `String`'s `==` calls equal (`é` precomposed and decomposed, `K` and the Kelvin sign)
/// share an identity, the spelling id of the first of them, which is what comparisons use. So
/// `Referent` (and trigger) equality is exactly the `String` equality the texts had, and every
/// text keeps the spelling it was given.
///
/// Spellings are found by their bytes in a `ByteStringSet`, whose numbers are the spelling
/// ids. Two ASCII strings are equal exactly when their bytes are, so while the table holds
/// only ASCII texts each new spelling is its own identity; from its first other text on, identities come from a
/// `Dictionary<String, Int32>`, which compares as `String` does.
///
/// - Complexity: O(*b*) per interned text of *b* bytes (a hash and one byte comparison, plus a
///   `Dictionary` lookup for a new spelling once the table holds a non-ASCII text).
struct SpellingTable {
    /// The texts by spelling id.
    private(set) var spellings: [String] = []
    /// By spelling id: its identity (the first spelling equal to it).
    private(set) var identities: [Int32] = []
    /// The UTF-8 bytes of every spelling, numbered by spelling id (compared without touching
    /// the `String`s).
    private var set = ByteStringSet(expected: 32)
    /// Name → identity, by `String`'s `==`: filled from the first non-ASCII name on.
    private var byName: [String: Int32] = [:]
    private var unicode = false
    /// By spelling id: whether its bytes are all ASCII (`precedes`, `withUTF8`).
    private(set) var ascii: [Bool] = []
    /// Spelling ids of recent `intern(_:)` calls. Why: a document names the same entity again
    /// and again, usually with the same `String` (one shared by the recognizer's mentions, or
    /// a small string held inline), and hashing and comparing its bytes on every sentence cost
    /// more than the rest of interning it.
    private var recent = RecentStringIDs(slotBits: 6)
    var count: Int { spellings.count }

    /// An empty table with room for a document's usual few dozen texts, so that interning
    /// them does not regrow the lists step by step.
    init() {
        spellings.reserveCapacity(32)
        identities.reserveCapacity(32)
        ascii.reserveCapacity(32)
    }

    /// Empties the table for another document, keeping the capacity of its lists and, up to
    /// a bound, of its hash table (`ByteStringTable.removeAll(expected:)`).
    mutating func removeAll() {
        spellings.removeAll(keepingCapacity: true)
        identities.removeAll(keepingCapacity: true)
        ascii.removeAll(keepingCapacity: true)
        set.removeAll(expected: 32)
        if !byName.isEmpty { byName.removeAll() }
        unicode = false
        recent = RecentStringIDs(slotBits: 6)
    }

    /// The referent of `name` as a `type`, interning the name if new.
    mutating func referent(_ name: String, type: EntityType) -> Referent {
        let (spelling, identity) = intern(name)
        return Referent(spelling: spelling, identity: identity, type: type)
    }

    /// The spelling id and identity of `name`, adding it if new.
    mutating func intern(_ name: String) -> (spelling: Int32, identity: Int32) {
        let slot = recent.slot(name)
        if let spelling = recent.id(of: name, at: slot, stored: { spellings[Int($0)] }) { return (spelling, identities[Int(spelling)]) }
        let result: (spelling: Int32, identity: Int32)
        if let inPlace = name.utf8.withContiguousStorageIfAvailable({ intern(bytes: $0, string: { name }) }) {
            result = inPlace
        } else {
            let bytes = Array(name.utf8)
            result = bytes.withUnsafeBufferPointer { intern(bytes: $0, string: { name }) }
        }
        recent.remember(result.spelling, at: slot)
        return result
    }

    /// `intern(_:)` for a caller that interns each of its strings once (the relation stage,
    /// given each distinct name of a document once): the cache of recent strings could not
    /// answer, and filling it cost an allocation per document.
    mutating func internOnce(_ name: String) -> (spelling: Int32, identity: Int32) {
        if let inPlace = name.utf8.withContiguousStorageIfAvailable({ intern(bytes: $0, string: { name }) }) { return inPlace }
        let bytes = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { intern(bytes: $0, string: { name }) }
    }

    /// The spelling id and identity of the text whose UTF-8 bytes are `bytes`, adding it if
    /// new; `string` makes its `String` (only for a new spelling).
    mutating func intern(bytes: UnsafeBufferPointer<UInt8>, string: () -> String) -> (spelling: Int32, identity: Int32) {
        let (slot, tag): (Int, UInt32)
        switch set.find(bytes) {
        case .found(let found): return (Int32(found), identities[found])
        case .missing(let s, let t): (slot, tag) = (s, t)
        }
        let id = Int32(spellings.count)
        var identity = id
        let name = string()
        let isASCII = Self.isASCII(bytes)
        ascii.append(isASCII)
        if unicode || !isASCII {
            if !unicode {
                // Until now every text was ASCII, and so its own identity.
                unicode = true
                for (k, spelling) in spellings.enumerated() { byName[spelling] = Int32(k) }
            }
            if let existing = byName[name] { identity = existing } else { byName[name] = id }
        }
        spellings.append(name)
        identities.append(identity)
        _ = set.insert(bytes, slot: slot, tag: tag)
        return (id, identity)
    }

    /// The text of `referent`'s name, as its mention spelled it.
    @inline(__always)
    func name(_ referent: Referent) -> String { spellings[Int(referent.spelling)] }

    /// The text of spelling id `spelling`.
    @inline(__always)
    func name(spelling: Int32) -> String { spellings[Int(spelling)] }

    /// Calls `body` with the UTF-8 bytes of spelling id `spelling`.
    @inline(__always)
    func withUTF8<Result>(spelling: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let start = set.ends[Int(spelling)], end = set.ends[Int(spelling) + 1]
        return set.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Whether the text of `a` sorts before that of `b` as `String`s do: for two ASCII texts
    /// that is the order of their bytes, compared without making the `String`s.
    func precedes(_ a: Referent, _ b: Referent) -> Bool {
        guard ascii[Int(a.spelling)] && ascii[Int(b.spelling)] else { return name(a) < name(b) }
        return withUTF8(spelling: a.spelling) { first in
            withUTF8(spelling: b.spelling) { second in
                let common = min(first.count, second.count)
                let order = common == 0 ? 0 : memcmp(first.baseAddress!, second.baseAddress!, common)
                return order != 0 ? order < 0 : first.count < second.count
            }
        }
    }
}

extension SpellingTable {
    /// Whether every byte of `bytes` is ASCII, read eight at a time (the last 1–7 as
    /// `ByteHash.tail` reads them). Why: the byte-at-a-time scan of each new text cost about
    /// 0.8 M instructions of `TriggerTable.intern` and 1.3 M of `internOnce` on synth10.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var bits: UInt64 = 0
        var index = 0
        while index &+ 8 <= raw.count {
            bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index &+= 8
        }
        if index < raw.count { bits |= ByteHash.tail(raw, from: index) }
        return bits & 0x8080_8080_8080_8080 == 0
    }
}
