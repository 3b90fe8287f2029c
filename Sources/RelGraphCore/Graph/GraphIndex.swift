/// A `RelationGraph` prepared for queries: entities numbered in name order, the relations a
/// filter admits grouped into *links* (all relations between one pair of entities), and a
/// compact adjacency over the links that the algorithms in `Algorithms/` run on.
///
/// A link's weight is the number of distinct sentences supporting any of its relations, and
/// its cost for weighted shortest paths is `1 / weight`: a pair linked by five sentences is
/// five times closer than a pair linked by one. Undirected (the default), a link joins the
/// two entities both ways; directed, a link `a → b` holds the relations stated from `a` to `b`
/// plus the symmetric ones (partners with, competes with, met with, co-mentioned).
public struct GraphIndex: Sendable {
    /// All entities of the graph, sorted by name; node `i` is `entities[i]`.
    public let entities: [Entity]
    public let documents: [DocumentInfo]
    /// The relations the filter admitted (evidence outside the date window removed).
    public let relations: [Relation]
    /// Weight of each admitted relation.
    public let relationWeights: [Double]
    /// The adjacency over links; its edge ids are link ids.
    public let adjacency: Adjacency
    public let filter: GraphFilter
    /// Where the relations' evidence lives when the graph was loaded without it.
    public let evidenceStore: GraphCache.EvidenceStore?
    public var isDirected: Bool { adjacency.isDirected }

    /// Link `l` runs from `linkSources[l]` to `linkTargets[l]` (the smaller index first when
    /// undirected) and holds relations `linkRelations[linkOffsets[l] ..< linkOffsets[l + 1]]`.
    public let linkSources: [Int32]
    public let linkTargets: [Int32]
    public let linkOffsets: [Int32]
    public let linkRelations: [Int32]

    /// Indexes `graph` for queries.
    ///
    /// - Parameters:
    ///   - filter: Which relations and evidence the queries see.
    ///   - directed: Follow relations only from subject to object (symmetric kinds both ways).
    ///   - weights: Weights to use instead of sentence counts, one per relation of `graph`
    ///     (a DOT file's `weight` attributes).
    /// - Complexity: O(*n* + *m* log *d*) plus one dictionary lookup per relation.
    public init(_ graph: RelationGraph, filter: GraphFilter = GraphFilter(), directed: Bool = false, weights: [Double]? = nil) {
        self.init(graph, filter: filter, directed: directed, weights: weights, endpoints: nil)
    }

    /// Indexes `graph`, taking each relation's endpoints as entity positions from
    /// `endpoints` (as `GraphCache` stores them) instead of looking names up, and reading
    /// evidence from `evidence` when the relations were loaded without it (then `filter` must
    /// be the default one and `weights` the relations' sentence counts).
    public init(
        _ graph: RelationGraph, filter: GraphFilter = GraphFilter(), directed: Bool = false, weights: [Double]?,
        endpoints: GraphCache.Endpoints?, evidence: GraphCache.EvidenceStore? = nil
    ) {
        self.evidenceStore = evidence
        self.entities = graph.entities
        self.documents = graph.documents
        self.filter = filter
        var kept: [Relation] = []
        var keptWeights: [Double] = []
        var keptPositions: [Int]? = nil
        if filter == GraphFilter() {
            kept = graph.relations
            keptWeights = weights ?? graph.relations.map(Self.sentenceCount)
        } else {
            var positions: [Int] = []
            for (position, relation) in graph.relations.enumerated() {
                guard let admitted = filter.apply(to: relation) else { continue }
                kept.append(admitted)
                positions.append(position)
                keptWeights.append(weights?[position] ?? Self.sentenceCount(admitted))
            }
            keptPositions = positions
        }
        self.relations = kept
        self.relationWeights = keptWeights

        // Endpoints as node numbers.
        let n = graph.entities.count
        let sources: [Int32], targets: [Int32]
        if let endpoints {
            sources = keptPositions.map { $0.map { endpoints.sources[$0] } } ?? endpoints.sources
            targets = keptPositions.map { $0.map { endpoints.targets[$0] } } ?? endpoints.targets
        } else {
            let index = graph.entityIndex()
            sources = kept.map { Int32(index[$0.source] ?? -1) }
            targets = kept.map { Int32(index[$0.target] ?? -1) }
        }

        // Each relation contributes to one link keyed (first, second), or to two when
        // directed and symmetric. Bucket the contributions by `first`, then order each bucket.
        var counts = [Int32](repeating: 0, count: n + 1)
        func contributions(_ position: Int, _ body: (Int32, Int32) -> Void) {
            let s = sources[position], t = targets[position]
            guard s >= 0, t >= 0 else { return }
            if !directed {
                body(min(s, t), max(s, t))
            } else {
                body(s, t)
                if kept[position].kind.isSymmetric && s != t { body(t, s) }
            }
        }
        for position in kept.indices {
            contributions(position) { first, _ in counts[Int(first) + 1] += 1 }
        }
        for node in 0..<n { counts[node + 1] += counts[node] }
        var next = counts
        var seconds = [Int32](repeating: 0, count: Int(counts[n]))
        var owners = [Int32](repeating: 0, count: Int(counts[n]))
        for position in kept.indices {
            contributions(position) { first, second in
                let slot = Int(next[Int(first)])
                seconds[slot] = second
                owners[slot] = Int32(position)
                next[Int(first)] += 1
            }
        }
        var linkSources: [Int32] = [], linkTargets: [Int32] = [], linkOffsets: [Int32] = [0]
        var linkRelations: [Int32] = []
        linkRelations.reserveCapacity(seconds.count)
        for first in 0..<n {
            let lower = Int(counts[first]), upper = Int(counts[first + 1])
            guard lower < upper else { continue }
            var bucket = (lower..<upper).map { (seconds[$0], owners[$0]) }
            if bucket.count > 1 { bucket.sort { $0 < $1 } }
            for (offset, item) in bucket.enumerated() {
                if offset == 0 || bucket[offset - 1].0 != item.0 {
                    if offset > 0 { linkOffsets.append(Int32(linkRelations.count)) }
                    linkSources.append(Int32(first))
                    linkTargets.append(item.0)
                }
                linkRelations.append(item.1)
            }
            linkOffsets.append(Int32(linkRelations.count))
        }
        self.linkSources = linkSources
        self.linkTargets = linkTargets
        self.linkOffsets = linkOffsets
        self.linkRelations = linkRelations

        var edges: [Adjacency.Edge] = []
        edges.reserveCapacity(linkSources.count)
        for link in linkSources.indices {
            let range = Int(linkOffsets[link])..<Int(linkOffsets[link + 1])
            let weight: Double
            if range.count == 1 {
                weight = keptWeights[Int(linkRelations[range.lowerBound])]
            } else if let evidence {
                weight = evidence.sentenceCount(ofRelations: range.map { Int(linkRelations[$0]) })
            } else if weights != nil {
                weight = range.reduce(0) { $0 + keptWeights[Int(linkRelations[$1])] }
            } else {
                weight = Self.sentenceCount(range.map { kept[Int(linkRelations[$0])] })
            }
            edges.append(Adjacency.Edge(source: Int(linkSources[link]), target: Int(linkTargets[link]), weight: weight))
        }
        self.adjacency = Adjacency(nodeCount: n, edges: edges, directed: directed)
    }

    public var linkCount: Int { linkSources.count }

    /// The admitted relations of link `link`, as positions in `relations`.
    public func relations(ofLink link: Int) -> [Int] {
        (Int(linkOffsets[link])..<Int(linkOffsets[link + 1])).map { Int(linkRelations[$0]) }
    }

    /// Distinct (document, sentence start) pairs among sorted evidence, without allocating.
    static func sentenceCount(_ relation: Relation) -> Double {
        var count = 0
        var previous: Evidence?
        for item in relation.evidence {
            if let previous, previous.document == item.document, previous.start == item.start { continue }
            count += 1
            previous = item
        }
        return Double(count)
    }

    /// Distinct sentences over several relations' evidence.
    static func sentenceCount(_ relations: [Relation]) -> Double {
        struct Sentence: Hashable { var document: String; var start: Int }
        var seen = Set<Sentence>()
        for relation in relations {
            for item in relation.evidence { seen.insert(Sentence(document: item.document, start: item.start)) }
        }
        return Double(seen.count)
    }
}
