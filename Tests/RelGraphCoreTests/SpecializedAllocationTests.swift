import Testing
@testable import RelGraphCore

/// `Array.init(specializedUninitializedCapacity:initializingWith:)` against the standard
/// `init(unsafeUninitializedCapacity:initializingWith:)` it replaces: the same elements and
/// count for every capacity and count, an array that owns its storage afterwards.
@Suite struct SpecializedAllocationTests {
    /// Writes `written` elements of a pattern from `seed`, and sets `count` of them.
    private static func fill<Element>(_ buffer: inout UnsafeMutableBufferPointer<Element>, _ initialized: inout Int,
                                      written: Int, count: Int, seed: UInt64, _ element: (UInt64) -> Element) {
        var generator = SplitMix64(seed: seed)
        for index in 0..<written { buffer[index] = element(generator.next()) }
        initialized = count
    }

    @Test func matchesTheStandardInitializer() {
        var generator = SplitMix64(seed: 15)
        for round in 0..<400 {
            let capacity = round < 40 ? round : Int(generator.next() % 5000)
            let count = capacity == 0 ? 0 : Int(generator.next() % UInt64(capacity + 1))
            // Elements written past the count are dropped, as the standard initializer drops them.
            let written = count + (capacity == count ? 0 : Int(generator.next() % UInt64(capacity - count + 1)))
            let seed = generator.next()
            let fast = [UInt64](specializedUninitializedCapacity: capacity) { buffer, initialized in
                #expect(buffer.count >= capacity)
                Self.fill(&buffer, &initialized, written: written, count: count, seed: seed) { $0 }
            }
            let standard = [UInt64](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                Self.fill(&buffer, &initialized, written: written, count: count, seed: seed) { $0 }
            }
            #expect(fast == standard)
            #expect(fast.capacity >= capacity)
        }
    }

    @Test func worksForTokensAndBytes() {
        let tokens = [Token](specializedUninitializedCapacity: 3) { buffer, initialized in
            for index in 0..<3 {
                buffer[index] = Token(start: index, end: index + 1, kind: .word, isCapitalized: false, isAllCaps: false, spaceBefore: true)
            }
            initialized = 2
        }
        #expect(tokens.map(\.start) == [0, 1])
        let bytes = [UInt8](specializedUninitializedCapacity: 1) { buffer, initialized in
            buffer[0] = 7
            initialized = 1
        }
        #expect(bytes == [7])
    }

    /// The array owns its storage: a copy that is changed leaves it alone, and appending
    /// past the capacity moves every element.
    @Test func ownsItsStorage() {
        var array = [Int32](specializedUninitializedCapacity: 10) { buffer, initialized in
            for index in 0..<10 { buffer[index] = Int32(index) }
            initialized = 10
        }
        var copy = array
        copy[0] = -1
        #expect(array[0] == 0)
        for value in 10..<100 { array.append(Int32(value)) }
        #expect(array == (0..<100).map { Int32($0) })
    }
}
