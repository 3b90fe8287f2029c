@testable import RelGraphCore

/// Random graphs for the writer's and the reader's tests, with every kind of string JSON
/// treats specially, counts up to `Int.max` and negative offsets: what `JSONEncoder`,
/// `JSONDecoder`, `GraphJSON.encode` and `GraphJSONReader` must all agree on.
enum RandomRelationGraph {
    /// Strings with every kind of character JSON treats specially.
    static let awkward = [
        "plain", "", "quote \" and backslash \\", "slash / stays", "tab\there", "line\nbreak", "\r\u{8}\u{C}",
        "\u{0}\u{1}\u{1F}\u{7F}", "café ’s", "𝄞 emoji 🚀", "\u{2028}\u{2029}", "O'Brien & Co.", "e\u{301}", "\u{FEFF}bom",
        "a long name that does not fit in a small string",
    ]

    static func make(seed: UInt64) -> RelationGraph {
        var random = SplitMix64(seed: seed)
        func text() -> String {
            (0..<random.below(3)).map { _ in random.pick(awkward) }.joined(separator: " ") + "\(random.below(50))"
        }
        let documents = (0..<random.below(4)).map { index in
            DocumentInfo(name: "doc\(index)-\(text())", date: random.below(2) == 0 ? nil : "2024-0\(1 + random.below(9))-01")
        }
        let names = (0..<(2 + random.below(6))).map { "\($0) \(text())" }
        let entities = names.map { name in
            Entity(
                name: name, type: random.pick(EntityType.allCases),
                aliases: (0..<random.below(3)).map { _ in text() }.sorted(),
                mentions: random.below(2) == 0 ? random.below(100) : Int.max - random.below(3),
                documents: documents.map(\.name).filter { _ in random.below(2) == 0 }
            )
        }
        let relations = (0..<random.below(8)).map { _ in
            Relation(
                source: random.pick(names), target: random.pick(names), kind: random.pick(RelationKind.allCases),
                evidence: (0..<random.below(4)).map { _ in
                    Evidence(
                        document: documents.isEmpty ? "d" : random.pick(documents).name, sentence: text(),
                        start: random.below(10_000) - 5, end: 10_000 + random.below(10_000),
                        trigger: random.below(2) == 0 ? "" : text(), date: random.below(2) == 0 ? nil : "2025-12-31"
                    )
                }.sorted()
            )
        }
        return RelationGraph(documents: documents, entities: entities, relations: relations)
    }

}
