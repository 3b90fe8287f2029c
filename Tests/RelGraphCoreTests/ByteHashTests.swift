import Testing
@testable import RelGraphCore

/// The one byte-string hash (`ByteHash`) and the tables built on it: equal bytes hash alike
/// at every call site, and each table finds what it stored.
@Suite struct ByteHashTests {
    /// Random byte strings of 0–40 bytes over a small alphabet (so that prefixes repeat and
    /// lengths cross the 8-byte steps), with non-ASCII bytes.
    private static func randomStrings(_ count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = SplitMix64(seed: seed)
        let alphabet: [UInt8] = Array("abAB .’x0".utf8) + [0xC3, 0xA9, 0x00]
        return (0..<count).map { _ in
            let length = Int(generator.next() % 41)
            return (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        }
    }

    /// Two different 8-byte strings whose hashes have the same low 32 bits (a `ByteStringTable`
    /// tag), found by a birthday search (about 2^16 tries).
    private static func tagCollision() -> ([UInt8], [UInt8]) {
        var seen: [UInt32: UInt64] = [:]
        var counter: UInt64 = 0
        while true {
            counter += 1
            let bytes = withUnsafeBytes(of: counter.littleEndian) { Array($0) }
            let tag = bytes.withUnsafeBufferPointer { ByteStringTable.tag($0) }
            if let earlier = seen[tag] {
                return (withUnsafeBytes(of: earlier.littleEndian) { Array($0) }, bytes)
            }
            seen[tag] = counter
        }
    }

    @Test func equalBytesHashAlikeAtEveryCallSite() {
        for bytes in Self.randomStrings(2_000, seed: 0xB17E) + InterningTests.tricky.map({ Array($0.utf8) }) {
            let reference = bytes.withUnsafeBytes { ByteHash.hash($0) }
            #expect(bytes.withUnsafeBufferPointer { ByteHash.hash($0) } == reference)
            #expect(bytes.withUnsafeBufferPointer { ByteStringTable.tag($0) } == UInt32(truncatingIfNeeded: reference))
            let string = String(decoding: bytes, as: UTF8.self)
            if Array(string.utf8) == bytes {
                #expect(StringIDIndex.withHashedBytes(string) { $1 } == reference)
            }
            // The same bytes at another address and alignment.
            for offset in 1..<8 {
                let moved = [UInt8](repeating: 0xFF, count: offset) + bytes
                let hash = moved.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
                #expect(hash == reference)
            }
        }
    }

    /// The hash as it was first written: the tail mixed in one byte at a time. The word reads
    /// of `ByteHash.tail` must give the same values.
    private static func slowHash(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(bytes.count &+ 1)
        var index = 0
        while index + 8 <= bytes.count {
            var word: UInt64 = 0
            for k in 0..<8 { word |= UInt64(bytes[index + k]) << UInt64(8 * k) }
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        if index < bytes.count {
            var word: UInt64 = 0
            for k in index..<bytes.count { word |= UInt64(bytes[k]) << UInt64(8 * (k - index)) }
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        hash = (hash ^ hash >> 30) &* 0x94D0_49BB_1331_11EB
        return hash ^ hash >> 29
    }

    /// The tail read as one word equals the byte loop, for every length (short buffers, and
    /// every tail length after whole words), at every alignment, with the buffer's neighbours
    /// set so that a byte from outside leaking into the word would show.
    @Test func tailWordEqualsByteLoop() {
        var generator = SplitMix64(seed: 0x7A11)
        for length in 0...40 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                let expected = Self.slowHash(bytes)
                for offset in 0..<8 {
                    let padded = [UInt8](repeating: 0xA5, count: offset) + bytes + [UInt8](repeating: 0x5A, count: 8)
                    padded.withUnsafeBytes { raw in
                        let view = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)])
                        #expect(ByteHash.hash(view) == expected)
                        if length % 8 != 0 {
                            let start = length - length % 8
                            var word: UInt64 = 0
                            for k in start..<length { word |= UInt64(bytes[k]) << UInt64(8 * (k - start)) }
                            #expect(ByteHash.tail(view, from: start) == word)
                        }
                    }
                }
            }
        }
    }

    @Test func hashDependsOnLengthAndEveryByte() {
        var seen: [UInt64: [UInt8]] = [:]
        var base: [UInt8] = []
        for length in 0..<40 {
            for flip in 0..<max(length, 1) {
                var bytes = base
                if length > 0 { bytes[flip] ^= 1 }
                let hash = bytes.withUnsafeBytes { ByteHash.hash($0) }
                if let other = seen[hash] { #expect(other == bytes) }
                seen[hash] = bytes
            }
            base.append(0)
        }
    }

    @Test func byteStringSetFindsWhatItStored() {
        let strings = Self.randomStrings(20_000, seed: 0x5E7)
        // Room for one string: the table starts at its smallest and grows many times.
        var set = ByteStringSet(expected: 1)
        var reference: [[UInt8]: Int] = [:]
        for bytes in strings {
            let id = bytes.withUnsafeBufferPointer { set.id($0) }
            let expected = reference[bytes] ?? reference.count
            reference[bytes] = expected
            #expect(id == expected)
        }
        #expect(set.count == reference.count)
        for (bytes, id) in reference {
            let found = bytes.withUnsafeBufferPointer { set.find($0) }
            if case .found(let index) = found { #expect(index == id) } else { Issue.record("missing \(bytes)") }
            #expect(Array(set.bytes[set.ends[id]..<set.ends[id + 1]]) == bytes)
        }
    }

    @Test func tagCollisionsAreTellApartByBytes() {
        let (a, b) = Self.tagCollision()
        #expect(a != b)
        #expect(a.withUnsafeBufferPointer { ByteStringTable.tag($0) } == b.withUnsafeBufferPointer { ByteStringTable.tag($0) })
        var set = ByteStringSet(expected: 1)
        let first = a.withUnsafeBufferPointer { set.id($0) }
        let second = b.withUnsafeBufferPointer { set.id($0) }
        #expect(first != second)
        #expect(a.withUnsafeBufferPointer { set.id($0) } == first)
        #expect(b.withUnsafeBufferPointer { set.id($0) } == second)
        var spellings = SpellingTable()
        let x = a.withUnsafeBufferPointer { bytes in spellings.intern(bytes: bytes, string: { String(decoding: a, as: UTF8.self) }) }
        let y = b.withUnsafeBufferPointer { bytes in spellings.intern(bytes: bytes, string: { String(decoding: b, as: UTF8.self) }) }
        #expect(x.spelling != y.spelling)
        let again = a.withUnsafeBufferPointer { bytes in spellings.intern(bytes: bytes, string: { "" }) }
        #expect(again == x)
    }

    /// Spelling ids are the byte strings' first occurrences; identities are the first spelling
    /// `String`'s `==` calls equal.
    @Test func spellingTableFindsWhatItStored() {
        var table = SpellingTable()
        var spellingOf: [[UInt8]: Int32] = [:]
        var firstEqual: [String: Int32] = [:]
        var strings = Self.randomStrings(5_000, seed: 0x5BE1).map { String(decoding: $0, as: UTF8.self) }
        strings += ["Caf\u{E9}", "Cafe\u{301}", "Kelvin", "\u{212A}elvin"]
        strings += strings.reversed()
        for string in strings {
            let (spelling, identity) = table.intern(string)
            let bytes = Array(string.utf8)
            let expectedSpelling = spellingOf[bytes] ?? Int32(spellingOf.count)
            spellingOf[bytes] = expectedSpelling
            let expectedIdentity = firstEqual[string] ?? expectedSpelling
            firstEqual[string] = expectedIdentity
            #expect(spelling == expectedSpelling)
            #expect(identity == expectedIdentity)
            #expect(table.name(spelling: spelling).utf8.elementsEqual(bytes))
        }
        #expect(table.count == spellingOf.count)
    }
}
