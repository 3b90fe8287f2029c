import Testing
@testable import RelGraphCore

/// `SlotList` (slot indices held inline, at most 24) behaves as an `Array` of its entries
/// through random appends, emptyings, first and last removals, writes and list appends.
@Suite struct SlotListTests {
    @Test func randomOperationsMatchAnArray() {
        var generator = SplitMix64(seed: 0x5107_1157)
        var list = SlotList()
        var array: [Int] = []
        for _ in 0..<20_000 {
            switch generator.next() % 10 {
            case 0:
                list.removeAll()
                array.removeAll()
            case 1 where !array.isEmpty:
                list.removeFirst()
                array.removeFirst()
            case 2:
                let value = Int(generator.next() % 64)
                list = SlotList(value)
                array = [value]
            case 3 where array.count * 2 <= SlotList.capacity:
                list.append(contentsOf: list)
                array += array
            case 4 where !array.isEmpty:
                let removed = Int(generator.next() % UInt64(array.count + 1))
                list.removeLast(removed)
                array.removeLast(removed)
            case 5 where !array.isEmpty:
                let index = Int(generator.next() % UInt64(array.count))
                let value = Int(generator.next() % 64)
                list[index] = value
                array[index] = value
            default:
                guard array.count < SlotList.capacity else { continue }
                let value = Int(generator.next() % 64)
                list.append(value)
                array.append(value)
            }
            #expect(list.count == array.count)
            #expect(list.isEmpty == array.isEmpty)
            #expect(Array(list) == array)
            #expect(list.first == array.first)
        }
    }

    @Test func literalsAndCapacity() {
        let list: SlotList = [3, 1, 4]
        #expect(Array(list) == [3, 1, 4])
        var full = SlotList()
        for k in 0..<SlotList.capacity { full.append(k) }
        #expect(Array(full) == Array(0..<SlotList.capacity))
    }
}
