/// A mergeable accumulation of what extraction found in some documents.
///
/// `merging` is associative and commutative and `finalized()` depends only on the merged
/// content, so any split of a corpus, extracted separately and merged in any order, gives
/// exactly the graph of the whole.
public struct PartialGraph: Hashable, Sendable {
    public struct EntityRecord: Hashable, Sendable {
        /// Mentions per type the recognizer assigned; the majority becomes the entity's type.
        public var typeVotes: [EntityType: Int] = [:]
        public var aliases: Set<String> = []
        public var mentions: Int = 0
        public var documents: Set<String> = []

        public init(typeVotes: [EntityType: Int] = [:], aliases: Set<String> = [], mentions: Int = 0, documents: Set<String> = []) {
            self.typeVotes = typeVotes
            self.aliases = aliases
            self.mentions = mentions
            self.documents = documents
        }

        public mutating func merge(_ other: EntityRecord) {
            typeVotes.merge(other.typeVotes, uniquingKeysWith: +)
            aliases.formUnion(other.aliases)
            mentions += other.mentions
            documents.formUnion(other.documents)
        }

        /// The most-voted type; ties go to the earlier case of `EntityType`.
        public var type: EntityType {
            EntityType.allCases.max { (typeVotes[$0] ?? 0, -$0.rank) < (typeVotes[$1] ?? 0, -$1.rank) } ?? .organization
        }
    }

    public var documents: [String: DocumentInfo] = [:]
    public var entities: [String: EntityRecord] = [:]
    public var relations: [RelationKey: Set<Evidence>] = [:]

    public init() {}

    public mutating func addDocument(_ info: DocumentInfo) {
        documents[info.name] = info
    }

    public mutating func addMention(of name: String, type: EntityType, surface: String, document: String) {
        var record = entities[name, default: EntityRecord()]
        record.typeVotes[type, default: 0] += 1
        if surface != name { record.aliases.insert(surface) }
        record.mentions += 1
        record.documents.insert(document)
        entities[name] = record
    }

    public mutating func addRelation(_ key: RelationKey, evidence: Evidence) {
        relations[key, default: []].insert(evidence)
    }

    public mutating func merge(_ other: PartialGraph) {
        documents.merge(other.documents) { mine, theirs in
            // Keep a deterministic choice if the same document arrives twice.
            (mine.date ?? "") >= (theirs.date ?? "") ? mine : theirs
        }
        for (name, record) in other.entities { entities[name, default: EntityRecord()].merge(record) }
        for (key, evidence) in other.relations { relations[key, default: []].formUnion(evidence) }
    }

    public func merging(_ other: PartialGraph) -> PartialGraph {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// The sorted, final graph.
    public func finalized() -> RelationGraph {
        // Short names that stand for one full name elsewhere in the corpus join it (Recognition/).
        let canonical = CrossDocumentResolver.canonicalNames(entities.mapValues { .init(type: $0.type, mentions: $0.mentions) })
        var entities = self.entities
        var relations = self.relations
        if !canonical.isEmpty {
            entities = [:]
            for (name, record) in self.entities {
                var record = record
                let target = canonical[name] ?? name
                if target != name { record.aliases.insert(name) }
                entities[target, default: EntityRecord()].merge(record)
            }
            relations = [:]
            for (key, evidence) in self.relations {
                let source = canonical[key.source] ?? key.source
                let target = canonical[key.target] ?? key.target
                guard source != target else { continue }
                relations[RelationKey(source: source, target: target, kind: key.kind), default: []].formUnion(evidence)
            }
        }
        let entityList = entities.map { name, record in
            Entity(
                name: name,
                type: record.type,
                aliases: record.aliases.subtracting([name]).sorted(),
                mentions: record.mentions,
                documents: record.documents.sorted()
            )
        }
        let relationList = relations.map { key, evidence in
            Relation(source: key.source, target: key.target, kind: key.kind, evidence: evidence.sorted())
        }
        return RelationGraph(documents: Array(documents.values), entities: entityList, relations: relationList)
    }
}

extension EntityType {
    var rank: Int { EntityType.allCases.firstIndex(of: self)! }
}
