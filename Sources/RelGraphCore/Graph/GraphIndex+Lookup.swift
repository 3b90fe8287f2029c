extension GraphIndex {
    /// The node of the entity called `name`: its canonical name exactly, else its canonical
    /// name or one of its aliases ignoring case.
    ///
    /// - Throws: `EntityLookupError.unknown` with the closest name by edit distance, or
    ///   `.ambiguous` when an alias belongs to several entities and none is named so.
    /// - Complexity: O(log *n*) for an exact name, O(*n* + *a*) otherwise (*a* aliases), and
    ///   O((*n* + *a*) · *ℓ*²) to find a suggestion.
    public func node(named name: String) throws(EntityLookupError) -> Int {
        var lower = 0, upper = entities.count
        while lower < upper {
            let middle = (lower + upper) / 2
            if NameOrder.precedes(entities[middle].name, name) { lower = middle + 1 } else { upper = middle }
        }
        if lower < entities.count && entities[lower].name == name { return lower }

        let key = name.lowercased()
        var byName: [Int] = [], byAlias: [Int] = []
        for (node, entity) in entities.enumerated() {
            if entity.name.lowercased() == key {
                byName.append(node)
            } else if entity.aliases.contains(where: { $0.lowercased() == key }) {
                byAlias.append(node)
            }
        }
        if let first = byName.first { return first }
        if byAlias.count == 1 { return byAlias[0] }
        if byAlias.count > 1 { throw .ambiguous(name: name, candidates: byAlias.map { entities[$0].name }) }
        throw .unknown(name: name, suggestion: suggestion(for: key))
    }

    /// The canonical name of the entity whose name or alias is closest to `key` by edit
    /// distance, if any is close enough to be a plausible typo (at most a third of the
    /// characters, and at least 2, differ).
    func suggestion(for key: String) -> String? {
        let target = Array(key.unicodeScalars)
        let limit = max(2, target.count / 3)
        var best: (distance: Int, node: Int)?
        for (node, entity) in entities.enumerated() {
            for candidate in [entity.name] + entity.aliases {
                let scalars = Array(candidate.lowercased().unicodeScalars)
                if abs(scalars.count - target.count) > min(limit, best?.distance ?? limit) { continue }
                let distance = EditDistance.levenshtein(target, scalars)
                if distance <= limit, distance < (best?.distance ?? .max) { best = (distance, node) }
            }
        }
        return best.map { entities[$0.node].name }
    }
}

/// Edit distance for name suggestions.
enum EditDistance {
    /// Levenshtein distance (insertions, deletions, substitutions cost 1).
    /// - Complexity: O(|a| · |b|) time, O(|b|) memory.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A name given on the command line that matches no entity, or several.
public enum EntityLookupError: Error, Equatable, CustomStringConvertible {
    case unknown(name: String, suggestion: String?)
    case ambiguous(name: String, candidates: [String])

    public var description: String {
        switch self {
        case .unknown(let name, let suggestion?):
            "no entity named '\(name)'; did you mean '\(suggestion)'?"
        case .unknown(let name, nil):
            "no entity named '\(name)'; run 'relgraph rank' or 'relgraph stats' to see the entities of the graph"
        case .ambiguous(let name, let candidates):
            "'\(name)' is an alias of several entities (\(candidates.map { "'\($0)'" }.joined(separator: ", "))): use the full name"
        }
    }
}
