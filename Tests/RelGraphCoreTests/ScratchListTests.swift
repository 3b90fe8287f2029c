import Testing
@testable import RelGraphCore

/// `ScratchList` (a count over a storage array that only grows) behaves as an `Array` of its
/// elements through random appends, emptyings, writes, sorts and searches: stale entries past
/// the count are never seen.
@Suite struct ScratchListTests {
    @Test func randomOperationsMatchAnArray() {
        var generator = SplitMix64(seed: 0x5C4A7C4)
        var list = ScratchList<Int>()
        var array: [Int] = []
        for _ in 0..<20_000 {
            switch generator.next() % 10 {
            case 0:
                list.removeAll()
                array.removeAll(keepingCapacity: true)
            case 1 where !array.isEmpty:
                let k = Int(generator.next() % UInt64(array.count))
                let value = Int(generator.next() % 50)
                list[k] = value
                array[k] = value
            case 2:
                // A stable sort on a key with ties: both keep the same order of equal keys.
                list.sort { $0 / 4 < $1 / 4 }
                array.sort { $0 / 4 < $1 / 4 }
            case 3:
                let value = Int(generator.next() % 50)
                #expect(list.contains(value) == array.contains(value))
            default:
                let value = Int(generator.next() % 50)
                list.append(value)
                array.append(value)
            }
            #expect(list.count == array.count)
            #expect(list.isEmpty == array.isEmpty)
            #expect(list.array == array)
            #expect(Array(list) == array)
        }
    }

    @Test func appendingContentsAndBuildingFromAnArray() {
        var list = ScratchList([3, 1, 2])
        list.append(contentsOf: [9, 8])
        #expect(list.array == [3, 1, 2, 9, 8])
        list.removeAll()
        list.append(contentsOf: [7])
        #expect(list.array == [7])
        #expect(Set(list) == [7])
    }
}
