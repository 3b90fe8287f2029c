import Foundation
import Testing
@testable import RelGraphCore

/// The byte-level shortcuts of reading and recognition must agree with the slower definitions
/// they replace: the date line split on bytes, the one-pass article reading, and `CueIndex`.
@Suite struct ReadingStructuresTests {
    /// `asciiDateSplit` then decoding gives `splitDateLine` of the decoded text, or defers.
    @Test(arguments: [
        "date 2016-02-05\n\nBody text.", "  \n date 2016-02-05 \t Body", "date 2016-02-05", "date 2016-02-0",
        "date 2016-13-05\nBody", "date 2016-02-05x Body", "date 2016-02-05\u{A0}Body", "\u{A0}date 2016-02-05\nBody",
        "date 2016-02-0\u{E9}\nBody", "dat", "", "   ", "Date 2016-02-05\nBody", "date 2016–02–05\nBody",
        "date 2016-02-05\r\nBody", "date 2016-02-05\u{2028}Body", "date 20160205xx\nBody",
    ])
    func dateSplitOnBytesMatchesStrings(text: String) {
        let bytes = Array(text.utf8)
        let expected = Document.splitDateLine(text)
        switch Document.asciiDateSplit(bytes) {
        case .split(let date, let bodyStart):
            #expect(date == expected.date)
            #expect(String(decoding: bytes[bodyStart...], as: UTF8.self) == expected.body)
        case .undecided:
            #expect(bytes.contains { $0 >= 0x80 })
        }
    }

    @Test func articleBytesGiveTheSameDocumentAndNotes() {
        let samples: [[UInt8]] = [
            Array("date 2020-01-02\nMicrosoft partners with OpenAI.\0 Satya Nadella leads it.\n".utf8),
            Array("  Zoë wrote \u{1B}[1mbold\u{1B}[0m text.".utf8),
            Array("  Zoë wrote \u{1B}[1mbold\u{1B}[0m text about Microsoft and OpenAI today, and Satya Nadella replied.".utf8),
            [0x41, 0xFF, 0x42, 0xC3, 0x20, 0x43],
            Array(" \t\n ".utf8),
            Array("date 2020-01-02   ".utf8),
            Array("date 2020-01-02\n\n  José e\u{301} \u{212A}arl “quoted” Zoë.\n".utf8),
            Array("date 2020-01-02 \u{00A0}\u{2003}\n".utf8),
            Array("\u{00A0}date 2020-01-02\nText.".utf8),
            // A date line and invalid UTF-8 together: the body is decoded (U+FFFD), not kept as read.
            Array("date 2020-01-02\nBad ".utf8) + [0xFF] + Array(" byte.".utf8),
            Array("date 2020-01-02\n".utf8) + [0xC3],
        ]
        for bytes in samples {
            let file = CorpusFile(path: "sample.txt", name: "sample.txt")
            let notes = CorpusNoteLog()
            let documents = ArticleFile.document(from: Data(bytes), file: file, notes: notes)
            // The definition: sniff, copy, count invalid UTF-8, replace controls, decode, split the date.
            if ArticleFile.isBinary(Data(bytes)) {
                #expect(documents.isEmpty)
                #expect(notes.sorted == [.binary(path: file.path)])
                continue
            }
            var copy = bytes
            let invalid = countInvalidUTF8(Data(bytes))
            let controls = ArticleFile.replaceControlBytes(&copy)
            let document = Document.fromArticle(name: file.name, text: String(decoding: copy, as: UTF8.self))
            let blank = document.text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
            #expect(documents == (blank ? [] : [document]))
            // Byte for byte: the pipeline analyzes `utf8`, which a document read from a file holds as read.
            #expect(documents.map(\.utf8) == (blank ? [] : [Array(document.text.utf8)]))
            #expect(documents.map(\.utf8Count) == documents.map { $0.text.utf8.count })
            var expectedNotes: [CorpusNote] = []
            if invalid > 0 { expectedNotes.append(.invalidUTF8(path: file.path, sequences: invalid)) }
            if controls > 0 { expectedNotes.append(.controlBytes(path: file.path, count: controls)) }
            if blank { expectedNotes.append(.empty(path: file.path)) }
            #expect(notes.sorted == CorpusNoteLog.sortedForTest(expectedNotes))
        }
    }

    @Test func readBytesReadsWholeFilesOfAnySize() throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-read")
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [1, 4095, 4096, 4097, 200_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = folder.appendingPathComponent("f\(size)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            // A size hint smaller than the file (a file that grew) still reads it all.
            #expect(ArticleFile.readBytes(path, sizeHint: size) == bytes)
            #expect(ArticleFile.readBytes(path, sizeHint: 0) == bytes)
            #expect(ArticleFile.readBytes(path, sizeHint: size * 2) == bytes)
            // The buffer becomes the document: no minimum block, no doubling left over.
            for hint in [size, 0, size / 2, size * 2] {
                let capacity = ArticleFile.readBytes(path, sizeHint: hint)?.capacity ?? 0
                #expect(capacity <= size + max(size / 8, 64), "size \(size), hint \(hint): capacity \(capacity)")
            }
        }
        #expect(ArticleFile.readBytes(folder.appendingPathComponent("missing").path, sizeHint: 0) == nil)
    }

    @Test func controlBytesCountedEightAtATimeMatchByteByByte() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 1000] {
            for density in [0, 4, 64] {
                var bytes: [UInt8] = []
                for _ in 0..<length {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    let roll = Int(state >> 58)
                    bytes.append(roll < density / 4 ? [0x00, 0x07, 0x1F, 0x7F, 0x09, 0x0A, 0x0D][Int(state >> 20) % 7] : UInt8(truncatingIfNeeded: state >> 33))
                }
                let expected = bytes.filter(ArticleFile.isControl).count
                for start in [0, 3] where start <= length {
                    let slow = bytes[start...].filter(ArticleFile.isControl).count
                    let fast = bytes.withUnsafeBufferPointer { ArticleFile.countControlBytes($0, start, length) }
                    #expect(fast == slow)
                }
                #expect(bytes.withUnsafeBufferPointer { ArticleFile.countControlBytes($0, 0, length) } == expected)
                #expect(bytes.withUnsafeBytes { countInvalidUTF8($0) } == countInvalidUTF8(sequence: bytes))
            }
        }
    }

    /// One `CueIndex` probe answers every list exactly as the list's own `WordSet` does.
    @Test func cueIndexAgreesWithEveryList() {
        let cues = NameCues.bundled
        let index = CueIndex(cues)
        let lists: [(WordSet, CueFlags)] = [
            (cues.givenNames, .givenName), (cues.surnames, .surname), (cues.commonWords, .commonWord),
            (cues.titles, .title), (cues.orgSuffixes, .orgSuffix), (cues.orgPrefixes, .orgPrefix),
            (cues.orgCues, .orgCue), (cues.productCues, .productCue), (cues.sourceCues, .sourceCue),
            (cues.connectors, .connector), (cues.notNames, .notName), (cues.locationSuffixes, .locationSuffix),
            (cues.organizationContext, .organizationContext), (cues.locationPrepositions, .locationPreposition),
        ]
        var probes: [UInt64] = [0, 1, WordSet.hash("the"), WordSet.hash("musk"), WordSet.hash("zzzq")]
        for (list, _) in lists { probes.append(contentsOf: list.keys.prefix(2_000)) }
        #expect(CueFlags.small == [.title, .orgSuffix, .orgPrefix, .orgCue, .productCue, .sourceCue, .connector, .notName,
                                   .locationSuffix, .organizationContext, .locationPreposition])
        for key in probes {
            let flags = index.flags(key)
            #expect(flags.contains(.known))
            // The small table answers the small lists as the full one does.
            #expect(index.smallFlags(key) == flags.intersection(.small).union(.smallKnown))
            for (list, flag) in lists where list.contains(key) != flags.contains(flag) {
                Issue.record("key \(key): list \(flag.rawValue) disagrees")
            }
        }
        let zeroOnly = NameCues(givenNames: WordSet(keys: [0]), surnames: WordSet(keys: []), commonWords: WordSet(keys: []), cues: [])
        #expect(CueIndex(zeroOnly).flags(0).contains(.givenName))
        #expect(!CueIndex(zeroOnly).flags(0).contains(.surname))
    }

    /// The prefilter passes every key of every list (no false negatives) and rejects most keys
    /// of no list; whatever it says, `flags` equals the lists' answer.
    @Test func cueIndexPrefilterHasNoFalseNegatives() {
        let cues = NameCues.bundled
        let index = CueIndex(cues)
        let lists = [cues.givenNames, cues.surnames, cues.commonWords, cues.titles, cues.orgSuffixes, cues.orgPrefixes, cues.orgCues,
                     cues.productCues, cues.sourceCues, cues.connectors, cues.notNames, cues.locationSuffixes,
                     cues.organizationContext, cues.locationPrepositions]
        var missed = 0
        for list in lists { list.forEachKey { key in if !index.mayContain(key) { missed += 1 } } }
        #expect(missed == 0)
        var generator = SplitMix64(seed: 0xB100)
        var outside = 0
        var passed = 0
        for _ in 0..<100_000 {
            let key = generator.next()
            guard !lists.contains(where: { $0.contains(key) }) else { continue }
            outside += 1
            if index.mayContain(key) { passed += 1 }
            #expect(index.flags(key) == .known)
        }
        // About 8 filter bits per key, three per key: a few percent pass.
        #expect(passed * 10 < outside, "\(passed) of \(outside) keys of no list passed")
        let empty = CueIndex(NameCues(givenNames: WordSet(keys: []), surnames: WordSet(keys: []), commonWords: WordSet(keys: []), cues: []))
        #expect(empty.flags(12345) == .known)
    }
}

extension CorpusNoteLog {
    /// `sorted`'s order for a plain list of notes.
    static func sortedForTest(_ notes: [CorpusNote]) -> [CorpusNote] {
        let log = CorpusNoteLog()
        log.append(contentsOf: notes)
        return log.sorted
    }
}
