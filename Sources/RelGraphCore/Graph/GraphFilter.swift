/// Restricts a graph to the relations a query or diagram should see.
///
/// Evidence outside the date window is dropped first; a relation left with no evidence
/// disappears, and so does its weight. Entities are kept (a filter never renames or drops
/// nodes; selection of nodes is a separate step).
public struct GraphFilter: Hashable, Sendable {
    /// Keep only these kinds (`nil`: all).
    public var kinds: Set<RelationKind>?
    /// Drop these kinds.
    public var excludedKinds: Set<RelationKind> = []
    public var includeCoMentions = true
    /// Drop relations lighter than this.
    public var minimumWeight: Double = 0
    /// Inclusive `YYYY-MM-DD` bounds; evidence from undated documents is dropped when either is set.
    public var since: String?
    public var until: String?

    public init(
        kinds: Set<RelationKind>? = nil, excludedKinds: Set<RelationKind> = [], includeCoMentions: Bool = true,
        minimumWeight: Double = 0, since: String? = nil, until: String? = nil
    ) {
        self.kinds = kinds
        self.excludedKinds = excludedKinds
        self.includeCoMentions = includeCoMentions
        self.minimumWeight = minimumWeight
        self.since = since
        self.until = until
    }

    public func admits(_ kind: RelationKind) -> Bool {
        if kind == .coMentioned && !includeCoMentions { return false }
        if excludedKinds.contains(kind) { return false }
        return kinds?.contains(kind) ?? true
    }

    public func admits(_ evidence: Evidence) -> Bool {
        guard since != nil || until != nil else { return true }
        guard let date = evidence.date else { return false }
        if let since, date < since { return false }
        if let until, date > until { return false }
        return true
    }

    /// The relation as this filter sees it, or `nil` when nothing of it is left.
    public func apply(to relation: Relation) -> Relation? {
        guard admits(relation.kind) else { return nil }
        var kept = relation
        if since != nil || until != nil { kept.evidence = relation.evidence.filter(admits) }
        guard !kept.evidence.isEmpty, kept.weight >= minimumWeight else { return nil }
        return kept
    }

    public func apply(to graph: RelationGraph) -> RelationGraph {
        var filtered = graph
        filtered.relations = graph.relations.compactMap(apply(to:))
        return filtered
    }
}
