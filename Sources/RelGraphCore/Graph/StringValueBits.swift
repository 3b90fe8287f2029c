/// The bits of a `String` value, for caches that find a string again without hashing its
/// bytes when it comes back as the very same value.
///
/// Equal bits mean equal text, provided the cache keeps the `String` it compares with: a
/// small string holds its bytes in its bits, and a large one points to storage that the kept
/// copy keeps alive, so that it is neither freed (and its address reused) nor mutated in
/// place while shared. Unequal bits say nothing (equal text in other storage): callers then
/// take their usual path.
enum StringValueBits {
    /// The two words of `string`, where a `String` is two words (64-bit platforms), else `nil`.
    @inline(__always)
    static func bits(_ string: String) -> (UInt64, UInt64)? {
        guard MemoryLayout<String>.size == MemoryLayout<(UInt64, UInt64)>.size else { return nil }
        return unsafeBitCast(string, to: (UInt64, UInt64).self)
    }

    /// Whether `a` and `b` are the same value (so equal text); `false` when unknown.
    @inline(__always)
    static func same(_ a: String, _ b: String) -> Bool {
        guard let first = bits(a), let second = bits(b) else { return false }
        return first == second
    }

    /// A slot among `2^slotBits` for `string`'s bits, or `nil` where `bits` is.
    @inline(__always)
    static func slot(_ string: String, slotBits: Int) -> Int? {
        guard let (first, second) = bits(string) else { return nil }
        let mixed = (first ^ second &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> UInt64(64 - slotBits))
    }
}

/// Ids of recently interned strings, direct-mapped by `StringValueBits.slot` (−1 empty; the
/// table is allocated on first use): a string that comes back as the very value stored for
/// its id is found without hashing its bytes. Names repeat within a document as one shared
/// value, and short names (most) are held inline, so across documents too.
struct RecentStringIDs {
    private let slotBits: Int
    private var ids: [Int32] = []

    /// A cache of `1 << slotBits` ids.
    init(slotBits: Int) {
        self.slotBits = slotBits
    }

    /// Where `string` is cached, or `nil` where `StringValueBits` cannot tell.
    @inline(__always)
    func slot(_ string: String) -> Int? {
        StringValueBits.slot(string, slotBits: slotBits)
    }

    /// The id cached at `slot`, if `stored` of it (the value the caller keeps for that id) is
    /// the very value `string`.
    @inline(__always)
    func id(of string: String, at slot: Int?, stored: (Int32) -> String) -> Int32? {
        guard let slot, !ids.isEmpty else { return nil }
        let id = ids[slot]
        guard id >= 0, StringValueBits.same(stored(id), string) else { return nil }
        return id
    }

    /// Caches `id` at `slot` (nothing where `slot` is `nil`).
    @inline(__always)
    mutating func remember(_ id: Int32, at slot: Int?) {
        guard let slot else { return }
        if ids.isEmpty { ids = Array(repeating: -1, count: 1 << slotBits) }
        ids[slot] = id
    }
}
