import Testing
@testable import RelGraphCore

/// `ChunkedArray.forEachBlock` passes over the same elements in the same order as the
/// subscript, across block boundaries; stores reach full blocks and the block appended to.
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

    @Test func storesReachEveryBlock() {
        for count in [1, 65_535, 65_536, 65_537, 131_072, 140_000] {
            var array = ChunkedArray<Int32>(), expected: [Int32] = []
            for value in 0..<count {
                array.append(Int32(value))
                expected.append(Int32(value))
            }
            for index in Set([0, count / 2, count - 1, min(65_535, count - 1), min(65_536, count - 1)]) {
                array[index] = -Int32(index) - 1
                expected[index] = -Int32(index) - 1
            }
            var seen: [Int32] = []
            array.forEachBlock { seen.append(contentsOf: $0) }
            #expect(seen == expected, "count \(count)")
            #expect(array.indices.map { array[$0] } == expected, "count \(count)")
            array.append(7)
            #expect(array[count] == 7 && array.count == count + 1, "count \(count)")
        }
    }

    /// A copy is a value: appending to it (filling its block) and storing into it leave the original as it was.
    @Test func copiesAreValues() {
        var original = ChunkedArray<Int32>()
        for value in 0..<65_530 { original.append(Int32(value)) }
        var copy = original
        for value in 0..<10 { copy.append(Int32(value)) }
        copy[3] = -1
        copy[65_537] = -2
        #expect(original.count == 65_530 && original[3] == 3 && original[65_529] == 65_529)
        #expect(copy.count == 65_540 && copy[3] == -1 && copy[65_537] == -2 && copy[65_529] == 65_529)
    }
}
