import Testing
@testable import RelGraphCore

/// `ScratchList` (a count over storage that only grows) behaves as an `Array` of its
/// elements through random appends, emptyings, writes, sorts and searches: stale entries past
/// the count are never seen, and copies do not share what either writes (unless the list was
/// made to share its storage).
@Suite struct ScratchListTests {
    /// Both kinds of list: copied on write, and sharing its storage with its copies (of which
    /// this test makes none).
    @Test(arguments: [false, true])
    func randomOperationsMatchAnArray(sharingStorage: Bool) {
        var generator = SplitMix64(seed: 0x5C4A7C4)
        var list = sharingStorage ? ScratchList<Int>(sharingStorage: ()) : ScratchList<Int>()
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

    /// Copies made at random points (of plain values and of references, whose storage tracks
    /// which entries it initialized) stay equal to the arrays copied with them while the
    /// original and the copy are both written.
    @Test func copiesAreIndependent() {
        var generator = SplitMix64(seed: 0xC0_9E5)
        var lists = [ScratchList<Int>()]
        var arrays: [[Int]] = [[]]
        var texts = [ScratchList<String>()]
        var textArrays: [[String]] = [[]]
        for _ in 0..<5_000 {
            let n = Int(generator.next() % UInt64(lists.count))
            let value = Int(generator.next() % 100)
            switch generator.next() % 8 {
            case 0 where lists.count < 6:
                lists.append(lists[n])
                arrays.append(arrays[n])
                texts.append(texts[n])
                textArrays.append(textArrays[n])
            case 1:
                lists[n].removeAll()
                arrays[n].removeAll()
                texts[n].removeAll()
                textArrays[n].removeAll()
            case 2 where !arrays[n].isEmpty:
                let k = value % arrays[n].count
                lists[n][k] = value
                arrays[n][k] = value
                texts[n][k] = "v\(value)"
                textArrays[n][k] = "v\(value)"
            case 3:
                lists[n].sort()
                arrays[n].sort()
                texts[n].sort()
                textArrays[n].sort()
            default:
                lists[n].append(value)
                arrays[n].append(value)
                texts[n].append("w\(value)")
                textArrays[n].append("w\(value)")
            }
            for m in lists.indices {
                #expect(lists[m].array == arrays[m])
                #expect(texts[m].array == textArrays[m])
            }
        }
    }

    /// A list sharing its storage must not be written while a copy of it exists (the copy would
    /// see the writes): debug builds, which the tests are, trap when one is.
    @Test func writingASharingListWhileCopiedTraps() async {
        await #expect(processExitsWith: .failure) {
            var list = ScratchList<Int>(sharingStorage: ())
            list.append(contentsOf: [1, 2])
            let copy = list
            list[0] = 7
            _ = copy
        }
    }

    /// Without copies, a sharing list is a list: it grows past its storage and keeps its values.
    @Test func sharingListWithoutCopiesIsAList() {
        var list = ScratchList<Int>(sharingStorage: ())
        var array: [Int] = []
        for value in 0..<100 {
            list.append(value)
            array.append(value)
            if value % 7 == 0 { list[value / 2] = -value; array[value / 2] = -value }
        }
        #expect(list.array == array)
    }

    @Test func reservingKeepsTheElements() {
        var list = ScratchList([1, 2, 3])
        let copy = list
        list.reserveCapacity(1_000)
        list.append(4)
        #expect(list.array == [1, 2, 3, 4])
        #expect(copy.array == [1, 2, 3])
    }
}
