import Foundation

/// Writing a finished partial graph straight from its ids and stored sentences.
extension GraphJSON {
    /// Relations per batch: about 160 KB of JSON, so that a batch is written within the
    /// core's cache and goes to the file without a copy (measured against 2048 relations).
    static let relationBatchSize = 256

    /// Writes the graph of `layout` into `writer`. Relations are rendered in batches of
    /// `batchSize`, a round of `4 × threads` batches in parallel, and spliced in order, so
    /// the bytes are the same for any thread count and equal to
    /// `write(partial.finalized(), into:)`. With more than one thread, rendering runs ahead of
    /// writing: the first round renders while the documents and entities are written, and
    /// each next round while the one before goes to `writer` (the file system's copy is then
    /// no longer a serial step between rounds); at most two rounds are then in memory at once.
    /// With one thread everything happens on the calling thread, one round after another, in
    /// one set of buffers. Returns the number of evidence records written.
    @discardableResult
    static func write(_ layout: FinalLayout, of partial: PartialGraph, threads: Int, batchSize: Int = relationBatchSize, into writer: inout PrettyJSONWriter) throws(OutputError) -> Int {
        let names = JSONStringTable(partial.strings, only: layout.writtenStrings(of: partial))
        let renderer = RelationRenderer(layout, of: partial, names: names, threads: threads, batchSize: batchSize)
        // Whatever happens, no rendering may outlive this call.
        defer { renderer.wait() }
        renderer.start(round: 0)
        try write(
            documents: layout.documents, entityCount: layout.entities.count,
            entity: { (index: Int, writer: inout PrettyJSONWriter) throws(OutputError) in
                try layout.writeEntity(index, of: partial, names: names, into: &writer)
            },
            into: &writer
        ) { (writer: inout PrettyJSONWriter) throws(OutputError) in
            for round in 0..<renderer.rounds {
                renderer.wait()
                if renderer.rendersAhead && round + 1 < renderer.rounds { renderer.start(round: round + 1) }
                for buffer in renderer.fragments(of: round) { try writer.appendFragment(buffer) }
                // One thread: the next round is rendered (into the same buffers) after this one is written.
                if !renderer.rendersAhead && round + 1 < renderer.rounds { renderer.start(round: round + 1) }
            }
        }
        // Each round was waited for before it was written: nothing renders any more.
        return renderer.evidenceCount
    }
}

/// Renders the relations of a `FinalLayout` round after round: with several threads into two
/// sets of batch buffers, one being rendered while the other is written; with one thread into
/// one set, rendered and then written.
private final class RelationRenderer: @unchecked Sendable {
    let layout: FinalLayout
    let partial: PartialGraph
    let names: JSONStringTable
    let threads: Int
    let batchSize: Int
    let batches: Int
    /// Batches per round.
    let perRound: Int
    var rounds: Int { (batches + perRound - 1) / perRound }
    /// Whether a round renders (in the background) while the one before is written: only
    /// with several threads; with one there is nothing to overlap.
    var rendersAhead: Bool { threads > 1 }
    /// Sets of one buffer per batch of a round (two when rendering ahead over several rounds,
    /// else one), reused round after round: about a batch of JSON each, so they neither grow
    /// (copying) nor fault in fresh pages every round.
    private let buffers: [[JSONByteBuffer]]
    /// One per batch of a round: only one round renders at a time.
    private let scratches: [BatchScratch]
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var evidence = 0

    init(_ layout: FinalLayout, of partial: PartialGraph, names: JSONStringTable, threads: Int, batchSize: Int) {
        self.layout = layout
        self.partial = partial
        self.names = names
        self.threads = max(1, threads)
        self.batchSize = batchSize
        batches = (layout.relations.count + batchSize - 1) / batchSize
        perRound = self.threads * 4
        let slots = min(perRound, batches)
        buffers = (0..<(self.threads > 1 && batches > perRound ? 2 : 1)).map { _ in
            (0..<slots).map { _ in JSONByteBuffer(capacity: min(batchSize * 800, 2 << 20)) }
        }
        scratches = (0..<slots).map { _ in BatchScratch(EvidenceScratch(layout, partial)) }
    }

    /// Evidence records rendered so far.
    var evidenceCount: Int { lock.withLock { evidence } }

    /// The rendered batches of `round`, in order (after `wait()`).
    func fragments(of round: Int) -> ArraySlice<JSONByteBuffer> {
        buffers[round % buffers.count].prefix(min(perRound, batches - round * perRound))
    }

    /// Starts rendering `round`: in the background with several threads, here with one.
    func start(round: Int) {
        guard round * perRound < batches else { return }
        if threads == 1 {
            for offset in 0..<min(perRound, batches - round * perRound) { render(round: round, offset: offset) }
            return
        }
        DispatchQueue.global().async(group: group) { [self] in
            DispatchQueue.concurrentPerform(iterations: min(perRound, batches - round * perRound)) { offset in
                render(round: round, offset: offset)
            }
        }
    }

    /// Waits until the round started last is rendered.
    func wait() { group.wait() }

    private func render(round: Int, offset: Int) {
        let batch = round * perRound + offset
        let buffer = buffers[round % buffers.count][offset]
        buffer.count = 0
        var fragment = PrettyJSONWriter(fragmentAtDepth: 2, continuing: batch > 0, output: buffer)
        let relations = (batch * batchSize)..<min(layout.relations.count, (batch + 1) * batchSize)
        // The batch's evidence first, so that its sentences are read together.
        var scratch = scratches[offset].take()
        scratch.records.removeAll(keepingCapacity: true)
        scratch.texts.reset()
        scratch.ends.removeAll(keepingCapacity: true)
        // Sentences still in memory are written from there, without a copy into a buffer;
        // the stores keep them in place until the batch is done.
        scratch.texts.pin(partial)
        layout.gatherEvidence(ofRelations: relations, of: partial, into: &scratch)
        var from = 0
        for (index, end) in zip(relations, scratch.ends) {
            layout.writeRelation(index, of: partial, records: from..<end, scratch: &scratch, names: names, into: &fragment)
            from = end
        }
        scratch.texts.unpin()
        let count = scratch.records.count
        scratches[offset].put(scratch)
        lock.withLock { evidence += count }
    }
}

/// One batch slot's evidence buffers, kept from round to round.
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
        let relation = relations[index]
        // Each evidence object laid out at once from its fixed pieces (pretty layout only), and
        // the relation object around the evidence array too: the array is two levels in.
        let pieces = writer.isCompact || !laidOut ? nil : scratch.evidencePieces(arrayDepth: writer.openContainers + 2)
        if let pieces {
            pieces.openRelation(into: &writer)
        } else {
            writer.element()
            writer.beginObject()
            writer.key("evidence")
            writer.beginArray()
        }
        // Distinct (document, start) pairs: records are sorted by document, then start.
        var weight = 0
        var previous: (document: Int32, start: UInt32) = (-1, 0)
        // Records are scattered through the evidence table: each is loaded one record ahead,
        // so that its cache miss overlaps the writing of the one before.
        var next = records.isEmpty ? nil : partial.evidence[Int(scratch.records[records.lowerBound])]
        for position in records {
            let item = next!
            next = position + 1 < records.upperBound ? partial.evidence[Int(scratch.records[position + 1])] : nil
            if weight == 0 || previous != (item.document, item.start) { weight += 1 }
            previous = (item.document, item.start)
            if let pieces {
                scratch.texts.withSentence(of: item, at: position, of: scratch.records, in: partial) { sentence in
                    pieces.write(item, sentence: sentence, names: names, into: &writer)
                }
            } else {
                Self.writeEvidence(item, names: names, into: &writer) { writer in
                    scratch.texts.withSentence(at: position, of: scratch.records, in: partial) { writer.string(utf8: $0) }
                }
            }
        }
        if let pieces {
            pieces.closeRelation(kind: relation.kind, source: relation.source, target: relation.target, weight: weight, names: names, into: &writer)
            return
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
    func writeEntity(_ index: Int, of partial: PartialGraph, names: JSONStringTable, into writer: inout PrettyJSONWriter) throws(OutputError) {
        let (name, entity) = entities[index]
        writer.element()
        writer.beginObject()
        writer.key("aliases")
        var keys = Self.rankKeys(entity.aliases, except: name, rank: rank)
        keys.sort()
        try writeNames(keys, names: names, into: &writer)
        writer.key("documents")
        // Sorted by rank, then repeats dropped: an id's key is its rank and itself.
        keys = Self.rankKeys(entity.documents, except: -1, rank: rank)
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
        keys.reserveCapacity(ids.count)
        rank.withUnsafeBufferPointer { rank in
            for id in ids where id != excluded { keys.append(UInt64(UInt32(rank[Int(id)])) << 32 | UInt64(UInt32(id))) }
        }
        return keys
    }

    /// The ids of `ids` sorted by rank by comparison: the path `rankKeys` replaced, for the tests.
    static func sortedByRank(_ ids: some Collection<Int32>, except excluded: Int32, rank: [Int32]) -> [Int32] {
        ids.filter { $0 != excluded }.sorted { rank[Int($0)] < rank[Int($1)] }
    }

    /// Writes the ids of sorted `rankKeys` as an array of names.
    private func writeNames(_ keys: [UInt64], names: JSONStringTable, into writer: inout PrettyJSONWriter) throws(OutputError) {
        writer.beginArray()
        for key in keys {
            writer.element()
            names.write(Int32(truncatingIfNeeded: key), into: &writer)
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

/// The fixed bytes of an evidence object in the pretty layout, for an evidence array at one
/// depth: the object's brackets, line breaks, indentation and keys, in the pieces that come
/// between its values. `write` stores an object as pieces and values in one go: the bytes of
/// `FinalLayout.writeEvidence` (the tests compare both on random records and depths).
final class EvidencePieces: @unchecked Sendable {
    private struct Piece {
        var start: Int
        var count: Int
    }

    /// Depth of the evidence array (`PrettyJSONWriter.openContainers`) the pieces are for.
    let arrayDepth: Int
    /// The pieces back to back, then `slack` bytes of padding for word-wide copies. Immutable.
    private let bytes: UnsafeMutablePointer<UInt8>
    /// An object's opening up to its first value, with the element's indentation before it,
    /// as the first element and after another (a comma and line break first).
    private let openDate: Piece, openDocument: Piece, nextDate: Piece, nextDocument: Piece
    private let document: Piece, end: Piece, sentence: Piece, start: Piece, trigger: Piece, close: Piece
    /// A relation object around the evidence array: its opening up to the array's first
    /// element, the array's close, and the object's close after the members.
    private let relationOpen: Piece, arrayClose: Piece, relationClose: Piece
    /// All pieces, two numbers of at most 10 digits and the slack of word-wide copies: an
    /// object needs this plus its strings.
    let fixedCapacity: Int
    /// By kind code (`PartialGraph.kindsByCode`), the members of the relation object around
    /// the source and target: up to the source's value (polarity, in full), between source and
    /// target, and after the target up to the weight's value (type, in full).
    private let relationMembers: [(beforeSource: Piece, beforeTarget: Piece, beforeWeight: Piece)]
    /// The most bytes of one kind's relation pieces, a weight and the slack of word-wide copies.
    private let relationCapacity: Int

    init(arrayDepth: Int) {
        self.arrayDepth = arrayDepth
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
        openDate = piece(closing, open, member, key("date"))
        openDocument = piece(closing, open, member, key("document"))
        nextDate = piece(comma, closing, open, member, key("date"))
        nextDocument = piece(comma, closing, open, member, key("document"))
        document = piece(comma, member, key("document"))
        end = piece(comma, member, key("end"))
        sentence = piece(comma, member, key("sentence"))
        start = piece(comma, member, key("start"))
        trigger = piece(comma, member, key("trigger"))
        close = piece(Array("\n".utf8), closing, Array("}".utf8))
        fixedCapacity = all.count + 2 * 10 + Self.slack
        // The relation's members, one level out, after its evidence array.
        let relationMember = [UInt8](repeating: UInt8(ascii: " "), count: 2 * max(0, arrayDepth - 1))
        let relationIndent = [UInt8](repeating: UInt8(ascii: " "), count: 2 * max(0, arrayDepth - 2))
        let arrayEnd = piece(Array("\n".utf8), relationMember, Array("]".utf8))
        let relationEnd = piece(Array("\n".utf8), relationIndent, Array("}".utf8))
        relationOpen = piece(open, relationMember, key("evidence"), Array("[\n".utf8))
        arrayClose = arrayEnd
        relationClose = relationEnd
        func quoted(_ value: String) -> [UInt8] {
            var writer = PrettyJSONWriter()
            writer.string(value)
            return writer.buffer
        }
        var longest = 0
        relationMembers = PartialGraph.kindsByCode.map { kind in
            let start = all.count
            let members = (
                beforeSource: piece(comma, relationMember, key("polarity"), quoted(kind.polarity.rawValue), comma, relationMember, key("source")),
                beforeTarget: piece(comma, relationMember, key("target")),
                beforeWeight: piece(comma, relationMember, key("type"), quoted(kind.rawValue), comma, relationMember, key("weight"))
            )
            longest = max(longest, all.count - start)
            return members
        }
        relationCapacity = longest + arrayEnd.count + relationEnd.count + 20 + Self.slack
        all += repeatElement(0, count: Self.slack)
        bytes = .allocate(capacity: all.count)
        bytes.initialize(from: all, count: all.count)
    }

    deinit { bytes.deallocate() }

    /// Writes `item` as the next element of the evidence array open in `writer` (pretty, at
    /// `arrayDepth`), its sentence given as UTF-8 bytes.
    @inline(__always)
    func write(_ item: PartialGraph.StoredEvidence, sentence text: UnsafeBufferPointer<UInt8>, names: JSONStringTable, into writer: inout PrettyJSONWriter) {
        let capacity = fixedCapacity + 3 * names.longest + JSONEscaping.maximumQuotedLength(text.count)
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
            pointer = JSONEscaping.writeQuoted(text, to: pointer)
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

    /// Ends the evidence array open in `writer` (at `arrayDepth`), writes the relation's
    /// members (`writeRelationMembers`) and ends the relation object.
    @inline(__always)
    func closeRelation(kind: RelationKind, source: Int32, target: Int32, weight: Int, names: JSONStringTable, into writer: inout PrettyJSONWriter) {
        let members = relationMembers[Int(kind.code)]
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

    /// Writes the members of a relation object after its evidence array (polarity, source,
    /// target, type, weight), as `FinalLayout.writeRelation` writes them one by one; the
    /// relation object is open in `writer` at depth `arrayDepth − 1`.
    @inline(__always)
    func writeRelationMembers(kind: RelationKind, source: Int32, target: Int32, weight: Int, names: JSONStringTable, into writer: inout PrettyJSONWriter) {
        let members = relationMembers[Int(kind.code)]
        writer.raw(reserving: relationCapacity + 2 * names.longest) { pointer in
            var pointer = copy(members.beforeSource, to: pointer)
            pointer = names.copy(source, to: pointer)
            pointer = copy(members.beforeTarget, to: pointer)
            pointer = names.copy(target, to: pointer)
            pointer = copy(members.beforeWeight, to: pointer)
            return PrettyJSONWriter.writeDecimal(weight.magnitude, to: pointer)
        }
    }

    /// Bytes a piece copy may read and store past the piece's end.
    private static let slack = 64

    /// Copies `piece` a word at a time (the destination has `slack` bytes of room past it);
    /// returns its end. A piece of up to 32 bytes (most) is four stores, one of up to 64 (a
    /// relation's members around its source and weight) eight, without a loop.
    @inline(__always)
    private func copy(_ piece: Piece, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let source = UnsafeRawPointer(bytes + piece.start), target = UnsafeMutableRawPointer(destination)
        if piece.count <= 32 {
            for offset in stride(from: 0, to: 32, by: 8) {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
            }
            return destination + piece.count
        }
        if piece.count <= 64 {
            for offset in stride(from: 0, to: 64, by: 8) {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
            }
            return destination + piece.count
        }
        var offset = 0
        while offset < piece.count {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        return destination + piece.count
    }
}

/// Strings of a partial graph as JSON string values (quoted, escaped), back to back, so
/// that writing a name millions of times is one copy each, not a `String` and an escape.
struct JSONStringTable: Sendable {
    private var bytes: [UInt8] = []
    /// String `id` is `bytes[starts[id]..<starts[id + 1]]`.
    private var starts: [Int] = []
    /// The most bytes of one string value in the table.
    private(set) var longest = 0

    /// Tables the strings whose `used` entry is true; others stay empty and must not be written.
    init<Strings: RandomAccessCollection<String>>(_ strings: Strings, only used: [Bool]) where Strings.Index == Int {
        starts.reserveCapacity(strings.count + 1)
        starts.append(0)
        // Each string escaped into `scratch` (room for its worst case, reused) and appended as
        // written: zero-filling the worst case in `bytes` and cutting it back cost more.
        var scratch: [UInt8] = []
        for id in strings.indices {
            if used[id] {
                var string = strings[id]
                string.withUTF8 { utf8 in
                    let needed = JSONEscaping.maximumQuotedLength(utf8.count)
                    if scratch.count < needed { scratch = Array(repeating: 0, count: max(needed, 2 * scratch.count)) }
                    scratch.withUnsafeMutableBufferPointer { buffer in
                        let written = JSONEscaping.writeQuoted(utf8, to: buffer.baseAddress!) - buffer.baseAddress!
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<written]))
                        longest = max(longest, written)
                    }
                }
            }
            starts.append(bytes.count)
        }
        // Room for `write`'s word-wide and `copy`'s vector-wide reads past the last string.
        bytes.append(contentsOf: repeatElement(0, count: 16))
    }

    /// Writes string `id` (a JSON string value) into `writer`.
    @inline(__always)
    func write(_ id: Int32, into writer: inout PrettyJSONWriter) {
        let start = starts[Int(id)], end = starts[Int(id) + 1]
        precondition(end > start, "string \(id) was left out of the table")
        bytes.withUnsafeBytes { writer.rawPadded($0.baseAddress! + start, count: end - start) }
    }

    /// Stores string `id` (a JSON string value) at `destination`, sixteen bytes at a time
    /// (a name is one or two vectors; words took twice the steps): the destination needs
    /// `longest + 16` bytes of room. Returns the end of the value.
    @inline(__always)
    func copy(_ id: Int32, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let start = starts[Int(id)], end = starts[Int(id) + 1]
        precondition(end > start, "string \(id) was left out of the table")
        bytes.withUnsafeBytes { bytes in
            let source = bytes.baseAddress! + start, target = UnsafeMutableRawPointer(destination)
            var offset = 0
            while offset < end - start {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self), toByteOffset: offset, as: SIMD16<UInt8>.self)
                offset += 16
            }
        }
        return destination + (end - start)
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
