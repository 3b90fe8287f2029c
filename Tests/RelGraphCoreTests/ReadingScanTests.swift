import Testing
@testable import RelGraphCore

/// The reader's one-pass scan of control and high bytes against byte-by-byte definitions.
@Suite struct ReadingScanTests {
    @Test func controlAndHighScanMatchesByteByByte() {
        var state: UInt64 = 0x0FED_CBA9_8765_4321
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000] {
            for density in [0, 4, 64] {
                for highChance in [0, 1, 32] {
                    var bytes: [UInt8] = []
                    for _ in 0..<length {
                        state = state &* 6364136223846793005 &+ 1442695040888963407
                        let roll = Int(state >> 58)
                        if roll < density / 4 {
                            bytes.append([0x00, 0x07, 0x1F, 0x7F, 0x09, 0x0A, 0x0D][Int(state >> 20) % 7])
                        } else if Int((state >> 40) % 64) < highChance {
                            bytes.append(0x80 | UInt8(truncatingIfNeeded: state >> 33))
                        } else {
                            bytes.append(UInt8(truncatingIfNeeded: state >> 33) & 0x7F)
                        }
                    }
                    for start in [0, 3, 9] where start <= length {
                        let slice = bytes[start..<length]
                        let (controls, anyHigh) = bytes.withUnsafeBufferPointer { ArticleFile.scanControlAndHighBytes($0, start, length) }
                        #expect(controls == slice.filter(ArticleFile.isControl).count)
                        #expect(anyHigh == slice.contains { $0 >= 0x80 })
                    }
                }
            }
        }
    }

    /// Every byte value, in every lane of the vector loop and in the tail.
    @Test func everyByteValueInEveryLane() {
        for value in 0...255 {
            let byte = UInt8(value)
            for position in [0, 1, 7, 15, 16, 17, 30, 31, 32, 40] {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 41)
                bytes[position] = byte
                let (controls, anyHigh) = bytes.withUnsafeBufferPointer { ArticleFile.scanControlAndHighBytes($0, 0, bytes.count) }
                #expect(controls == (ArticleFile.isControl(byte) ? 1 : 0), "\(value) at \(position)")
                #expect(anyHigh == (byte >= 0x80), "\(value) at \(position)")
            }
        }
    }
}
