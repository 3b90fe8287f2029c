import Collections

/// Writing evidence sentences to the temporary file in about the order the graph file reads them.
///
/// Why: the graph file lists relations by source and target name, and each relation's
/// evidence with it, while sentences are stored in corpus order. Written as they came, the
/// sentences of a batch of relations (`GraphJSON.relationBatchSize`) lie all over the file, and
/// reading them back took one `pread` per cluster of neighbours: on 100 MB of news, 127,676
/// calls reading 117 MB (gaps included) for 33 MB of text. Each time the store's memory is
/// full, the graph instead writes its sentences sorted by the first letters of their relation's
/// source and target names (what the graph file sorts by, before cross-document resolution
/// renames a few), so that a batch finds its sentences in one run per spill: 6–7 thousand
/// calls reading about the text itself. A sentence that states relations under several keys
/// is written once per key (about a tenth more bytes on disk).
///
/// The order only decides where bytes go in the file: records are moved with their sentence,
/// so the graph and every file written from it are the same. It applies only while the graph
/// is the store's only owner and every record of the store's memory is one the graph added
/// itself; otherwise (copies of the graph value, a merge) the store spills as it comes.
struct SpillOrder {
    /// Index in `stores` of the store this follows (the appending store), or −1: not followed.
    var store = -1
    /// Evidence records from here on were added while the store's memory started at `start`.
    var firstRecord = 0
    /// The sort key of each record from `firstRecord` on (`PartialGraph.spillKey`).
    var keys: [UInt64] = []
    /// The store offsets of the bytes in memory, as far as the records reach.
    var start: UInt64 = 0
    var end: UInt64 = 0
    /// Names' keys (`NamePrefixCache`), kept from record to record.
    var prefixes = NamePrefixCache()
}

extension PartialGraph {
    /// Stops following the appending store: it spills its bytes itself from now on.
    mutating func stopSpillOrder() {
        guard spillOrder.store >= 0 else { return }
        stores[spillOrder.store].deferSpills(false)
        spillOrder = SpillOrder()
    }

    /// Records the sort key of the record `addRelation` is adding (its relation's names,
    /// those of a symmetric kind in key order as `finalRelations` puts them) and how far its
    /// sentence reaches.
    @inline(__always)
    mutating func noteSpillKey(source: Int32, target: Int32, kind: RelationKind, reference: SentenceTextStore.Reference) {
        var from = spillOrder.prefixes.key(of: source, in: strings), to = spillOrder.prefixes.key(of: target, in: strings)
        if kind.isSymmetric && to < from { swap(&from, &to) }
        spillOrder.keys.append(from | to >> 36)
        spillOrder.end = max(spillOrder.end, reference.offset + UInt64(reference.length))
    }

    /// Writes the bytes in the appending store's memory to its file in the order of the sort
    /// keys of their records, moving the records (and `lastSentence`) along; or, when the store
    /// is shared or its memory holds bytes of other records, as they are.
    ///
    /// - Complexity: O(r + b) for the r records and b bytes in memory (a radix sort of r keys).
    mutating func spillInOrder() {
        let index = spillOrder.store
        let start = spillOrder.start, count = Int(spillOrder.end - spillOrder.start)
        if !(ownsStore(index) && spillOrder.keys.count == evidence.count - spillOrder.firstRecord && writeInOrder(start: start, count: count)) {
            // As the store would have spilled by itself; the records keep their offsets.
            stores[index].spillNow()
            let end = stores[index].count
            spillOrder.start = end
            spillOrder.end = end
        }
        spillOrder.firstRecord = evidence.count
        spillOrder.keys.removeAll(keepingCapacity: true)
    }

    /// `spillInOrder()` for the records from `spillOrder.firstRecord` on; `false` (nothing
    /// changed) if the store refuses the order (its memory is not `count` bytes from `start`).
    private mutating func writeInOrder(start: UInt64, count: Int) -> Bool {
        let first = spillOrder.firstRecord, store = UInt16(spillOrder.store)
        guard count < Int(UInt32.max) else { return false }
        // The records with bytes in memory (a record may point before `start`: the last
        // sentence of the batch before), as positions from `first`, with their keys, offsets
        // (from `start`) and lengths.
        var keys: [UInt64] = [], positions: [Int32] = []
        var offsets = [UInt32](repeating: 0, count: spillOrder.keys.count), lengths = [UInt16](repeating: 0, count: spillOrder.keys.count)
        keys.reserveCapacity(spillOrder.keys.count)
        positions.reserveCapacity(spillOrder.keys.count)
        var fits = true
        spillOrder.keys.withUnsafeBufferPointer { recordKeys in
            evidence.forEachBlock(from: first) { base, items in
                for (offset, item) in items.enumerated() where item.store == store && item.textOffset >= start {
                    let position = base + offset - first
                    if item.textOffset + UInt64(item.textLength) > start + UInt64(count) { fits = false }
                    keys.append(recordKeys[position])
                    positions.append(Int32(position))
                    offsets[position] = UInt32(item.textOffset - start)
                    lengths[position] = item.textLength
                }
            }
        }
        guard fits else { return false }
        // Stable: records under one key keep the order they were added in.
        Self.sortSpillKeys(&keys, carrying: &positions)
        // Each record's new offset; a record whose sentence and key are the previous one's shares its copy.
        var segments: [(offset: UInt32, length: UInt32)] = []
        var moved = [UInt32](repeating: 0, count: offsets.count)
        segments.reserveCapacity(positions.count)
        var written: UInt32 = 0
        var previous: (key: UInt64, offset: UInt32, moved: UInt32) = (0, .max, 0)
        for rank in positions.indices {
            let position = Int(positions[rank])
            let offset = offsets[position]
            if offset == previous.offset && keys[rank] == previous.key {
                moved[position] = previous.moved
                continue
            }
            let length = UInt32(lengths[position])
            moved[position] = written
            segments.append((offset, length))
            previous = (keys[rank], offset, written)
            let (sum, overflow) = written.addingReportingOverflow(length)
            guard !overflow else { return false }
            written = sum
        }
        let done = segments.withUnsafeBufferPointer { stores[Int(store)].spill(segments: $0, start: start, count: count) }
        guard done else { return false }
        // Moved: every record with bytes in memory (all of them got a position above).
        updateEvidence(from: first) { base, items in
            for offset in items.indices where items[offset].store == store && items[offset].textOffset >= start {
                items[offset].textOffset = start + UInt64(moved[base + offset - first])
            }
        }
        if let last = lastSentence, last.store == Int(store), last.reference.offset >= start, evidence.count > first {
            // The newest record holds the last sentence (`addRelation` set both).
            lastSentence = (last.store, last.document, last.start, evidence[evidence.count - 1].text)
        }
        spillOrder.start = start + UInt64(written)
        spillOrder.end = spillOrder.start
        return true
    }

    /// Sorts `keys` (48 bits: `NamePrefixCache` keys of a source and a target) ascending,
    /// stably, moving `values` along: four passes of 12 bits, skipping those all keys share.
    ///
    /// - Complexity: O(n) per pass.
    static func sortSpillKeys(_ keys: inout [UInt64], carrying values: inout [Int32]) {
        let count = keys.count
        guard count > 1 else { return }
        let bits = 12, passes = 4, buckets = 1 << bits, mask = UInt64(buckets - 1)
        var counts = [Int32](repeating: 0, count: passes * buckets)
        var otherKeys = [UInt64](repeating: 0, count: count), otherValues = [Int32](repeating: 0, count: count)
        counts.withUnsafeMutableBufferPointer { counts in
            keys.withUnsafeBufferPointer { keys in
                for key in keys {
                    for pass in 0..<passes { counts[pass * buckets + Int(truncatingIfNeeded: key >> UInt64(pass * bits) & mask)] += 1 }
                }
            }
            for pass in 0..<passes {
                let base = pass * buckets, shift = UInt64(pass * bits)
                if counts[base + Int(truncatingIfNeeded: keys[0] >> shift & mask)] == Int32(count) { continue }
                var sum: Int32 = 0
                for bucket in 0..<buckets {
                    let here = counts[base + bucket]
                    counts[base + bucket] = sum
                    sum += here
                }
                keys.withUnsafeBufferPointer { keys in
                    values.withUnsafeBufferPointer { values in
                        otherKeys.withUnsafeMutableBufferPointer { otherKeys in
                            otherValues.withUnsafeMutableBufferPointer { otherValues in
                                for index in 0..<count {
                                    let key = keys[index]
                                    let slot = base + Int(truncatingIfNeeded: key >> shift & mask)
                                    let position = Int(counts[slot])
                                    counts[slot] += 1
                                    otherKeys[position] = key
                                    otherValues[position] = values[index]
                                }
                            }
                        }
                    }
                }
                swap(&keys, &otherKeys)
                swap(&values, &otherValues)
            }
        }
    }
}

/// Names as 36-bit sort keys: their first six characters, six bits each (letters by their
/// place in the alphabet whatever their case, after digits, spaces and punctuation; other
/// bytes last), remembered for the last 1,024 ids seen (direct-mapped): a relation's names
/// repeat from record to record. The keys order names about as the graph file does, which
/// is all the spill order needs (it decides only where bytes go in the file).
struct NamePrefixCache {
    private var ids = [Int32](repeating: -1, count: 1024)
    private var keys = [UInt64](repeating: 0, count: 1024)

    /// The key of name `id` in the top 36 of 48 bits (the low 12 bits zero).
    @inline(__always)
    mutating func key(of id: Int32, in strings: OrderedSet<String>) -> UInt64 {
        let slot = Int(id) & 1023
        if ids[slot] == id { return keys[slot] }
        let key = Self.key(strings[Int(id)])
        ids[slot] = id
        keys[slot] = key
        return key
    }

    static func key(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { bytes in
            var key: UInt64 = 0
            for offset in 0..<6 {
                let byte = offset < bytes.count ? bytes[offset] : 0
                let code: UInt64
                switch byte {
                case 0: code = 0
                case 0x41...0x5A, 0x61...0x7A: code = UInt64(byte & 0x1F) + 16
                case ..<0x40: code = UInt64(byte >> 2)
                default: code = 63
                }
                key = key << 6 | code
            }
            return key << 12
        }
    }
}
