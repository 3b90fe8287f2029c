import Testing
@testable import RelGraphCore

/// `ChunkedArray.forEachBlock` passes over the same elements in the same order as the
/// subscript, across block boundaries.
@Suite struct ChunkedArrayTests {
    @Test func blocksHoldTheElementsInOrder() {
        for count in [0, 1, 65_535, 65_536, 65_537, 200_000] {
            var array = ChunkedArray<Int32>()
            for value in 0..<count { array.append(Int32(truncatingIfNeeded: value &* 7919)) }
            var seen: [Int32] = []
            array.forEachBlock { seen.append(contentsOf: $0) }
            #expect(seen == array.indices.map { array[$0] }, "count \(count)")
        }
    }
}
