import Foundation
import Testing
@testable import RelGraphCore

/// Rendered batches written together: `RelationRenderer.renderedRun` hands the writer runs of
/// batches, `PrettyJSONWriter.appendFragments` gives a large run to `flushAll` in one call, and
/// `AtomicFile.Sink` writes several buffers at once.
@Suite struct GraphWritingRunTests {
    /// For one thread (which renders a run itself) and several (runs of what helpers rendered),
    /// small batches and batches past `directFragment`: the bytes equal the in-memory encoding,
    /// whether runs go to `flushAll` or one by one to `flush`.
    @Test func runsOfBatchesGiveTheSameBytes() throws {
        let partial = ScaleFixture.whole
        let expected = GraphJSON.encode(partial.finalized())
        let layout = FinalLayout(partial, threads: 2)
        let relations = layout.relations.count
        #expect(expected.count > 4 * PrettyJSONWriter.directFragment)
        var sawRun = false
        for threads in [1, 2, 3] {
            for batchSize in [1, 3, relations / 8 + 1, relations / 2 + 1, relations] {
                var inMemory = PrettyJSONWriter()
                try GraphJSON.write(layout, of: partial, threads: threads, batchSize: batchSize, into: &inMemory)
                #expect(Data(inMemory.buffer) == expected, "threads \(threads), batch \(batchSize)")
                var received: [UInt8] = []
                var streamed = PrettyJSONWriter(
                    flushThreshold: 4096,
                    flush: { (bytes: UnsafeRawBufferPointer) throws(OutputError) in received.append(contentsOf: bytes) },
                    flushAll: { (buffers: [UnsafeRawBufferPointer]) throws(OutputError) in
                        if buffers.count > 1 { sawRun = true }
                        for buffer in buffers { received.append(contentsOf: buffer) }
                    }
                )
                try GraphJSON.write(layout, of: partial, threads: threads, batchSize: batchSize, into: &streamed)
                #expect(Data(received) == expected, "threads \(threads), batch \(batchSize)")
            }
        }
        #expect(sawRun)
    }

    /// The graph file at one, two and three threads equals the in-memory encoding.
    @Test func graphFileEqualsTheEncodingForAnyThreadCount() throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-runs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let partial = ScaleFixture.whole
        let expected = GraphJSON.encode(partial.finalized())
        for threads in [1, 2, 3] {
            let path = folder.appendingPathComponent("graph-\(threads).json").path
            _ = try partial.writeFinalized(to: path, threads: threads)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected, "threads \(threads)")
        }
    }

    /// Fragments spliced as a run, through `flushAll` or one by one, give the bytes of an
    /// in-memory writer; runs below `directFragment` stay in the writer's buffer.
    @Test func appendFragmentsEqualsAppendingEach() throws {
        var generator = SplitMix64(seed: 11)
        for round in 0..<20 {
            let sizes = (0..<Int(generator.next() % 6)).map { _ in Int(generator.next() % UInt64(round < 10 ? 3_000 : 60_000)) }
            func fragments() -> [JSONByteBuffer] {
                var local = SplitMix64(seed: UInt64(round))
                return sizes.enumerated().map { index, size in
                    var writer = PrettyJSONWriter(fragmentAtDepth: 2, continuing: round % 2 == 1 || index > 0)
                    writer.element()
                    writer.string(String(repeating: Character(UnicodeScalar(UInt8(97 + local.next() % 26))), count: size))
                    return writer.output
                }
            }
            func document(_ writer: inout PrettyJSONWriter, run: Bool) throws {
                writer.beginObject()
                writer.key("a")
                writer.beginArray()
                if round % 2 == 1 { writer.element(); writer.int(round) }
                if run { try writer.appendFragments(fragments()) } else { for fragment in fragments() { try writer.appendFragment(fragment) } }
                try writer.endArray()
                try writer.endObject()
                try writer.finish()
            }
            var inMemory = PrettyJSONWriter()
            try document(&inMemory, run: false)
            var runCalls = 0, received: [UInt8] = []
            var streamed = PrettyJSONWriter(
                flushThreshold: 1024,
                flush: { (bytes: UnsafeRawBufferPointer) throws(OutputError) in received.append(contentsOf: bytes) },
                flushAll: { (buffers: [UnsafeRawBufferPointer]) throws(OutputError) in
                    runCalls += 1
                    for buffer in buffers { received.append(contentsOf: buffer) }
                }
            )
            try document(&streamed, run: true)
            #expect(received == inMemory.buffer, "round \(round)")
            let total = fragments().reduce(0) { $0 + $1.count }
            #expect((runCalls > 0) == (total >= PrettyJSONWriter.directFragment), "round \(round)")
        }
    }
}
