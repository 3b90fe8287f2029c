/// An open-addressing hash table from byte strings (kept by its owner) to their indices:
/// each slot holds 32 bits of the hash and the index, so probing rarely compares bytes and
/// growing never rehashes them.
///
/// The tag is the low 32 bits of `ByteHash.hash`; the slot is the tag's low bits, both when
/// looking up and when growing, so a tag always leads back to the slot run of its string.
struct ByteStringTable {
    private var slots: [UInt64]
    private var used = 0

    enum Lookup {
        case found(Int)
        /// Where to insert it, and its hash tag.
        case missing(slot: Int, tag: UInt32)
    }

    /// Room for `expected` strings at most half full (at least 16 slots), before it grows.
    init(expected: Int) {
        slots = [UInt64](repeating: 0, count: Self.size(expected: expected))
    }

    /// The most slots `removeAll(expected:)` keeps: 2 KB, emptied in place for each of a
    /// worker's documents (no more than the allocation it replaces costs), while a table that
    /// one long document grew past it is given back.
    static let maximumKept = 256

    /// Empties the table, as `init(expected:)` would make it, but keeping its slots when
    /// there are enough of them and no more than `maximumKept`: the per-document tables of
    /// the relation stage (`SpellingTable`, `TriggerTable`) allocated and freed theirs for
    /// every document, and most regrew them too.
    mutating func removeAll(expected: Int) {
        let size = Self.size(expected: expected)
        used = 0
        if slots.count >= size && slots.count <= Self.maximumKept {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            slots = [UInt64](repeating: 0, count: size)
        }
    }

    /// The slot count for `expected` strings: a power of two, at least 16 and twice `expected`.
    private static func size(expected: Int) -> Int {
        var size = 16
        while size < expected * 2 { size *= 2 }
        return size
    }

    /// How many slots the table has (for tests of `removeAll(expected:)`).
    var capacity: Int { slots.count }

    /// The index of `bytes`, given `equal(index)` to compare stored string `index` with it.
    ///
    /// - Complexity: O(1) expected (at most half full), plus a byte comparison per tag hit.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>, equal: (Int) -> Bool) -> Lookup {
        let tag = Self.tag(bytes)
        let mask = slots.count - 1
        var slot = Int(tag) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return .missing(slot: slot, tag: tag) }
            if UInt32(truncatingIfNeeded: entry >> 32) == tag {
                let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if equal(index) { return .found(index) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Records `index` at `slot` (from the `find` that missed it).
    mutating func insert(_ index: Int, slot: Int, tag: UInt32) {
        slots[slot] = UInt64(tag) << 32 | UInt64(index + 1)
        used += 1
        if used * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// The 32 bits of `bytes`' hash that a slot keeps: the low half of `ByteHash.hash`.
    @inline(__always)
    static func tag(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(truncatingIfNeeded: ByteHash.hash(bytes))
    }
}
