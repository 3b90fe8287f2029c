import Collections
import Foundation

/// The partial-graph exchange format of `relgraph extract` and `relgraph merge`: JSON Lines,
/// one record a line, so a distributed engine (Spark `rdd.pipe`, Hadoop Streaming) can move,
/// split and concatenate partial graphs as plain text.
///
///     {"format":"relgraph-partial","record":"header","version":1}
///     {"date":"2024-05-01","name":"a.txt","record":"document"}
///     {"aliases":["Musk"],"documents":["a.txt"],"mentions":3,"name":"Elon Musk","record":"entity","types":{"person":3}}
///     {"evidence":[{…}],"record":"relation","source":"Elon Musk","target":"OpenAI","type":"sued"}
///
/// Records are written sorted — documents by name, entities by name, relations by key — with
/// sorted keys, so the same partial graph always gives the same bytes. Reading merges every
/// record into one `PartialGraph`, so the concatenation of several partial files (headers
/// and all) reads as their merge — even sorted line by line, as Hadoop Streaming sorts map
/// output: the header may come anywhere, but must come.
public enum PartialGraphJSONLines {
    public static let formatName = "relgraph-partial"
    public static let schemaVersion = 1

    /// One line, as read (and as the tests' reference `JSONEncoder` writes it).
    struct Record: Codable {
        var record: String
        var format: String?
        var version: Int?
        var name: String?
        var date: String?
        var types: [String: Int]?
        var aliases: [String]?
        var mentions: Int?
        var documents: [String]?
        var source: String?
        var target: String?
        var type: RelationKind?
        var evidence: [Evidence]?

        init(record: String) {
            self.record = record
        }
    }

    /// The whole encoding of `partial` (see `write(_:to:)` to stream it instead), for tests.
    ///
    /// Internal, because it traps if an evidence sentence cannot be read back from a store's
    /// temporary file; callers outside the module use `write(_:toFile:)` and `write(_:to:)`,
    /// which throw.
    static func encode(_ partial: PartialGraph) -> Data {
        var data = Data()
        do {
            try write(partial) { data.append($0) }
        } catch {
            preconditionFailure("\(error)")
        }
        return data
    }

    /// Encodes `partial` as a stream, handing the bytes to `sink` in blocks of about a megabyte.
    ///
    /// Written from the partial graph's ids and stored sentences, one record at a time, so a
    /// large partial graph is never turned into `String`s and `Set`s all at once. The layout
    /// is `JSONEncoder`'s with `[.sortedKeys, .withoutEscapingSlashes]` (tested).
    ///
    /// - Throws: `OutputError.evidenceUnreadableInStream` when a sentence could not be read back
    ///   from a store's temporary file; blocks already handed to `sink` are then incomplete.
    public static func write(_ partial: PartialGraph, to sink: (Data) -> Void) throws(OutputError) {
        try withoutActuallyEscaping(sink) { (sink) throws(OutputError) in
            var writer = PrettyJSONWriter.compact { (bytes: UnsafeRawBufferPointer) throws(OutputError) in sink(Data(bytes)) }
            try write(partial, into: &writer, streaming: true)
        }
    }

    /// Saves `partial` as the file `path`, atomically (`AtomicFile`): on any error, including
    /// `OutputError.evidenceUnreadable`, nothing is published at `path`.
    public static func write(_ partial: PartialGraph, toFile path: String) throws(OutputError) {
        try AtomicFile.write(to: path) { (sink: AtomicFile.Sink) throws(OutputError) in
            var writer = PrettyJSONWriter.compact { (bytes: UnsafeRawBufferPointer) throws(OutputError) in try sink.write(bytes) }
            try write(partial, into: &writer, streaming: false)
        }
    }

    /// - Parameter streaming: Whether bytes already flushed are out of reach (a stream) rather
    ///   than in a temporary file that an error discards; it picks the error's message.
    static func write(_ partial: PartialGraph, into writer: inout PrettyJSONWriter, streaming: Bool) throws(OutputError) {
        let strings = partial.strings
        let rank = partial.stringRanks()
        func sortedByRank(_ ids: some Sequence<Int32>) -> [Int32] { ids.sorted { rank[Int($0)] < rank[Int($1)] } }

        writer.beginObject()
        writer.key("format"); writer.string(formatName)
        writer.key("record"); writer.string("header")
        writer.key("version"); writer.int(schemaVersion)
        try writer.endObject()
        try writer.newline()
        for (name, date) in partial.documentEntries().sorted(by: { rank[Int($0.name)] < rank[Int($1.name)] }) {
            writer.beginObject()
            if date >= 0 { writer.key("date"); writer.string(strings[Int(date)]) }
            writer.key("name"); writer.string(strings[Int(name)])
            writer.key("record"); writer.string("document")
            try writer.endObject()
            try writer.newline()
        }
        for (name, entity) in partial.entityEntries().sorted(by: { rank[Int($0.name)] < rank[Int($1.name)] }) {
            writer.beginObject()
            writer.key("aliases"); try writeStrings(sortedByRank(entity.aliases), strings, into: &writer)
            writer.key("documents"); try writeStrings(sortedByRank(Set(entity.documents)), strings, into: &writer)
            writer.key("mentions"); writer.int(entity.mentions)
            writer.key("name"); writer.string(strings[Int(name)])
            writer.key("record"); writer.string("entity")
            writer.key("types")
            writer.beginObject()
            for (type, count) in entity.typeVotes.entriesByName {
                writer.key(string: type.rawValue); writer.int(count)
            }
            try writer.endObject()
            try writer.endObject()
            try writer.newline()
        }
        // One sorter and one sentence window for all relations.
        var sorter = EvidenceSorter(partial, rank: rank)
        var records: [Int32] = []
        var texts = EvidenceTexts()
        for relation in partial.relationOrder(rank: rank) {
            let (source, target, kind) = PartialGraph.unpack(partial.relationKeys[relation])
            records.removeAll(keepingCapacity: true)
            sorter.appendSortedDistinct(partial.evidenceRecords(ofRelation: relation), to: &records)
            texts.reset()
            writer.beginObject()
            writer.key("evidence")
            writer.beginArray()
            for position in records.indices {
                let item = partial.evidence[Int(records[position])]
                try GraphJSON.writeEvidence(
                    date: item.date < 0 ? nil : strings[Int(item.date)], document: strings[Int(item.document)],
                    end: Int(item.end), start: Int(item.start), trigger: strings[Int(item.trigger)], into: &writer
                ) { writer in
                    texts.withSentence(at: position, of: records, in: partial) { writer.string(utf8: $0) }
                }
            }
            try writer.endArray()
            writer.key("record"); writer.string("relation")
            writer.key("source"); writer.string(strings[Int(source)])
            writer.key("target"); writer.string(strings[Int(target)])
            writer.key("type"); writer.string(kind.rawValue)
            try writer.endObject()
            try writer.newline()
        }
        try partial.checkEvidenceReads(streaming: streaming)
        try writer.flushRemaining()
    }

    private static func writeStrings(_ ids: [Int32], _ strings: OrderedSet<String>, into writer: inout PrettyJSONWriter) throws(OutputError) {
        writer.beginArray()
        for id in ids {
            writer.element()
            writer.string(strings[Int(id)])
        }
        try writer.endArray()
    }

    /// Decodes a partial-graph file (or several concatenated).
    public static func decode(_ data: Data, source: String) throws(PartialGraphFileError) -> PartialGraph {
        var partial = PartialGraph()
        var reader = PartialGraphReader(source: source)
        try reader.read(data, into: &partial)
        try reader.finish()
        return partial
    }

    /// Reads a partial-graph stream from `handle` in blocks, merging it into `partial`.
    public static func read(_ handle: FileHandle, source: String, into partial: inout PartialGraph) throws(PartialGraphFileError) {
        var reader = PartialGraphReader(source: source)
        var pending = Data()
        while true {
            let block = handle.readData(ofLength: 1 << 20)
            if block.isEmpty { break }
            pending.append(block)
            guard let newline = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            try reader.read(pending[pending.startIndex...newline], into: &partial)
            pending = Data(pending[pending.index(after: newline)...])
        }
        try reader.read(pending, into: &partial)
        try reader.finish()
    }

    /// Line-by-line decoder that remembers line numbers and whether a header was seen.
    private struct PartialGraphReader {
        let source: String
        var line = 0
        var sawHeader = false
        var records = 0
        let decoder = JSONDecoder()

        init(source: String) {
            self.source = source
        }

        mutating func read(_ data: Data, into partial: inout PartialGraph) throws(PartialGraphFileError) {
            for text in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                line += 1
                if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                guard let record = try? decoder.decode(Record.self, from: text) else {
                    throw records == 0 && !sawHeader ? .notAPartialGraph(path: source) : .badLine(path: source, line: line)
                }
                records += 1
                try apply(record, to: &partial)
            }
            // `split` counts the empty piece after a final newline as a line; undo that.
            if data.last == UInt8(ascii: "\n") { line -= 1 }
        }

        func finish() throws(PartialGraphFileError) {
            guard sawHeader || line == 0 else { throw .notAPartialGraph(path: source) }
        }

        private mutating func apply(_ record: Record, to partial: inout PartialGraph) throws(PartialGraphFileError) {
            if record.record == "header" {
                guard record.format == PartialGraphJSONLines.formatName, let version = record.version else {
                    throw .notAPartialGraph(path: source)
                }
                guard version <= PartialGraphJSONLines.schemaVersion else {
                    throw .newerVersion(path: source, version: version, supported: PartialGraphJSONLines.schemaVersion)
                }
                sawHeader = true
                return
            }
            // Validated first, then added: adding merges, so a bad line leaves `partial` as it was.
            switch record.record {
            case "document":
                guard let name = record.name else { throw .badLine(path: source, line: line) }
                partial.addDocument(DocumentInfo(name: name, date: record.date))
            case "entity":
                guard let name = record.name, let types = record.types, let mentions = record.mentions else {
                    throw .badLine(path: source, line: line)
                }
                var votes: [EntityType: Int] = [:]
                for (type, count) in types {
                    guard let entityType = EntityType(rawValue: type) else { throw .badLine(path: source, line: line) }
                    votes[entityType] = count
                }
                let entity = PartialGraph.EntityRecord(
                    typeVotes: votes, aliases: Set(record.aliases ?? []), mentions: mentions,
                    documents: Set(record.documents ?? [])
                )
                // Negative or huge counts (only a crafted file has them) are refused before
                // any sum of them could overflow.
                guard partial.addEntityRead(name, entity) else { throw .badCounts(path: source, line: line) }
            case "relation":
                guard let source = record.source, let target = record.target, let kind = record.type else {
                    throw .badLine(path: self.source, line: line)
                }
                partial.addRelation(RelationKey(source: source, target: target, kind: kind), evidence: record.evidence ?? [])
            default:
                throw .badLine(path: source, line: line)
            }
        }
    }
}

public enum PartialGraphFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case notAPartialGraph(path: String)
    case badLine(path: String, line: Int)
    /// An entity with a negative count, or counts that take the total read past
    /// `PartialGraph.readCountLimit`.
    case badCounts(path: String, line: Int)
    case newerVersion(path: String, version: Int, supported: Int)

    public var description: String {
        switch self {
        case .unreadable(let path):
            "cannot read partial graph '\(path)': check that the file exists and is readable"
        case .notAPartialGraph(let path):
            "'\(path)' is not a relgraph partial graph (no {\"format\":\"relgraph-partial\"} header line); make it with 'relgraph extract'"
        case .badLine(let path, let line):
            "'\(path)' line \(line): not a partial-graph record (document, entity or relation); was the file cut short?"
        case .badCounts(let path, let line):
            "'\(path)' line \(line): an entity's mention or type count is negative, or the counts read add up past 2^61"
        case .newerVersion(let path, let version, let supported):
            "'\(path)' has partial-graph version \(version); this relgraph reads up to \(supported): upgrade relgraph"
        }
    }
}
