/// A typed, directed, weighted edge with the sentences that support it.
public struct Relation: Hashable, Sendable {
    /// Canonical name of the subject.
    public var source: String
    /// Canonical name of the object.
    public var target: String
    public var kind: RelationKind
    /// Sorted, without duplicates.
    public var evidence: [Evidence]

    public init(source: String, target: String, kind: RelationKind, evidence: [Evidence]) {
        self.source = source
        self.target = target
        self.kind = kind
        self.evidence = evidence
    }

    public var polarity: Polarity { kind.polarity }

    /// The number of distinct sentences (by document and offset) that support the relation:
    /// restating a claim in new sentences strengthens it, the same sentence twice does not.
    public var weight: Double {
        var seen = Set<SentenceID>()
        for item in evidence { seen.insert(SentenceID(document: item.document, start: item.start)) }
        return Double(seen.count)
    }

    public var key: RelationKey { RelationKey(source: source, target: target, kind: kind) }
}

extension Relation: Codable {
    private enum CodingKeys: String, CodingKey {
        case source, target, type, polarity, weight, evidence
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(String.self, forKey: .source)
        target = try container.decode(String.self, forKey: .target)
        kind = try container.decode(RelationKind.self, forKey: .type)
        evidence = try container.decode([Evidence].self, forKey: .evidence)
    }

    /// `polarity` and `weight` are derived, written for readers of the JSON and ignored on reading.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(target, forKey: .target)
        try container.encode(kind, forKey: .type)
        try container.encode(polarity, forKey: .polarity)
        try container.encode(weight, forKey: .weight)
        try container.encode(evidence, forKey: .evidence)
    }
}

private struct SentenceID: Hashable {
    var document: String
    var start: Int
}

/// The identity of a relation: one edge per (source, target, kind).
public struct RelationKey: Hashable, Comparable, Sendable {
    public var source: String
    public var target: String
    public var kind: RelationKind

    /// Symmetric kinds are normalized so the smaller name is the source.
    public init(source: String, target: String, kind: RelationKind) {
        if kind.isSymmetric && target < source {
            self.source = target
            self.target = source
        } else {
            self.source = source
            self.target = target
        }
        self.kind = kind
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.source != rhs.source { return NameOrder.precedes(lhs.source, rhs.source) }
        if lhs.target != rhs.target { return NameOrder.precedes(lhs.target, rhs.target) }
        return lhs.kind < rhs.kind
    }
}
