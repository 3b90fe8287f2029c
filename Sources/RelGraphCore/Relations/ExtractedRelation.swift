/// A relation found in one sentence, before merging into the graph.
public struct ExtractedRelation: Hashable, Sendable {
    public var source: String
    public var target: String
    public var kind: RelationKind
    public var evidence: Evidence

    public init(source: String, target: String, kind: RelationKind, evidence: Evidence) {
        self.source = source
        self.target = target
        self.kind = kind
        self.evidence = evidence
    }

    public var key: RelationKey { RelationKey(source: source, target: target, kind: kind) }
}
