/// The open-addressing table behind `PackedKeyIndex`, `StringIDIndex` and (in recognition)
/// `SurfaceTable`: linear probing over
/// slots of a 64-bit word and a 32-bit value, at most ¾ full (as `Dictionary`), so 12 bytes per
/// slot; −1 marks an empty slot. A word's home slot is its top bits, so words must be well mixed
/// already (a hash, or a mixed key).
///
/// A slot keeps its word and value side by side (the word as two 32-bit halves, so that a slot
/// is 12 bytes, not 16): a lookup in a table much larger than the cache then costs one cache
/// miss, where parallel arrays of words and values cost two.
struct ProbedSlots: Sendable {
    struct Slot {
        var low: UInt32
        var high: UInt32
        /// −1 marks an empty slot.
        var value: Int32

        @inline(__always)
        var word: UInt64 { UInt64(high) << 32 | UInt64(low) }
    }

    private var slots: [Slot] = []
    private var shift: UInt64 = 64
    private(set) var count = 0

    init() {}

    /// Makes room for `capacity` entries without growing.
    mutating func reserveCapacity(_ capacity: Int) {
        var wanted = max(16, slots.count)
        while wanted * 3 < capacity * 4 { wanted *= 2 }
        if wanted > slots.count { rehash(wanted) }
    }

    /// The value of the first entry under `word`, probing from its home slot, that `accept`s.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    func find(_ word: UInt64, _ accept: (Int32) -> Bool) -> Int32? {
        guard !slots.isEmpty else { return nil }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.slot(word, shift)
            while true {
                let entry = slots[slot]
                if entry.value < 0 { return nil }
                if entry.word == word, accept(entry.value) { return entry.value }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Writes to `values[2i]` the value in the home slot of `word(i)` (−1: empty) and to
    /// `values[2i + 1]` the value six slots on (in the next cache line, where a probe that
    /// finds the home slot taken goes on), for `i` in `0..<values.count / 2`, with no branch
    /// on what is loaded: the loads do not wait for one another, so in a table larger than
    /// the cache their misses overlap, and `find`s of the same words that follow hit.
    @inline(__always)
    func homeValues(into values: UnsafeMutableBufferPointer<Int32>, word: (Int) -> UInt64) {
        guard !slots.isEmpty else {
            for index in values.indices { values[index] = -1 }
            return
        }
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            for index in 0..<values.count / 2 {
                let home = Self.slot(word(index), shift)
                values[2 * index] = slots[home].value
                values[2 * index + 1] = slots[(home + 6) & mask].value
            }
        }
    }

    /// Adds an entry (`value` ≥ 0); words may repeat (`find` then asks `accept`).
    mutating func insert(_ word: UInt64, _ value: Int32) {
        if (count + 1) * 4 > slots.count * 3 { rehash(max(16, slots.count * 2)) }
        place(word, value)
        count += 1
    }

    private mutating func place(_ word: UInt64, _ value: Int32) {
        let shift = shift
        slots.withUnsafeMutableBufferPointer { Self.place(word, value, shift: shift, in: $0) }
    }

    /// Through a pointer: the array's bounds and uniqueness checks were a third of a
    /// placement. Every slot is in bounds: `shift` leaves the top log₂(`slots.count`) bits
    /// of the word, and each step is masked to the count (a power of two).
    @inline(__always)
    private static func place(_ word: UInt64, _ value: Int32, shift: UInt64, in slots: UnsafeMutableBufferPointer<Slot>) {
        let mask = slots.count &- 1
        var slot = Self.slot(word, shift)
        while slots[slot].value >= 0 { slot = (slot &+ 1) & mask }
        slots[slot] = Slot(low: UInt32(truncatingIfNeeded: word), high: UInt32(truncatingIfNeeded: word >> 32), value: value)
    }

    private mutating func rehash(_ count: Int) {
        let old = slots
        // Not `Array(repeating:count:)`, which allocates through unspecialized code (see
        // `init(specializedUninitializedCapacity:initializingWith:)`).
        slots = [Slot](specializedUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.initialize(repeating: Slot(low: 0, high: 0, value: -1), count: count)
            initialized = count
        }
        let shift = UInt64(64 - count.trailingZeroBitCount)
        self.shift = shift
        slots.withUnsafeMutableBufferPointer { slots in
            old.withUnsafeBufferPointer { old in
                for entry in old where entry.value >= 0 { Self.place(entry.word, entry.value, shift: shift, in: slots) }
            }
        }
    }

    @inline(__always)
    private static func slot(_ word: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: word >> shift)
    }
}
