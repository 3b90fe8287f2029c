import Collections
import Foundation

/// A byte-exact lookup table in front of an `OrderedSet<String>`: string → its index there.
///
/// Why: extraction interns every name, surface, document, trigger and date it adds, several
/// times per mention and relation. `OrderedSet.firstIndex(of:)` hashes each with SipHash
/// through `Hasher`; this table hashes the UTF-8 bytes with `ByteHash` (eight at a time) and
/// confirms a hit with one `memcmp` against the stored string.
///
/// It never decides equality differently from `String`: it only records strings by their
/// exact bytes, and bytes that are equal make equal `String`s. A miss (a new string, or bytes
/// that differ from the stored form but are canonically equivalent to it) falls back to the
/// `OrderedSet`, which decides as before; the caller then records the stored form here.
///
/// Layout: a `ProbedSlots` table of (hash, id), 12 bytes per slot.
struct StringIDIndex: Sendable {
    private var slots = ProbedSlots()

    init() {}

    var count: Int { slots.count }

    /// The id of the string whose UTF-8 bytes are exactly `bytes`, if it was recorded.
    ///
    /// - Complexity: O(1) expected, plus one comparison of `bytes.count` bytes per hash hit.
    @inline(__always)
    func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64, in strings: OrderedSet<String>) -> Int32? {
        slots.find(hash) { Self.bytes(of: strings[Int($0)], equal: bytes) }
    }

    /// Loads the table's slots for `hashes` (`ProbedSlots.homeValues`), so that looking them
    /// up next finds them in cache; `values` (two per hash) receives what those slots hold,
    /// the first of each pair the id (if any) in the hash's home slot.
    func warm(_ hashes: UnsafeBufferPointer<UInt64>, into values: UnsafeMutableBufferPointer<Int32>) {
        precondition(values.count == 2 * hashes.count)
        slots.homeValues(into: values) { hashes[$0] }
    }

    /// Records `id` under `hash`. The caller passes the hash of the stored string's own bytes;
    /// an id is recorded again when its stored spelling is replaced by an equal one in other
    /// bytes (`PartialGraph.addString`), and its old entry then no longer matches.
    mutating func insert(hash: UInt64, id: Int32) { slots.insert(hash, id) }

    /// Makes room for `capacity` ids without growing.
    mutating func reserveCapacity(_ capacity: Int) { slots.reserveCapacity(capacity) }

    @inline(__always)
    private static func bytes(of string: String, equal bytes: UnsafeRawBufferPointer) -> Bool {
        let utf8 = string.utf8
        guard utf8.count == bytes.count else { return false }
        if let equal = utf8.withContiguousStorageIfAvailable({ stored in
            stored.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, stored.count) == 0
        }) {
            return equal
        }
        return utf8.elementsEqual(bytes)
    }

    /// Calls `body` with the UTF-8 bytes of `string`.
    @inline(__always)
    static func withBytes<Result>(_ string: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = string.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        var copy = string
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with the UTF-8 bytes of `string` and their hash.
    @inline(__always)
    static func withHashedBytes<Result>(_ string: String, _ body: (UnsafeRawBufferPointer, UInt64) -> Result) -> Result {
        withBytes(string) { body($0, ByteHash.hash($0)) }
    }
}
