import Foundation
import Testing
@testable import RelGraphCore

/// `GraphJSON` writes its bytes by hand for speed and streaming; these tests hold it to the
/// exact bytes `JSONEncoder` produced for the same graph, which earlier files were written with.
@Suite struct GraphJSONWriterTests {
    private struct Reference: Encodable {
        var format = RelationGraph.formatName
        var version = RelationGraph.schemaVersion
        var documents: [DocumentInfo]
        var entities: [Entity]
        var relations: [Relation]
    }

    private func referenceBytes(_ graph: RelationGraph) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(Reference(documents: graph.documents, entities: graph.entities, relations: graph.relations))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    @Test func bytesMatchJSONEncoderOnRandomGraphs() throws {
        for seed in 0..<300 as Range<UInt64> {
            let graph = RandomRelationGraph.make(seed: seed)
            let mine = GraphJSON.encode(graph), reference = try referenceBytes(graph)
            guard mine != reference else { continue }
            let index = zip(mine, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(mine.count, reference.count)
            let context = { (data: Data) in String(decoding: data[max(0, index - 60)..<min(data.count, index + 60)], as: UTF8.self) }
            Issue.record("seed \(seed): first difference at byte \(index):\n\(context(mine))\n---\n\(context(reference))")
        }
    }

    @Test func emptyGraphMatchesJSONEncoder() throws {
        #expect(GraphJSON.encode(RelationGraph()) == (try referenceBytes(RelationGraph())))
    }

    @Test func streamedFileEqualsInMemoryBytesAndRoundTrips() throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-writer")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Big enough to flush several times.
        let graphs = (0..<400 as Range<UInt64>).map { RandomRelationGraph.make(seed: $0) }
        let graph = RelationGraph(
            documents: graphs.flatMap(\.documents), entities: graphs.flatMap(\.entities), relations: graphs.flatMap(\.relations)
        )
        let path = folder.appendingPathComponent("graph.json").path
        try GraphJSON.write(graph, to: path)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == GraphJSON.encode(graph))
        #expect(try GraphJSON.decode(written, source: path) == graph)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["graph.json"])
    }

    /// Runs `body` as the body of an `AtomicFile.write` to an existing `out.json` that holds
    /// "old" (in a new folder): the write must fail with `cannotWrite` and leave that file as
    /// it was and nothing else in the folder.
    private func expectFailedWriteLeavesDestinationUntouched(
        _ body: (_ folder: URL, _ path: String, AtomicFile.Sink) throws(OutputError) -> Void
    ) throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-writer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: OutputError.cannotWrite(path: path)) {
            try AtomicFile.write(to: path) { (sink: AtomicFile.Sink) throws(OutputError) in try body(folder, path, sink) }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
    }

    @Test func failedStreamLeavesDestinationUntouched() throws {
        try expectFailedWriteLeavesDestinationUntouched { (_, path, sink) throws(OutputError) in
            var bytes = Array("partial".utf8)
            try sink.write(&bytes)
            throw .cannotWrite(path: path)
        }
    }

    /// The sink reserves blocks ahead of its writes (1 MB, then doubling to 32 MB) and writes
    /// up to page boundaries, keeping the rest: for writes of many sizes, of one buffer or
    /// several at once, the file holds exactly the bytes written, and no reserved block is
    /// left past its end.
    @Test func streamedFileHoldsExactlyTheBytesWritten() throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-writer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.bin").path
        var generator = SplitMix64(seed: 7)
        for sizes in [[], [0], [1], [1 << 20], [(1 << 20) - 1, 2], [5, 3 << 20, 0, 77], (0..<40).map { _ in Int(generator.next() % 300_000) }] {
            var expected: [UInt8] = []
            var reservedPastSize = false
            try AtomicFile.write(to: path) { (sink: AtomicFile.Sink) throws(OutputError) in
                for size in sizes {
                    var bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                    expected += bytes
                    switch generator.next() % 3 {
                    case 0:
                        try sink.write(&bytes)
                        #expect(bytes.isEmpty)
                    case 1:
                        try bytes.withUnsafeBytes { buffer in Result { () throws(OutputError) in try sink.write(buffer) } }.get()
                    default:
                        // Cut into up to five buffers (some empty), written at once.
                        var cuts = (0..<Int(generator.next() % 5)).map { _ in size == 0 ? 0 : Int(generator.next() % UInt64(size + 1)) }
                        cuts = [0] + cuts.sorted() + [size]
                        try bytes.withUnsafeBytes { buffer in
                            let pieces = (1..<cuts.count).map { UnsafeRawBufferPointer(rebasing: buffer[cuts[$0 - 1]..<cuts[$0]]) }
                            return Result { () throws(OutputError) in try sink.write(pieces) }
                        }.get()
                    }
                    #expect(sink.size == expected.count)
                    if sink.reserved > sink.size { reservedPastSize = true }
                }
            }
            // Read through a handle: `Data(contentsOf:)` of an empty file leaks its 4 KB read
            // buffer in this toolchain's Foundation, which fails `make sanitize` (LeakSanitizer).
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            #expect(try handle.readToEnd() ?? Data() == Data(expected))
            var status = stat()
            #expect(stat(path, &status) == 0)
            #expect(Int(status.st_size) == expected.count)
            if reservedPastSize {
                // Blocks of the bytes written (rounded to the file system's block), not the reserve.
                #expect(Int(status.st_blocks) * 512 < expected.count + (1 << 20))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.bin"])
    }

    /// A write that fails leaves the sink's pending bytes and the file's offset out of step with
    /// what was given: a body that goes on past the error (here it catches it) must still not
    /// replace the destination with what did reach the file. The failure is made by putting a
    /// read-only descriptor in place of the temporary file's for one write.
    @Test func bodyThatGoesOnPastAFailedWriteLeavesDestinationUntouched() throws {
        var failedWrites = 0
        try expectFailedWriteLeavesDestinationUntouched { (folder, _, sink) throws(OutputError) in
            let temporary = folder.appendingPathComponent(".out.json.\(ProcessInfo.processInfo.processIdentifier).tmp").path
            // Past two page boundaries, with a tail kept pending.
            var first = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000)
            try sink.write(&first)
            var file = stat(), candidate = stat()
            guard stat(temporary, &file) == 0,
                  let descriptor = (0..<Int32(4096)).first(where: { fstat($0, &candidate) == 0 && candidate.st_dev == file.st_dev && candidate.st_ino == file.st_ino })
            else { Issue.record("temporary file's descriptor not found"); return }
            let saved = dup(descriptor), readOnly = open("/dev/null", O_RDONLY | O_CLOEXEC)
            guard saved >= 0, readOnly >= 0, dup2(readOnly, descriptor) == descriptor else { Issue.record("descriptor not swapped"); return }
            var second = [UInt8](repeating: UInt8(ascii: "b"), count: 10_000)
            do { try sink.write(&second) } catch { failedWrites += 1 }
            _ = dup2(saved, descriptor)
            _ = close(saved)
            _ = close(readOnly)
        }
        #expect(failedWrites == 1)
    }

    // MARK: The fast escaping

    /// The escaping as a plain byte loop: what `JSONEscaping.writeQuoted` must equal.
    private static func slowQuoted(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): out += Array(#"\\"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x0C: out += Array(#"\f"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case ..<0x20: out += Array(String(format: "\\u%04x", Int(byte)).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    private static func fastQuoted(_ bytes: [UInt8]) -> [UInt8] {
        var writer = PrettyJSONWriter()
        bytes.withUnsafeBufferPointer { writer.string(utf8: $0) }
        return writer.buffer
    }

    /// Every byte class the scan tells apart: controls, the two escaped characters, the
    /// characters next to them, `/`, DEL, ASCII text, UTF-8 lead and continuation bytes.
    private static let byteClasses: [[UInt8]] = [
        Array(0x00...0x1F), [0x22, 0x5C], [0x20, 0x21, 0x23, 0x5B, 0x5D], [0x2F], [0x7F],
        Array(0x41...0x5A) + Array(0x61...0x7A), Array(0x80...0xBF), Array(0xC2...0xF4), [0xFF],
    ]

    @Test func fastEscapingEqualsTheByteLoopOnRandomBytes() {
        var random = SplitMix64(seed: 7)
        for length in 0..<72 {
            for _ in 0..<60 {
                // Mostly clean text with a few bytes of other classes, at every offset.
                let bytes = (0..<length).map { _ in
                    random.below(4) == 0 ? random.pick(random.pick(Self.byteClasses)) : random.pick(Self.byteClasses[5])
                }
                #expect(Self.fastQuoted(bytes) == Self.slowQuoted(bytes), "\(bytes)")
            }
        }
        // One special byte at each position of runs around the 8- and 16-byte word edges.
        for length in [7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 40, 47, 48, 49] {
            for position in 0..<length {
                for special in Self.byteClasses.flatMap({ $0 }) {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = special
                    #expect(Self.fastQuoted(bytes) == Self.slowQuoted(bytes), "\(bytes)")
                }
            }
        }
    }

    /// Strings with every character class, multibyte UTF-8 at word edges, against `JSONEncoder`.
    @Test func stringsMatchJSONEncoderAroundWordEdges() throws {
        var random = SplitMix64(seed: 11)
        let pieces = ["a", "Z", " ", "/", "\"", "\\", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "’", "𝄞", "🚀", "\u{2028}", "\r\n"]
        var strings: [String] = []
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33] {
            for _ in 0..<20 { strings.append(String((0..<length).map { _ in random.pick(pieces) }.joined().prefix(length))) }
            for piece in pieces { strings.append(String(repeating: "x", count: max(0, length - 1)) + piece + "y") }
        }
        var writer = PrettyJSONWriter()
        writer.beginArray()
        for string in strings { writer.element(); writer.string(string) }
        try writer.endArray()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        #expect(Data(writer.buffer) == (try encoder.encode(strings)))
    }

    @Test func integersMatchTheirDescription() {
        for value in [0, 1, 9, 10, 11, 99, 100, -1, -9, -10, 1_234_567, Int.max, Int.min, Int(Int32.max), -987_654_321] {
            var writer = PrettyJSONWriter()
            writer.int(value)
            #expect(writer.buffer == Array(String(value).utf8))
        }
    }

    @Test func stringTableHoldsTheWritersBytes() {
        let strings = RandomRelationGraph.awkward + ["Jane Roe", "a/b", String(repeating: "é\"", count: 9)]
        let used = strings.indices.map { $0 % 3 != 1 }
        let table = JSONStringTable(strings, only: used)
        for (id, string) in strings.enumerated() where used[id] {
            var tabled = PrettyJSONWriter(), direct = PrettyJSONWriter()
            table.write(Int32(id), into: &tabled)
            direct.string(string)
            #expect(tabled.buffer == direct.buffer, "\(string)")
        }
    }

    /// The laid-out evidence objects (`EvidencePieces`) equal the member-by-member ones
    /// (`FinalLayout.writeEvidence`), at several depths, with and without dates, for awkward
    /// strings and sentences and numbers of every width, in arrays of one and of several.
    @Test func evidencePiecesEqualMemberByMemberWriting() throws {
        var random = SplitMix64(seed: 23)
        let strings = RandomRelationGraph.awkward + ["Jane Roe", "2024-01-02", "", String(repeating: "long name ", count: 30)]
        let table = JSONStringTable(strings, only: strings.map { _ in true })
        let sentences = ["", "A plain sentence.", "Quotes \"here\" and \\ there\n", String(repeating: "é’🚀 ", count: 200)] + strings
        let numbers: [UInt32] = [0, 9, 10, 99_999, 1_000_000, UInt32.max]
        for depth in [1, 2, 3, 4, 7, 12, 20] {
            for count in [1, 2, 5] {
                let items = (0..<count).map { _ in
                    PartialGraph.StoredEvidence(
                        document: Int32(random.below(strings.count)), trigger: Int32(random.below(strings.count)),
                        date: random.below(3) == 0 ? -1 : Int32(random.below(strings.count)),
                        start: random.pick(numbers), end: random.pick(numbers), next: -1, store: 0, textLength: 0, textOffset: 0
                    )
                }
                let texts = items.map { _ in random.pick(sentences) }
                let continuing = random.below(2) == 0
                var slow = PrettyJSONWriter(fragmentAtDepth: depth, continuing: continuing)
                var fast = PrettyJSONWriter(fragmentAtDepth: depth, continuing: continuing)
                let pieces = EvidencePieces(arrayDepth: depth)
                for (item, text) in zip(items, texts) {
                    FinalLayout.writeEvidence(item, names: table, into: &slow) { $0.string(text) }
                    var text = text
                    text.withUTF8 { pieces.write(item, sentence: $0, names: table, into: &fast) }
                }
                #expect(fast.buffer == slow.buffer, "depth \(depth), \(items)")
                // The writer goes on as after member-by-member writing.
                fast.element(); fast.int(7)
                slow.element(); slow.int(7)
                try fast.endArray()
                try slow.endArray()
                #expect(fast.buffer == slow.buffer)
            }
        }
    }

    /// A relation's members after its evidence, laid out at once, equal them written one by one.
    @Test func relationPiecesEqualMemberByMemberWriting() throws {
        var random = SplitMix64(seed: 29)
        let strings = RandomRelationGraph.awkward + ["Jane Roe", String(repeating: "long name ", count: 30)]
        let table = JSONStringTable(strings, only: strings.map { _ in true })
        // The evidence array's depth: the relation is an element of a fragment two levels out.
        for depth in [3, 4, 7, 12, 20] {
            let pieces = EvidencePieces(arrayDepth: depth)
            for kind in RelationKind.allCases {
                for weight in [0, 1, 9, 10, 12_345, Int(Int32.max)] {
                    let source = Int32(random.below(strings.count)), target = Int32(random.below(strings.count))
                    var slow = PrettyJSONWriter(fragmentAtDepth: depth - 2, continuing: false)
                    var fast = PrettyJSONWriter(fragmentAtDepth: depth - 2, continuing: false)
                    try Self.openRelation(&slow)
                    try Self.openRelation(&fast)
                    slow.key("polarity"); slow.string(kind.polarity.rawValue)
                    slow.key("source"); table.write(source, into: &slow)
                    slow.key("target"); table.write(target, into: &slow)
                    slow.key("type"); slow.string(kind.rawValue)
                    slow.key("weight"); slow.int(weight)
                    pieces.writeRelationMembers(kind: kind, source: source, target: target, weight: weight, names: table, into: &fast)
                    try slow.endObject()
                    try fast.endObject()
                    #expect(fast.buffer == slow.buffer, "\(kind) at depth \(depth)")
                }
            }
        }
    }

    /// Starts a relation object with an empty evidence array, as `writeRelation` does.
    private static func openRelation(_ writer: inout PrettyJSONWriter) throws {
        writer.element()
        writer.beginObject()
        writer.key("evidence")
        writer.beginArray()
        try writer.endArray()
    }
}
