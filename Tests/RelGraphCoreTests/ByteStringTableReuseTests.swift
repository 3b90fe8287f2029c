import Testing
@testable import RelGraphCore

/// A `ByteStringTable` emptied for reuse (`removeAll(expected:)`), as the relation stage's
/// per-document tables are, finds exactly what a new table finds, keeps its slots while they
/// are few, and gives back those one large round grew.
@Suite struct ByteStringTableReuseTests {
    /// Rounds of random strings (a small alphabet, so that many repeat) of random counts, some
    /// large enough to grow the table past what is kept, through one reused set and a new set
    /// each round: both number every string alike.
    @Test func reusedSetNumbersAsANewSetDoes() {
        var generator = SplitMix64(seed: 0x5E7)
        let alphabet: [UInt8] = Array("abAB .’x0".utf8) + [0xC3, 0xA9, 0x00]
        var reused = ByteStringSet(expected: 32)
        for round in 0..<60 {
            reused.removeAll(expected: 32)
            var fresh = ByteStringSet(expected: 32)
            let count = round % 7 == 3 ? 400 + Int(generator.next() % 400) : Int(generator.next() % 120)
            for _ in 0..<count {
                let length = Int(generator.next() % 12)
                let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                let ids = bytes.withUnsafeBufferPointer { (reused.id($0), fresh.id($0)) }
                #expect(ids.0 == ids.1)
            }
            #expect(reused.count == fresh.count)
            #expect(reused.bytes == fresh.bytes)
            #expect(reused.ends == fresh.ends)
        }
    }

    @Test func removeAllKeepsFewSlotsAndGivesBackMany() {
        var table = ByteStringTable(expected: 32)
        #expect(table.capacity == 64)
        // Grown to the most kept, then emptied: kept, and empty.
        let strings = (0..<100).map { Array("word \($0)".utf8) }
        for (index, bytes) in strings.enumerated() { Self.insert(bytes, index, into: &table, stored: strings) }
        #expect(table.capacity == ByteStringTable.maximumKept)
        table.removeAll(expected: 32)
        #expect(table.capacity == ByteStringTable.maximumKept)
        for bytes in strings { #expect(Self.find(bytes, in: table, stored: strings) == nil) }
        // Grown past it: given back, to the size a new table has.
        let many = (0..<300).map { Array("name \($0)".utf8) }
        for (index, bytes) in many.enumerated() { Self.insert(bytes, index, into: &table, stored: many) }
        #expect(table.capacity > ByteStringTable.maximumKept)
        table.removeAll(expected: 32)
        #expect(table.capacity == 64)
        // Fewer slots than the expected count needs: a table of the needed size.
        table.removeAll(expected: 100)
        #expect(table.capacity == 256)
    }

    private static func find(_ bytes: [UInt8], in table: ByteStringTable, stored: [[UInt8]]) -> Int? {
        let lookup = bytes.withUnsafeBufferPointer { buffer in table.find(buffer) { stored[$0] == bytes } }
        if case .found(let index) = lookup { return index }
        return nil
    }

    private static func insert(_ bytes: [UInt8], _ index: Int, into table: inout ByteStringTable, stored: [[UInt8]]) {
        let lookup = bytes.withUnsafeBufferPointer { buffer in table.find(buffer) { stored[$0] == bytes } }
        guard case .missing(let slot, let tag) = lookup else {
            Issue.record("\(bytes) found before it was inserted")
            return
        }
        table.insert(index, slot: slot, tag: tag)
        #expect(find(bytes, in: table, stored: stored) == index)
    }
}
