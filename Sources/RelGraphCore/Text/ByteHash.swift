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
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                word |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        hash = (hash ^ hash >> 30) &* 0x94D0_49BB_1331_11EB
        return hash ^ hash >> 29
    }

    /// The hash of the bytes `bytes` points at (as `hash(_: UnsafeRawBufferPointer)`).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(UnsafeRawBufferPointer(bytes))
    }
}
