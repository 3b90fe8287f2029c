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

    /// Every key of the set (in no particular order).
    var keys: [UInt64] { table.keys }

    /// Calls `body` with every key, in the order of `keys`, without building the array.
    @inline(__always)
    func forEachKey(_ body: (UInt64) -> Void) { table.forEachKey(body) }

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
            // Filled through a buffer: the bundled lists put some 150,000 keys in at start-up.
            let table = [UInt64](unsafeUninitializedCapacity: capacity) { table, initialized in
                table.initialize(repeating: 0)
                initialized = capacity
                keys.withUnsafeBufferPointer { keys in
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

        /// Every key of the table, in slot order.
        var keys: [UInt64] {
            var keys = slots.filter { $0 != 0 }
            if hasZero { keys.append(0) }
            return keys
        }

        /// `keys`, one at a time.
        @inline(__always)
        func forEachKey(_ body: (UInt64) -> Void) {
            slots.withUnsafeBufferPointer { slots in
                for key in slots where key != 0 { body(key) }
            }
            if hasZero { body(0) }
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

/// Which of the `NameCues` lists hold a word, as bits.
struct CueFlags: OptionSet, Sendable {
    let rawValue: UInt16

    static let givenName = CueFlags(rawValue: 1 << 0)
    static let surname = CueFlags(rawValue: 1 << 1)
    static let commonWord = CueFlags(rawValue: 1 << 2)
    static let title = CueFlags(rawValue: 1 << 3)
    static let orgSuffix = CueFlags(rawValue: 1 << 4)
    static let orgPrefix = CueFlags(rawValue: 1 << 5)
    static let orgCue = CueFlags(rawValue: 1 << 6)
    static let productCue = CueFlags(rawValue: 1 << 7)
    static let sourceCue = CueFlags(rawValue: 1 << 8)
    static let connector = CueFlags(rawValue: 1 << 9)
    static let notName = CueFlags(rawValue: 1 << 10)
    static let locationSuffix = CueFlags(rawValue: 1 << 11)
    static let organizationContext = CueFlags(rawValue: 1 << 12)
    static let locationPreposition = CueFlags(rawValue: 1 << 13)
    /// Set on every looked-up value, so a per-token memo can tell "none" from "not asked".
    static let known = CueFlags(rawValue: 1 << 15)
    /// Set on a `CueIndex.smallFlags` answer: the lists of `small` are known (the others not).
    static let smallKnown = CueFlags(rawValue: 1 << 14)

    /// The cue lists of `name-cues.tsv`, some 700 words in all: every list but the three of
    /// 5,000 to 90,000 words (`.givenName`, `.surname`, `.commonWord`), so `.title` through
    /// `.locationPreposition`. (A raw value, so the constant needs no run-time initialization;
    /// a test checks it.)
    static let small = CueFlags(rawValue: 0x3FF8)
}

/// Every `NameCues` list in one table: word key → the lists that hold it (`CueFlags`).
///
/// The rules ask several lists about the same capitalized token; the separate `WordSet`s cost
/// a probe each, two of them in megabyte tables (common words, surnames). Here one probe
/// answers all of them, and `NameRules` keeps the answer per token.
///
/// The table is 4 MB, so a probe is usually a cache miss; most tokens asked about are names
/// that no list holds (`Vailvara`, `Zokidton`). A blocked Bloom filter of about 8 bits per key
/// (some 160 KB, which stays in the L2 cache) answers those without touching the table: one
/// 64-bit word per key, three bits in it. It has no false negatives, so a key it rejects is in
/// no list, and a key it passes is looked up as before: the answers are the table's exactly.
struct CueIndex: Sendable {
    /// Key and flags side by side, so a probe touches one cache line.
    private struct Slot: Sendable {
        var key: UInt64
        var flags: UInt16
    }

    private var slots: [Slot]
    private var shift: UInt64
    /// The flags of the key 0 (slot key 0 means empty).
    private var zeroFlags: UInt16 = 0
    /// The prefilter: word `filterWord(key)` holds the bits `filterBits(key)` of every key.
    private var filter: [UInt64]
    /// The keys of the `CueFlags.small` lists with those flags only, at most half full: some
    /// 700 words in 32 KB, which stay cached, for the rules that ask only about cue lists (the
    /// word after a name: a connector, a product noun, an organization context word?).
    private var smallSlots: [Slot]
    private var smallShift: UInt64
    /// One bit per 14-bit slice of the small lists' keys (2 KB, so it stays in the L1 cache
    /// next to the rules' own data, where `smallSlots` at 32 KB does not): most words asked
    /// about are in no small list, and a clear bit answers them without a probe of the table.
    /// (Some 700 keys set at most one bit in twenty-three.)
    private var smallFilter: [UInt64]

    init(_ cues: NameCues) {
        let lists: [(WordSet, CueFlags)] = [
            (cues.givenNames, .givenName), (cues.surnames, .surname), (cues.commonWords, .commonWord),
            (cues.titles, .title), (cues.orgSuffixes, .orgSuffix), (cues.orgPrefixes, .orgPrefix),
            (cues.orgCues, .orgCue), (cues.productCues, .productCue), (cues.sourceCues, .sourceCue),
            (cues.connectors, .connector), (cues.notNames, .notName), (cues.locationSuffixes, .locationSuffix),
            (cues.organizationContext, .organizationContext), (cues.locationPrepositions, .locationPreposition),
        ]
        // At most ¾ full (less, as words in several lists count once per list): 4 MB for the
        // bundled lists instead of 8 at ½, built at start-up; a probe still reads about one line.
        let total = lists.reduce(0) { $0 + $1.0.count }
        var capacity = 8
        while capacity * 3 < total * 4 { capacity *= 2 }
        let shift = UInt64(64 - capacity.trailingZeroBitCount)
        self.shift = shift
        let mask = capacity - 1
        var zeroFlags: UInt16 = 0
        // Keys in the table (each once), and those with a small-list flag: they size the tables below.
        var distinct = 0
        var smallCount = 0
        // Filled through a buffer, straight from each list's table (no key array per list):
        // some 160,000 insertions at start-up.
        slots = [Slot](unsafeUninitializedCapacity: capacity) { slots, initialized in
            slots.initialize(repeating: Slot(key: 0, flags: 0))
            initialized = capacity
            for (list, flag) in lists {
                list.forEachKey { key in
                    if key == 0 {
                        zeroFlags |= flag.rawValue
                        return
                    }
                    var slot = Self.slot(key, shift)
                    while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
                    if slots[slot].key == 0 { distinct += 1 }
                    if slots[slot].flags & CueFlags.small.rawValue == 0 && flag.rawValue & CueFlags.small.rawValue != 0 { smallCount += 1 }
                    slots[slot].key = key
                    slots[slot].flags |= flag.rawValue
                }
            }
        }
        self.zeroFlags = zeroFlags
        // The small lists' table, their filter and the prefilter, from the full table in one
        // pass over its 4 MB (passes over it were most of the start-up cost of the index).
        let table = slots
        var smallCapacity = 8
        while smallCapacity < smallCount * 2 { smallCapacity *= 2 }
        let smallShift = UInt64(64 - smallCapacity.trailingZeroBitCount)
        self.smallShift = smallShift
        var smallTable = [Slot](repeating: Slot(key: 0, flags: 0), count: smallCapacity)
        var smallFilter = [UInt64](repeating: 0, count: 256)
        // About one filter word per 8 keys (not rounded to a power of two: `filterWord`
        // reduces by a multiply), from the table's own keys so duplicates count once.
        let words = max(1, distinct / 8)
        var filter = [UInt64](repeating: 0, count: words)
        table.withUnsafeBufferPointer { table in
            smallTable.withUnsafeMutableBufferPointer { small in
                smallFilter.withUnsafeMutableBufferPointer { smallFilter in
                    filter.withUnsafeMutableBufferPointer { filter in
                        for slot in table where slot.key != 0 {
                            filter[Self.filterWord(slot.key, words)] |= Self.filterBits(slot.key)
                            guard slot.flags & CueFlags.small.rawValue != 0 else { continue }
                            var position = Self.slot(slot.key, smallShift)
                            while small[position].key != 0 { position = (position + 1) & (smallCapacity - 1) }
                            small[position] = Slot(key: slot.key, flags: slot.flags & CueFlags.small.rawValue)
                            let bit = Self.smallFilterBit(slot.key)
                            smallFilter[bit >> 6] |= 1 &<< UInt64(bit & 63)
                        }
                    }
                }
            }
        }
        smallSlots = smallTable
        self.smallFilter = smallFilter
        self.filter = filter
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Whether `other` is this index or a copy of it (their table is one array storage), so
    /// answers kept for one are the other's: the table is never changed once made, and a
    /// caller that keeps `other` keeps its storage from being freed and its address reused.
    /// (No identity object of its own: a class reference more in the index, which the rules
    /// hold inline, changed how the compiler kept its fields, for some 7 M instructions more
    /// of synth10 in the rules' functions.)
    func isSameIndex(as other: CueIndex) -> Bool {
        slots.withUnsafeBufferPointer { mine in
            other.slots.withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress }
        }
    }

    /// The bit of `smallFilter` for `key`: the top 14 bits of a multiply (not `slot`'s mix, so
    /// the keys of one filter word do not also crowd one stretch of the table).
    @inline(__always)
    private static func smallFilterBit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) >> 50)
    }

    /// The filter's own mix of a key, independent of `slot`'s.
    @inline(__always)
    private static func filterHash(_ key: UInt64) -> UInt64 {
        (key ^ key >> 31) &* 0xD6E8_FEB8_6659_FD93
    }

    /// The filter word of `key`, in `0..<words`: the high 32 bits of its mix scaled to the range.
    @inline(__always)
    private static func filterWord(_ key: UInt64, _ words: Int) -> Int {
        Int(truncatingIfNeeded: ((filterHash(key) >> 32) &* UInt64(words)) >> 32)
    }

    /// Three bits of the filter word, from the low 18 bits of the mix.
    @inline(__always)
    private static func filterBits(_ key: UInt64) -> UInt64 {
        let hash = filterHash(key)
        return 1 &<< (hash & 63) | 1 &<< (hash >> 6 & 63) | 1 &<< (hash >> 12 & 63)
    }

    /// False when `key` is in no list (no false negatives; a few percent of the keys in no
    /// list pass too). Key 0 always passes (it is kept apart from the table).
    @inline(__always)
    func mayContain(_ key: UInt64) -> Bool {
        let bits = Self.filterBits(key)
        return filter.withUnsafeBufferPointer { filter in
            filter[Self.filterWord(key, filter.count)] & bits == bits
        } || key == 0
    }

    /// The `CueFlags.small` lists holding `key`, with `.smallKnown` set (and no other list's
    /// flag): `flags(key) ∩ .small` from the small table.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    func smallFlags(_ key: UInt64) -> CueFlags {
        if key == 0 { return CueFlags(rawValue: zeroFlags & CueFlags.small.rawValue | CueFlags.smallKnown.rawValue) }
        let bit = Self.smallFilterBit(key)
        guard smallFilter.withUnsafeBufferPointer({ $0[bit >> 6] }) & (1 &<< UInt64(bit & 63)) != 0 else { return .smallKnown }
        return CueFlags(rawValue: Self.probe(smallSlots, key, smallShift) | CueFlags.smallKnown.rawValue)
    }

    /// The lists holding `key`, with `.known` set.
    ///
    /// - Complexity: O(1) expected; a key the filter rejects costs no table probe.
    @inline(__always)
    func flags(_ key: UInt64) -> CueFlags {
        if key == 0 { return CueFlags(rawValue: zeroFlags | CueFlags.known.rawValue) }
        guard mayContain(key) else { return .known }
        return CueFlags(rawValue: Self.probe(slots, key, shift) | CueFlags.known.rawValue)
    }

    /// The flags stored for `key` in the linear-probing table `slots` (home slot from `shift`),
    /// 0 when it is not there.
    @inline(__always)
    private static func probe(_ slots: [Slot], _ key: UInt64, _ shift: UInt64) -> UInt16 {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.slot(key, shift)
            while true {
                let stored = slots[slot]
                if stored.key == key { return stored.flags }
                if stored.key == 0 { return 0 }
                // (Wrapping: a slot is below the table's size.)
                slot = (slot &+ 1) & mask
            }
        }
    }
}
