#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct texts of one document's relation triggers as dense ids, kept as ranges of the
/// document's bytes: no `String` and no copy of the bytes per trigger.
///
/// The same ids and identities as a `SpellingTable` fed the same texts in the same order: each
/// distinct byte sequence gets a spelling id; texts that `String`'s `==` calls equal share an
/// identity, the spelling id of the first of them (from the first non-ASCII text on, through a
/// `Dictionary<String, Int32>`, as `SpellingTable` does). Why not a `SpellingTable`: it made a
/// `String` and copied the bytes of every trigger new to the document (about half of all
/// triggers), only for the graph to hash those bytes again; the graph now interns the bytes
/// (`PartialGraph.stringID(utf8:)`) and makes a `String` only for a text new to it.
///
/// - Complexity: O(*b*) per interned text of *b* bytes (a hash and one byte comparison, plus a
///   `Dictionary` lookup for a new text once the table holds a non-ASCII one).
struct TriggerTable {
    /// The document's UTF-8 bytes, which every text is a range of.
    private var bytes: [UInt8]
    /// By spelling id: the bytes of its first occurrence.
    private var ranges: [Range<Int>] = []
    /// By spelling id: its identity (the first spelling equal to it as a `String`).
    private(set) var identities: [Int32] = []
    private var table = ByteStringTable(expected: 32)
    /// Text → identity, by `String`'s `==`: filled from the first non-ASCII text on.
    private var byName: [String: Int32] = [:]
    private var unicode = false

    var count: Int { ranges.count }

    /// An empty table for the texts of `bytes`, with room for a document's usual few dozen.
    init(bytes: [UInt8]) {
        self.bytes = bytes
        ranges.reserveCapacity(32)
        identities.reserveCapacity(32)
    }

    /// Empties the table for the texts of another document's `bytes`, keeping the capacity
    /// of its lists and, up to a bound, of its hash table (`ByteStringTable.removeAll(expected:)`).
    mutating func removeAll(bytes: [UInt8]) {
        self.bytes = bytes
        ranges.removeAll(keepingCapacity: true)
        identities.removeAll(keepingCapacity: true)
        table.removeAll(expected: 32)
        if !byName.isEmpty { byName.removeAll() }
        unicode = false
    }

    /// The spelling id and identity of the text of bytes `range` of the document, adding it if new.
    mutating func intern(_ range: Range<Int>) -> (spelling: Int32, identity: Int32) {
        let lookup = bytes.withUnsafeBufferPointer { all in
            let text = UnsafeBufferPointer(rebasing: all[range])
            return table.find(text) { id in
                let stored = ranges[id]
                return stored.count == text.count
                    && (text.isEmpty || memcmp(all.baseAddress! + stored.lowerBound, text.baseAddress!, text.count) == 0)
            }
        }
        let (slot, tag): (Int, UInt32)
        switch lookup {
        case .found(let found): return (Int32(found), identities[found])
        case .missing(let s, let t): (slot, tag) = (s, t)
        }
        let id = Int32(ranges.count)
        var identity = id
        if unicode || !bytes.withUnsafeBufferPointer({ SpellingTable.isASCII(UnsafeBufferPointer(rebasing: $0[range])) }) {
            if !unicode {
                // Until now every text was ASCII, and so its own identity.
                unicode = true
                for k in ranges.indices { byName[name(spelling: Int32(k))] = Int32(k) }
            }
            let name = String(decoding: bytes[range], as: UTF8.self)
            if let existing = byName[name] { identity = existing } else { byName[name] = id }
        }
        ranges.append(range)
        identities.append(identity)
        table.insert(Int(id), slot: slot, tag: tag)
        return (id, identity)
    }

    /// Calls `body` with the UTF-8 bytes of spelling id `spelling`.
    @inline(__always)
    func withUTF8<Result>(spelling: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = ranges[Int(spelling)]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The text of spelling id `spelling`: the `String` its bytes decode to.
    func name(spelling: Int32) -> String {
        withUTF8(spelling: spelling) { String(decoding: $0, as: UTF8.self) }
    }
}
