import Foundation

/// Writing a finished partial graph straight from its ids and stored sentences.
extension GraphJSON {
    /// Relations per batch: about 160 KB of JSON, so that a batch is written within the
    /// core's cache and goes to the file without a copy (measured against 2048 relations).
    static let relationBatchSize = 256

    /// Writes the graph of `layout` into `writer`. Relations are rendered in parallel, in
    /// batches of `batchSize` on `threads` threads, and spliced in order, so the bytes are
    /// the same for any thread count and equal to `write(partial.finalized(), into:)`;
    /// at most `4 × threads` batches are in memory at once. Returns the number of evidence
    /// records written.
    @discardableResult
    static func write(_ layout: FinalLayout, of partial: PartialGraph, threads: Int, batchSize: Int = relationBatchSize, into writer: inout PrettyJSONWriter) throws(OutputError) -> Int {
        let names = JSONStringTable(partial.strings, only: layout.writtenStrings(of: partial))
        var evidenceCount = 0
        try write(
            documents: layout.documents, entityCount: layout.entities.count,
            entity: { (index: Int, writer: inout PrettyJSONWriter) throws(OutputError) in
                try layout.writeEntity(index, of: partial, names: names, into: &writer)
            },
            into: &writer
        ) { (writer: inout PrettyJSONWriter) throws(OutputError) in
            let batches = (layout.relations.count + batchSize - 1) / batchSize
            let perRound = max(1, threads) * 4
            // One buffer per batch of a round, reused round after round: about a batch of JSON
            // each, so they neither grow (copying) nor fault in fresh pages every round.
            let buffers = (0..<min(perRound, batches)).map { _ in JSONByteBuffer(capacity: min(batchSize * 800, 2 << 20)) }
            let counts = EvidenceCounts()
            var first = 0
            while first < batches {
                let round = min(perRound, batches - first)
                let start = first
                DispatchQueue.concurrentPerform(iterations: round) { offset in
                    let batch = start + offset
                    buffers[offset].count = 0
                    var fragment = PrettyJSONWriter(fragmentAtDepth: 2, continuing: batch > 0, output: buffers[offset])
                    var scratch = EvidenceScratch(layout, partial)
                    var evidence = 0
                    for index in (batch * batchSize)..<min(layout.relations.count, (batch + 1) * batchSize) {
                        layout.gatherEvidence(ofRelation: index, of: partial, into: &scratch)
                        evidence += scratch.records.count
                        layout.writeRelation(index, of: partial, records: scratch.records, names: names, textScratch: &scratch.text, into: &fragment)
                    }
                    counts.add(evidence)
                }
                for offset in 0..<round { try writer.appendFragment(buffers[offset]) }
                first += round
            }
            evidenceCount = counts.total
        }
        return evidenceCount
    }
}

/// The evidence records the batches of `GraphJSON.write(_:of:threads:batchSize:into:)` wrote.
private final class EvidenceCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var sum = 0

    func add(_ count: Int) { lock.withLock { sum += count } }
    var total: Int { lock.withLock { sum } }
}

extension FinalLayout {
    /// Writes relation `index` from ids, given its evidence `records` (`gatherEvidence`):
    /// names from `names`, sentences from their stores (through `textScratch` when on disk).
    /// The members and their order are those of `GraphJSON.writeRelation` and
    /// `GraphJSON.writeEvidence` (the tests compare both paths byte for byte).
    func writeRelation(
        _ index: Int, of partial: PartialGraph, records: [Int32], names: JSONStringTable, textScratch: inout [UInt8], into writer: inout PrettyJSONWriter
    ) {
        let relation = relations[index]
        // A fragment writer never flushes, so it cannot throw.
        writer.element()
        writer.beginObject()
        writer.key("evidence")
        writer.beginArray()
        // Distinct (document, start) pairs: records are sorted by document, then start.
        var weight = 0
        var previous: (document: Int32, start: UInt32) = (-1, 0)
        // Records are scattered through the evidence table: each is loaded one record ahead,
        // so that its cache miss overlaps the writing of the one before.
        var next = records.isEmpty ? nil : partial.evidence[Int(records[records.startIndex])]
        for position in records.indices {
            let item = next!
            next = position + 1 < records.endIndex ? partial.evidence[Int(records[position + 1])] : nil
            if weight == 0 || previous != (item.document, item.start) { weight += 1 }
            previous = (item.document, item.start)
            writer.element()
            writer.beginObject()
            if item.date >= 0 { writer.key("date"); names.write(item.date, into: &writer) }
            writer.key("document"); names.write(item.document, into: &writer)
            writer.key("end"); writer.int(Int(item.end))
            writer.key("sentence")
            partial.stores[Int(item.store)].withBytes(item.text, scratch: &textScratch) { writer.string(utf8: $0) }
            writer.key("start"); writer.int(Int(item.start))
            writer.key("trigger"); names.write(item.trigger, into: &writer)
            try! writer.endObject()
        }
        try! writer.endArray()
        writer.key("polarity"); writer.string(relation.kind.polarity.rawValue)
        writer.key("source"); names.write(relation.source, into: &writer)
        writer.key("target"); names.write(relation.target, into: &writer)
        writer.key("type"); writer.string(relation.kind.rawValue)
        writer.key("weight"); writer.int(weight)
        try! writer.endObject()
    }

    /// Entity `index` from ids, as `GraphJSON.writeEntity` writes `entity(index, of:)`.
    func writeEntity(_ index: Int, of partial: PartialGraph, names: JSONStringTable, into writer: inout PrettyJSONWriter) throws(OutputError) {
        let (name, entity) = entities[index]
        writer.element()
        writer.beginObject()
        writer.key("aliases")
        var aliases = entity.aliases
        aliases.remove(name)
        try writeNames(aliases.sorted { rank[Int($0)] < rank[Int($1)] }, names: names, into: &writer)
        writer.key("documents")
        // Sorted by rank, then repeats dropped: distinct ids have distinct ranks.
        var documents = entity.documents.sorted { rank[Int($0)] < rank[Int($1)] }
        documents.removeAdjacentDuplicates()
        try writeNames(documents, names: names, into: &writer)
        writer.key("mentions"); writer.int(entity.mentions)
        writer.key("name"); names.write(name, into: &writer)
        writer.key("type"); writer.string(EntityType.majority(entity.typeVotes).rawValue)
        try writer.endObject()
    }

    private func writeNames(_ ids: [Int32], names: JSONStringTable, into writer: inout PrettyJSONWriter) throws(OutputError) {
        writer.beginArray()
        for id in ids {
            writer.element()
            names.write(id, into: &writer)
        }
        try writer.endArray()
    }

    /// Which strings the entities and relations write through a `JSONStringTable`.
    func writtenStrings(of partial: PartialGraph) -> [Bool] {
        var used = [Bool](repeating: false, count: partial.strings.count)
        for (name, entity) in entities {
            used[Int(name)] = true
            for alias in entity.aliases { used[Int(alias)] = true }
            for document in entity.documents { used[Int(document)] = true }
        }
        for relation in relations {
            used[Int(relation.source)] = true
            used[Int(relation.target)] = true
        }
        // Every record, in storage order: those of dropped relations only add a few entries.
        for record in partial.evidence.indices {
            let item = partial.evidence[record]
            used[Int(item.document)] = true
            used[Int(item.trigger)] = true
            if item.date >= 0 { used[Int(item.date)] = true }
        }
        return used
    }
}

/// Strings of a partial graph as JSON string values (quoted, escaped), back to back, so
/// that writing a name millions of times is one copy each, not a `String` and an escape.
struct JSONStringTable: Sendable {
    private var bytes: [UInt8] = []
    /// String `id` is `bytes[starts[id]..<starts[id + 1]]`.
    private var starts: [Int] = []

    /// Tables the strings whose `used` entry is true; others stay empty and must not be written.
    init<Strings: RandomAccessCollection<String>>(_ strings: Strings, only used: [Bool]) where Strings.Index == Int {
        starts.reserveCapacity(strings.count + 1)
        starts.append(0)
        for id in strings.indices {
            if used[id] {
                var string = strings[id]
                string.withUTF8 { utf8 in
                    let needed = JSONEscaping.maximumQuotedLength(utf8.count)
                    let count = bytes.count
                    bytes.append(contentsOf: repeatElement(0, count: needed))
                    let written = bytes.withUnsafeMutableBufferPointer { buffer in
                        let start = buffer.baseAddress! + count
                        return JSONEscaping.writeQuoted(utf8, to: start) - start
                    }
                    bytes.removeLast(needed - written)
                }
            }
            starts.append(bytes.count)
        }
        // Room for `write`'s word-wide reads past the last string.
        bytes.append(contentsOf: repeatElement(0, count: 8))
    }

    /// Writes string `id` (a JSON string value) into `writer`.
    @inline(__always)
    func write(_ id: Int32, into writer: inout PrettyJSONWriter) {
        let start = starts[Int(id)], end = starts[Int(id) + 1]
        precondition(end > start, "string \(id) was left out of the table")
        bytes.withUnsafeBytes { writer.rawPadded($0.baseAddress! + start, count: end - start) }
    }
}

extension Array where Element: Equatable {
    /// Keeps the first of each run of equal elements.
    mutating func removeAdjacentDuplicates() {
        guard count > 1 else { return }
        var kept = 1
        for index in 1..<count where self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}
