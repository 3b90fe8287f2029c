/// A direct-mapped cache of `CueIndex.flags` answers: 1,024 entries of a key and its flags
/// (and, once asked, a token's `NameRules.isCommon` answer for it),
/// the entry of a key chosen by its top ten bits (a `WordSet` key is an FNV-1a hash, whose last
/// step, a multiply, carries every byte into them). An entry holds a key asked before and its
/// answer, or, while empty, a key whose top bits are not its entry's, which no key asked
/// matches: a lookup is one load and one comparison, with no test for an empty entry.
enum CueFlagCache {
    struct Entry {
        var key: UInt64
        var flags: UInt16
        /// The byte count of the token whose `NameRules.isCommon` answer is `common`, 0 when
        /// the entry keeps none.
        var commonLength: UInt8
        var common: Bool
    }

    static let entryCount = 1 << 10

    /// The entry of `key`.
    @inline(__always)
    static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key >> 54) }

    /// A cache with every entry empty, never written (`NameRules` without a scratch reads it,
    /// and writes only a scratch's cache), so one serves every thread: a lookup in it is a
    /// miss, which asks the index as the rules did before there was a cache.
    nonisolated(unsafe) static let empty = makeEmpty()

    /// A cache with every entry empty, to deallocate by its owner.
    static func makeEmpty() -> UnsafeMutablePointer<Entry> {
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: entryCount)
        for slot in 0..<entryCount {
            // The top ten bits are `slot ^ 1`: another entry's.
            (entries + slot).initialize(to: Entry(key: UInt64(slot ^ 1) << 54, flags: 0, commonLength: 0, common: false))
        }
        return entries
    }
}
