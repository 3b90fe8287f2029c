import Foundation
import Testing
@testable import RelGraphCore

/// Shortcuts of the accumulation path against the forms they replace: `TypeVotes` against the
/// `[EntityType: Int]` it stands for, and sentences stored from a document's bytes against
/// the `String` path.
@Suite struct AccumulationShortcutTests {
    /// Random additions, merges and explicit entries (zero and negative counts, as a
    /// partial-graph file may hold) keep `TypeVotes` equal to the dictionary in every answer.
    @Test func typeVotesAnswerLikeTheDictionary() {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<2_000 {
            var votes = TypeVotes(), reference: [EntityType: Int] = [:]
            for _ in 0..<Int(generator.next() % 6) {
                let type = EntityType.allCases[Int(generator.next() % 3)]
                switch generator.next() % 4 {
                case 0:
                    let count = Int(generator.next() % 3)
                    votes.add(count, to: type)
                    reference[type, default: 0] += count
                case 1:
                    let count = Int(generator.next() % 5) - 2
                    votes[type] = count
                    reference[type] = count
                case 2:
                    let other: [EntityType: Int] = [EntityType.allCases[Int(generator.next() % 3)]: Int(generator.next() % 3)]
                    votes.merge(TypeVotes(other))
                    reference.merge(other, uniquingKeysWith: +)
                default:
                    votes[type] = nil
                    reference[type] = nil
                }
            }
            #expect(votes.dictionary == reference)
            #expect(TypeVotes(reference) == votes)
            #expect(votes.majority == EntityType.majority(reference))
            #expect(votes.entriesByName.map(\.type) == reference.keys.sorted { $0.rawValue < $1.rawValue })
            #expect(votes.entriesByName.map(\.count) == reference.sorted { $0.key.rawValue < $1.key.rawValue }.map(\.value))
        }
    }

    /// A partial-graph file whose entities list types with zero votes reads back and writes out
    /// the same bytes.
    @Test func zeroVotesRoundTrip() throws {
        var partial = PartialGraph()
        partial.addDocument(DocumentInfo(name: "d", date: nil))
        partial.addEntity("A", .init(typeVotes: [.person: 0, .product: 2], aliases: ["a"], mentions: 2, documents: ["d"]))
        partial.addEntity("B", .init(typeVotes: [.organization: 0], mentions: 0, documents: ["d"]))
        partial.addEntity("C", .init(typeVotes: [:], mentions: 1, documents: ["d"]))
        let data = PartialGraphJSONLines.encode(partial)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""types":{"person":0,"product":2}"#))
        #expect(text.contains(#""types":{"organization":0}"#))
        #expect(text.contains(#""types":{}"#))
        let decoded = try PartialGraphJSONLines.decode(data, source: "zero.jsonl")
        #expect(decoded == partial)
        #expect(PartialGraphJSONLines.encode(decoded) == data)
        #expect(decoded.entities["A"]?.typeVotes == [.person: 0, .product: 2])
    }

    /// Counts read from partial-graph files that are negative, or that add up past
    /// `PartialGraph.readCountLimit`, are refused with an error naming the line, instead of
    /// trapping when they are summed: for one name, or for a short name joined to its full
    /// name when finishing (`The Acme` and `Acme`).
    @Test func hugeOrNegativeCountsAreRefused() throws {
        func part(_ records: [(String, PartialGraph.EntityRecord)]) -> Data {
            var partial = PartialGraph()
            for (name, record) in records { partial.addEntity(name, record) }
            return PartialGraphJSONLines.encode(partial)
        }
        // Alone: a negative vote, a negative mention count, a count over the limit.
        for record in [
            PartialGraph.EntityRecord(typeVotes: [.organization: -1], mentions: 1),
            PartialGraph.EntityRecord(typeVotes: [.person: 1], mentions: -5),
            PartialGraph.EntityRecord(typeVotes: [.product: 1], mentions: .max),
        ] {
            #expect(throws: PartialGraphFileError.badCounts(path: "p", line: 2)) {
                try PartialGraphJSONLines.decode(part([("A", record)]), source: "p")
            }
        }
        // Two names that finishing joins, each under the limit but together over `Int.max`
        // before the fix: the second line is refused; under the limit they read and finish.
        let big = PartialGraph.EntityRecord(typeVotes: [.organization: 1], mentions: Int.max / 2)
        #expect(throws: PartialGraphFileError.badCounts(path: "p", line: 2)) {
            try PartialGraphJSONLines.decode(part([("The Acme", big), ("Acme", big)]), source: "p")
        }
        let fits = PartialGraph.EntityRecord(typeVotes: [.organization: 1], mentions: PartialGraph.readCountLimit / 2 - 1)
        let read = try PartialGraphJSONLines.decode(part([("The Acme", fits), ("Acme", fits)]), source: "p")
        #expect(read.finalized().entities.map(\.mentions) == [2 * (PartialGraph.readCountLimit / 2 - 1)])
        // The limit holds across parts too: three parts at a third of it read, a fourth is refused.
        let third = part([("A", .init(typeVotes: [:], mentions: PartialGraph.readCountLimit / 3))])
        let lines = String(decoding: third, as: UTF8.self).split(separator: "\n").count
        #expect(throws: PartialGraphFileError.badCounts(path: "p", line: 4 * lines)) {
            try PartialGraphJSONLines.decode(third + third + third + third, source: "p")
        }
    }

    /// Sentences stored straight from the document's bytes are byte for byte the text of the
    /// `String` path, for sentences on and off the fast path (spaces to collapse, control and
    /// non-ASCII bytes, edges, lengths around the clipping limit).
    @Test func sentenceBytesStoreLikeTheString() {
        var generator = SplitMix64(seed: 9)
        let alphabet: [[UInt8]] = ["a", "Z", " ", "  ", ".", "\t", "\n", "é", "’", "\"", "\\", "\u{1}"].map { Array($0.utf8) }
        let store = SentenceTextStore(memoryLimit: 1 << 30)
        for trial in 0..<3_000 {
            var bytes: [UInt8] = []
            let target = trial % 10 == 0 ? 990 + Int(generator.next() % 30) : Int(generator.next() % 80)
            let plain = trial % 3 == 0
            while bytes.count < target {
                let piece = plain ? alphabet[Int(generator.next() % 3)] : alphabet[Int(generator.next() % UInt64(alphabet.count))]
                bytes += piece
            }
            let text = AnalyzedText(bytes: bytes)
            let start = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(min(4, bytes.count)))
            let sentence = SentenceSpan(start: start, end: bytes.count, tokens: 0..<0)
            let reference = PartialGraphRelationSink.store(sentence, of: text, in: store)
            let expected = PartialGraphRelationSink.sentenceText(sentence, of: text)
            #expect(store.string(reference) == expected)
            #expect(Array(store.string(reference).utf8) == Array(expected.utf8))
        }
    }

    /// The store's check-while-copying agrees with `AnalyzedText.isCollapsedASCII` on random
    /// bytes (every length and alignment of the word loop, spaces in pairs across word edges);
    /// a refused text appends nothing, and accepted texts read back whole, from memory and
    /// from the file after small memory limits spill them.
    @Test func checkedAppendAgreesWithTheCheck() {
        var generator = SplitMix64(seed: 17)
        let alphabet: [UInt8] = [0x61, 0x5A, 0x20, 0x20, 0x2E, 0x7E, 0x7F, 0x1F, 0x09, 0x80, 0xC3, 0xFF]
        for memoryLimit in [1 << 30, 64, 300] {
            let store = SentenceTextStore(memoryLimit: memoryLimit)
            var kept: [(SentenceTextStore.Reference, [UInt8])] = []
            for trial in 0..<4_000 {
                let length = Int(generator.next() % 40)
                let plain = trial % 2 == 0
                let bytes = (0..<length).map { _ in plain ? alphabet[Int(generator.next() % 4)] : alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                let before = store.count
                let expected = AnalyzedText.isCollapsedASCII(bytes, 0, bytes.count)
                let reference = bytes.withUnsafeBufferPointer { store.appendIfCollapsedASCII($0) }
                #expect((reference != nil) == expected)
                if let reference {
                    #expect(reference.position == before && Int(reference.length) == bytes.count)
                    kept.append((reference, bytes))
                } else {
                    #expect(store.count == before)
                }
            }
            for (reference, bytes) in kept { #expect(Array(store.string(reference).utf8) == bytes) }
        }
    }

    /// Clean ASCII sentences at the lengths where the fast path's word loop and the clipping
    /// limit change (1, 7–9, 999–1001, 2000 bytes), followed by text that must stay outside
    /// them, store what the `String` path stores; at or under the limit that is exactly the
    /// sentence's bytes (the fast path), over it the clipped text.
    @Test func cleanASCIISentencesAtTheBoundaries() {
        let store = SentenceTextStore(memoryLimit: 1 << 30)
        let limit = Evidence.maximumSentenceLength
        for length in [1, 7, 8, 9, 15, 16, 17, limit - 1, limit, limit + 1, 2000] {
            // Words of 1–7 letters between single spaces, never a space at either end.
            var sentence: [UInt8] = []
            var index = 0
            while sentence.count < length {
                let atWordEnd = (index % 7) == (index / 7) % 5 + 1 && sentence.count < length - 1
                sentence.append(atWordEnd ? 0x20 : UInt8(ascii: "a") + UInt8(index % 26))
                index += 1
            }
            for after in ["", " ", "\t", "  x", "\u{E9}"] {
                for before in ["", "Q. "] {
                    let bytes = Array(before.utf8) + sentence + Array(after.utf8)
                    let text = AnalyzedText(bytes: bytes)
                    let span = SentenceSpan(start: before.utf8.count, end: before.utf8.count + length, tokens: 0..<0)
                    let reference = PartialGraphRelationSink.store(span, of: text, in: store)
                    let expected = PartialGraphRelationSink.sentenceText(span, of: text)
                    #expect(Array(store.string(reference).utf8) == Array(expected.utf8), "length \(length)")
                    if length <= limit {
                        #expect(Array(store.string(reference).utf8) == sentence, "length \(length)")
                    }
                }
            }
        }
    }
}
