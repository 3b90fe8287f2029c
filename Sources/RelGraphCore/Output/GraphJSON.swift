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
        return Data(writer.buffer)
    }

    /// Writes the graph file to `path` (atomically) a megabyte at a time, so saving a large
    /// graph never holds a second copy of it as text.
    public static func write(_ graph: RelationGraph, to path: String) throws(OutputError) {
        try write(
            documents: graph.documents, entityCount: graph.entities.count, entity: { graph.entities[$0] },
            relationCount: graph.relations.count, relation: { graph.relations[$0] }, to: path
        )
    }

    /// Streams a graph whose entities and relations are produced one at a time, in order.
    static func write(documents: [DocumentInfo], entityCount: Int, entity: (Int) -> Entity, relationCount: Int, relation: (Int) -> Relation, to path: String) throws(OutputError) {
        try AtomicFile.write(to: path) { (sink: AtomicFile.Sink) throws(OutputError) in
            var writer = PrettyJSONWriter { (bytes: inout [UInt8]) throws(OutputError) in try sink.write(&bytes) }
            try write(documents: documents, entityCount: entityCount, entity: entity, relationCount: relationCount, relation: relation, into: &writer)
        }
    }

    static func write(_ graph: RelationGraph, into writer: inout PrettyJSONWriter) throws(OutputError) {
        try write(
            documents: graph.documents, entityCount: graph.entities.count, entity: { graph.entities[$0] },
            relationCount: graph.relations.count, relation: { graph.relations[$0] }, into: &writer
        )
    }

    /// Field order is alphabetical, as `JSONEncoder` with `.sortedKeys` wrote it in earlier
    /// versions, so files stay byte-identical across relgraph versions.
    static func write(documents: [DocumentInfo], entityCount: Int, entity: (Int) -> Entity, relationCount: Int, relation: (Int) -> Relation, into writer: inout PrettyJSONWriter) throws(OutputError) {
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
        for index in 0..<entityCount {
            let entity = entity(index)
            writer.element()
            writer.beginObject()
            writer.key("aliases"); try writeStrings(entity.aliases, into: &writer)
            writer.key("documents"); try writeStrings(entity.documents, into: &writer)
            writer.key("mentions"); writer.int(entity.mentions)
            writer.key("name"); writer.string(entity.name)
            writer.key("type"); writer.string(entity.type.rawValue)
            try writer.endObject()
        }
        try writer.endArray()
        writer.key("format"); writer.string(RelationGraph.formatName)
        writer.key("relations")
        writer.beginArray()
        for index in 0..<relationCount {
            let relation = relation(index)
            writer.element()
            writer.beginObject()
            writer.key("evidence")
            writer.beginArray()
            for evidence in relation.evidence {
                writer.element()
                writer.beginObject()
                if let date = evidence.date { writer.key("date"); writer.string(date) }
                writer.key("document"); writer.string(evidence.document)
                writer.key("end"); writer.int(evidence.end)
                writer.key("sentence"); writer.string(evidence.sentence)
                writer.key("start"); writer.int(evidence.start)
                writer.key("trigger"); writer.string(evidence.trigger)
                try writer.endObject()
            }
            try writer.endArray()
            writer.key("polarity"); writer.string(relation.polarity.rawValue)
            writer.key("source"); writer.string(relation.source)
            writer.key("target"); writer.string(relation.target)
            writer.key("type"); writer.string(relation.kind.rawValue)
            writer.key("weight"); writer.double(relation.weight)
            try writer.endObject()
        }
        try writer.endArray()
        writer.key("version"); writer.int(RelationGraph.schemaVersion)
        try writer.endObject()
        try writer.finish()
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
    public static func decode(_ data: Data, source: String) throws(GraphFileError) -> RelationGraph {
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
    case missing(path: String)
    case notJSON(path: String)
    case notAGraph(path: String)
    case newerVersion(path: String, version: Int, supported: Int)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "graph file '\(path)' does not exist: run 'relgraph build' first or pass --graph"
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
