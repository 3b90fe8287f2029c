import Foundation

/// Writing a finished partial graph straight from its ids and stored sentences.
extension GraphJSON {
    /// Relations per batch: about a megabyte of JSON.
    static let relationBatchSize = 2048

    /// Writes the graph of `layout` into `writer`. Relations are rendered in parallel, in
    /// batches of `batchSize` on `threads` threads, and spliced in order, so the bytes are
    /// the same for any thread count and equal to `write(partial.finalized(), into:)`;
    /// at most `4 × threads` batches are in memory at once.
    static func write(_ layout: FinalLayout, of partial: PartialGraph, threads: Int, batchSize: Int = relationBatchSize, into writer: inout PrettyJSONWriter) throws(OutputError) {
        try write(
            documents: layout.documents, entityCount: layout.entities.count, entity: { layout.entity($0, of: partial) }, into: &writer
        ) { (writer: inout PrettyJSONWriter) throws(OutputError) in
            let batches = (layout.relations.count + batchSize - 1) / batchSize
            let perRound = max(1, threads) * 4
            var first = 0
            while first < batches {
                let round = min(perRound, batches - first)
                let fragments = FragmentSlots(count: round)
                let start = first
                DispatchQueue.concurrentPerform(iterations: round) { offset in
                    let batch = start + offset
                    var fragment = PrettyJSONWriter(fragmentAtDepth: 2, continuing: batch > 0)
                    var scratch: [UInt8] = []
                    for index in (batch * batchSize)..<min(layout.relations.count, (batch + 1) * batchSize) {
                        layout.writeRelation(index, of: partial, scratch: &scratch, into: &fragment)
                    }
                    fragments.set(offset, fragment.buffer)
                }
                for offset in 0..<round { try writer.appendFragment(fragments.take(offset)) }
                first += round
            }
        }
    }
}

extension FinalLayout {
    /// Writes relation `index` from ids, reading its sentences from their stores.
    func writeRelation(_ index: Int, of partial: PartialGraph, scratch: inout [UInt8], into writer: inout PrettyJSONWriter) {
        let relation = relations[index]
        let strings = partial.strings
        let records = self.records[Int(relation.first)..<Int(relation.end)]
        // Distinct (document, start) pairs: records are sorted by document, then start.
        var weight = 0
        var previous: (Int32, UInt32)?
        for record in records {
            let item = partial.evidence[Int(record)]
            if previous == nil || previous! != (item.document, item.start) { weight += 1 }
            previous = (item.document, item.start)
        }
        // A fragment writer never flushes, so it cannot throw.
        try! GraphJSON.writeRelation(
            source: strings[Int(relation.source)], target: strings[Int(relation.target)], kind: relation.kind,
            weight: Double(weight), into: &writer
        ) { (writer: inout PrettyJSONWriter) throws(OutputError) in
            for record in records {
                let item = partial.evidence[Int(record)]
                try GraphJSON.writeEvidence(
                    date: item.date < 0 ? nil : strings[Int(item.date)], document: strings[Int(item.document)],
                    end: Int(item.end), start: Int(item.start), trigger: strings[Int(item.trigger)], into: &writer
                ) { writer in
                    partial.stores[Int(item.store)].withBytes(item.text, scratch: &scratch) { writer.string(utf8: $0) }
                }
            }
        }
    }
}

/// Slots that `concurrentPerform` iterations fill, each its own index.
private final class FragmentSlots: @unchecked Sendable {
    private var slots: [[UInt8]]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: [], count: count)
    }

    func set(_ index: Int, _ bytes: [UInt8]) {
        lock.withLock { slots[index] = bytes }
    }

    func take(_ index: Int) -> [UInt8] {
        lock.withLock {
            defer { slots[index] = [] }
            return slots[index]
        }
    }
}
