import Foundation
import Testing
@testable import RelGraphCore

/// The ring of batch buffers behind `GraphJSON.write(_:of:threads:batchSize:into:)`: helpers
/// render ahead while the calling thread writes in order and renders when it would wait.
@Suite struct RelationRingTests {
    /// Ring sizes around the batch count (fewer batches than slots, exactly as many, many times
    /// as many so the ring wraps), more threads than batches, and a spilled graph whose
    /// sentences are read back from disk, against the in-memory encoding.
    @Test func ringGivesTheSameBytesAndEvidenceForAnyShape() throws {
        let partial = ScaleFixture.whole
        let graph = partial.finalized()
        let expected = GraphJSON.encode(graph)
        let evidence = graph.relations.reduce(0) { $0 + $1.evidence.count }
        let layout = FinalLayout(partial, threads: 2)
        let relations = layout.relations.count
        #expect(relations > 40)
        // (threads, batch size): one batch in all; 8 slots for exactly 8 batches; batches of
        // one relation through a ring of 8 or 12; more threads than batches.
        let shapes = [(2, relations), (2, (relations + 7) / 8), (2, 1), (3, 1), (5, relations / 3 + 1), (4, 2)]
        for (threads, batchSize) in shapes {
            var writer = PrettyJSONWriter()
            let written = try GraphJSON.write(layout, of: partial, threads: threads, batchSize: batchSize, into: &writer)
            #expect(Data(writer.buffer) == expected, "threads \(threads), batch \(batchSize)")
            #expect(written == evidence, "threads \(threads), batch \(batchSize)")
        }
    }

    /// A flush threshold far below a batch, so every batch goes to the sink on its own while the
    /// helpers render ahead, with a sink that is slow now and then (the helpers then fill the ring
    /// and wait for it): the bytes arrive in order.
    @Test(.timeLimit(.minutes(1))) func slowSinkReceivesTheBatchesInOrder() throws {
        let partial = ScaleFixture.whole
        let expected = GraphJSON.encode(partial.finalized())
        let layout = FinalLayout(partial, threads: 2)
        for threads in [2, 4] {
            var received: [UInt8] = []
            var calls = 0
            var writer = PrettyJSONWriter(flushThreshold: 64) { (bytes: UnsafeRawBufferPointer) throws(OutputError) in
                calls += 1
                if calls % 7 == 0 { usleep(200) }
                received.append(contentsOf: bytes)
            }
            try GraphJSON.write(layout, of: partial, threads: threads, batchSize: 2, into: &writer)
            #expect(Data(received) == expected, "threads \(threads)")
        }
    }
}
