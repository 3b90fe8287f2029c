import Foundation

/// The saved graph file (`Graphs/corpus.json`): a versioned JSON document.
///
///     { "format": "relgraph", "version": 1,
///       "documents": [...], "entities": [...], "relations": [...] }
///
/// Encoding is deterministic: keys sorted, entities and relations in `RelationGraph` order.
public enum GraphJSON {
    private struct Envelope: Codable {
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

    public static func encode(_ graph: RelationGraph) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let envelope = Envelope(
            format: RelationGraph.formatName, version: RelationGraph.schemaVersion,
            documents: graph.documents, entities: graph.entities, relations: graph.relations
        )
        // Encoding plain value types into JSON cannot fail.
        var data = try! encoder.encode(envelope)
        data.append(UInt8(ascii: "\n"))
        return data
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
