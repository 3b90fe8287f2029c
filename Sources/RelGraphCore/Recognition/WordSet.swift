/// A set of lowercase words stored as 64-bit FNV-1a hashes of their bytes, so the recognizer can
/// test a token straight from the document's bytes, with no `String` and no Unicode
/// normalization on the hot path.
///
/// Hashing folds ASCII letters to lowercase and the curly apostrophe `’` to `'`. Two distinct
/// words colliding in 64 bits is negligible for lists of this size (10⁵ words).
///
/// The keys live in an open-addressing table (linear probing, at most half full) rather than a
/// `Set<UInt64>`: the keys are already well-mixed hashes, so a lookup is one multiply, a mask
/// and usually one load, instead of a seeded SipHash round per token.
public struct WordSet: Sendable {
    private var table: HashTable

    public init<S: Sequence>(_ words: S) where S.Element == String {
        table = HashTable(words.map { Self.hash($0) })
    }

    init<S: Sequence>(keys: S) where S.Element == UInt64 { table = HashTable(keys) }

    public func contains(_ word: String) -> Bool { table.contains(Self.hash(word)) }

    @inline(__always)
    public func contains(_ key: UInt64) -> Bool { table.contains(key) }

    public var count: Int { table.count }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    public static func hash(_ word: String) -> UInt64 {
        var bytes = Array(word.utf8)
        return bytes.withUnsafeMutableBufferPointer { hash($0, 0, $0.count) }
    }

    /// The key of `bytes[start..<end]`.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var hash = offsetBasis
        var index = start
        while index < end {
            var byte = bytes[index]
            if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                byte = UInt8(ascii: "'")
                index += 2
            } else if byte >= 0x41 && byte <= 0x5A {
                byte |= 0x20
            }
            hash = (hash ^ UInt64(byte)) &* prime
            index += 1
        }
        return hash
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        hash(UnsafeBufferPointer(bytes), start, end)
    }

    @inline(__always)
    static func hash(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash($0, start, end) }
    }
}

extension WordSet {
    /// A set of 64-bit keys in one flat array: slot `(key × φ) >> shift`, linear probing,
    /// load factor ≤ ½. Slot value 0 means empty, so the key 0 is tracked by a flag.
    struct HashTable: Sendable {
        private var slots: [UInt64]
        private var shift: UInt64
        private var hasZero = false
        private(set) var count = 0

        /// Duplicate keys are stored once.
        init<S: Sequence>(_ keys: S) where S.Element == UInt64 {
            let keys = Array(keys)
            var capacity = 8
            while capacity < keys.count * 2 { capacity *= 2 }
            let shift = UInt64(64 - capacity.trailingZeroBitCount)
            let mask = capacity - 1
            var count = 0
            var hasZero = false
            var table = Array(repeating: UInt64(0), count: capacity)
            for key in keys {
                if key == 0 {
                    if !hasZero { count += 1 }
                    hasZero = true
                    continue
                }
                var slot = Self.slot(key, shift)
                while table[slot] != 0 && table[slot] != key { slot = (slot + 1) & mask }
                if table[slot] == 0 {
                    table[slot] = key
                    count += 1
                }
            }
            slots = table
            self.shift = shift
            self.hasZero = hasZero
            self.count = count
        }

        @inline(__always)
        private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }

        /// - Complexity: O(1) expected.
        @inline(__always)
        func contains(_ key: UInt64) -> Bool {
            if key == 0 { return hasZero }
            return slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = Self.slot(key, shift)
                while true {
                    let stored = slots[slot]
                    if stored == key { return true }
                    if stored == 0 { return false }
                    slot = (slot + 1) & mask
                }
            }
        }
    }
}
