import Foundation

/// The finished graph of a corpus: what `relgraph build` saves and every query reads.
///
/// Entities are sorted by name (`NameOrder`) and relations by (source, target, kind), so two
/// graphs with the same content encode to the same bytes.
public struct RelationGraph: Hashable, Codable, Sendable {
    /// Bumped whenever the file layout changes incompatibly; readers refuse newer versions.
    public static let schemaVersion = 1
    public static let formatName = "relgraph"

    public var documents: [DocumentInfo]
    public var entities: [Entity]
    public var relations: [Relation]

    public init(documents: [DocumentInfo] = [], entities: [Entity] = [], relations: [Relation] = []) {
        self.documents = NameOrder.sorted(documents, by: \.name)
        self.entities = NameOrder.sorted(entities, by: \.name)
        self.relations = relations.sorted { $0.key < $1.key }
    }

    /// For content already in graph order (`FinalLayout`): sorting millions of relations by
    /// name again would cost seconds.
    init(presortedDocuments documents: [DocumentInfo], entities: [Entity], relations: [Relation]) {
        self.documents = documents
        self.entities = entities
        self.relations = relations
    }

    /// Index of entity names to positions in `entities`.
    public func entityIndex() -> [String: Int] {
        var index = [String: Int](minimumCapacity: entities.count)
        for (position, entity) in entities.enumerated() { index[entity.name] = position }
        return index
    }
}

/// What the graph remembers about a document.
public struct DocumentInfo: Hashable, Codable, Sendable {
    public var name: String
    public var date: String?

    public init(name: String, date: String? = nil) {
        self.name = name
        self.date = date
    }
}
