import Dispatch
import Foundation
import Testing
@testable import RelGraphCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading graph files from disk (`FileContents`, `GraphJSON.read(path:)`, `GraphCache`):
/// whatever the file is, the same answer as decoding its bytes, never a crash or a hang.
@Suite struct GraphFileReadingTests {
    /// A fresh folder, removed after `body`.
    private static func withFolder<T>(_ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder)
    }

    /// The outcome of one reading, comparable (with its error's reason).
    private static func result(_ read: () throws(GraphFileError) -> RelationGraph) -> Result<RelationGraph, GraphFileError> {
        Result { () throws(GraphFileError) in try read() }
    }

    /// A graph of a few hundred kilobytes: many pages, and more than a pipe holds.
    static let large: RelationGraph = {
        var random = SplitMix64(seed: 99)
        let documents = (0..<40).map { DocumentInfo(name: "doc-\($0).txt", date: "2024-01-\(10 + $0 % 19)") }
        let names = (0..<150).map { "Entity number \($0) ünïcode" }
        let entities = names.map { Entity(name: $0, type: random.pick(EntityType.allCases), aliases: ["alias of \($0)"], mentions: random.below(50)) }
        let relations = (0..<600).map { index in
            Relation(
                source: random.pick(names), target: random.pick(names), kind: random.pick(RelationKind.allCases),
                evidence: (0..<(1 + random.below(3))).map { _ in
                    Evidence(
                        document: random.pick(documents).name, sentence: "Sentence \(index) says something about both of them at some length.",
                        start: random.below(1000), end: 1000 + random.below(1000), trigger: "says", date: "2024-02-01"
                    )
                }
            )
        }
        return RelationGraph(documents: documents, entities: entities, relations: relations)
    }()

    // MARK: Kinds of files

    @Test func directoryIsUnreadable() throws {
        try Self.withFolder { folder in
            #expect(FileContents(path: folder) == nil)
            #expect(throws: GraphFileError.unreadable(path: folder)) { try GraphJSON.read(path: folder) }
            #expect(throws: GraphFileError.unreadable(path: folder)) { try GraphCache.load(graphPath: folder) }
        }
    }

    @Test func missingFileIsMissingAndUnreadableFileIsUnreadable() throws {
        try Self.withFolder { folder in
            let path = folder + "/g.json"
            #expect(throws: GraphFileError.missing(path: path)) { try GraphJSON.read(path: path) }
            try GraphJSON.encode(GraphIndexTests.graph).write(to: URL(fileURLWithPath: path))
            chmod(path, 0)
            defer { chmod(path, 0o600) }
            // Root reads it anyway; anyone else gets `.unreadable`.
            if getuid() != 0 {
                #expect(throws: GraphFileError.unreadable(path: path)) { try GraphJSON.read(path: path) }
            }
        }
    }

    #if os(Linux)
    /// Files of `/proc` say they are empty; they are read to their end all the same.
    @Test func zeroSizeSpecialFileIsReadToItsEnd() throws {
        for path in ["/proc/self/cmdline", "/proc/version", "/proc/self/status"] {
            var info = stat()
            try #require(stat(path, &info) == 0)
            #expect(info.st_size == 0, "\(path)")
            let contents = try #require(FileContents(path: path))
            #expect(contents.count > 0, "\(path)")
            // Read the same bytes as a file handle does (which reads to the end).
            let handle = try #require(FileHandle(forReadingAtPath: path))
            defer { try? handle.close() }
            let expected = try #require(try handle.readToEnd())
            let bytes = contents.withUnsafeBytes { Data($0) }
            if path == "/proc/self/status" {
                // It changes between reads; its first line does not.
                #expect(bytes.prefix { $0 != 0x0A } == expected.prefix { $0 != 0x0A })
            } else {
                #expect(bytes == expected, "\(path)")
            }
            #expect(Self.result { () throws(GraphFileError) in try GraphJSON.read(path: path) }
                    == Self.result { () throws(GraphFileError) in try GraphJSON.decode(expected, source: path) }, "\(path)")
        }
    }
    #endif

    /// The outcome of a reading on another thread, handed over under a semaphore.
    private final class Handoff: @unchecked Sendable {
        var value: Result<RelationGraph, GraphFileError>?
    }

    /// Runs `read` on another thread and waits at most `seconds` for it, so that a reader
    /// that blocks fails the test instead of hanging it.
    private static func withTimeout(
        _ seconds: Double, _ read: @escaping @Sendable () -> Result<RelationGraph, GraphFileError>
    ) -> Result<RelationGraph, GraphFileError>? {
        let handoff = Handoff(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            handoff.value = read()
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return handoff.value
    }

    /// Writes all of `data` to `descriptor` (stopping at an error), then closes it.
    private static func writeAll(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let wrote = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if wrote <= 0 { break }
                offset += wrote
            }
        }
        close(descriptor)
    }

    /// A named pipe is read from the descriptor opened, to its end (more than the pipe's
    /// buffer, while a writer thread fills it); it gets no cache, since it may give other
    /// bytes next time with the same size and modification time.
    @Test(arguments: [false, true]) func namedPipeIsReadOnce(throughCache: Bool) throws {
        try Self.withFolder { folder in
            let path = folder + "/g.fifo"
            try #require(mkfifo(path, 0o600) == 0)
            let data = GraphJSON.encode(Self.large)
            #expect(data.count > 256 << 10)
            // Opened read-write, the pipe has a writer before the reader comes (this never
            // blocks on Linux), so the reader cannot see an end of file too early.
            let writer = open(path, O_RDWR | O_CLOEXEC)
            try #require(writer >= 0)
            let written = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                Self.writeAll(data, to: writer)
                written.signal()
            }
            let outcome = Self.withTimeout(20) {
                Self.result { () throws(GraphFileError) in
                    throughCache ? try GraphCache.load(graphPath: path).graph : try GraphJSON.read(path: path)
                }
            }
            #expect(outcome == .success(Self.large))
            #expect(!FileManager.default.fileExists(atPath: GraphCache.path(for: path)))
            if outcome == nil {
                // Unblock whatever is stuck (the writer closes after writing everything).
                Issue.record("reading the pipe did not finish")
            } else {
                #expect(written.wait(timeout: .now() + 20) == .success)
            }
        }
    }

    /// A named pipe opened before its writer waits for it, as `cat` does, and then reads the
    /// whole graph (reading it as empty at once left a late writer blocked forever).
    @Test func namedPipeWaitsForALateWriter() throws {
        try Self.withFolder { folder in
            let path = folder + "/g.fifo"
            try #require(mkfifo(path, 0o600) == 0)
            let data = GraphJSON.encode(Self.large)
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 0.3)
                // Blocks until the reader has opened its end, then writes everything.
                let writer = open(path, O_WRONLY | O_CLOEXEC)
                guard writer >= 0 else { return }
                Self.writeAll(data, to: writer)
            }
            let outcome = Self.withTimeout(20) { Self.result { () throws(GraphFileError) in try GraphJSON.read(path: path) } }
            #expect(outcome == .success(Self.large))
        }
    }

    /// An endless device that starts with zero bytes is refused at once instead of being
    /// read until memory runs out.
    @Test func endlessZeroDeviceIsRefusedAtOnce() throws {
        let outcome = Self.withTimeout(20) { Self.result { () throws(GraphFileError) in try GraphJSON.read(path: "/dev/zero") } }
        #expect(outcome == .failure(.notJSON(path: "/dev/zero")))
        #expect(GraphFileBytes.isStream("/dev/zero"))
        let head = try GraphFileBytes.read(path: "/dev/zero")
        #expect((4...(1 << 20)).contains(head.count) && head.allSatisfy { $0 == 0 })
    }

    /// An endless device of other bytes is refused after its first read too: its head is not
    /// graph text (`TextHead`).
    @Test func endlessRandomDeviceIsRefusedAtOnce() throws {
        let outcome = try #require(Self.withTimeout(20) { Self.result { () throws(GraphFileError) in try GraphJSON.read(path: "/dev/urandom") } })
        guard case .failure = outcome else {
            Issue.record("random bytes read as a graph")
            return
        }
        let head = try GraphFileBytes.read(path: "/dev/urandom")
        #expect((FileContents.headLength...(1 << 20)).contains(head.count))
    }

    /// A graph streamed through a named pipe in any encoding JSON allows passes the head test
    /// and is read whole, however far past the head it goes. (DOT heads: the test below.)
    @Test(arguments: [String.Encoding.utf8, .utf16LittleEndian, .utf16BigEndian, .utf16, .utf32LittleEndian, .utf32BigEndian])
    func streamedGraphTextIsReadWhole(encoding: String.Encoding) throws {
        let json = String(decoding: GraphJSON.encode(Self.large), as: UTF8.self)
        let data = try #require(json.data(using: encoding))
        #expect(data.count > 4 * FileContents.headLength)
        let read = try Self.withFolder { folder in
            let path = folder + "/g.fifo"
            try #require(mkfifo(path, 0o600) == 0)
            Thread.detachNewThread {
                let writer = open(path, O_WRONLY | O_CLOEXEC)
                guard writer >= 0 else { return }
                Self.writeAll(data, to: writer)
            }
            return try GraphFileBytes.read(path: path)
        }
        #expect(read == data)
    }

    /// The head test alone: text passes (a multi-byte character cut by the end of the head
    /// included), random bytes and control characters fail.
    @Test func headTestTellsTextFromNoise() {
        func passes(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { TextHead.isGraphText($0) } }
        #expect(passes(Array("digraph G {\n  \"Zoë\" -> \"Émile\";\n}\n".utf8)))
        #expect(passes(Array("\u{FEFF}{\"format\": \"relgraph\"}".utf8)))
        let cut = Array("{\"name\": \"Zoë 😀\"}".utf8)
        for end in 4...cut.count { #expect(passes(Array(cut[..<end]))) }
        #expect(!passes(Array("{\"a\": 1}\u{1B}[0m".utf8)))
        #expect(!passes([0x00, 0x00, 0x00, 0x00, 0x7B]))
        #expect(!passes(Array("[1, 2]".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })))
        var random = SplitMix64(seed: 7)
        for _ in 0..<1000 {
            let noise = (0..<FileContents.headLength).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(!passes(noise))
        }
    }

    /// A regular file that starts with four zero bytes is refused as the whole file was.
    @Test func fileStartingWithZerosIsNotJSON() throws {
        try Self.withFolder { folder in
            let path = folder + "/g.json"
            try (Data(count: 4) + GraphJSON.encode(Self.large)).write(to: URL(fileURLWithPath: path))
            #expect(Self.result { () throws(GraphFileError) in try GraphJSON.read(path: path) } == .failure(.notJSON(path: path)))
            #expect(!GraphFileBytes.isStream(path))
        }
    }

    /// The cache is read, not mapped: its evidence, read after the query loaded it, is intact
    /// even when the file is cut short meanwhile (a mapped file would raise `SIGBUS`).
    @Test func lazyEvidenceSurvivesTheCacheBeingTruncated() throws {
        try Self.withFolder { folder in
            let path = folder + "/g.json"
            try GraphJSON.encode(Self.large).write(to: URL(fileURLWithPath: path))
            try GraphCache.write(graphPath: path)
            let loaded = try GraphCache.load(graphPath: path, lazyEvidence: true)
            let store = try #require(loaded.evidence)
            #expect(truncate(GraphCache.path(for: path), 0) == 0)
            #expect(Self.large.relations.indices.map(store.evidence(ofRelation:)) == Self.large.relations.map(\.evidence))
        }
    }

    // MARK: Giving memory back

    @Test func releasedPagesAreGoneAndTheRestIsIntact() throws {
        try Self.withFolder { folder in
            let path = folder + "/g.json"
            let data = GraphJSON.encode(Self.large)
            try data.write(to: URL(fileURLWithPath: path))
            let contents = try #require(FileContents(path: path))
            #expect(contents.isRegular)
            #expect(contents.withUnsafeBytes { Data($0) } == data)
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            contents.release(upTo: 3 * page + 5)
            #expect(contents.released == 3 * page)
            contents.release(upTo: page)
            #expect(contents.released == 3 * page)
            contents.withUnsafeBytes { bytes in
                #expect(Data(bytes[(3 * page)...]) == data[(3 * page)...])
                #if os(Linux)
                #expect(bytes[..<(3 * page)].allSatisfy { $0 == 0 })
                #endif
            }
        }
    }

    @Test func progressIsReportedEveryStepBetweenValues() throws {
        let data = GraphJSON.encode(Self.large)
        var offsets: [Int] = []
        let graph = try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws(GraphFileError) in
            try GraphJSONReader.read(bytes, source: "g.json", progress: .init(step: 10_000) { offsets.append($0) })
        }
        #expect(graph == Self.large)
        #expect(offsets.count >= data.count / 10_000 - 2)
        #expect(offsets.first.map { $0 >= 10_000 && $0 < 12_000 } == true)
        #expect(zip(offsets, offsets.dropFirst()).allSatisfy { $1 >= $0 + 10_000 })
        #expect(offsets.allSatisfy { $0 < data.count })
    }

    /// Reading with memory given back after every value gives the graph, and for damaged
    /// files the very error (reason included) that reading the bytes gives.
    @Test func releasingWhileReadingChangesNothing() throws {
        try Self.withFolder { folder in
            let path = folder + "/g.json"
            let data = GraphJSON.encode(Self.large)
            var variants: [(String, Data)] = [("whole", data)]
            for length in stride(from: 0, to: data.count, by: data.count / 23) { variants.append(("truncated at \(length)", data.prefix(length))) }
            var random = SplitMix64(seed: 8)
            let interesting: [UInt8] = Array("\"\\{}[],:n0-.eEu 1a".utf8) + [0x00, 0x1F, 0x80, 0xC0, 0xFF]
            for round in 0..<30 {
                var bytes = [UInt8](data)
                // Late in the file, after pages were given back.
                let at = data.count / 2 + random.below(data.count / 2)
                bytes[at] = random.pick(interesting)
                variants.append(("damaged at \(at), round \(round)", Data(bytes)))
            }
            variants.append(("unknown member first", Data("{\"x\": [\(String(repeating: "1,", count: 40_000))1],".utf8) + data.dropFirst()))
            for (label, bytes) in variants {
                try bytes.write(to: URL(fileURLWithPath: path))
                let expected = Self.result { () throws(GraphFileError) in try GraphJSON.decode(bytes, source: path) }
                #expect(Self.result { () throws(GraphFileError) in try GraphJSON.read(path: path, releaseStep: 1) } == expected, "\(label)")
                #expect(Self.result { () throws(GraphFileError) in try GraphJSON.read(path: path, releaseStep: nil) } == expected, "\(label)")
            }
        }
    }

    // MARK: The binary cache

    @Test func buildCacheIsWrittenFromTheGraphFile() throws {
        try Self.withFolder { folder in
            let path = folder + "/g.json"
            try GraphJSON.write(Self.large, to: path)
            try GraphCache.write(graphPath: path)
            let cache = try Data(contentsOf: URL(fileURLWithPath: GraphCache.path(for: path)))
            let loaded = try #require(GraphCache.decode(cache, expecting: GraphCache.Stamp(path: path)))
            #expect(loaded.graph == Self.large)
            #expect(try GraphCache.load(graphPath: path).graph == Self.large)
            #expect(throws: GraphFileError.missing(path: folder + "/none.json")) { try GraphCache.write(graphPath: folder + "/none.json") }
        }
    }

    /// Spellings that `==` calls equal (composed and decomposed é) stay distinct byte for
    /// byte through the graph file and the cache.
    @Test func canonicallyEqualSpellingsStayDistinct() throws {
        let composed = "Caf\u{E9} owner", decomposed = "Cafe\u{301} owner"
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        let graph = RelationGraph(
            documents: [DocumentInfo(name: "a.txt", date: nil)],
            entities: [
                Entity(name: "Ann", type: .person, aliases: [composed, decomposed], documents: ["a.txt"]),
                Entity(name: "Bob", type: .person, aliases: [decomposed], documents: ["a.txt"]),
            ],
            relations: [Relation(source: "Ann", target: "Bob", kind: .metWith, evidence: [
                Evidence(document: "a.txt", sentence: composed, start: 0, end: 10, trigger: decomposed),
                Evidence(document: "a.txt", sentence: decomposed, start: 20, end: 30, trigger: composed),
            ])]
        )
        func spellings(_ graph: RelationGraph) -> [[UInt8]] {
            graph.entities.flatMap { $0.aliases.map { Array($0.utf8) } }
                + graph.relations.flatMap { $0.evidence.flatMap { [Array($0.sentence.utf8), Array($0.trigger.utf8)] } }
        }
        let expected = spellings(graph)
        #expect(expected.contains(Array(composed.utf8)) && expected.contains(Array(decomposed.utf8)))
        try Self.withFolder { folder in
            let path = folder + "/g.json"
            try GraphJSON.write(graph, to: path)
            #expect(spellings(try GraphJSON.read(path: path)) == expected)
            try GraphCache.write(graphPath: path)
            let cache = try Data(contentsOf: URL(fileURLWithPath: GraphCache.path(for: path)))
            for lazy in [false, true] {
                let loaded = try #require(GraphCache.decode(cache, expecting: GraphCache.Stamp(path: path), lazyEvidence: lazy))
                var read = loaded.graph
                if let store = loaded.evidence {
                    for index in read.relations.indices { read.relations[index].evidence = store.evidence(ofRelation: index) }
                }
                #expect(spellings(read) == expected, "lazy: \(lazy)")
            }
        }
    }
}
