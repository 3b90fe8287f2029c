/// An open-addressing hash table from byte strings (kept by its owner) to their indices:
/// each slot holds 32 bits of the hash and the index, so probing rarely compares bytes and
/// growing never rehashes them.
struct ByteStringTable {
    private var slots: [UInt64]
    private var used = 0

    enum Lookup {
        case found(Int)
        /// Where to insert it, and its hash tag.
        case missing(slot: Int, tag: UInt32)
    }

    init(expected: Int) {
        var size = 1024
        while size < expected * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// The index of `bytes`, given `equal(index)` to compare stored string `index` with it.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>, equal: (Int) -> Bool) -> Lookup {
        let tag = Self.hash(bytes)
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

    /// A 32-bit hash of `bytes`, eight at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
                index += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 29
        return UInt32(truncatingIfNeeded: hash >> 32) ^ UInt32(truncatingIfNeeded: hash)
    }
}
