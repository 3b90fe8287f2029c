/// A map from packed relation keys (`PartialGraph.pack`) to relation numbers.
///
/// Why not `[UInt64: Int32]`: every evidence record added looks its relation up, and a
/// `Dictionary` hashes each key with SipHash through `Hasher`. The keys here are already
/// distinct integers, so one multiply spreads them: each is stored mixed (`mix` is one to one,
/// so mixed keys are as distinct as the keys).
struct PackedKeyIndex: Sendable {
    private var slots = ProbedSlots()

    init() {}

    var count: Int { slots.count }

    /// Makes room for `capacity` keys without growing.
    mutating func reserveCapacity(_ capacity: Int) { slots.reserveCapacity(capacity) }

    /// - Complexity: O(1) expected.
    @inline(__always)
    subscript(key: UInt64) -> Int32? { slots.find(Self.mix(key)) { _ in true } }

    /// Loads the table's slots for `keys` (`ProbedSlots.homeValues`), so that looking them up
    /// next finds them in cache; `values` (two per key) receives what those slots hold.
    func warm(_ keys: UnsafeBufferPointer<UInt64>, into values: UnsafeMutableBufferPointer<Int32>) {
        precondition(values.count == 2 * keys.count)
        slots.homeValues(into: values) { Self.mix(keys[$0]) }
    }

    /// Adds a key that is not in the map yet, with a value ≥ 0.
    mutating func insertNew(_ key: UInt64, _ value: Int32) { slots.insert(Self.mix(key), value) }

    /// A bijection of 64-bit integers whose top bits depend on all of the key's: a shift-xor
    /// and a multiply by an odd constant, each invertible.
    @inline(__always)
    static func mix(_ key: UInt64) -> UInt64 { (key ^ key >> 29) &* 0x9E37_79B9_7F4A_7C15 }
}
