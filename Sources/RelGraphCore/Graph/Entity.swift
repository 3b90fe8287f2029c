/// A node of the graph: one real-world person, organization or product, under its canonical
/// name, with every surface form it was seen under.
///
/// The canonical name is the entity's identity: a graph never holds two entities with the
/// same name.
public struct Entity: Hashable, Codable, Sendable, Identifiable {
    public var name: String
    public var type: EntityType
    /// Surface forms seen in the corpus other than `name`, sorted.
    public var aliases: [String]
    /// How many times the entity was mentioned, over all documents.
    public var mentions: Int
    /// Names of the documents that mention it, sorted.
    public var documents: [String]

    public var id: String { name }

    public init(name: String, type: EntityType, aliases: [String] = [], mentions: Int = 0, documents: [String] = []) {
        self.name = name
        self.type = type
        self.aliases = aliases
        self.mentions = mentions
        self.documents = documents
    }
}
