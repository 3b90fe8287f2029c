import Foundation

/// Finishing a partial graph: cross-document name resolution, then everything sorted, on ids.
extension PartialGraph {
    /// The sorted, final graph, in memory.
    public func finalized() -> RelationGraph {
        let layout = FinalLayout(self)
        var scratch = EvidenceScratch(layout, self)
        return RelationGraph(
            presortedDocuments: layout.documents, entities: (0..<layout.entities.count).map { layout.entity($0, of: self) },
            relations: (0..<layout.relations.count).map { layout.relation($0, of: self, scratch: &scratch) }
        )
    }

    /// `finalized()` for callers that go on to publish or report the graph: a sentence that
    /// could not be read back from the temporary file would otherwise come back cut short.
    ///
    /// - Throws: `OutputError.evidenceUnreadable` when any spilled sentence read came back short.
    public func finalizedChecked() throws(OutputError) -> RelationGraph {
        let graph = finalized()
        try checkEvidenceReads(streaming: false)
        return graph
    }

    /// Saves the final graph as a graph file without building it in memory: entities and
    /// relations are produced in file order, relations rendered on `threads` threads. The
    /// bytes equal `GraphJSON.encode(finalized())` for any thread count.
    public func writeFinalized(to path: String, threads: Int? = nil) throws(OutputError) -> GraphSummary {
        let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let layout = FinalLayout(self, threads: threads)
        var evidence = 0
        try AtomicFile.write(to: path) { (sink: AtomicFile.Sink) throws(OutputError) in
            var writer = PrettyJSONWriter(
                flush: { (bytes: UnsafeRawBufferPointer) throws(OutputError) in try sink.write(bytes) },
                flushAll: { (buffers: [UnsafeRawBufferPointer]) throws(OutputError) in try sink.write(buffers) }
            )
            evidence = try GraphJSON.write(layout, of: self, threads: threads, into: &writer)
            try checkEvidenceReads(streaming: false)
        }
        return layout.summary(evidence: evidence)
    }

    /// `writeFinalized(to:threads:)` for a stream: `flush` receives buffers of any size,
    /// usually 64 KB to 1 MB, and must empty the buffer it is given.
    public func writeFinalized(threads: Int? = nil, flush: @escaping (inout [UInt8]) throws(OutputError) -> Void) throws(OutputError) -> GraphSummary {
        let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let layout = FinalLayout(self, threads: threads)
        var array: [UInt8] = []
        var writer = PrettyJSONWriter { (bytes: UnsafeRawBufferPointer) throws(OutputError) in
            array.append(contentsOf: bytes)
            try flush(&array)
            array.removeAll(keepingCapacity: true)
        }
        let evidence = try GraphJSON.write(layout, of: self, threads: threads, into: &writer)
        try checkEvidenceReads(streaming: true)
        return layout.summary(evidence: evidence)
    }

    /// Throws if a sentence came back short from a store's temporary file, so a graph file with
    /// a cut sentence is never published (`AtomicFile` then removes its temporary file).
    ///
    /// - Parameter streaming: Whether the bytes went to a stream (the error then says the
    ///   output is incomplete) rather than to a temporary file that is discarded.
    func checkEvidenceReads(streaming: Bool) throws(OutputError) {
        if stores.contains(where: \.hadReadError) { throw streaming ? .evidenceUnreadableInStream : .evidenceUnreadable }
    }
}

extension PartialGraph {
    /// Each string's position in sorted order (`NameOrder`), so names compare as integers.
    ///
    /// Each ASCII string gets its first eight bytes as a big-endian integer; the ASCII strings
    /// are radix-sorted by it, and runs that share it by their next eight bytes, and so on
    /// (`sortASCIIRun`). The others get their `NameOrder` key once, are sorted by comparison
    /// and merged in. Sorting all of them by comparison (`stringRanksByComparison`, which the
    /// tests hold this to) gives the same ranks: `NameOrder` is a total order on distinct strings.
    ///
    /// - Complexity: O(n) for the ASCII strings, plus O(k log k) integer comparisons for the
    ///   k strings in runs of one prefix (per eight bytes they share), plus O(m log m)
    ///   comparisons for the m strings not ASCII and O(n) to merge when m > 0.
    func stringRanks() -> [Int32] {
        let elements = strings.elements
        var prefixes: [UInt64] = [], ascii: [Int32] = [], others: [Int32] = []
        var keys = [[UInt32]?](repeating: nil, count: elements.count)
        prefixes.reserveCapacity(elements.count)
        ascii.reserveCapacity(elements.count)
        for id in elements.indices {
            var string = elements[id]
            let (prefix, isASCII) = string.withUTF8 { Self.asciiPrefix($0) }
            if isASCII {
                prefixes.append(prefix)
                ascii.append(Int32(id))
            } else {
                keys[id] = NameOrder.key(elements[id])
                others.append(Int32(id))
            }
        }
        func precedes(_ a: Int32, _ b: Int32) -> Bool {
            NameOrder.precedes(elements[Int(a)], keys[Int(a)], elements[Int(b)], keys[Int(b)])
        }
        // Ascending prefixes: the ASCII order, but for strings that share their first eight
        // bytes (or are shorter and padded with zeros), which are sorted by the bytes after.
        FinalLayout.radixSort(&prefixes, carrying: &ascii)
        var run = 0
        while run < ascii.count {
            var runEnd = run + 1
            while runEnd < ascii.count && prefixes[runEnd] == prefixes[run] { runEnd += 1 }
            if runEnd - run > 1 { Self.sortASCIIRun(&ascii[run..<runEnd], level: 0, of: elements) }
            run = runEnd
        }
        var rank = [Int32](repeating: 0, count: elements.count)
        if others.isEmpty {
            for (position, id) in ascii.enumerated() { rank[Int(id)] = Int32(position) }
            return rank
        }
        others.sort(by: precedes)
        var first = 0, second = 0
        for position in 0..<elements.count {
            let id: Int32
            if second == others.count || first < ascii.count && precedes(ascii[first], others[second]) {
                id = ascii[first]
                first += 1
            } else {
                id = others[second]
                second += 1
            }
            rank[Int(id)] = Int32(position)
        }
        return rank
    }

    /// Whether `bytes` are ASCII, and if so their first eight bytes as a big-endian integer
    /// (zeros past their end), which orders ASCII strings as their bytes do but for those
    /// that share it. (Reading a `String`'s `utf8` view byte by byte cost about thirty
    /// instructions a byte.)
    @inline(__always)
    static func asciiPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> (prefix: UInt64, isASCII: Bool) {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        guard any < 0x80 else { return (0, false) }
        var prefix: UInt64 = 0
        for offset in 0..<8 { prefix = prefix << 8 | UInt64(offset < bytes.count ? bytes[offset] : 0) }
        return (prefix, true)
    }

    /// Sorts `run`, ids of distinct ASCII strings of `elements` whose bytes `8 × level` to
    /// `8 × level + 7` (zero past their end) are equal and so are all bytes before, in byte
    /// order (`NameOrder`'s for ASCII): first the strings that end within those eight bytes,
    /// shorter first (each is a prefix of the longer ones, whose bytes there are zeros), then
    /// the others by their next eight bytes, runs of equal ones sorted the same way a level on.
    /// Sorting a run by `NameOrder.precedes` cost about 400 instructions a comparison (document
    /// names share their first eight bytes: `0000/art`).
    ///
    /// - Complexity: O(k log k) integer comparisons for a run of k, per level the run reaches.
    static func sortASCIIRun(_ run: inout ArraySlice<Int32>, level: Int, of elements: [String]) {
        let limit = 8 * (level + 1)
        var ended: [(count: Int, id: Int32)] = [], going: [(key: UInt64, id: Int32)] = []
        for id in run {
            var string = elements[Int(id)]
            string.withUTF8 { bytes in
                if bytes.count <= limit {
                    ended.append((bytes.count, id))
                    return
                }
                var key: UInt64 = 0
                for offset in limit..<(limit + 8) { key = key << 8 | UInt64(offset < bytes.count ? bytes[offset] : 0) }
                going.append((key, id))
            }
        }
        ended.sort { $0.count < $1.count }
        going.sort { $0.key < $1.key }
        var position = run.startIndex
        for (_, id) in ended {
            run[position] = id
            position += 1
        }
        var first = 0
        while first < going.count {
            var end = first + 1
            while end < going.count && going[end].key == going[first].key { end += 1 }
            let start = position
            for index in first..<end {
                run[position] = going[index].id
                position += 1
            }
            if end - first > 1 { sortASCIIRun(&run[start..<position], level: level + 1, of: elements) }
            first = end
        }
    }

    /// `stringRanks()` by sorting every string by comparison: the path it replaces, kept for
    /// the tests.
    func stringRanksByComparison() -> [Int32] {
        let elements = strings.elements
        var prefixes = [UInt64](repeating: 0, count: elements.count)
        var keys = [[UInt32]?](repeating: nil, count: elements.count)
        for (id, string) in elements.enumerated() {
            var prefix: UInt64 = 0, shift = 56
            for byte in string.utf8 {
                if byte >= 0x80 {
                    keys[id] = NameOrder.key(string)
                    break
                }
                if shift >= 0 { prefix |= UInt64(byte) << UInt64(shift); shift -= 8 }
            }
            prefixes[id] = prefix
        }
        let order = elements.indices.sorted { a, b in
            if keys[a] == nil && keys[b] == nil && prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
            return NameOrder.precedes(elements[a], keys[a], elements[b], keys[b])
        }
        var rank = [Int32](repeating: 0, count: elements.count)
        for (position, id) in order.enumerated() { rank[id] = Int32(position) }
        return rank
    }

    /// Relation numbers in key order (source, target, kind), without cross-document resolution.
    func relationOrder(rank: [Int32]) -> [Int] {
        relationKeys.indices.map { relation -> (UInt64, Int) in
            let packed = relationKeys[relation]
            let (source, target) = Self.unpackNames(packed)
            return (Self.repack(packed, rank[Int(source)], rank[Int(target)]), relation)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

}

/// Sizes of a finished graph, for notes.
public struct GraphSummary: Hashable, Sendable {
    public var documents: Int
    public var entities: Int
    public var relations: Int
    public var evidence: Int
}

/// The final order of a partial graph's content, computed on string ids and ranks so that
/// millions of relations are sorted as integers, not by comparing names.
struct FinalLayout: Sendable {
    struct FinalRelation {
        var source: Int32
        var target: Int32
        var kind: RelationKind
        /// `kind`'s code (`PartialGraph.kindsByCode`), which the writer looks its pieces up by:
        /// kept here (in what would be padding) so that it is not looked up per relation.
        var code: UInt8
        /// Range of `members` holding the partial graph's relations joined under this key.
        var first: Int32
        var end: Int32
    }

    var documents: [DocumentInfo] = []
    /// Entities in name order, still as ids: made into `Entity` values one at a time.
    var entities: [(name: Int32, entity: PartialGraph.StoredEntity)] = []
    /// Position of each string in sorted order.
    var rank: [Int32] = []
    var relations: [FinalRelation] = []
    /// Relation numbers of the partial graph, final relation after final relation (most
    /// final relations are one partial relation). Evidence is gathered and sorted only when a
    /// relation is written: the records are then still in cache for writing, and a layout
    /// holds four bytes per relation instead of four per evidence record.
    var members: [Int32] = []

    /// - Parameter threads: With more than one, the string ranks are computed while the
    ///   names are resolved across documents, and the entities laid out while the relations
    ///   are (neither needs the other).
    init(_ partial: PartialGraph, threads: Int = 1) {
        let strings = partial.strings
        // The partial graph's own tables, not `entityEntries()`: a copy of every entity retained
        // its aliases and documents and released them after, a cache miss each for a graph
        // larger than the cache.
        let entries = (names: partial.entityNames, records: partial.entityRecords)
        // Position of each string in sorted order: names and documents compare as integers.
        // Each string's canonical name: itself unless resolution joined it to a full name.
        let names: (rank: [Int32], canonical: [Int32]) = Self.pair(
            parallel: threads > 1, { () -> [Int32] in partial.stringRanks() }, { () -> [Int32] in Self.canonicalNames(entries, of: partial) }
        )
        let rank = names.rank, canonical = names.canonical
        self.rank = rank
        var ids = [Int](repeating: 0, count: strings.count)
        for (id, position) in rank.enumerated() { ids[Int(position)] = id }
        let sortedIDs = ids

        // In name order without a sort: the strings in rank order, those that name a document.
        documents.reserveCapacity(partial.documentCount)
        for id in sortedIDs {
            guard let date = partial.documentDate(ofName: id) else { continue }
            documents.append(DocumentInfo(name: strings[id], date: date < 0 ? nil : strings[Int(date)]))
        }

        // Entities and relations need only the ranks and canonical names: with several
        // threads they are laid out at once.
        typealias Entities = [(name: Int32, entity: PartialGraph.StoredEntity)]
        typealias Relations = (relations: [FinalRelation], members: [Int32])
        let parts: (entities: Entities, relations: Relations) = Self.pair(
            parallel: threads > 1,
            { () -> Entities in Self.finalEntities(entries, canonical: canonical, rank: rank) },
            { () -> Relations in Self.finalRelations(of: partial, canonical: canonical, rank: rank, sortedIDs: sortedIDs) }
        )
        entities = parts.entities
        (relations, members) = parts.relations
    }

    /// Runs `first` and `second`, concurrently if `parallel`, else one after the other on the
    /// calling thread, and returns both results.
    private static func pair<First, Second>(parallel: Bool, _ first: () -> First, _ second: () -> Second) -> (First, Second) {
        guard parallel else { return (first(), second()) }
        let results = LayoutParts<First, Second>()
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                // Each closure runs once, on one thread, and `concurrentPerform` returns only
                // after both: nothing is shared but `results`, each part its own field.
                nonisolated(unsafe) let first = first, second = second
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    if part == 0 { results.first = first() } else { results.second = second() }
                }
            }
        }
        return (results.first!, results.second!)
    }

    /// The entities under their canonical names (a short name joins its full name's entity as
    /// an alias), in name order.
    private static func finalEntities(
        _ entries: (names: [Int32], records: [PartialGraph.StoredEntity]), canonical: [Int32], rank: [Int32]
    ) -> [(name: Int32, entity: PartialGraph.StoredEntity)] {
        // Each entry under its canonical name's rank, sorted as integers (stably: the entries
        // of one name keep their order), then each run of one name merged into its first
        // entry. A dictionary of merged entities sorted by a closure that reads `rank` cost
        // twice as much (most entries are their own run).
        var keys: [UInt64] = [], order: [Int32] = []
        keys.reserveCapacity(entries.names.count)
        order.reserveCapacity(entries.names.count)
        for (index, name) in entries.names.enumerated() {
            keys.append(UInt64(UInt32(rank[Int(canonical[Int(name)])])) << 32)
            order.append(Int32(index))
        }
        radixSort(&keys, carrying: &order)
        var result: [(name: Int32, entity: PartialGraph.StoredEntity)] = []
        result.reserveCapacity(entries.names.count)
        var position = 0
        while position < order.count {
            let target = canonical[Int(entries.names[Int(order[position])])]
            var merged: PartialGraph.StoredEntity?
            let key = keys[position]
            while position < order.count && keys[position] == key {
                let name = entries.names[Int(order[position])]
                var entity = entries.records[Int(order[position])]
                if target != name { entity.aliases.insert(name) }
                if merged == nil { merged = entity } else { merged!.merge(entity) }
                position += 1
            }
            result.append((target, merged!))
        }
        return result
    }

    /// The final relations in key order, and the partial relations each joins (`members`).
    private static func finalRelations(
        of partial: PartialGraph, canonical: [Int32], rank: [Int32], sortedIDs: [Int]
    ) -> (relations: [FinalRelation], members: [Int32]) {
        // Each relation under its final key, as a sortable integer: (source rank, target rank,
        // kind). The kind stays the packed code: decoding it per relation would cost a lookup.
        let kinds = PartialGraph.kindsByCode
        let symmetric = kinds.map(\.isSymmetric)
        var keys: [UInt64] = [], numbers: [Int32] = []
        keys.reserveCapacity(partial.relationKeys.count)
        numbers.reserveCapacity(partial.relationKeys.count)
        var relation: Int32 = 0
        // The tables read through pointers: every id of a key is below `strings.count`, the
        // length of `canonical` and `rank`. With that and `members` no longer copied from the
        // sorted numbers, the two loops went from 8.2 M to about 4.5 M instructions (10 MB corpus).
        canonical.withUnsafeBufferPointer { canonical in
            rank.withUnsafeBufferPointer { rank in
                partial.relationKeys.forEachBlock { block in
                    for packed in block {
                        defer { relation &+= 1 }
                        let (source, target) = PartialGraph.unpackNames(packed)
                        var from = canonical[Int(source)], to = canonical[Int(target)]
                        guard from != to else { continue }
                        if symmetric[PartialGraph.kindCode(packed)] && rank[Int(to)] < rank[Int(from)] { swap(&from, &to) }
                        keys.append(PartialGraph.repack(packed, rank[Int(from)], rank[Int(to)]))
                        numbers.append(relation)
                    }
                }
            }
        }
        // Stable, and the numbers go in ascending: relations under one key keep their numbering order.
        radixSort(&keys, carrying: &numbers)

        // `members` is `numbers` as sorted: each final relation is a run of equal keys.
        var relations: [FinalRelation] = []
        // At most one final relation per key: growing by doubling copied them and could hold twice as many.
        relations.reserveCapacity(keys.count)
        keys.withUnsafeBufferPointer { keys in
            sortedIDs.withUnsafeBufferPointer { sortedIDs in
                var index = 0
                while index < keys.count {
                    let key = keys[index], first = index
                    index &+= 1
                    while index < keys.count && keys[index] == key { index &+= 1 }
                    let (sourceRank, targetRank) = PartialGraph.unpackNames(key)
                    let code = PartialGraph.kindCode(key)
                    relations.append(FinalRelation(
                        source: Int32(truncatingIfNeeded: sortedIDs[Int(sourceRank)]), target: Int32(truncatingIfNeeded: sortedIDs[Int(targetRank)]),
                        kind: kinds[code], code: UInt8(truncatingIfNeeded: code), first: Int32(truncatingIfNeeded: first), end: Int32(truncatingIfNeeded: index)
                    ))
                }
            }
        }
        return (relations, numbers)
    }

    /// Each string's canonical name id: short names that stand for one full name elsewhere in
    /// the corpus join it (Recognition/); every other string is its own.
    private static func canonicalNames(_ entries: (names: [Int32], records: [PartialGraph.StoredEntity]), of partial: PartialGraph) -> [Int32] {
        let strings = partial.strings
        var table: [String: CrossDocumentResolver.Entry] = [:]
        table.reserveCapacity(entries.names.count)
        for (index, name) in entries.names.enumerated() {
            let votes = entries.records[index].typeVotes, mentions = entries.records[index].mentions
            table[strings[Int(name)]] = .init(type: EntityType.majority(votes), mentions: mentions)
        }
        var canonical = [Int32](0..<Int32(strings.count))
        for (name, target) in CrossDocumentResolver.canonicalNames(table) {
            canonical[strings.firstIndex(of: name)!] = Int32(strings.firstIndex(of: target)!)
        }
        return canonical
    }

    /// Sorts `keys` ascending, stably, moving `values` along: a least-significant-digit radix
    /// sort by 11 bits at a time, skipping digits that all keys share (packed relation keys
    /// use few of the high bits of their ranks).
    ///
    /// - Complexity: O(n) per digit that differs, at most six.
    static func radixSort(_ keys: inout [UInt64], carrying values: inout [Int32]) {
        precondition(keys.count == values.count)
        let count = keys.count
        guard count > 1 else { return }
        let bits = 11, digits = (64 + bits - 1) / bits, buckets = 1 << bits, mask = UInt64(buckets - 1)
        var counts = [Int](repeating: 0, count: digits * buckets)
        // Read and written through pointers: the bounds checks were most of the work per key.
        // Wrapping sums: no count or position exceeds `count`.
        counts.withUnsafeMutableBufferPointer { counts in
            keys.withUnsafeBufferPointer { keys in
                for key in keys {
                    for digit in 0..<digits { counts[digit * buckets + Int(truncatingIfNeeded: key >> UInt64(digit * bits) & mask)] &+= 1 }
                }
            }
        }
        var otherKeys = [UInt64](repeating: 0, count: count), otherValues = [Int32](repeating: 0, count: count)
        var next = [Int](repeating: 0, count: buckets)
        for digit in 0..<digits {
            let base = digit * buckets, shift = UInt64(digit * bits)
            // A digit every key shares leaves the order as it is.
            if counts[base + Int(truncatingIfNeeded: keys[0] >> shift & mask)] == count { continue }
            var sum = 0
            for bucket in 0..<buckets {
                next[bucket] = sum
                sum &+= counts[base + bucket]
            }
            next.withUnsafeMutableBufferPointer { next in
                keys.withUnsafeBufferPointer { keys in
                    values.withUnsafeBufferPointer { values in
                        otherKeys.withUnsafeMutableBufferPointer { otherKeys in
                            otherValues.withUnsafeMutableBufferPointer { otherValues in
                                for index in 0..<count {
                                    let key = keys[index]
                                    let bucket = Int(truncatingIfNeeded: key >> shift & mask)
                                    let position = next[bucket]
                                    otherKeys[position] = key
                                    otherValues[position] = values[index]
                                    next[bucket] = position &+ 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &otherKeys)
            swap(&values, &otherValues)
        }
    }

    /// The sizes, with the evidence count the writing found.
    func summary(evidence: Int) -> GraphSummary {
        GraphSummary(documents: documents.count, entities: entities.count, relations: relations.count, evidence: evidence)
    }

    /// Appends the evidence records of relations `indices` in final order (each relation's
    /// sorted, distinct) to `scratch.records`, and the end of each relation's records in
    /// `scratch.records` to `scratch.ends`.
    ///
    /// Why not one relation after another: a relation's records are a list threaded through
    /// the evidence table, and following it is a cache miss per record that waits for the one
    /// before. Here the lists of all the relations are followed in lockstep, a step of each per
    /// sweep, so the misses of different lists overlap.
    func gatherEvidence(ofRelations indices: Range<Int>, of partial: PartialGraph, into scratch: inout EvidenceScratch) {
        // The buffers, moved out of `scratch` (a copy would share them and copy on write).
        var lists: [Int32] = [], found: [(list: Int32, record: Int32)] = [], active: [Int32] = [], starts: [Int] = [], grouped: [Int32] = []
        swap(&lists, &scratch.lists)
        swap(&found, &scratch.found)
        swap(&active, &scratch.active)
        swap(&starts, &scratch.starts)
        swap(&grouped, &scratch.grouped)
        defer {
            swap(&lists, &scratch.lists)
            swap(&found, &scratch.found)
            swap(&active, &scratch.active)
            swap(&starts, &scratch.starts)
            swap(&grouped, &scratch.grouped)
        }
        // Each partial relation of the range (a list), in order; those with records are active.
        var listCount = 0
        for index in indices { listCount += Int(relations[index].end - relations[index].first) }
        lists.removeAll(keepingCapacity: true)
        lists.append(contentsOf: repeatElement(-1, count: listCount))
        active.removeAll(keepingCapacity: true)
        active.append(contentsOf: repeatElement(0, count: listCount))
        var activeCount = 0, foundCount = 0
        // Everything below is written through pointers into buffers sized beforehand: a checked
        // store or an append cost a uniqueness test each. Counts and positions are summed
        // wrapping: none exceeds `listCount` or the number of records found, both counts of
        // arrays.
        lists.withUnsafeMutableBufferPointer { lists in
            active.withUnsafeMutableBufferPointer { active in
                var list = 0
                for index in indices {
                    for member in Int(relations[index].first)..<Int(relations[index].end) {
                        let head = partial.firstEvidence(ofRelation: Int(members[member]))
                        lists[list] = head
                        if head >= 0 {
                            active[activeCount] = Int32(list)
                            activeCount &+= 1
                        }
                        list &+= 1
                    }
                }
            }
        }
        // Sweeps: (list, record) in `found[..<foundCount]` in the order found, a list's records
        // in its order. `found` grows before a sweep to hold a record of each active list.
        while activeCount > 0 {
            if found.count < foundCount + activeCount {
                found.append(contentsOf: repeatElement((list: Int32(0), record: Int32(0)), count: max(foundCount + activeCount, 2 * found.count) - found.count))
            }
            lists.withUnsafeMutableBufferPointer { lists in
                active.withUnsafeMutableBufferPointer { active in
                    found.withUnsafeMutableBufferPointer { found in
                        var kept = 0
                        for position in 0..<activeCount {
                            let list = Int(active[position])
                            let record = lists[list]
                            found[foundCount] = (Int32(list), record)
                            foundCount &+= 1
                            let next = partial.evidence[Int(record)].next
                            lists[list] = next
                            if next >= 0 {
                                active[kept] = Int32(list)
                                kept &+= 1
                            }
                        }
                        activeCount = kept
                    }
                }
            }
        }
        // Grouped by list (a stable counting sort), so each list's records are contiguous.
        starts.refill(repeating: 0, count: listCount + 1)
        grouped.refill(repeating: 0, count: foundCount)
        starts.withUnsafeMutableBufferPointer { starts in
            found.withUnsafeBufferPointer { found in
                for (list, _) in found[..<foundCount] { starts[Int(list) &+ 1] &+= 1 }
                for list in 0..<listCount { starts[list &+ 1] &+= starts[list] }
                grouped.withUnsafeMutableBufferPointer { grouped in
                    for (list, record) in found[..<foundCount] {
                        grouped[starts[Int(list)]] = record
                        starts[Int(list)] &+= 1
                    }
                }
            }
        }
        // `starts[list]` is now the end of `list`'s records. Each relation's records and its
        // end are stored through pointers, in room for the most there can be (every record
        // found, an end per relation), and the room left over is dropped after: appended one
        // by one they cost a uniqueness test each, two per relation.
        var records: [Int32] = [], ends: [Int] = []
        swap(&records, &scratch.records)
        swap(&ends, &scratch.ends)
        var recordCount = records.count
        var endCount = ends.count
        records.extend(repeating: 0, to: recordCount + foundCount)
        ends.extend(repeating: 0, to: endCount + indices.count)
        records.withUnsafeMutableBufferPointer { records in
            ends.withUnsafeMutableBufferPointer { ends in
                grouped.withUnsafeBufferPointer { grouped in
                    var list = 0
                    for index in indices {
                        let first = list == 0 ? 0 : starts[list - 1]
                        list += Int(relations[index].end - relations[index].first)
                        let count = starts[list - 1] - first
                        // Most relations have one record: nothing to sort.
                        if count == 1 {
                            records[recordCount] = grouped[first]
                            recordCount &+= 1
                        } else if count > 1 {
                            recordCount &+= scratch.sorter.writeSortedDistinct(
                                UnsafeBufferPointer(rebasing: grouped[first..<(first + count)]), to: records.baseAddress! + recordCount
                            )
                        }
                        ends[endCount] = recordCount
                        endCount &+= 1
                    }
                }
            }
        }
        records.removeLast(records.count - recordCount)
        swap(&records, &scratch.records)
        swap(&ends, &scratch.ends)
    }

    /// Entity `index` in final order.
    func entity(_ index: Int, of partial: PartialGraph) -> Entity {
        let (name, entity) = entities[index]
        let strings = partial.strings
        var aliases = entity.aliases
        aliases.remove(name)
        return Entity(
            name: strings[Int(name)], type: EntityType.majority(entity.typeVotes),
            aliases: aliases.sorted { rank[Int($0)] < rank[Int($1)] }.map { strings[Int($0)] },
            mentions: entity.mentions,
            documents: Array(Set(entity.documents)).sorted { rank[Int($0)] < rank[Int($1)] }.map { strings[Int($0)] }
        )
    }

    /// Relation `index` in final order, with its sentences read back.
    func relation(_ index: Int, of partial: PartialGraph, scratch: inout EvidenceScratch) -> Relation {
        let item = relations[index]
        scratch.records.removeAll(keepingCapacity: true)
        scratch.ends.removeAll(keepingCapacity: true)
        gatherEvidence(ofRelations: index..<(index + 1), of: partial, into: &scratch)
        return Relation(
            source: partial.strings[Int(item.source)], target: partial.strings[Int(item.target)], kind: item.kind,
            evidence: scratch.records.map { partial.materialize(partial.evidence[Int($0)]) }
        )
    }
}

/// The two results of `FinalLayout.pair`, each written by one of its two concurrent parts.
private final class LayoutParts<First, Second>: @unchecked Sendable {
    var first: First?
    var second: Second?
}

/// Buffers for gathering and writing the evidence of one relation after another.
struct EvidenceScratch {
    var sorter: EvidenceSorter
    /// Gathered records: the last relation's, or a whole batch's.
    var records: [Int32] = []
    /// The end of each gathered relation's records in `records`.
    var ends: [Int] = []
    /// The sentences of `records`.
    var texts = EvidenceTexts()
    // Buffers of `FinalLayout.gatherEvidence(ofRelations:of:into:ends:)`.
    var lists: [Int32] = []
    var found: [(list: Int32, record: Int32)] = []
    var active: [Int32] = []
    var starts: [Int] = []
    var grouped: [Int32] = []
    /// Buffer of `withRecordValues`.
    private var values: [PartialGraph.StoredEvidence] = []
    /// The fixed bytes of evidence objects, made for the first depth asked for.
    private var pieces: EvidencePieces?

    /// - Parameter pieces: Pieces to start with (scratches of one writing share them).
    init(_ layout: FinalLayout, _ partial: PartialGraph, pieces: EvidencePieces? = nil) {
        sorter = EvidenceSorter(partial, rank: layout.rank)
        self.pieces = pieces
    }

    /// Calls `body` with the records of `records[positions]`, in order, copied out of the
    /// evidence table, and with this scratch.
    ///
    /// Why: a relation's records are scattered through the table. The writing loop loaded each
    /// one record ahead so that its cache miss overlapped the writing of the one before, but
    /// held it across the sentence's write, moving its fields to and from the stack (about 30
    /// instructions a record). Copied here in a loop of independent loads, the misses overlap
    /// each other, and the writer reads each record from memory where it is needed.
    @inline(__always)
    mutating func withRecordValues<Result>(
        _ positions: Range<Int>, of partial: PartialGraph,
        _ body: (UnsafeBufferPointer<PartialGraph.StoredEvidence>, inout EvidenceScratch) -> Result
    ) -> Result {
        // Moved out, so that `body` may use this scratch while it reads them.
        var values: [PartialGraph.StoredEvidence] = []
        swap(&values, &self.values)
        defer {
            // Each render thread keeps its copy for the next batch, but not one made for a
            // relation of very many records (40 bytes each): not past 2^16 records (2.6 MB).
            if values.capacity > 1 << 16 { values = [] }
            swap(&values, &self.values)
        }
        let count = positions.count
        values.replaceWithSpecializedUninitialized(capacity: count) { buffer, written in
            records.withUnsafeBufferPointer { records in
                let source = UnsafeBufferPointer(rebasing: records[positions])
                for index in 0..<count { (buffer.baseAddress! + index).initialize(to: partial.evidence[Int(source[index])]) }
            }
            written = count
        }
        return values.withUnsafeBufferPointer { body($0, &self) }
    }

    /// The fixed bytes of evidence objects in an evidence array at `arrayDepth`.
    mutating func evidencePieces(arrayDepth: Int) -> EvidencePieces {
        if let pieces, pieces.arrayDepth == arrayDepth { return pieces }
        let made = EvidencePieces(arrayDepth: arrayDepth)
        pieces = made
        return made
    }
}

/// The sentences of a run of evidence records, read from their stores a window of records
/// at a time: each store gets the window's requests sorted by offset at once
/// (`SentenceTextStore.read`), so that neighbouring sentences on disk share a `pread` and
/// in-memory ones share a lock acquisition, instead of one call per sentence.
///
/// Memory, per `EvidenceTexts`: a window is at most `windowRecords` records and about
/// `windowBytes` of text (its last sentence may pass it), plus the gaps its coalesced reads take
/// along (under `SentenceTextStore.coalescingGap` per record): at most about 2.5 MB, typically
/// 60 KB, whatever the size of the relation or batch. The `SentenceBuffer` grows by doubling
/// and keeps its largest size, so up to twice that stays allocated. Each rendering thread
/// (`threads` of them, `GraphJSON.write`) keeps one, so the bound is that times the threads.
struct EvidenceTexts {
    /// Records per window.
    let windowRecords: Int
    /// Sentence bytes per window (the window's last sentence may pass it).
    let windowBytes: Int

    private var buffer = SentenceBuffer()
    /// Where the sentence of position `first + i` starts in `buffer`.
    private var starts: [Int] = []
    private var requests: [[SentenceTextStore.Request]] = []
    /// Buffers of `sortByOffset`, kept from window to window.
    private var sortScratch: [SentenceTextStore.Request] = []
    private var byteCounts: [Int] = []
    /// The stores with requests in the loaded window (ascending once loaded). A graph merged
    /// from many parts (`extract` of many files) has one store per part, so visiting only
    /// these keeps a window's cost independent of the number of stores.
    private var touched: [Int] = []
    /// The loaded window of positions in the records.
    private var first = 0, end = 0
    /// By store, its bytes in memory while `pin(_:)`ned (`SentenceTextStore.pin()`): their
    /// sentences are read in place, not copied into `buffer` first. Empty when not pinned.
    private var pinned: [PinnedBytes] = []
    /// The stores `pinned` holds.
    private var pinnedStores: [SentenceTextStore] = []
    /// `pinned.count`, read per record (the array's own was a call).
    private var pinnedCount = 0

    init(windowRecords: Int = 1024, windowBytes: Int = 512 << 10) {
        self.windowRecords = max(1, windowRecords)
        self.windowBytes = max(1, windowBytes)
    }

    /// Forgets the loaded window (the records are about to change).
    mutating func reset() {
        first = 0
        end = 0
    }

    /// Pins the stores of `partial` (`SentenceTextStore.pin()`), so that `withSentence` reads
    /// sentences still in memory in place; `unpin()` must follow before the store is left
    /// alone (a rendering batch pins at its start and unpins at its end).
    mutating func pin(_ partial: PartialGraph) {
        unpin()
        for store in partial.stores {
            pinned.append(store.pin())
            pinnedStores.append(store)
        }
        pinnedCount = pinned.count
    }

    /// Ends `pin(_:)`.
    mutating func unpin() {
        for store in pinnedStores { store.unpin() }
        pinned.removeAll(keepingCapacity: true)
        pinnedStores.removeAll(keepingCapacity: true)
        pinnedCount = 0
    }

    /// Calls `body` with the sentence of `records[position]`. Ascending positions are read a
    /// window at a time; a position outside the loaded window loads the window starting there.
    mutating func withSentence<Result>(
        at position: Int, of records: [Int32], in partial: PartialGraph, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        withSentence(of: partial.evidence[Int(records[position])], at: position, of: records, in: partial, body)
    }

    /// `withSentence(at:of:in:_:)` for a caller that holds the record `item` (reading it again
    /// from the evidence table cost more than the rest): a sentence in a pinned store's memory
    /// is passed in place, without a window or a copy.
    @inline(__always)
    mutating func withSentence<Result>(
        of item: PartialGraph.StoredEvidence, at position: Int, of records: [Int32], in partial: PartialGraph,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        let length = Int(item.textLength)
        if Int(item.store) < pinnedCount, let bytes = pinned[Int(item.store)].bytes(at: item.text.position, length: length) { return body(bytes) }
        if position < first || position >= end { load(from: position, of: records, in: partial) }
        return buffer.withBytes(from: starts[position - first], count: length, body)
    }

    private mutating func load(from position: Int, of records: [Int32], in partial: PartialGraph) {
        if requests.count < partial.stores.count { requests += Array(repeating: [], count: partial.stores.count - requests.count) }
        for store in touched { requests[store].removeAll(keepingCapacity: true) }
        touched.removeAll(keepingCapacity: true)
        var next = position, bytes = 0
        // At least the record at `position` (whatever the limits), which the caller wants.
        while next < records.count && (next == position || (next - position < windowRecords && bytes < windowBytes)) {
            let item = partial.evidence[Int(records[next])]
            let store = Int(item.store)
            // Read in place (`withSentence(of:at:of:in:_:)`): no request.
            if store < pinned.count, pinned[store].bytes(at: item.text.position, length: Int(item.textLength)) != nil, next != position {
                next += 1
                continue
            }
            if requests[store].isEmpty { touched.append(store) }
            requests[store].append(.init(offset: item.text.position, length: UInt32(item.textLength), slot: Int32(next - position)))
            bytes += Int(item.textLength)
            next += 1
        }
        first = position
        end = next
        if starts.count < end - first { starts += Array(repeating: 0, count: end - first - starts.count) }
        buffer.removeAll()
        touched.sort()
        starts.withUnsafeMutableBufferPointer { starts in
            for store in touched {
                if radixSorts {
                    Self.sortByOffset(&requests[store], scratch: &sortScratch, counts: &byteCounts)
                } else {
                    requests[store].sort { $0.offset < $1.offset }
                }
                requests[store].withUnsafeBufferPointer { partial.stores[store].read($0, into: &buffer, starts: starts.baseAddress!) }
            }
        }
    }

    /// Whether windows are sorted by `sortByOffset` (tests turn it off to compare with `sort`).
    var radixSorts = true

    /// Sorts `requests` by offset, stably: insertion for a few, else a least-significant-digit
    /// radix sort by bytes that skips the bytes all offsets share (a window's offsets lie in a
    /// few megabytes: three or four passes). A closure `sort` cost several times as much.
    ///
    /// - Complexity: O(n) per byte that differs, at most eight; O(n²) for n ≤ 24.
    static func sortByOffset(_ requests: inout [SentenceTextStore.Request], scratch: inout [SentenceTextStore.Request], counts: inout [Int]) {
        let count = requests.count
        guard count > 1 else { return }
        if count <= 24 {
            requests.withUnsafeMutableBufferPointer { requests in
                for index in 1..<count {
                    let request = requests[index]
                    var position = index
                    while position > 0 && requests[position - 1].offset > request.offset {
                        requests[position] = requests[position - 1]
                        position -= 1
                    }
                    requests[position] = request
                }
            }
            return
        }
        if counts.count < 256 { counts = Array(repeating: 0, count: 256) }
        if scratch.count < count { scratch = Array(repeating: requests[0], count: count) }
        // The bits in which some offset differs from the first: only those bytes need a pass.
        let differing = requests.withUnsafeBufferPointer { requests in
            let firstOffset = requests[0].offset
            var differing: UInt64 = 0
            for request in requests { differing |= request.offset ^ firstOffset }
            return differing
        }
        counts.withUnsafeMutableBufferPointer { counts in
            for digit in 0..<8 where differing >> UInt64(digit << 3) & 0xFF != 0 {
                let shift = UInt64(digit << 3)
                for bucket in 0..<256 { counts[bucket] = 0 }
                requests.withUnsafeBufferPointer { requests in
                    for request in requests { counts[Int(truncatingIfNeeded: request.offset >> shift & 0xFF)] += 1 }
                }
                var sum = 0
                for bucket in 0..<256 {
                    let here = counts[bucket]
                    counts[bucket] = sum
                    sum += here
                }
                requests.withUnsafeBufferPointer { requests in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        for request in requests {
                            let bucket = Int(truncatingIfNeeded: request.offset >> shift & 0xFF)
                            scratch[counts[bucket]] = request
                            counts[bucket] += 1
                        }
                    }
                }
                // The sorted pass becomes the input of the next (only `count` of `scratch` is used).
                requests.withUnsafeMutableBufferPointer { requests in
                    scratch.withUnsafeBufferPointer { scratch in
                        requests.baseAddress!.update(from: scratch.baseAddress!, count: count)
                    }
                }
            }
        }
    }
}

/// Sorts the evidence records of one relation after another, reusing its key buffer.
struct EvidenceSorter {
    /// `Evidence`'s order as integers: (document rank, start), (end, trigger rank), date rank.
    private struct Key: Comparable {
        var first: UInt64
        var second: UInt64
        var date: Int32
        var record: Int32
        /// Position in the input: equal evidence keeps its input order, so the first one given
        /// is the one kept (`sort` is not documented stable).
        var position: Int32

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.first, lhs.second, lhs.date, lhs.position) < (rhs.first, rhs.second, rhs.date, rhs.position)
        }

        func sameEvidence(_ other: Key) -> Bool {
            first == other.first && second == other.second && date == other.date
        }
    }

    /// The partial graph's evidence table: only it, not the whole graph, whose copy the
    /// sorter's methods moved around (a `memcpy` per key).
    private let evidence: ChunkedArray<PartialGraph.StoredEvidence>
    private let rank: [Int32]
    private var keys: [Key] = []

    init(_ partial: PartialGraph, rank: [Int32]) {
        evidence = partial.evidence
        self.rank = rank
    }

    private func key(_ record: Int32, position: Int) -> Key {
        let item = evidence[Int(record)]
        return Key(
            first: UInt64(UInt32(rank[Int(item.document)])) << 32 | UInt64(item.start),
            second: UInt64(item.end) << 32 | UInt64(UInt32(rank[Int(item.trigger)])),
            date: item.date < 0 ? -1 : rank[Int(item.date)], record: record, position: Int32(position)
        )
    }

    /// Appends `records` sorted (stably) and without repeats to `result`; of equal evidence, the
    /// first in `records` is kept.
    ///
    /// - Complexity: O(n log n) for n records.
    mutating func appendSortedDistinct(_ records: some RandomAccessCollection<Int32>, to result: inout [Int32]) {
        guard !records.isEmpty else { return }
        let start = result.count
        result.append(contentsOf: repeatElement(0, count: records.count))
        let written = result.withUnsafeMutableBufferPointer { writeSortedDistinct(records, to: $0.baseAddress! + start) }
        result.removeLast(records.count - written)
    }

    /// `appendSortedDistinct` into memory: stores the records at `destination`, which has room
    /// for `records.count`, and returns how many it stored.
    ///
    /// - Complexity: O(n log n) for n records.
    mutating func writeSortedDistinct(_ records: some RandomAccessCollection<Int32>, to destination: UnsafeMutablePointer<Int32>) -> Int {
        if records.count == 1 {
            destination[0] = records.first!
            return 1
        }
        if records.count == 2 {
            // Most relations with more than one record have two: compared directly, without
            // filling and sorting the key buffer (the same order and the same record kept).
            let first = key(records.first!, position: 0), second = key(records[records.index(after: records.startIndex)], position: 1)
            if first.sameEvidence(second) {
                destination[0] = first.record
                return 1
            }
            let ordered = second < first ? (second, first) : (first, second)
            destination[0] = ordered.0.record
            destination[1] = ordered.1.record
            return 2
        }
        keys.removeAll(keepingCapacity: true)
        for (position, record) in records.enumerated() { keys.append(key(record, position: position)) }
        keys.sort()
        var previous: Key?
        var written = 0
        for key in keys {
            if let previous, previous.sameEvidence(key) { continue }
            previous = key
            destination[written] = key.record
            written &+= 1
        }
        return written
    }
}

extension PartialGraph {
    /// Relation kinds by packed code.
    static let kindsByCode: [RelationKind] = (0..<RelationKind.allCases.count).map { RelationKind.withCode(UInt8($0)) }

    // The three below read and write `pack`'s layout without decoding the kind, which costs
    // a table lookup each way; the tests hold them to `pack` and `unpack`.

    /// The two name numbers of a packed key.
    static func unpackNames(_ packed: UInt64) -> (source: Int32, target: Int32) {
        (Int32(packed >> 36), Int32(packed >> 8 & 0x0FFF_FFFF))
    }

    /// The kind code of a packed key (`kindsByCode` index).
    static func kindCode(_ packed: UInt64) -> Int { Int(packed & 0xFF) }

    /// `pack(source, target, kind)` with the kind of `packed`.
    static func repack(_ packed: UInt64, _ source: Int32, _ target: Int32) -> UInt64 {
        UInt64(source) << 36 | UInt64(target) << 8 | packed & 0xFF
    }
}
