/// A map from packed relation keys (`PartialGraph.pack`) to relation numbers.
///
/// Why not `[UInt64: Int32]`: every evidence record added looks its relation up, and a
/// `Dictionary` hashes each key with SipHash through `Hasher`. The keys here are already
/// distinct integers, so one multiply spreads them over the slots.
///
/// Layout: open addressing with linear probing over parallel arrays of keys and values, at
/// most ¾ full (as `Dictionary`), so 12 bytes per slot and no more memory than the dictionary.
struct PackedKeyIndex: Sendable {
    private var keys: [UInt64] = []
    /// −1 marks an empty slot.
    private var values: [Int32] = []
    private var shift: UInt64 = 64
    private(set) var count = 0

    init() {}

    /// Makes room for `capacity` keys without growing.
    mutating func reserveCapacity(_ capacity: Int) {
        var slots = max(16, values.count)
        while slots * 3 < capacity * 4 { slots *= 2 }
        if slots > values.count { rehash(slots) }
    }

    /// - Complexity: O(1) expected.
    @inline(__always)
    subscript(key: UInt64) -> Int32? {
        guard !values.isEmpty else { return nil }
        return keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                let mask = values.count - 1
                var slot = Self.slot(key, shift)
                while true {
                    let value = values[slot]
                    if value < 0 { return nil }
                    if keys[slot] == key { return value }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Adds a key that is not in the map yet, with a value ≥ 0.
    mutating func insertNew(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 4 > values.count * 3 { rehash(max(16, values.count * 2)) }
        place(key, value)
        count += 1
    }

    private mutating func place(_ key: UInt64, _ value: Int32) {
        let mask = values.count - 1
        var slot = Self.slot(key, shift)
        while values[slot] >= 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
    }

    private mutating func rehash(_ slots: Int) {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: slots)
        values = Array(repeating: -1, count: slots)
        shift = UInt64(64 - slots.trailingZeroBitCount)
        for slot in oldValues.indices where oldValues[slot] >= 0 { place(oldKeys[slot], oldValues[slot]) }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ key >> 29) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
