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
    /// The UTF-8 bytes of every spelling, numbered by spelling id, and found by their bytes
    /// (compared without touching the `String`s).
    private var set = ByteStringSet(expected: 32)
    /// Name → identity, by `String`'s `==`: filled from the first non-ASCII name on.
    private var byName: [String: Int32] = [:]
    private var unicode = false
    /// By spelling id: whether its bytes are all ASCII (`precedes`, `withUTF8`).
    private(set) var ascii: [Bool] = []
    /// The spellings last found by `intern(_:)`, direct-mapped by the bits of their `String`s
    /// in `spellings`; empty until its first call. Plain values: the table holds the strings.
    private var recent: [Recent] = []

    private struct Recent {
        var bits: (UInt64, UInt64)
        var spelling: Int32
        var identity: Int32
    }

    private static let recentCount = 64

    var count: Int { spellings.count }

    /// An empty table with room for a document's usual few dozen texts, so that interning
    /// them does not regrow the lists step by step.
    init() {
        spellings.reserveCapacity(32)
        identities.reserveCapacity(32)
        ascii.reserveCapacity(32)
    }

    /// The referent of `name` as a `type`, interning the name if new.
    mutating func referent(_ name: String, type: EntityType) -> Referent {
        let (spelling, identity) = intern(name)
        return Referent(spelling: spelling, identity: identity, type: type)
    }

    /// The spelling id and identity of `name`, adding it if new.
    ///
    /// The mentions of one entity usually carry the same `String` (its canonical name, often
    /// short enough to be stored inline), so a string is first looked up by its 16 bytes of
    /// `String` representation among the spellings last found: equal bits are the same text (an
    /// inline string is its bytes; a heap string is its storage, alive in `spellings`, and its
    /// length). A miss says nothing and the bytes are looked up as before.
    mutating func intern(_ name: String) -> (spelling: Int32, identity: Int32) {
        let bits = Self.bits(of: name)
        if recent.isEmpty {
            recent = Array(repeating: Recent(bits: (0, 0), spelling: -1, identity: -1), count: Self.recentCount)
        } else {
            let entry = recent[Self.recentSlot(bits)]
            if entry.spelling >= 0, entry.bits == bits { return (entry.spelling, entry.identity) }
        }
        let found: (spelling: Int32, identity: Int32)
        if let inPlace = name.utf8.withContiguousStorageIfAvailable({ intern(bytes: $0, string: { name }) }) {
            found = inPlace
        } else {
            let bytes = Array(name.utf8)
            found = bytes.withUnsafeBufferPointer { intern(bytes: $0, string: { name }) }
        }
        // Keyed by the string the table holds (`name` itself when new, and equal to it when
        // both are inline), so that the bits stay those of a live string.
        let held = Self.bits(of: spellings[Int(found.spelling)])
        recent[Self.recentSlot(held)] = Recent(bits: held, spelling: found.spelling, identity: found.identity)
        return found
    }

    @inline(__always)
    private static func bits(of string: String) -> (UInt64, UInt64) {
        unsafeBitCast(string, to: (UInt64, UInt64).self)
    }

    @inline(__always)
    private static func recentSlot(_ bits: (UInt64, UInt64)) -> Int {
        Int(truncatingIfNeeded: ((bits.0 ^ (bits.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xC2B2_AE3D_27D4_EB4F) >> 58)
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
        let isASCII = !bytes.contains(where: { $0 >= 0x80 })
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
