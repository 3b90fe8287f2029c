import Testing
@testable import RelGraphCore

/// The inline `RecencyList` of `ReferenceMemory` behaves as the array it replaces, on random
/// input.
@Suite struct RecencyListTests {
    /// `RecencyList.moveToFront` equals removing the entry's equal, inserting it first and
    /// trimming to six, with the new entry's payload kept.
    @Test func recencyListMatchesRemoveInsertTrim() {
        var generator = SplitMix64(seed: 0x7EC3_2C7)
        let filler = (Referent(spelling: -1, identity: -1, type: .person), 0)
        for _ in 0..<300 {
            var list = RecencyList<(referent: Referent, lastSeen: Int)>(filler: filler)
            var expected: [(referent: Referent, lastSeen: Int)] = []
            for step in 0..<40 {
                let identity = Int32(generator.next() % 10)
                let type: EntityType = generator.next() % 4 == 0 ? .product : .organization
                let entry = (referent: Referent(spelling: Int32(step), identity: identity, type: type), lastSeen: step)
                list.moveToFront(entry) { $0.referent }
                expected.removeAll { $0.referent == entry.referent }
                expected.insert(entry, at: 0)
                if expected.count > 6 { expected.removeLast() }
                #expect(list.count == expected.count)
                for k in 0..<list.count {
                    #expect(list[k].referent == expected[k].referent)
                    #expect(list[k].referent.spelling == expected[k].referent.spelling)
                    #expect(list[k].lastSeen == expected[k].lastSeen)
                }
            }
        }
    }
}
