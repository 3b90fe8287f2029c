import Foundation

/// Finishing a partial graph: cross-document name resolution, then everything sorted, on ids.
extension PartialGraph {
    /// The sorted, final graph, in memory.
    public func finalized() -> RelationGraph {
        let layout = FinalLayout(self)
        return RelationGraph(
            presortedDocuments: layout.documents, entities: (0..<layout.entities.count).map { layout.entity($0, of: self) },
            relations: (0..<layout.relations.count).map { layout.relation($0, of: self) }
        )
    }

    /// Saves the final graph as a graph file without building it in memory: entities and
    /// relations are produced in file order, relations rendered on `threads` threads. The
    /// bytes equal `GraphJSON.encode(finalized())` for any thread count.
    public func writeFinalized(to path: String, threads: Int? = nil) throws(OutputError) -> GraphSummary {
        let layout = FinalLayout(self)
        try AtomicFile.write(to: path) { (sink: AtomicFile.Sink) throws(OutputError) in
            var writer = PrettyJSONWriter { (bytes: UnsafeRawBufferPointer) throws(OutputError) in try sink.write(bytes) }
            try GraphJSON.write(layout, of: self, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, into: &writer)
        }
        return layout.summary
    }

    /// `writeFinalized(to:threads:)` for a stream: `flush` receives about a megabyte at a
    /// time and must empty the buffer it is given.
    public func writeFinalized(threads: Int? = nil, flush: @escaping (inout [UInt8]) throws(OutputError) -> Void) throws(OutputError) -> GraphSummary {
        let layout = FinalLayout(self)
        var array: [UInt8] = []
        var writer = PrettyJSONWriter { (bytes: UnsafeRawBufferPointer) throws(OutputError) in
            array.append(contentsOf: bytes)
            try flush(&array)
            array.removeAll(keepingCapacity: true)
        }
        try GraphJSON.write(layout, of: self, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, into: &writer)
        return layout.summary
    }
}

extension PartialGraph {
    /// Each string's position in sorted order, so names compare as integers.
    func stringRanks() -> [Int32] {
        var rank = [Int32](repeating: 0, count: strings.count)
        for (position, id) in strings.indices.sorted(by: { strings[$0] < strings[$1] }).enumerated() { rank[id] = Int32(position) }
        return rank
    }

    /// Relation numbers in key order (source, target, kind), without cross-document resolution.
    func relationOrder(rank: [Int32]) -> [Int] {
        relationKeys.indices.map { relation -> (UInt64, Int) in
            let (source, target, kind) = Self.unpack(relationKeys[relation])
            return (Self.pack(rank[Int(source)], rank[Int(target)], kind), relation)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A relation's evidence records in evidence order, each distinct record once.
    func distinctEvidence(ofRelation relation: Int, rank: [Int32]) -> [Int32] {
        FinalLayout.sortedDistinct(evidenceRecords(ofRelation: relation), of: self, rank: rank)
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
        /// Range of `records` holding the relation's evidence, sorted and distinct.
        var first: Int32
        var end: Int32
    }

    var documents: [DocumentInfo] = []
    /// Entities in name order, still as ids: made into `Entity` values one at a time.
    var entities: [(name: Int32, entity: PartialGraph.StoredEntity)] = []
    /// Position of each string in sorted order.
    var rank: [Int32] = []
    var relations: [FinalRelation] = []
    /// Evidence record numbers of the partial graph, relation after relation.
    var records: [Int32] = []

    init(_ partial: PartialGraph) {
        let strings = partial.strings
        // Position of each string in sorted order: names and documents compare as integers.
        rank = partial.stringRanks()
        var sortedIDs = [Int](repeating: 0, count: strings.count)
        for (id, position) in rank.enumerated() { sortedIDs[Int(position)] = id }

        documents = partial.documentEntries()
            .sorted { rank[Int($0.name)] < rank[Int($1.name)] }
            .map { DocumentInfo(name: strings[Int($0.name)], date: $0.date < 0 ? nil : strings[Int($0.date)]) }

        // Short names that stand for one full name elsewhere in the corpus join it (Recognition/).
        let entries = partial.entityEntries()
        var table: [String: CrossDocumentResolver.Entry] = [:]
        table.reserveCapacity(entries.count)
        for (name, entity) in entries {
            table[strings[Int(name)]] = .init(type: EntityType.majority(entity.typeVotes), mentions: entity.mentions)
        }
        var canonical: [Int32: Int32] = [:]
        for (name, target) in CrossDocumentResolver.canonicalNames(table) {
            canonical[Int32(strings.firstIndex(of: name)!)] = Int32(strings.firstIndex(of: target)!)
        }

        var merged: [Int32: PartialGraph.StoredEntity] = [:]
        for (name, entity) in entries {
            let target = canonical[name] ?? name
            var entity = entity
            if target != name { entity.aliases.insert(name) }
            if merged[target] == nil { merged[target] = entity } else { merged[target]!.merge(entity) }
        }
        entities = merged.sorted { rank[Int($0.key)] < rank[Int($1.key)] }.map { ($0.key, $0.value) }

        // Each relation under its final key, as a sortable integer: (source rank, target rank, kind).
        var order: [(key: UInt64, relation: Int32)] = []
        order.reserveCapacity(partial.relationKeys.count)
        for relation in partial.relationKeys.indices {
            let (source, target, kind) = PartialGraph.unpack(partial.relationKeys[relation])
            var from = canonical[source] ?? source, to = canonical[target] ?? target
            guard from != to else { continue }
            if kind.isSymmetric && rank[Int(to)] < rank[Int(from)] { swap(&from, &to) }
            let key = PartialGraph.pack(rank[Int(from)], rank[Int(to)], kind)
            order.append((key, Int32(relation)))
        }
        order.sort { $0.key < $1.key }

        var index = 0
        while index < order.count {
            let key = order[index].key
            var group: [Int32] = []
            while index < order.count && order[index].key == key {
                group += partial.evidenceRecords(ofRelation: Int(order[index].relation))
                index += 1
            }
            let first = Int32(records.count)
            records += Self.sortedDistinct(group, of: partial, rank: rank)
            let (sourceRank, targetRank, kind) = PartialGraph.unpack(key)
            relations.append(FinalRelation(
                source: Int32(sortedIDs[Int(sourceRank)]), target: Int32(sortedIDs[Int(targetRank)]),
                kind: kind, first: first, end: Int32(records.count)
            ))
        }
    }

    var summary: GraphSummary {
        GraphSummary(documents: documents.count, entities: entities.count, relations: relations.count, evidence: records.count)
    }

    /// Evidence records sorted as `Evidence` sorts (document, offsets, trigger; then date),
    /// with records equal in all of those kept once: the same sentence seen twice.
    static func sortedDistinct(_ records: [Int32], of partial: PartialGraph, rank: [Int32]) -> [Int32] {
        let evidence = partial.evidence
        func key(_ record: Int32) -> (Int32, UInt32, UInt32, Int32, Int32) {
            let item = evidence[Int(record)]
            return (rank[Int(item.document)], item.start, item.end, rank[Int(item.trigger)], item.date < 0 ? -1 : rank[Int(item.date)])
        }
        var result: [Int32] = []
        result.reserveCapacity(records.count)
        var previous: (Int32, UInt32, UInt32, Int32, Int32)?
        for record in records.sorted(by: { key($0) < key($1) }) {
            let current = key(record)
            if let previous, previous == current { continue }
            previous = current
            result.append(record)
        }
        return result
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
    func relation(_ index: Int, of partial: PartialGraph) -> Relation {
        let item = relations[index]
        return Relation(
            source: partial.strings[Int(item.source)], target: partial.strings[Int(item.target)], kind: item.kind,
            evidence: records[Int(item.first)..<Int(item.end)].map { partial.materialize(partial.evidence[Int($0)]) }
        )
    }
}
