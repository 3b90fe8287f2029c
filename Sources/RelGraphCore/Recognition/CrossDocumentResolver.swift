/// Joins the short names of one corpus to full names found in other documents: a bare
/// `Musk` in an article that never says `Elon Musk` is Elon Musk when exactly one person of
/// the corpus has that surname (or first name); `The Stargate Project` and `Stargate Project`
/// are one organization.
///
/// It is a pure function of the entity table, so `PartialGraph.finalized()` can call it after
/// merging shards in any order and still give the same graph.
public enum CrossDocumentResolver {
    public struct Entry: Sendable {
        public var type: EntityType
        public var mentions: Int

        public init(type: EntityType, mentions: Int) {
            self.type = type
            self.mentions = mentions
        }
    }

    /// For each name that is a short form of another entity, that entity's name.
    ///
    /// - Complexity: O(n) in the number of entities (plus sorting the names).
    public static func canonicalNames(_ entities: [String: Entry]) -> [String: String] {
        var byPart: [String: Set<String>] = [:]
        for (name, entry) in entities where entry.type == .person {
            let words = name.split(separator: " ").map(String.init).filter { $0.unicodeScalars.count > 2 || !$0.hasSuffix(".") }
            guard words.count >= 2 else { continue }
            byPart[words[0], default: []].insert(name)
            byPart[words[words.count - 1], default: []].insert(name)
        }
        var result: [String: String] = [:]
        for (name, entry) in entities where entry.type == .person && !name.contains(" ") {
            if let full = byPart[name], full.count == 1, let target = full.first { result[name] = target }
        }
        for (name, entry) in entities where name.hasPrefix("The ") {
            let bare = String(name.dropFirst(4))
            guard let other = entities[bare], other.type == entry.type else { continue }
            // The more frequent form wins; ties go to the shorter, bare form.
            if entry.mentions > other.mentions { result[bare] = name } else { result[name] = bare }
        }
        return result
    }
}
