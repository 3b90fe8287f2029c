/// The open-addressing table behind `PackedKeyIndex` and `StringIDIndex`: linear probing over
/// parallel arrays of 64-bit words and 32-bit values, at most ¾ full (as `Dictionary`), so 12
/// bytes per slot; −1 marks an empty slot. A word's home slot is its top bits, so words must be
/// well mixed already (a hash, or a mixed key).
struct ProbedSlots: Sendable {
    private var words: [UInt64] = []
    /// −1 marks an empty slot.
    private var values: [Int32] = []
    private var shift: UInt64 = 64
    private(set) var count = 0

    init() {}

    /// Makes room for `capacity` entries without growing.
    mutating func reserveCapacity(_ capacity: Int) {
        var slots = max(16, values.count)
        while slots * 3 < capacity * 4 { slots *= 2 }
        if slots > values.count { rehash(slots) }
    }

    /// The value of the first entry under `word`, probing from its home slot, that `accept`s.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    func find(_ word: UInt64, _ accept: (Int32) -> Bool) -> Int32? {
        guard !values.isEmpty else { return nil }
        return words.withUnsafeBufferPointer { words in
            values.withUnsafeBufferPointer { values in
                let mask = values.count - 1
                var slot = Self.slot(word, shift)
                while true {
                    let value = values[slot]
                    if value < 0 { return nil }
                    if words[slot] == word, accept(value) { return value }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Adds an entry (`value` ≥ 0); words may repeat (`find` then asks `accept`).
    mutating func insert(_ word: UInt64, _ value: Int32) {
        if (count + 1) * 4 > values.count * 3 { rehash(max(16, values.count * 2)) }
        place(word, value)
        count += 1
    }

    private mutating func place(_ word: UInt64, _ value: Int32) {
        let mask = values.count - 1
        var slot = Self.slot(word, shift)
        while values[slot] >= 0 { slot = (slot + 1) & mask }
        words[slot] = word
        values[slot] = value
    }

    private mutating func rehash(_ slots: Int) {
        let oldWords = words, oldValues = values
        words = Array(repeating: 0, count: slots)
        values = Array(repeating: -1, count: slots)
        shift = UInt64(64 - slots.trailingZeroBitCount)
        for slot in oldValues.indices where oldValues[slot] >= 0 { place(oldWords[slot], oldValues[slot]) }
    }

    @inline(__always)
    private static func slot(_ word: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: word >> shift)
    }
}
