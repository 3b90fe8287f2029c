/// The one hash of byte strings that the pipeline's byte-keyed tables share
/// (`StringIDIndex`, `ByteStringTable`, and through it `ByteStringSet` and `SpellingTable`).
///
/// Why one: each table used to carry its own eight-bytes-at-a-time hash, alike but not equal;
/// one function is one thing to get right and to test. It lives in Text/, the first pipeline
/// stage, so that every later stage may use it.
///
/// Hash values only place entries in tables: no output depends on them.
enum ByteHash {
    /// A 64-bit hash of bytes, eight at a time: each word is mixed in with a multiply and a
    /// shift (as splitmix64's finalizer), the length seeds it, and a final mix spreads the
    /// bits, so that both the low bits (a slot) and the high bits depend on every byte.
    ///
    /// - Complexity: O(n), one multiply per eight bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(count &+ 1)
        var index = 0
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        if index < count {
            let word = tail(bytes, from: index)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        hash = (hash ^ hash >> 30) &* 0x94D0_49BB_1331_11EB
        return hash ^ hash >> 29
    }

    /// The last 1–7 bytes of `bytes` from `index` on, as a little-endian word (byte `index` in
    /// the low bits, zeros above the last byte): the value a byte-at-a-time loop would build,
    /// read with at most two loads and never a byte outside `bytes`.
    ///
    /// Why: a loop over the tail was a branch and a shift per byte for every string interned.
    /// A buffer of at least eight bytes gives its last eight bytes, shifted down past those the
    /// word loop already took; a shorter one is covered by two overlapping 4- or 2-byte loads
    /// (or its one byte), whose overlap holds the same bytes, so OR-ing them is exact.
    ///
    /// - Precondition: `0 <= index < bytes.count < index + 8`.
    @inline(__always)
    static func tail(_ bytes: UnsafeRawBufferPointer, from index: Int) -> UInt64 {
        let count = bytes.count
        let rest = count &- index
        if count >= 8 {
            let last = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
            return last >> UInt64(truncatingIfNeeded: (8 &- rest) &* 8)
        }
        // Here index == 0 and rest == count, 1...7.
        if rest >= 4 {
            let low = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: rest &- 4, as: UInt32.self)))
            return low | high << UInt64(truncatingIfNeeded: (rest &- 4) &* 8)
        }
        if rest >= 2 {
            let low = UInt64(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt16.self)))
            let high = UInt64(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: rest &- 2, as: UInt16.self)))
            return low | high << UInt64(truncatingIfNeeded: (rest &- 2) &* 8)
        }
        return UInt64(bytes.load(fromByteOffset: 0, as: UInt8.self))
    }

    /// The hash of the bytes `bytes` points at (as `hash(_: UnsafeRawBufferPointer)`).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(UnsafeRawBufferPointer(bytes))
    }
}
