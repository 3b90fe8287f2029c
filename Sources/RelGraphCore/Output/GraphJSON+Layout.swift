import Foundation

/// Writing a finished partial graph straight from its ids and stored sentences.
extension GraphJSON {
    /// Relations per batch: about 160 KB of JSON, so that a batch is written within the
    /// core's cache and goes to the file without a copy (measured against 2048 relations).
    static let relationBatchSize = 256

    /// Writes the graph of `layout` into `writer`. Relations are rendered in batches of
    /// `batchSize` and spliced in order, so the bytes are the same for any thread count and
    /// equal to `write(partial.finalized(), into:)`. With more than one thread, `threads − 1`
    /// helpers render batches ahead, from the start (while the documents and entities are
    /// written), into a ring of `4 × threads` buffers, and the calling thread writes each
    /// batch to `writer` as soon as it and those before it are rendered; while the next batch
    /// to write is not ready, the calling thread renders one itself. No thread waits at a
    /// barrier: the helpers stop only when the ring is full of batches not yet written.
    /// With one thread, the calling thread renders a few batches into the ring, then writes
    /// them. Batches rendered one after another are written together (`renderedRun`).
    /// Returns the number of evidence records written.
    @discardableResult
    static func write(_ layout: FinalLayout, of partial: PartialGraph, threads: Int, batchSize: Int = relationBatchSize, into writer: inout PrettyJSONWriter) throws(OutputError) -> Int {
        let names = JSONStringTable(partial.strings, only: layout.writtenStrings(of: partial))
        let renderer = RelationRenderer(layout, of: partial, names: names, threads: threads, batchSize: batchSize)
        renderer.startHelpers()
        // Whatever happens, no rendering may outlive this call.
        defer { renderer.stop() }
        // One buffer of sort keys for all entities.
        var keys: [UInt64] = []
        try write(
            documents: layout.documents, entityCount: layout.entities.count,
            entity: { (index: Int, writer: inout PrettyJSONWriter) throws(OutputError) in
                try layout.writeEntity(index, of: partial, names: names, keys: &keys, into: &writer)
            },
            into: &writer
        ) { (writer: inout PrettyJSONWriter) throws(OutputError) in
            var batch = 0
            while batch < renderer.batches {
                let run = renderer.renderedRun(from: batch)
                try writer.appendFragments(run)
                renderer.written(batch..<(batch + run.count))
                batch += run.count
            }
        }
        return renderer.evidenceCount
    }
}

/// Renders the relations of a `FinalLayout` batch after batch into a ring of buffers, on the
/// calling thread and `threads − 1` helpers, for the calling thread to write in order.
///
/// Batch `b` goes to buffer `b % slots`, and is rendered only once the batch `slots` before
/// it was written: a helper takes the next batch not yet taken while that holds, else waits
/// for the writer. All of it is guarded by `condition`.
private final class RelationRenderer: @unchecked Sendable {
    let layout: FinalLayout
    let partial: PartialGraph
    let names: JSONStringTable
    let threads: Int
    let batchSize: Int
    let batches: Int
    /// Buffers in the ring: batches rendered ahead of the one being written, at most.
    let slots: Int
    /// Depth of the relations array in the graph file (in the top-level object): batches are
    /// fragments at this depth, their evidence arrays two levels further in.
    static var fragmentDepth: Int { 2 }
    /// One per slot, reused batch after batch: about a batch of JSON each, so they neither
    /// grow (copying) nor fault in fresh pages every batch.
    private let buffers: [JSONByteBuffer]
    /// One per rendering thread (the calling thread's first).
    private let scratches: [BatchScratch]
    private let helpers = DispatchGroup()
    private let condition = NSCondition()
    /// The next batch no thread has taken yet.
    private var taken = 0
    /// Batches written so far: the next one to write.
    private var writtenCount = 0
    /// By slot: whether its batch is rendered and not yet written.
    private var ready: [Bool]
    /// Set when writing ends (done or failed): helpers take no more batches.
    private var stopping = false
    private var evidence = 0

    init(_ layout: FinalLayout, of partial: PartialGraph, names: JSONStringTable, threads: Int, batchSize: Int) {
        self.layout = layout
        self.partial = partial
        self.names = names
        self.threads = max(1, threads)
        self.batchSize = batchSize
        batches = (layout.relations.count + batchSize - 1) / batchSize
        slots = max(1, min(4 * self.threads, batches))
        buffers = (0..<slots).map { _ in JSONByteBuffer(capacity: min(batchSize * 800, 2 << 20)) }
        ready = Array(repeating: false, count: slots)
        // One set of pieces for all threads: making them is a few hundred thousand instructions.
        let pieces = EvidencePieces(arrayDepth: Self.fragmentDepth + 2)
        let renderers = min(self.threads, max(1, batches))
        scratches = (0..<renderers).map { _ in BatchScratch(EvidenceScratch(layout, partial, pieces: pieces)) }
    }

    /// Evidence records rendered so far.
    var evidenceCount: Int { condition.withLock { evidence } }

    /// Starts the helpers, which render until every batch is taken or `stop()`.
    func startHelpers() {
        for helper in scratches.indices.dropFirst() {
            DispatchQueue.global().async(group: helpers) { [self] in
                while let batch = take(waiting: true) { render(batch, scratch: helper) }
            }
        }
    }

    /// Ends rendering and waits for the helpers to return (each finishes the batch it holds).
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
        helpers.wait()
    }

    /// The rendered buffer of `batch`, the next to write: rendered here while it is not ready
    /// (this batch, or whichever comes next, if no other thread has taken it), else waited for.
    func rendered(_ batch: Int) -> JSONByteBuffer {
        let slot = batch % slots
        while !condition.withLock({ ready[slot] }) {
            if let next = take(waiting: false) {
                render(next, scratch: 0)
                continue
            }
            condition.withLock {
                while !ready[slot] { condition.wait() }
            }
        }
        return buffers[slot]
    }

    /// Bytes of rendered batches written together (`renderedRun`), at most: a file takes
    /// 640 KB in one write for less than in four (245 MB in a C loop on this host's ext4: 0.029
    /// s in 160 KB writes, 0.023 s in 512 KB ones).
    static var runBytes: Int { 512 << 10 }

    /// The rendered buffers of `batch` (`rendered`) and of the batches after it, up to about
    /// `runBytes`: those already rendered, and with one thread, those it renders next while
    /// the ring has room.
    func renderedRun(from batch: Int) -> [JSONByteBuffer] {
        var run = [rendered(batch)], bytes = run[0].count
        while bytes < Self.runBytes && batch + run.count < batches && run.count < slots {
            let slot = (batch + run.count) % slots
            if !condition.withLock({ ready[slot] }) {
                // Helpers render the batches after this one: what is not ready is not waited for.
                guard threads == 1, let next = take(waiting: false) else { break }
                render(next, scratch: 0)
            }
            run.append(buffers[slot])
            bytes += buffers[slot].count
        }
        return run
    }

    /// Frees the slots of `batches`, just written.
    func written(_ batches: Range<Int>) {
        condition.withLock {
            for batch in batches { ready[batch % slots] = false }
            writtenCount = batches.upperBound
            condition.broadcast()
        }
    }

    /// The next batch to render, once its slot is free: `nil` when every batch is taken, on
    /// `stop()`, or (without `waiting`) when the ring is full.
    private func take(waiting: Bool) -> Int? {
        condition.withLock {
            while true {
                if stopping || taken >= batches { return nil }
                if taken < writtenCount + slots {
                    taken += 1
                    return taken - 1
                }
                guard waiting else { return nil }
                condition.wait()
            }
        }
    }

    /// Renders `batch` into its slot's buffer with the evidence buffers of rendering thread `renderer`.
    private func render(_ batch: Int, scratch renderer: Int) {
        let buffer = buffers[batch % slots]
        buffer.count = 0
        var fragment = PrettyJSONWriter(fragmentAtDepth: Self.fragmentDepth, continuing: batch > 0, output: buffer)
        let relations = (batch * batchSize)..<min(layout.relations.count, (batch + 1) * batchSize)
        // The batch's evidence first, so that its sentences are read together.
        var scratch = scratches[renderer].take()
        scratch.records.removeAll(keepingCapacity: true)
        scratch.texts.reset()
        scratch.ends.removeAll(keepingCapacity: true)
        // Sentences still in memory are written from there, without a copy into a buffer;
        // the stores keep them in place until the batch is done.
        scratch.texts.pin(partial)
        layout.gatherEvidence(ofRelations: relations, of: partial, into: &scratch)
        layout.writeRelations(relations, of: partial, scratch: &scratch, names: names, into: &fragment)
        scratch.texts.unpin()
        let count = scratch.records.count
        scratches[renderer].put(scratch)
        condition.withLock {
            evidence += count
            ready[batch % slots] = true
            condition.broadcast()
        }
    }
}

/// One rendering thread's evidence buffers, kept from batch to batch.
private final class BatchScratch: @unchecked Sendable {
    private var scratch: EvidenceScratch?

    init(_ scratch: EvidenceScratch) {
        self.scratch = scratch
    }

    /// The buffers, moved out (so that using them does not copy them); `put` returns them.
    func take() -> EvidenceScratch {
        defer { scratch = nil }
        return scratch!
    }

    func put(_ scratch: EvidenceScratch) { self.scratch = scratch }
}

extension FinalLayout {
    /// Writes relation `index` from ids, given its evidence `scratch.records[records]`
    /// (`gatherEvidence`): names from `names`, sentences through `scratch.texts`.
    /// The members and their order are those of `GraphJSON.writeRelation` and
    /// `GraphJSON.writeEvidence` (the tests compare both paths byte for byte).
    ///
    /// - Parameter laidOut: Whether the pretty layout is laid out from `EvidencePieces` (tests
    ///   turn it off to compare with writing member by member).
    func writeRelation(
        _ index: Int, of partial: PartialGraph, records: Range<Int>, scratch: inout EvidenceScratch, names: JSONStringTable,
        into writer: inout PrettyJSONWriter, laidOut: Bool = true
    ) {
        if !writer.isCompact && laidOut {
            // Each evidence object laid out at once from its fixed pieces (pretty layout only),
            // and the relation object around the evidence array too: the array is two levels in.
            let pieces = scratch.evidencePieces(arrayDepth: writer.openContainers + 2)
            // The loop reads plain values (pointers and offsets) owned by `pieces` and `names`:
            // no reference to count per record.
            withExtendedLifetime(pieces) {
                scratch.withRecordValues(records, of: partial) { items, scratch in
                    writeLaidOutRelation(index, of: partial, records: records, items: items, scratch: &scratch, pieces: pieces.layout, names: names.strings, into: &writer)
                }
            }
            return
        }
        let relation = relations[index]
        writer.element()
        writer.beginObject()
        writer.key("evidence")
        writer.beginArray()
        var weight = 0
        var previous: (document: Int32, start: UInt32) = (-1, 0)
        for position in records {
            let item = partial.evidence[Int(scratch.records[position])]
            if weight == 0 || previous != (item.document, item.start) { weight += 1 }
            previous = (item.document, item.start)
            Self.writeEvidence(item, names: names, into: &writer) { writer in
                scratch.texts.withSentence(at: position, of: scratch.records, in: partial) { writer.string(utf8: $0) }
            }
        }
        // A fragment writer never flushes, so it cannot throw.
        try! writer.endArray()
        writer.key("polarity"); writer.string(relation.kind.polarity.rawValue)
        writer.key("source"); names.write(relation.source, into: &writer)
        writer.key("target"); names.write(relation.target, into: &writer)
        writer.key("type"); writer.string(relation.kind.rawValue)
        writer.key("weight"); writer.int(weight)
        try! writer.endObject()
    }

    /// Writes relations `indices`, whose evidence `gatherEvidence` put in `scratch` (a relation's
    /// records end at its entry of `scratch.ends`), as `writeRelation` writes each: the pieces
    /// of the layout are looked up once for all of them.
    func writeRelations(
        _ indices: Range<Int>, of partial: PartialGraph, scratch: inout EvidenceScratch, names: JSONStringTable,
        into writer: inout PrettyJSONWriter
    ) {
        var from = 0
        if writer.isCompact {
            for (offset, index) in indices.enumerated() {
                let end = scratch.ends[offset]
                writeRelation(index, of: partial, records: from..<end, scratch: &scratch, names: names, into: &writer)
                from = end
            }
            return
        }
        let pieces = scratch.evidencePieces(arrayDepth: writer.openContainers + 2)
        withExtendedLifetime(pieces) {
            let layout = pieces.layout, strings = names.strings
            scratch.withRecordValues(0..<scratch.records.count, of: partial) { items, scratch in
                for (offset, index) in indices.enumerated() {
                    let end = scratch.ends[offset]
                    writeLaidOutRelation(index, of: partial, records: from..<end, items: UnsafeBufferPointer(rebasing: items[from..<end]), scratch: &scratch, pieces: layout, names: strings, into: &writer)
                    from = end
                }
            }
        }
    }

    /// `writeRelation` in the pretty layout from `pieces` (of `EvidencePieces`, for the
    /// writer's depth), names from `names` (of a `JSONStringTable`); the caller keeps both
    /// alive. `items` are the records of `scratch.records[records]`, in order
    /// (`EvidenceScratch.withRecordValues`).
    @inline(__always)
    private func writeLaidOutRelation(
        _ index: Int, of partial: PartialGraph, records: Range<Int>, items: UnsafeBufferPointer<PartialGraph.StoredEvidence>,
        scratch: inout EvidenceScratch, pieces: EvidenceLayout, names: JSONStrings, into writer: inout PrettyJSONWriter
    ) {
        let relation = relations[index]
        pieces.openRelation(into: &writer)
        // Distinct (document, start) pairs: records are sorted by document, then start.
        var weight = 0
        var previous: (document: Int32, start: UInt32) = (-1, 0)
        // Wrapping: `weight` is at most the count of records, `position − records.lowerBound`
        // an index of `items`.
        for position in records {
            let item = items[position &- records.lowerBound]
            if weight == 0 || previous != (item.document, item.start) { weight &+= 1 }
            previous = (item.document, item.start)
            scratch.texts.withSentence(of: item, at: position, of: scratch.records, in: partial) { sentence in
                pieces.write(item, sentence: sentence, names: names, into: &writer)
            }
        }
        pieces.closeRelation(code: Int(relation.code), source: relation.source, target: relation.target, weight: weight, names: names, into: &writer)
    }

    /// One evidence object member by member, as `GraphJSON.writeEvidence` writes it;
    /// `sentence` writes the sentence string. (`EvidencePieces.write` lays out the same bytes.)
    static func writeEvidence(
        _ item: PartialGraph.StoredEvidence, names: JSONStringTable, into writer: inout PrettyJSONWriter,
        sentence: (inout PrettyJSONWriter) -> Void
    ) {
        writer.element()
        writer.beginObject()
        if item.date >= 0 { writer.key("date"); names.write(item.date, into: &writer) }
        writer.key("document"); names.write(item.document, into: &writer)
        writer.key("end"); writer.int(Int(item.end))
        writer.key("sentence"); sentence(&writer)
        writer.key("start"); writer.int(Int(item.start))
        writer.key("trigger"); names.write(item.trigger, into: &writer)
        // A fragment writer never flushes, so it cannot throw.
        try! writer.endObject()
    }

    /// Entity `index` from ids, as `GraphJSON.writeEntity` writes `entity(index, of:)`.
    /// `keys` is a buffer for sorting names, kept from entity to entity.
    func writeEntity(
        _ index: Int, of partial: PartialGraph, names: JSONStringTable, keys: inout [UInt64], into writer: inout PrettyJSONWriter
    ) throws(OutputError) {
        let (name, entity) = entities[index]
        writer.element()
        writer.beginObject()
        writer.key("aliases")
        keys.removeAll(keepingCapacity: true)
        Self.appendRankKeys(entity.aliases, except: name, rank: rank, to: &keys)
        keys.sort()
        try writeNames(keys, names: names, into: &writer)
        writer.key("documents")
        // Sorted by rank, then repeats dropped: an id's key is its rank and itself.
        keys.removeAll(keepingCapacity: true)
        Self.appendRankKeys(entity.documents, except: -1, rank: rank, to: &keys)
        keys.sort()
        keys.removeAdjacentDuplicates()
        try writeNames(keys, names: names, into: &writer)
        writer.key("mentions"); writer.int(entity.mentions)
        writer.key("name"); names.write(name, into: &writer)
        writer.key("type"); writer.string(EntityType.majority(entity.typeVotes).rawValue)
        try writer.endObject()
    }

    /// Each id of `ids` but `excluded` as `rank << 32 | id`: sorting the keys as integers sorts
    /// the ids by rank (distinct ids have distinct ranks), without a closure that reads `rank`
    /// per comparison (`sortedByRank`, which the tests hold this to).
    static func rankKeys(_ ids: some Collection<Int32>, except excluded: Int32, rank: [Int32]) -> [UInt64] {
        var keys: [UInt64] = []
        appendRankKeys(ids, except: excluded, rank: rank, to: &keys)
        return keys
    }

    /// `rankKeys` appended to `keys`.
    static func appendRankKeys(_ ids: some Collection<Int32>, except excluded: Int32, rank: [Int32], to keys: inout [UInt64]) {
        keys.reserveCapacity(keys.count + ids.count)
        rank.withUnsafeBufferPointer { rank in
            for id in ids where id != excluded { keys.append(UInt64(UInt32(rank[Int(id)])) << 32 | UInt64(UInt32(id))) }
        }
    }

    /// The ids of `ids` sorted by rank by comparison: the path `rankKeys` replaced, for the tests.
    static func sortedByRank(_ ids: some Collection<Int32>, except excluded: Int32, rank: [Int32]) -> [Int32] {
        ids.filter { $0 != excluded }.sorted { rank[Int($0)] < rank[Int($1)] }
    }

    /// Writes the ids of sorted `rankKeys` as an array of names.
    /// In the pretty layout each element (its separator, indentation and name) is one
    /// reservation and copy.
    private func writeNames(_ keys: [UInt64], names: JSONStringTable, into writer: inout PrettyJSONWriter) throws(OutputError) {
        writer.beginArray()
        if writer.isCompact {
            for key in keys {
                writer.element()
                names.write(Int32(truncatingIfNeeded: key), into: &writer)
            }
        } else {
            let depth = writer.openContainers, strings = names.strings
            withExtendedLifetime(names) {
                for key in keys {
                    writer.element(reserving: 2 + 2 * depth + 8 + strings.longest + 16) { pointer, continuing in
                        var pointer = pointer
                        if continuing {
                            pointer[0] = UInt8(ascii: ",")
                            pointer[1] = UInt8(ascii: "\n")
                            pointer += 2
                        }
                        return strings.copy(Int32(truncatingIfNeeded: key), to: PrettyJSONWriter.indent(pointer, depth: depth))
                    }
                }
            }
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
        partial.evidence.forEachBlock { records in
            for item in records {
                used[Int(item.document)] = true
                used[Int(item.trigger)] = true
                if item.date >= 0 { used[Int(item.date)] = true }
            }
        }
        return used
    }
}

/// The fixed bytes of an evidence object in the pretty layout, for an evidence array at one
/// depth: the object's brackets, line breaks, indentation and keys, in the pieces that come
/// between its values. `write` stores an object as pieces and values in one go: the bytes of
/// `FinalLayout.writeEvidence` (the tests compare both on random records and depths).
///
/// The pieces themselves are an `EvidenceLayout`, a plain value that the writing loop holds
/// (this object owns its memory), so that writing a record counts no reference.
final class EvidencePieces: @unchecked Sendable {
    /// Depth of the evidence array (`PrettyJSONWriter.openContainers`) the pieces are for.
    let arrayDepth: Int
    /// The pieces; their memory lives as long as this object.
    let layout: EvidenceLayout
    private let bytes: UnsafeMutablePointer<UInt8>
    private let relationMembers: UnsafeMutablePointer<EvidenceLayout.RelationMembers>

    init(arrayDepth: Int) {
        self.arrayDepth = arrayDepth
        typealias Piece = EvidenceLayout.Piece
        let member = [UInt8](repeating: UInt8(ascii: " "), count: 2 * (arrayDepth + 1))
        let closing = [UInt8](repeating: UInt8(ascii: " "), count: 2 * arrayDepth)
        var all: [UInt8] = []
        func piece(_ parts: [UInt8]...) -> Piece {
            let start = all.count
            for part in parts { all += part }
            return Piece(start: start, count: all.count - start)
        }
        func key(_ name: String) -> [UInt8] { Array("\"\(name)\" : ".utf8) }
        let open = Array("{\n".utf8), comma = Array(",\n".utf8)
        let openDate = piece(closing, open, member, key("date"))
        let openDocument = piece(closing, open, member, key("document"))
        let nextDate = piece(comma, closing, open, member, key("date"))
        let nextDocument = piece(comma, closing, open, member, key("document"))
        let document = piece(comma, member, key("document"))
        let end = piece(comma, member, key("end"))
        let sentence = piece(comma, member, key("sentence"))
        let start = piece(comma, member, key("start"))
        let trigger = piece(comma, member, key("trigger"))
        let close = piece(Array("\n".utf8), closing, Array("}".utf8))
        let fixedCapacity = all.count + 2 * 10 + EvidenceLayout.slack
        // The relation's members, one level out, after its evidence array.
        let relationMember = [UInt8](repeating: UInt8(ascii: " "), count: 2 * max(0, arrayDepth - 1))
        let relationIndent = [UInt8](repeating: UInt8(ascii: " "), count: 2 * max(0, arrayDepth - 2))
        let arrayClose = piece(Array("\n".utf8), relationMember, Array("]".utf8))
        let relationClose = piece(Array("\n".utf8), relationIndent, Array("}".utf8))
        let relationOpen = piece(open, relationMember, key("evidence"), Array("[\n".utf8))
        func quoted(_ value: String) -> [UInt8] {
            var writer = PrettyJSONWriter()
            writer.string(value)
            return writer.buffer
        }
        var longest = 0
        let members = PartialGraph.kindsByCode.map { kind in
            let start = all.count
            let members = EvidenceLayout.RelationMembers(
                beforeSource: piece(comma, relationMember, key("polarity"), quoted(kind.polarity.rawValue), comma, relationMember, key("source")),
                beforeTarget: piece(comma, relationMember, key("target")),
                beforeWeight: piece(comma, relationMember, key("type"), quoted(kind.rawValue), comma, relationMember, key("weight"))
            )
            longest = max(longest, all.count - start)
            return members
        }
        let relationCapacity = longest + arrayClose.count + relationClose.count + 20 + EvidenceLayout.slack
        all += repeatElement(0, count: EvidenceLayout.slack)
        bytes = .allocate(capacity: all.count)
        bytes.initialize(from: all, count: all.count)
        relationMembers = .allocate(capacity: max(1, members.count))
        relationMembers.initialize(from: members, count: members.count)
        layout = EvidenceLayout(
            bytes: bytes, openDate: openDate, openDocument: openDocument, nextDate: nextDate, nextDocument: nextDocument,
            document: document, end: end, sentence: sentence, start: start, trigger: trigger, close: close,
            relationOpen: relationOpen, arrayClose: arrayClose, relationClose: relationClose, fixedCapacity: fixedCapacity,
            relationMembers: relationMembers, relationCapacity: relationCapacity
        )
    }

    deinit {
        bytes.deallocate()
        relationMembers.deallocate()
    }

    /// All pieces, two numbers of at most 10 digits and the slack of piece copies: an
    /// object needs this plus its strings.
    var fixedCapacity: Int { layout.fixedCapacity }

    /// `EvidenceLayout.write` with the names of `names`.
    func write(_ item: PartialGraph.StoredEvidence, sentence text: UnsafeBufferPointer<UInt8>, names: JSONStringTable, into writer: inout PrettyJSONWriter) {
        withExtendedLifetime(self) { layout.write(item, sentence: text, names: names.strings, into: &writer) }
    }

    /// `EvidenceLayout.openRelation`.
    func openRelation(into writer: inout PrettyJSONWriter) {
        withExtendedLifetime(self) { layout.openRelation(into: &writer) }
    }

    /// `EvidenceLayout.closeRelation` for a relation of `kind`.
    func closeRelation(kind: RelationKind, source: Int32, target: Int32, weight: Int, names: JSONStringTable, into writer: inout PrettyJSONWriter) {
        withExtendedLifetime(self) {
            layout.closeRelation(code: Int(kind.code), source: source, target: target, weight: weight, names: names.strings, into: &writer)
        }
    }

    /// `EvidenceLayout.writeRelationMembers` for a relation of `kind`.
    func writeRelationMembers(kind: RelationKind, source: Int32, target: Int32, weight: Int, names: JSONStringTable, into writer: inout PrettyJSONWriter) {
        withExtendedLifetime(self) {
            layout.writeRelationMembers(code: Int(kind.code), source: source, target: target, weight: weight, names: names.strings, into: &writer)
        }
    }
}

/// The pieces of an `EvidencePieces` as plain values: its bytes (back to back, then `slack`
/// bytes of padding for piece copies), where each piece is in them, and what writing an
/// object needs. Valid while the `EvidencePieces` it came from is.
struct EvidenceLayout {
    struct Piece {
        var start: Int
        var count: Int
    }

    /// The members of a relation object of one kind around its source and target: up to the
    /// source's value (polarity, in full), between source and target, and after the target up
    /// to the weight's value (type, in full).
    struct RelationMembers {
        var beforeSource: Piece
        var beforeTarget: Piece
        var beforeWeight: Piece
    }

    let bytes: UnsafePointer<UInt8>
    /// An object's opening up to its first value, with the element's indentation before it,
    /// as the first element and after another (a comma and line break first).
    let openDate: Piece, openDocument: Piece, nextDate: Piece, nextDocument: Piece
    let document: Piece, end: Piece, sentence: Piece, start: Piece, trigger: Piece, close: Piece
    /// A relation object around the evidence array: its opening up to the array's first
    /// element, the array's close, and the object's close after the members.
    let relationOpen: Piece, arrayClose: Piece, relationClose: Piece
    /// All pieces, two numbers of at most 10 digits and the slack of piece copies: an
    /// object needs this plus its strings.
    let fixedCapacity: Int
    /// By kind code (`PartialGraph.kindsByCode`).
    let relationMembers: UnsafePointer<RelationMembers>
    /// The most bytes of one kind's relation pieces, a weight and the slack of piece copies.
    let relationCapacity: Int

    /// Writes `item` as the next element of the evidence array open in `writer` (pretty, at
    /// the pieces' `arrayDepth`), its sentence given as UTF-8 bytes.
    @inline(__always)
    func write(_ item: PartialGraph.StoredEvidence, sentence text: UnsafeBufferPointer<UInt8>, names: JSONStrings, into writer: inout PrettyJSONWriter) {
        // Sizes of bytes in memory (the pieces, a name, the sentence): the sum cannot overflow.
        let capacity = fixedCapacity &+ 3 &* names.longest &+ JSONEscaping.maximumQuotedLength(text.count)
        writer.element(reserving: capacity) { pointer, continuing in
            var pointer = pointer
            if item.date >= 0 {
                pointer = copy(continuing ? nextDate : openDate, to: pointer)
                pointer = names.copy(item.date, to: pointer)
                pointer = copy(document, to: pointer)
            } else {
                pointer = copy(continuing ? nextDocument : openDocument, to: pointer)
            }
            pointer = names.copy(item.document, to: pointer)
            pointer = copy(end, to: pointer)
            pointer = PrettyJSONWriter.writeDecimal(UInt(item.end), to: pointer)
            pointer = copy(sentence, to: pointer)
            pointer = item.text.isJSONClean ? JSONEscaping.writeQuotedClean(text, to: pointer) : JSONEscaping.writeQuoted(text, to: pointer)
            pointer = copy(start, to: pointer)
            pointer = PrettyJSONWriter.writeDecimal(UInt(item.start), to: pointer)
            pointer = copy(trigger, to: pointer)
            pointer = names.copy(item.trigger, to: pointer)
            return copy(close, to: pointer)
        }
    }

    /// Starts a relation object as the next element of the relations array open in `writer`,
    /// at depth `arrayDepth − 2`, up to its open evidence array (as `FinalLayout.writeRelation`
    /// writes it call by call: element, object, the `evidence` key, array).
    @inline(__always)
    func openRelation(into writer: inout PrettyJSONWriter) {
        writer.element(reserving: relationOpen.count + Self.slack) { copy(relationOpen, to: $0) }
        writer.openedObjectAndArray()
    }

    /// Ends the evidence array open in `writer` (at `arrayDepth`), writes the members of a
    /// relation of kind code `code` (`writeRelationMembers`) and ends the relation object.
    @inline(__always)
    func closeRelation(code: Int, source: Int32, target: Int32, weight: Int, names: JSONStrings, into writer: inout PrettyJSONWriter) {
        let members = relationMembers[code]
        writer.raw(reserving: relationCapacity + 2 * names.longest) { pointer in
            var pointer = copy(arrayClose, to: pointer)
            pointer = copy(members.beforeSource, to: pointer)
            pointer = names.copy(source, to: pointer)
            pointer = copy(members.beforeTarget, to: pointer)
            pointer = names.copy(target, to: pointer)
            pointer = copy(members.beforeWeight, to: pointer)
            pointer = PrettyJSONWriter.writeDecimal(weight.magnitude, to: pointer)
            return copy(relationClose, to: pointer)
        }
        writer.closedArrayAndObject()
    }

    /// Writes the members of a relation object of kind code `code` after its evidence array
    /// (polarity, source, target, type, weight), as `FinalLayout.writeRelation` writes them one
    /// by one; the relation object is open in `writer` at depth `arrayDepth − 1`.
    @inline(__always)
    func writeRelationMembers(code: Int, source: Int32, target: Int32, weight: Int, names: JSONStrings, into writer: inout PrettyJSONWriter) {
        let members = relationMembers[code]
        writer.raw(reserving: relationCapacity + 2 * names.longest) { pointer in
            var pointer = copy(members.beforeSource, to: pointer)
            pointer = names.copy(source, to: pointer)
            pointer = copy(members.beforeTarget, to: pointer)
            pointer = names.copy(target, to: pointer)
            pointer = copy(members.beforeWeight, to: pointer)
            return PrettyJSONWriter.writeDecimal(weight.magnitude, to: pointer)
        }
    }

    /// Room past a piece's end for `copy`'s reads and stores: its 16-byte vectors go at most
    /// 31 bytes past a piece (a piece of one byte, copied as two vectors).
    static var slack: Int { 64 }

    /// Copies `piece` sixteen bytes at a time (the destination has `slack` bytes of room past
    /// it); returns its end. A piece of up to 32 bytes (most) is two vector stores without a
    /// loop. (Four word stores, and eight for up to 64 bytes, made the copies about a third of
    /// `writeRelations`: about 16 instructions a piece, 9 now.)
    @inline(__always)
    private func copy(_ piece: Piece, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        typealias Lanes = SIMD16<UInt8>
        let source = UnsafeRawPointer(bytes + piece.start), target = UnsafeMutableRawPointer(destination)
        target.storeBytes(of: source.loadUnaligned(as: Lanes.self), as: Lanes.self)
        target.storeBytes(of: source.loadUnaligned(fromByteOffset: 16, as: Lanes.self), toByteOffset: 16, as: Lanes.self)
        var offset = 32
        while offset < piece.count {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: Lanes.self), toByteOffset: offset, as: Lanes.self)
            offset &+= 16
        }
        return destination + piece.count
    }
}

/// Strings of a partial graph as JSON string values (quoted, escaped), back to back, so
/// that writing a name millions of times is one copy each, not a `String` and an escape.
///
/// The bytes and offsets are raw memory (`strings`, a plain value) owned by this table: a
/// copy reads two offsets and the bytes, with no array to check or reference to count.
struct JSONStringTable: @unchecked Sendable {
    /// Owns the memory `strings` points into; never changes after `init`.
    private let storage: Storage
    /// The table as plain pointers, valid while this table is.
    let strings: JSONStrings
    /// The most bytes of one string value in the table.
    var longest: Int { strings.longest }

    private final class Storage {
        var bytes: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var count = 0
        let starts: UnsafeMutablePointer<Int>

        init(strings: Int) {
            capacity = 4096
            bytes = .allocate(capacity: capacity)
            starts = .allocate(capacity: strings + 1)
        }

        deinit {
            bytes.deallocate()
            starts.deallocate()
        }

        /// Room for `extra` more bytes after `count`: grows by doubling, as an `Array` does.
        func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
            if extra > capacity - count {
                let newCapacity = max(count + extra, 2 * capacity)
                let newBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
                newBytes.update(from: bytes, count: count)
                bytes.deallocate()
                bytes = newBytes
                capacity = newCapacity
            }
            return bytes + count
        }
    }

    /// Tables the strings whose `used` entry is true; others stay empty and must not be written.
    init<Strings: RandomAccessCollection<String>>(_ strings: Strings, only used: [Bool]) where Strings.Index == Int {
        let storage = Storage(strings: strings.count)
        storage.starts[0] = 0
        var longest = 0
        // Each string escaped straight into the table, with room for its worst case.
        for id in strings.indices {
            if used[id] {
                var string = strings[id]
                string.withUTF8 { utf8 in
                    let destination = storage.reserve(JSONEscaping.maximumQuotedLength(utf8.count))
                    let written = JSONEscaping.writeQuoted(utf8, to: destination) - destination
                    storage.count += written
                    longest = max(longest, written)
                }
            }
            storage.starts[id + 1] = storage.count
        }
        // Room for `write`'s word-wide and `copy`'s vector-wide reads past the last string.
        storage.reserve(16).initialize(repeating: 0, count: 16)
        self.storage = storage
        self.strings = JSONStrings(bytes: storage.bytes, starts: storage.starts, longest: longest)
    }

    /// Writes string `id` (a JSON string value) into `writer`.
    @inline(__always)
    func write(_ id: Int32, into writer: inout PrettyJSONWriter) {
        withExtendedLifetime(storage) { strings.write(id, into: &writer) }
    }

    /// `JSONStrings.copy`.
    @inline(__always)
    func copy(_ id: Int32, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        withExtendedLifetime(storage) { strings.copy(id, to: destination) }
    }
}

/// The bytes of a `JSONStringTable` as plain pointers: string `id` is
/// `bytes[starts[id]..<starts[id + 1]]`, followed by at least 16 readable bytes.
struct JSONStrings {
    let bytes: UnsafePointer<UInt8>
    let starts: UnsafePointer<Int>
    /// The most bytes of one string value.
    let longest: Int

    init(bytes: UnsafeMutablePointer<UInt8>, starts: UnsafeMutablePointer<Int>, longest: Int) {
        self.bytes = UnsafePointer(bytes)
        self.starts = UnsafePointer(starts)
        self.longest = longest
    }

    /// Writes string `id` (a JSON string value) into `writer`.
    @inline(__always)
    func write(_ id: Int32, into writer: inout PrettyJSONWriter) {
        let start = starts[Int(id)], end = starts[Int(id) &+ 1]
        precondition(end > start, "string \(id) was left out of the table")
        writer.rawPadded(bytes + start, count: end &- start)
    }

    /// Stores string `id` (a JSON string value) at `destination`, sixteen bytes at a time
    /// (a name is one or two vectors; words took twice the steps): the destination needs
    /// `longest + 16` bytes of room. Returns the end of the value.
    @inline(__always)
    func copy(_ id: Int32, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        // Sums wrap: `Int(id) + 1` fits an `Int`, and offsets lie in the table (from 0 to its
        // size), so their difference and `offset + 16` do not overflow.
        let start = starts[Int(id)], end = starts[Int(id) &+ 1]
        precondition(end > start, "string \(id) was left out of the table")
        let source = UnsafeRawPointer(bytes + start), target = UnsafeMutableRawPointer(destination)
        let length = end &- start
        var offset = 0
        while offset < length {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self), toByteOffset: offset, as: SIMD16<UInt8>.self)
            offset &+= 16
        }
        return destination + length
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
