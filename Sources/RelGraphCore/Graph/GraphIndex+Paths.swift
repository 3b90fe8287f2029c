extension GraphIndex {
    /// One hop of a path, ready to print: the relations between the two entities, which way
    /// each was stated, and one sentence that supports it.
    public struct Step: Hashable, Codable, Sendable {
        public struct Use: Hashable, Codable, Sendable {
            public var kind: RelationKind
            public var direction: Direction
            public var weight: Double

            private enum CodingKeys: String, CodingKey { case kind = "type", direction, weight }

            /// `—founded→`, `←sued—` or `—met with—`.
            public var arrow: String {
                switch direction {
                case .forward: "—\(kind.label)→"
                case .backward: "←\(kind.label)—"
                case .mutual: "—\(kind.label)—"
                }
            }
        }

        /// How a relation's statement runs relative to the hop.
        public enum Direction: String, Hashable, Codable, Sendable {
            /// Stated from the hop's start to its end (`from —kind→ to`).
            case forward
            /// Stated from the hop's end to its start (`from ←kind— to`).
            case backward
            /// A symmetric relation, or a self loop.
            case mutual
        }

        public var from: String
        public var to: String
        /// The link's weight (distinct supporting sentences, or the DOT `weight`).
        public var weight: Double
        /// Typed relations first, then co-mentions; stronger first within each.
        public var relations: [Use]
        /// The first sentence of the strongest typed relation (of the co-mention if untyped).
        public var evidence: Evidence?
    }

    /// The hops of `path`, with relation types, directions and evidence.
    public func steps(of path: PathResult) -> [Step] {
        zip(path.edges, zip(path.nodes, path.nodes.dropFirst())).map { link, ends in
            step(link: link, from: ends.0, to: ends.1)
        }
    }

    /// One hop over link `link` from node `from` to node `to`.
    public func step(link: Int, from: Int, to: Int) -> Step {
        let fromName = entities[from].name
        let ordered = relations(ofLink: link).sorted { a, b in
            let ra = relations[a], rb = relations[b]
            let aCo = ra.kind == .coMentioned, bCo = rb.kind == .coMentioned
            if aCo != bCo { return !aCo }
            if relationWeights[a] != relationWeights[b] { return relationWeights[a] > relationWeights[b] }
            return ra.kind < rb.kind
        }
        let uses = ordered.map { position in
            let relation = relations[position]
            let direction: Step.Direction =
                relation.kind.isSymmetric || relation.source == relation.target ? .mutual
                : relation.source == fromName ? .forward : .backward
            return Step.Use(kind: relation.kind, direction: direction, weight: relationWeights[position])
        }
        return Step(
            from: fromName, to: entities[to].name, weight: adjacency.edgeWeights[link],
            relations: uses, evidence: ordered.first.flatMap { relations[$0].evidence.first ?? evidenceStore?.evidence(ofRelation: $0).first }
        )
    }
}
