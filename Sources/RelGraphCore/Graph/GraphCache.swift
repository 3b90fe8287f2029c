import Foundation

/// A compact binary copy of a saved graph, kept beside it (`corpus.json.cache`) so queries
/// need not decode JSON: every string is stored once in a table, relations refer to their
/// entities by position, and loading is a few linear passes over the bytes.
///
/// The cache records the JSON file's size and modification time and is ignored (and
/// rewritten) as soon as either changes, so it can never answer for another graph. It is an
/// optimization only: deleting it is always safe.
///
/// Layout (little-endian): `RGQC`, version, JSON size and mtime, counts, the string table
/// (offsets then UTF-8 bytes), then documents, entities, relations and evidence as
/// fixed-width records of string ids and numbers.
public enum GraphCache {
    public static let fileExtension = "cache"
    static let magic: UInt32 = 0x4351_4752 // "RGQC"
    static let version: UInt32 = 2

    /// Each relation's endpoints as positions in `entities`.
    public struct Endpoints: Sendable {
        public var sources: [Int32]
        public var targets: [Int32]
    }

    /// A graph with the endpoints of its relations. Loaded with `lazyEvidence`, relations
    /// have no evidence in `graph`: `weights` holds their sentence counts and `evidence`
    /// reads their sentences from the cache on demand.
    public struct Loaded: Sendable {
        public var graph: RelationGraph
        public var endpoints: Endpoints
        public var weights: [Double]? = nil
        public var evidence: EvidenceStore? = nil
    }

    /// The evidence records of a cache, read only when a query prints them.
    public struct EvidenceStore: Sendable {
        let data: Data
        let endsBase: Int
        let stringCount: Int
        let stringsBase: Int
        let evidenceBase: Int
        /// Record range of relation `r`: `firstRecord[r] ..< firstRecord[r + 1]`.
        let firstRecord: [Int]
        static let recordSize = 32

        /// Number of evidence records in all.
        public var count: Int { firstRecord.last ?? 0 }

        /// The evidence of relation `relation` (a position in the cached graph's relations).
        public func evidence(ofRelation relation: Int) -> [Evidence] {
            data.withUnsafeBytes { raw in
                func end(_ id: Int) -> Int {
                    Int(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: endsBase + id * 8, as: UInt64.self)))
                }
                func string(_ id: UInt32) -> String? {
                    guard id != .max, Int(id) < stringCount else { return nil }
                    let lower = end(Int(id)), upper = end(Int(id) + 1)
                    guard 0 <= lower, lower <= upper, stringsBase + upper <= raw.count else { return nil }
                    return String(decoding: UnsafeRawBufferPointer(rebasing: raw[(stringsBase + lower)..<(stringsBase + upper)]), as: UTF8.self)
                }
                return (firstRecord[relation]..<firstRecord[relation + 1]).map { record in
                    var reader = Reader(raw: raw)
                    reader.position = evidenceBase + record * Self.recordSize
                    let document = string(reader.u32()) ?? "", sentence = string(reader.u32()) ?? ""
                    let start = Int(reader.i64()), end = Int(reader.i64())
                    let trigger = string(reader.u32()) ?? "", date = string(reader.u32())
                    return Evidence(document: document, sentence: sentence, start: start, end: end, trigger: trigger, date: date)
                }
            }
        }

        /// Distinct (document, sentence start) pairs over the evidence of `relations`.
        public func sentenceCount(ofRelations relations: [Int]) -> Double {
            struct Sentence: Hashable { var document: UInt32; var start: Int64 }
            return data.withUnsafeBytes { raw in
                var seen = Set<Sentence>()
                for relation in relations {
                    for record in firstRecord[relation]..<firstRecord[relation + 1] {
                        let offset = evidenceBase + record * Self.recordSize
                        seen.insert(Sentence(
                            document: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self),
                            start: raw.loadUnaligned(fromByteOffset: offset + 8, as: Int64.self)
                        ))
                    }
                }
                return Double(seen.count)
            }
        }
    }

    /// The cache path of a graph file.
    public static func path(for graphPath: String) -> String { graphPath + "." + fileExtension }

    /// The graph saved at `graphPath`, from its cache when the cache is current, else from
    /// the JSON (then writing the cache, silently skipping it when the folder is read-only).
    /// Only a regular file has a cache: a named pipe or a `/proc` file may give other bytes
    /// each time it is read, with the same size and modification time.
    ///
    /// - Throws: `GraphFileError` when the JSON is missing or invalid.
    /// - Parameter lazyEvidence: Leave evidence in the cache until asked for (see `Loaded`);
    ///   only worth it, and only correct, for queries that do not filter evidence.
    public static func load(graphPath: String, lazyEvidence: Bool = false) throws(GraphFileError) -> Loaded {
        guard let stamp = Stamp(path: graphPath) else { throw .missing(path: graphPath) }
        let cachePath = path(for: graphPath)
        let cached = isRegularFile(graphPath)
        // Read, not mapped: a mapped cache that another program truncates would crash the
        // query (`SIGBUS`) when evidence is read from it later.
        if cached, isRegularFile(cachePath), let contents = FileContents(path: cachePath), contents.isRegular,
           let loaded = decode(contents.takeData(), expecting: stamp, lazyEvidence: lazyEvidence) {
            return loaded
        }
        let graph = try GraphJSON.read(path: graphPath)
        if cached { try? write(graph, stamp: stamp, to: cachePath) }
        let index = graph.entityIndex()
        return Loaded(graph: graph, endpoints: Endpoints(
            sources: graph.relations.map { Int32(index[$0.source] ?? -1) },
            targets: graph.relations.map { Int32(index[$0.target] ?? -1) }
        ))
    }

    /// Writes the cache of `graph`, just saved as JSON at `graphPath`, so that even the
    /// first query after `relgraph build` skips the JSON.
    public static func write(_ graph: RelationGraph, graphPath: String) throws(OutputError) {
        guard let stamp = Stamp(path: graphPath) else { throw .cannotWrite(path: path(for: graphPath)) }
        try write(graph, stamp: stamp, to: path(for: graphPath))
    }

    /// Writes the cache of the graph file at `graphPath`, read from the file itself.
    ///
    /// - Throws: `GraphFileError` when the file is missing or invalid; `OutputError` when the
    ///   cache cannot be written.
    public static func write(graphPath: String) throws {
        guard let stamp = Stamp(path: graphPath) else { throw GraphFileError.missing(path: graphPath) }
        let graph = try GraphJSON.read(path: graphPath)
        try write(graph, stamp: stamp, to: path(for: graphPath))
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The JSON file's identity: size and modification time in nanoseconds.
    struct Stamp: Equatable {
        var size: UInt64
        var modified: Int64

        init(size: UInt64, modified: Int64) {
            self.size = size
            self.modified = modified
        }

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            size = UInt64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        }
    }

    // MARK: Writing

    /// Writes the cache of `graph` to `path` in its three parts, without joining them.
    static func write(_ graph: RelationGraph, stamp: Stamp, to path: String) throws(OutputError) {
        var (head, text, body) = encodeParts(graph, stamp: stamp)
        try AtomicFile.write(to: path) { (sink: AtomicFile.Sink) throws(OutputError) in
            try sink.write(&head)
            try sink.write(&text)
            try sink.write(&body)
        }
    }

    /// The cache as header (with the string offsets), string bytes and body, which joined
    /// are the file. The table of string ids is gone on return: only its bytes are kept.
    private static func encodeParts(_ graph: RelationGraph, stamp: Stamp) -> (head: [UInt8], text: [UInt8], body: [UInt8]) {
        let evidenceTotal = graph.relations.reduce(0) { $0 + $1.evidence.count }
        // Ids of distinct strings in order of first use; keyed by bytes, cheaper than hashing
        // `String`s (sentences are most of them).
        var strings = ByteStringSet(expected: graph.documents.count + graph.entities.count + evidenceTotal + 16)
        func id(_ text: String?) -> UInt32 {
            guard var text else { return .max }
            return UInt32(text.withUTF8 { strings.id($0) })
        }
        let entityIndex = graph.entityIndex()
        var body = Writer()
        for document in graph.documents { body.u32(id(document.name)); body.u32(id(document.date)) }
        for entity in graph.entities {
            body.u32(id(entity.name)); body.u32(UInt32(entity.type.rank)); body.i64(Int64(entity.mentions))
            body.u32(UInt32(entity.aliases.count)); for alias in entity.aliases { body.u32(id(alias)) }
            body.u32(UInt32(entity.documents.count)); for document in entity.documents { body.u32(id(document)) }
        }
        var evidenceCount = 0
        for relation in graph.relations {
            body.u32(UInt32(bitPattern: Int32(entityIndex[relation.source] ?? -1)))
            body.u32(UInt32(bitPattern: Int32(entityIndex[relation.target] ?? -1)))
            body.u32(UInt32(RelationKind.allCases.firstIndex(of: relation.kind)!))
            body.u32(UInt32(relation.evidence.count))
            body.u32(UInt32(GraphIndex.sentenceCount(relation)))
            evidenceCount += relation.evidence.count
        }
        body.bytes.reserveCapacity(body.bytes.count + evidenceCount * EvidenceStore.recordSize)
        for relation in graph.relations {
            for item in relation.evidence {
                body.u32(id(item.document)); body.u32(id(item.sentence)); body.i64(Int64(item.start)); body.i64(Int64(item.end))
                body.u32(id(item.trigger)); body.u32(id(item.date))
            }
        }
        var out = Writer()
        out.bytes.reserveCapacity(64 + (strings.count + 1) * 8)
        out.u32(magic); out.u32(version); out.u64(stamp.size); out.i64(stamp.modified)
        for count in [graph.documents.count, graph.entities.count, graph.relations.count, evidenceCount, strings.count] {
            out.u64(UInt64(count))
        }
        for end in strings.ends { out.u64(UInt64(end)) }
        return (out.bytes, strings.bytes, body.bytes)
    }

    struct Writer {
        var bytes: [UInt8] = []
        mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }
    }

    // MARK: Reading

    /// The graph in `data`, or `nil` when it is not a cache of this version for `stamp`
    /// (or is damaged).
    static func decode(_ data: Data, expecting stamp: Stamp?, lazyEvidence: Bool = false) -> Loaded? {
        data.withUnsafeBytes { raw -> Loaded? in
            var reader = Reader(raw: raw)
            guard reader.u32() == magic, reader.u32() == version else { return nil }
            let found = Stamp(size: reader.u64(), modified: reader.i64())
            if let stamp, found != stamp { return nil }
            let documentCount = reader.count(), entityCount = reader.count(), relationCount = reader.count()
            let evidenceCount = reader.count(), stringCount = reader.count()
            guard !reader.failed, stringCount < raw.count else { return nil }
            // String ends stay in the file and are read as needed.
            let endsBase = reader.position
            let base = endsBase + (stringCount + 1) * 8
            guard base <= raw.count else { return nil }
            func end(_ id: Int) -> Int {
                Int(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: endsBase + id * 8, as: UInt64.self)))
            }
            let last = end(stringCount)
            guard last >= 0, base + last <= raw.count else { return nil }
            func decodeString(_ id: Int) -> String {
                let lower = end(id), upper = end(id + 1)
                guard 0 <= lower, lower <= upper, upper <= last else { reader.failed = true; return "" }
                return String(decoding: UnsafeRawBufferPointer(rebasing: raw[(base + lower)..<(base + upper)]), as: UTF8.self)
            }
            // Eagerly, every string is made once and shared; lazily, only the ones asked for.
            let table = lazyEvidence ? [] : (0..<stringCount).map(decodeString)
            reader.position = base + last
            func string(_ id: UInt32) -> String? {
                if id == .max { return nil }
                guard Int(id) < stringCount else { reader.failed = true; return "" }
                return lazyEvidence ? decodeString(Int(id)) : table[Int(id)]
            }
            var graph = RelationGraph()
            graph.documents.reserveCapacity(documentCount)
            for _ in 0..<documentCount {
                graph.documents.append(DocumentInfo(name: string(reader.u32()) ?? "", date: string(reader.u32())))
            }
            graph.entities.reserveCapacity(entityCount)
            for _ in 0..<entityCount {
                let name = string(reader.u32()) ?? ""
                let rank = Int(reader.u32())
                let mentions = Int(reader.i64())
                let aliases = (0..<reader.count32()).map { _ in string(reader.u32()) ?? "" }
                let documents = (0..<reader.count32()).map { _ in string(reader.u32()) ?? "" }
                guard rank < EntityType.allCases.count, !reader.failed else { return nil }
                graph.entities.append(Entity(name: name, type: EntityType.allCases[rank], aliases: aliases, mentions: mentions, documents: documents))
            }
            var sources = [Int32](), targets = [Int32](), kinds = [Int](), counts = [Int](), weights = [Double]()
            sources.reserveCapacity(relationCount); targets.reserveCapacity(relationCount)
            kinds.reserveCapacity(relationCount); counts.reserveCapacity(relationCount); weights.reserveCapacity(relationCount)
            for _ in 0..<relationCount {
                sources.append(Int32(bitPattern: reader.u32()))
                targets.append(Int32(bitPattern: reader.u32()))
                kinds.append(Int(reader.u32()))
                counts.append(Int(reader.u32()))
                weights.append(Double(reader.u32()))
            }
            guard !reader.failed, counts.reduce(0, +) == evidenceCount else { return nil }
            if lazyEvidence {
                let evidenceBase = reader.position
                guard evidenceBase + evidenceCount * EvidenceStore.recordSize <= raw.count else { return nil }
                var firstRecord = [Int](repeating: 0, count: relationCount + 1)
                graph.relations.reserveCapacity(relationCount)
                for position in 0..<relationCount {
                    let source = Int(sources[position]), target = Int(targets[position])
                    guard kinds[position] < RelationKind.allCases.count, (0..<entityCount).contains(source), (0..<entityCount).contains(target)
                    else { return nil }
                    firstRecord[position + 1] = firstRecord[position] + counts[position]
                    graph.relations.append(Relation(
                        source: graph.entities[source].name, target: graph.entities[target].name,
                        kind: RelationKind.allCases[kinds[position]], evidence: []
                    ))
                }
                guard !reader.failed else { return nil }
                let store = EvidenceStore(
                    data: data, endsBase: endsBase, stringCount: stringCount, stringsBase: base,
                    evidenceBase: evidenceBase, firstRecord: firstRecord
                )
                return Loaded(graph: graph, endpoints: Endpoints(sources: sources, targets: targets), weights: weights, evidence: store)
            }
            graph.relations.reserveCapacity(relationCount)
            for position in 0..<relationCount {
                let source = Int(sources[position]), target = Int(targets[position])
                guard kinds[position] < RelationKind.allCases.count, (0..<entityCount).contains(source), (0..<entityCount).contains(target)
                else { return nil }
                var evidence: [Evidence] = []
                evidence.reserveCapacity(counts[position])
                for _ in 0..<counts[position] {
                    let document = string(reader.u32()) ?? "", sentence = string(reader.u32()) ?? ""
                    let start = Int(reader.i64()), end = Int(reader.i64())
                    let trigger = string(reader.u32()) ?? "", date = string(reader.u32())
                    evidence.append(Evidence(document: document, sentence: sentence, start: start, end: end, trigger: trigger, date: date))
                }
                graph.relations.append(Relation(
                    source: graph.entities[source].name, target: graph.entities[target].name,
                    kind: RelationKind.allCases[kinds[position]], evidence: evidence
                ))
            }
            guard !reader.failed else { return nil }
            return Loaded(graph: graph, endpoints: Endpoints(sources: sources, targets: targets))
        }
    }

    struct Reader {
        let raw: UnsafeRawBufferPointer
        var position = 0
        var failed = false

        init(raw: UnsafeRawBufferPointer) { self.raw = raw }

        mutating func u32() -> UInt32 {
            guard position + 4 <= raw.count else { failed = true; return 0 }
            defer { position += 4 }
            return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self))
        }

        mutating func u64() -> UInt64 {
            guard position + 8 <= raw.count else { failed = true; return 0 }
            defer { position += 8 }
            return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        }

        mutating func i64() -> Int64 { Int64(bitPattern: u64()) }

        /// A 32-bit count, refused when it could not fit in the file.
        mutating func count32() -> Int {
            let value = Int(u32())
            guard value <= raw.count else { failed = true; return 0 }
            return value
        }

        /// A count or offset, refused when it could not fit in the file.
        mutating func count() -> Int {
            let value = u64()
            guard value <= UInt64(raw.count) else { failed = true; return 0 }
            return Int(value)
        }
    }
}
