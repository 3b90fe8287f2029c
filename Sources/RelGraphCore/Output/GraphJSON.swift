import Foundation

/// The saved graph file (`Graphs/corpus.json`): a versioned JSON document.
///
///     { "format": "relgraph", "version": 1,
///       "documents": [...], "entities": [...], "relations": [...] }
///
/// Encoding is deterministic: keys sorted, entities and relations in `RelationGraph` order.
public enum GraphJSON {
    private struct Envelope: Decodable {
        var format: String
        var version: Int
        var documents: [DocumentInfo]
        var entities: [Entity]
        var relations: [Relation]
    }

    private struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    /// The graph file's bytes, in memory.
    public static func encode(_ graph: RelationGraph) -> Data {
        var writer = PrettyJSONWriter()
        // Without a flush closure the writer cannot fail.
        try! write(graph, into: &writer)
        return Data(writer.output.bytes)
    }

    /// Writes the graph file to `path` (atomically) a megabyte at a time, so saving a large
    /// graph never holds a second copy of it as text.
    public static func write(_ graph: RelationGraph, to path: String) throws(OutputError) {
        try AtomicFile.write(to: path) { (sink: AtomicFile.Sink) throws(OutputError) in
            var writer = PrettyJSONWriter { (bytes: UnsafeRawBufferPointer) throws(OutputError) in try sink.write(bytes) }
            try write(graph, into: &writer)
        }
    }

    static func write(_ graph: RelationGraph, into writer: inout PrettyJSONWriter) throws(OutputError) {
        try write(
            documents: graph.documents, entityCount: graph.entities.count,
            entity: { (index: Int, writer: inout PrettyJSONWriter) throws(OutputError) in try writeEntity(graph.entities[index], into: &writer) },
            into: &writer
        ) { (writer: inout PrettyJSONWriter) throws(OutputError) in
            for relation in graph.relations {
                try writeRelation(
                    source: relation.source, target: relation.target, kind: relation.kind, weight: relation.weight,
                    into: &writer
                ) { (writer: inout PrettyJSONWriter) throws(OutputError) in
                    for item in relation.evidence {
                        try writeEvidence(
                            date: item.date, document: item.document, end: item.end, start: item.start, trigger: item.trigger,
                            into: &writer
                        ) { $0.string(item.sentence) }
                    }
                }
            }
        }
    }

    /// The whole file around its relations, which `relations` writes as array elements.
    /// Field order is alphabetical, as `JSONEncoder` with `.sortedKeys` wrote it in earlier
    /// versions, so files stay byte-identical across relgraph versions.
    static func write(
        documents: [DocumentInfo], entityCount: Int, entity: (Int, inout PrettyJSONWriter) throws(OutputError) -> Void,
        into writer: inout PrettyJSONWriter,
        relations: (inout PrettyJSONWriter) throws(OutputError) -> Void
    ) throws(OutputError) {
        writer.beginObject()
        writer.key("documents")
        writer.beginArray()
        for document in documents {
            writer.element()
            writer.beginObject()
            if let date = document.date { writer.key("date"); writer.string(date) }
            writer.key("name"); writer.string(document.name)
            try writer.endObject()
        }
        try writer.endArray()
        writer.key("entities")
        writer.beginArray()
        for index in 0..<entityCount { try entity(index, &writer) }
        try writer.endArray()
        writer.key("format"); writer.string(RelationGraph.formatName)
        writer.key("relations")
        writer.beginArray()
        try relations(&writer)
        try writer.endArray()
        writer.key("version"); writer.int(RelationGraph.schemaVersion)
        try writer.endObject()
        try writer.finish()
    }

    /// One element of `entities`. (`FinalLayout.writeEntity` writes the same members from ids.)
    static func writeEntity(_ entity: Entity, into writer: inout PrettyJSONWriter) throws(OutputError) {
        writer.element()
        writer.beginObject()
        writer.key("aliases"); try writeStrings(entity.aliases, into: &writer)
        writer.key("documents"); try writeStrings(entity.documents, into: &writer)
        writer.key("mentions"); writer.int(entity.mentions)
        writer.key("name"); writer.string(entity.name)
        writer.key("type"); writer.string(entity.type.rawValue)
        try writer.endObject()
    }

    /// One element of `relations`; `evidence` writes the evidence objects.
    /// (`FinalLayout.writeRelation` writes the same members from a partial graph's ids.)
    static func writeRelation(
        source: String, target: String, kind: RelationKind, weight: Double, into writer: inout PrettyJSONWriter,
        evidence: (inout PrettyJSONWriter) throws(OutputError) -> Void
    ) throws(OutputError) {
        writer.element()
        writer.beginObject()
        writer.key("evidence")
        writer.beginArray()
        try evidence(&writer)
        try writer.endArray()
        writer.key("polarity"); writer.string(kind.polarity.rawValue)
        writer.key("source"); writer.string(source)
        writer.key("target"); writer.string(target)
        writer.key("type"); writer.string(kind.rawValue)
        writer.key("weight"); writer.double(weight)
        try writer.endObject()
    }

    /// One element of a relation's `evidence`; `sentence` writes the sentence string.
    static func writeEvidence(
        date: String?, document: String, end: Int, start: Int, trigger: String, into writer: inout PrettyJSONWriter,
        sentence: (inout PrettyJSONWriter) -> Void
    ) throws(OutputError) {
        writer.element()
        writer.beginObject()
        if let date { writer.key("date"); writer.string(date) }
        writer.key("document"); writer.string(document)
        writer.key("end"); writer.int(end)
        writer.key("sentence"); sentence(&writer)
        writer.key("start"); writer.int(start)
        writer.key("trigger"); writer.string(trigger)
        try writer.endObject()
    }

    private static func writeStrings(_ strings: [String], into writer: inout PrettyJSONWriter) throws(OutputError) {
        writer.beginArray()
        for string in strings {
            writer.element()
            writer.string(string)
        }
        try writer.endArray()
    }

    /// Decodes a graph file, checking its format and schema version first so that a file
    /// from a newer relgraph or a file that is not a graph gets a precise error.
    ///
    /// Reads the bytes with `GraphJSONReader`, which accepts and refuses what
    /// `decodeWithFoundation` does. Any file that starts with a UTF-16 byte-order mark or has
    /// a zero byte among its first 4 bytes (UTF-16 and UTF-32 text, but also a damaged file)
    /// goes through Foundation, which detects the encoding.
    public static func decode(_ data: Data, source: String) throws(GraphFileError) -> RelationGraph {
        let result = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Result<RelationGraph, GraphFileError>? in
            guard !GraphJSONReader.needsTranscoding(buffer) else { return nil }
            return Result { () throws(GraphFileError) in try GraphJSONReader.read(buffer, source: source) }
        }
        guard let result else { return try decodeWithFoundation(data, source: source) }
        return try result.get()
    }

    /// Reads the graph file at `path` into memory (`FileContents`: read, never mapped, so a
    /// file truncated meanwhile cannot crash relgraph) and decodes it as `decode` does,
    /// giving back the memory of the text already parsed every 16 MB, so that loading a
    /// large graph does not also hold its whole text.
    ///
    /// - Throws: `.missing` when nothing is at `path`, `.unreadable` when something is but
    ///   cannot be read (a directory, no permission), else as `decode`.
    public static func read(path: String) throws(GraphFileError) -> RelationGraph {
        try read(path: path, releaseStep: 16 << 20)
    }

    /// `read(path:)` giving back memory every `releaseStep` bytes, or never when it is `nil`.
    static func read(path: String, releaseStep: Int?) throws(GraphFileError) -> RelationGraph {
        let (result, gaveBack) = try readOnce(path: path, releaseStep: releaseStep)
        if case .failure = result, gaveBack {
            // Telling damage from a syntax error, and naming the line of the damage, look back
            // at text already given back: read the file again (the first copy is gone by now)
            // and keep all of it this time.
            return try read(path: path, releaseStep: nil)
        }
        return try result.get()
    }

    /// One reading of the file at `path`, and whether pages of its text were given back.
    private static func readOnce(path: String, releaseStep: Int?) throws(GraphFileError) -> (Result<RelationGraph, GraphFileError>, gaveBack: Bool) {
        guard let file = FileContents(path: path, head: TextHead.isGraphText) else { throw GraphFileError.cannotOpen(path) }
        let result = file.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Result<RelationGraph, GraphFileError> in
            if GraphJSONReader.needsTranscoding(bytes) {
                return Result { () throws(GraphFileError) in try decodeWithFoundation(Data(bytes), source: path) }
            }
            // Only a regular file can be read again if the text given back is needed.
            var release: GraphJSONReader.Progress?
            if let releaseStep, file.isRegular { release = .init(step: releaseStep) { file.release(upTo: $0) } }
            return Result { () throws(GraphFileError) in try GraphJSONReader.read(bytes, source: path, progress: release) }
        }
        return (result, file.released > 0)
    }

    /// The `Decodable` reading of a graph file: the reference `GraphJSONReader` is tested
    /// against, and the path for files in UTF-16 or UTF-32.
    static func decodeWithFoundation(_ data: Data, source: String) throws(GraphFileError) -> RelationGraph {
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: data) else {
            throw .notJSON(path: source)
        }
        guard header.format == RelationGraph.formatName, let version = header.version else {
            throw .notAGraph(path: source)
        }
        guard version <= RelationGraph.schemaVersion else {
            throw .newerVersion(path: source, version: version, supported: RelationGraph.schemaVersion)
        }
        do {
            let envelope = try decoder.decode(Envelope.self, from: data)
            return RelationGraph(documents: envelope.documents, entities: envelope.entities, relations: envelope.relations)
        } catch {
            throw .invalid(path: source, reason: describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        switch decodingError {
        case .keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "bad value at \(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(decodingError)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
        return parts.isEmpty ? "top level" : parts.joined()
    }
}

public enum GraphFileError: Error, Equatable, CustomStringConvertible {
    /// Nothing is at the path.
    case missing(path: String)
    /// Something is at the path but cannot be read as a file: a directory, no permission.
    case unreadable(path: String)
    case notJSON(path: String)
    case notAGraph(path: String)
    case newerVersion(path: String, version: Int, supported: Int)
    case invalid(path: String, reason: String)

    /// `.missing` or `.unreadable` for a path that could not be opened and read, by whether
    /// anything is there.
    static func cannotOpen(_ path: String) -> GraphFileError {
        var info = stat()
        return lstat(path, &info) == 0 ? .unreadable(path: path) : .missing(path: path)
    }

    public var description: String {
        switch self {
        case .missing(let path):
            "graph file '\(path)' does not exist: run 'relgraph build' first or pass --graph"
        case .unreadable(let path):
            "graph file '\(path)' cannot be read (a directory, or no permission)"
        case .notJSON(let path):
            "graph file '\(path)' is not valid JSON (truncated or not a graph); rebuild it with 'relgraph build'"
        case .notAGraph(let path):
            "'\(path)' is not a relgraph graph file (no \"format\": \"relgraph\" header)"
        case .newerVersion(let path, let version, let supported):
            "graph file '\(path)' has schema version \(version); this relgraph reads up to \(supported): upgrade relgraph or rebuild the graph"
        case .invalid(let path, let reason):
            "graph file '\(path)' is damaged: \(reason)"
        }
    }
}
