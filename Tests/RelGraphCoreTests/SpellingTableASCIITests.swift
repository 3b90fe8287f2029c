import Testing
@testable import RelGraphCore

/// `SpellingTable.isASCII` (eight bytes at a time) against the byte-at-a-time scan it replaced.
@Suite struct SpellingTableASCIITests {
    @Test func wordScanMatchesByteScan() {
        var generator = SplitMix64(seed: 7)
        var mismatches: [[UInt8]] = []
        for _ in 0..<2000 {
            let count = Int(generator.next() % 40)
            var bytes = (0..<count).map { _ in UInt8(generator.next() % 0x80) }
            if count > 0 && generator.next() % 2 == 0 { bytes[Int(generator.next() % UInt64(count))] |= 0x80 }
            // Every start, so that the word loads meet the buffer's ends at every offset.
            for start in 0...count {
                let expected = !bytes[start...].contains(where: { $0 >= 0x80 })
                let fast = bytes.withUnsafeBufferPointer { SpellingTable.isASCII(UnsafeBufferPointer(rebasing: $0[start...])) }
                if fast != expected { mismatches.append(Array(bytes[start...])) }
            }
        }
        #expect(mismatches.isEmpty)
    }

    @Test func edgeCases() {
        let cases: [([UInt8], Bool)] = [([], true), ([0x7F], true), ([0x80], false), (Array(repeating: 0x41, count: 8), true),
                                        (Array(repeating: 0x41, count: 8) + [0xC3], false), ([0xFF] + Array(repeating: 0x41, count: 8), false)]
        for (bytes, ascii) in cases {
            #expect(bytes.withUnsafeBufferPointer { SpellingTable.isASCII($0) } == ascii)
        }
    }
}
