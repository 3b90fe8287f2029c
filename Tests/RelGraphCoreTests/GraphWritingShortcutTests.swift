import Foundation
import Testing
@testable import RelGraphCore

/// Session-nine shortcuts of finishing and writing a graph and of storing its sentences, each
/// against the path it replaced or the definition it stands for.
@Suite struct GraphWritingShortcutTests {
    /// The store's vector check-and-copy (texts of 17 bytes or more) against
    /// `AnalyzedText.isCollapsedASCII`, on random texts of up to 100 bytes: two spaces in a row
    /// placed at every vector edge (within a vector, across two, in the overlapped last one),
    /// bytes at the edges of the accepted range (0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xFF), and
    /// accepted texts read back whole.
    @Test func vectorCollapsedASCIICheckEqualsTheWordCheck() {
        var random = SplitMix64(seed: 61)
        let plain: [UInt8] = Array("abcXYZ019.,'\"\\".utf8) + [0x7E, 0x7F]
        let awkward: [UInt8] = [0x00, 0x09, 0x1F, 0x80, 0xC3, 0xFF]
        let store = SentenceTextStore(memoryLimit: 1 << 30)
        var accepted = 0, refused = 0
        for trial in 0..<6_000 {
            let count = random.below(101)
            var bytes = (0..<count).map { _ in random.below(4) == 0 ? UInt8(0x20) : random.pick(plain) }
            // Single spaces only, then maybe one pair or one byte out of range somewhere.
            for index in bytes.indices.dropFirst() where bytes[index] == 0x20 && bytes[index - 1] == 0x20 { bytes[index] = UInt8(ascii: "q") }
            switch trial % 4 {
            case 1 where count >= 2:
                let at = random.below(2) == 0 ? random.pick([14, 15, 16, 17, 31, 32, count - 17, count - 16, count - 2].filter { $0 >= 0 && $0 + 1 < count }.ifEmpty([0])) : random.below(count - 1)
                bytes[at] = 0x20
                bytes[at + 1] = 0x20
            case 2 where count >= 1:
                bytes[random.below(2) == 0 ? count - 1 : random.below(count)] = random.pick(awkward)
            default:
                break
            }
            let expected = AnalyzedText.isCollapsedASCII(bytes, 0, bytes.count)
            let reference = bytes.withUnsafeBufferPointer { store.appendIfCollapsedASCII($0) }
            #expect((reference != nil) == expected, "\(bytes)")
            if let reference {
                accepted += 1
                #expect(Array(store.string(reference).utf8) == bytes)
            } else {
                refused += 1
            }
        }
        #expect(accepted > 1_000 && refused > 1_000)
    }

    /// ASCII strings that share eight, sixteen or more bytes (document names, NUL bytes at the
    /// edges of the eight-byte steps, strings that are prefixes of others) ranked by the
    /// eight-bytes-a-level radix against sorting by comparison.
    @Test func multiLevelRanksEqualSortingByComparison() {
        var random = SplitMix64(seed: 67)
        let pieces = ["0000/article-", "0000/article-0", "abcdefgh", "abcdefghabcdefgh", "\u{0}", "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}", "a", "b", "7", ".txt", "Z"]
        for round in 0..<30 {
            var partial = PartialGraph()
            for _ in 0..<(20 + random.below(400)) {
                let name = (0..<(1 + random.below(6))).map { _ in random.pick(pieces) }.joined()
                partial.addDocument(DocumentInfo(name: round % 5 == 4 ? name + "é" : name))
            }
            for index in 0..<random.below(300) { partial.addDocument(DocumentInfo(name: String(format: "0000/article-%06d.txt", index))) }
            #expect(partial.stringRanks() == partial.stringRanksByComparison(), "round \(round)")
        }
    }

    /// Digit counts by comparisons against the digits `String` writes, around every power of ten.
    @Test func decimalDigitsCountTheDigits() {
        var values: [UInt] = [0, UInt.max]
        var power: UInt = 1
        for _ in 0..<20 {
            values += [power - 1, power, power + 1]
            if power > UInt.max / 10 { break }
            power *= 10
        }
        for value in values { #expect(PrettyJSONWriter.decimalDigits(value) == String(value).count, "\(value)") }
    }

    /// A name copied from the table's raw bytes (`JSONStrings.copy`) equals the writer's string.
    @Test func tableCopiesEqualTheWritersStrings() {
        let strings = RandomRelationGraph.awkward + ["Jane Roe", "", String(repeating: "long \"name\" ", count: 20)]
        let used = strings.indices.map { $0 % 4 != 2 }
        let table = JSONStringTable(strings, only: used)
        for (id, string) in strings.enumerated() where used[id] {
            var direct = PrettyJSONWriter()
            direct.string(string)
            var copied = [UInt8](repeating: 0, count: table.longest + 16)
            let count = copied.withUnsafeMutableBufferPointer { table.copy(Int32(id), to: $0.baseAddress!) - $0.baseAddress! }
            #expect(Array(copied[..<count]) == direct.buffer, "\(string)")
        }
    }

    /// Sentences the store marks `isJSONClean` (no `"` or `\\`, found while `appendIfCollapsedASCII`
    /// copies them) against `JSONEscaping.writeQuoted`: the writer's copy between quotes
    /// (`writeQuotedClean`) is the same bytes, and the mark is set exactly for accepted texts
    /// with no byte to escape. Random texts of up to 5,000 bytes (a quote or backslash at
    /// vector and word edges, control bytes, non-ASCII, two spaces), through stores small
    /// enough to spill, read back at the reference's position.
    @Test func cleanSentencesAreWrittenAsWriteQuotedWritesThem() {
        var random = SplitMix64(seed: 67)
        let plain: [UInt8] = Array("abcXYZ019.,'/~".utf8) + [0x7F]
        let awkward: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00, 0x09, 0x0A, 0x1F, 0x80, 0xC3, 0xA9, 0xFF]
        var clean = 0, quoted = 0, refused = 0
        for memoryLimit in [1 << 30, 4_096] {
            let store = SentenceTextStore(memoryLimit: memoryLimit)
            for trial in 0..<3_000 {
                let count = trial % 10 == 0 ? random.below(5_001) : random.below(120)
                var bytes = (0..<count).map { _ in random.below(5) == 0 ? UInt8(0x20) : random.pick(plain) }
                for index in bytes.indices.dropFirst() where bytes[index] == 0x20 && bytes[index - 1] == 0x20 { bytes[index] = UInt8(ascii: "q") }
                if count > 0 && trial % 3 != 0 {
                    let edges = [0, 7, 8, 15, 16, 17, count - 17, count - 16, count - 1].filter { $0 >= 0 && $0 < count }
                    for _ in 0..<(1 + random.below(2)) { bytes[random.below(2) == 0 ? random.pick(edges) : random.below(count)] = random.pick(awkward) }
                }
                let expected = bytes.withUnsafeBufferPointer { bytes in
                    var quotedBytes = [UInt8](repeating: 0, count: JSONEscaping.maximumQuotedLength(bytes.count))
                    let written = quotedBytes.withUnsafeMutableBufferPointer { JSONEscaping.writeQuoted(bytes, to: $0.baseAddress!) - $0.baseAddress! }
                    return Array(quotedBytes[..<written])
                }
                guard let reference = bytes.withUnsafeBufferPointer({ store.appendIfCollapsedASCII($0) }) else {
                    refused += 1
                    continue
                }
                let needsEscape = bytes.contains { JSONEscaping.needsEscape($0) }
                #expect(reference.isJSONClean == !needsEscape, "\(bytes)")
                let read = Array(store.string(.init(offset: reference.position, length: reference.length)).utf8)
                #expect(read == bytes)
                guard reference.isJSONClean else {
                    quoted += 1
                    continue
                }
                clean += 1
                let written = read.withUnsafeBufferPointer { read in
                    var output = [UInt8](repeating: 0, count: read.count + 2)
                    let count = output.withUnsafeMutableBufferPointer { JSONEscaping.writeQuotedClean(read, to: $0.baseAddress!) - $0.baseAddress! }
                    return Array(output[..<count])
                }
                #expect(written == expected, "\(bytes)")
            }
        }
        #expect(clean > 500 && quoted > 200 && refused > 500)
    }

    /// Relations written a batch at a time (`writeRelations`, the pieces looked up once) equal
    /// the same relations written one by one member by member, at several depths.
    @Test func batchedRelationsEqualCallByCallWriting() {
        let partial = ScaleFixture.whole
        let layout = FinalLayout(partial)
        let names = JSONStringTable(partial.strings, only: layout.writtenStrings(of: partial))
        var scratch = EvidenceScratch(layout, partial)
        for depth in [1, 2, 4] {
            var fast = PrettyJSONWriter(fragmentAtDepth: depth, continuing: depth == 2)
            var slow = PrettyJSONWriter(fragmentAtDepth: depth, continuing: depth == 2)
            for first in stride(from: 0, to: layout.relations.count, by: 50) {
                let relations = first..<min(layout.relations.count, first + 50)
                scratch.records.removeAll(keepingCapacity: true)
                scratch.texts.reset()
                scratch.ends.removeAll(keepingCapacity: true)
                layout.gatherEvidence(ofRelations: relations, of: partial, into: &scratch)
                layout.writeRelations(relations, of: partial, scratch: &scratch, names: names, into: &fast)
                var from = 0
                for (index, end) in zip(relations, scratch.ends) {
                    layout.writeRelation(index, of: partial, records: from..<end, scratch: &scratch, names: names, into: &slow, laidOut: false)
                    from = end
                }
            }
            #expect(!fast.buffer.isEmpty)
            #expect(fast.buffer == slow.buffer, "depth \(depth)")
        }
    }
}

private extension Array {
    func ifEmpty(_ fallback: [Element]) -> [Element] { isEmpty ? fallback : self }
}
