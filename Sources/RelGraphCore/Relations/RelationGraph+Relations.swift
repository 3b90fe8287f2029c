/// Lookups the `relations` and `explain` commands share.
extension RelationGraph {
    /// The entity a user means: an exact canonical name, else a case-insensitive name, else an
    /// alias (ties go to the most mentioned entity, then the smaller name).
    ///
    /// - Complexity: O(*n*) in the number of entities.
    public func entityMatching(_ query: String) -> Entity? {
        if let exact = entities.first(where: { $0.name == query }) { return exact }
        let folded = query.lowercased()
        let byName = entities.filter { $0.name.lowercased() == folded }
        let byAlias = entities.filter { $0.aliases.contains { $0.lowercased() == folded } }
        return (byName.isEmpty ? byAlias : byName).min { ($1.mentions, $0.name) < ($0.mentions, $1.name) }
    }

    /// Every relation between two entities, in either direction: typed relations by weight
    /// (heaviest first), then the co-mention.
    public func relations(between first: String, and second: String) -> [Relation] {
        relations
            .filter { ($0.source == first && $0.target == second) || ($0.source == second && $0.target == first) }
            .sorted { lhs, rhs in
                let left = (lhs.kind == .coMentioned ? 1 : 0, -lhs.weight)
                let right = (rhs.kind == .coMentioned ? 1 : 0, -rhs.weight)
                return left != right ? left < right : lhs.key < rhs.key
            }
    }
}
