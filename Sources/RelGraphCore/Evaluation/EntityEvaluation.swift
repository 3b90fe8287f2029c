/// Scores a graph's entities against an entity gold file.
///
/// Items are (document, canonical name, type) triples: an entity counts for a document when
/// the graph lists that document among the entity's documents. Only the types that occur in
/// the gold file are scored, so a gold file of people and organizations does not count
/// products as errors.
public enum EntityEvaluation {
    private struct Item: Hashable, Comparable {
        var document: String
        var name: String
        var type: EntityType

        static func < (lhs: Item, rhs: Item) -> Bool {
            (lhs.document, lhs.type.rawValue, lhs.name) < (rhs.document, rhs.type.rawValue, rhs.name)
        }
    }

    public static func evaluate(_ graph: RelationGraph, gold: EntityGold) -> EvaluationReport {
        let types = Set(gold.items.map(\.type))
        let goldDocuments = Set(gold.items.map(\.document))
        let goldItems = Set(gold.items.map { Item(document: $0.document, name: $0.name, type: $0.type) })
        var predicted = Set<Item>()
        for entity in graph.entities where types.contains(entity.type) {
            for document in entity.documents where goldDocuments.contains(document) {
                predicted.insert(Item(document: document, name: entity.name, type: entity.type))
            }
        }
        var rows: [EvaluationReport.Row] = []
        for type in EntityType.allCases where types.contains(type) {
            rows.append(.init(label: type.rawValue, score: Score(predicted: predicted.filter { $0.type == type }, gold: goldItems.filter { $0.type == type })))
        }
        rows.append(.init(label: "micro", score: Score(predicted: predicted, gold: goldItems)))
        let errors = predicted.subtracting(goldItems).sorted().map { "FP \($0.document)\t\($0.type.rawValue)\t\($0.name)" }
            + goldItems.subtracting(predicted).sorted().map { "FN \($0.document)\t\($0.type.rawValue)\t\($0.name)" }
        return EvaluationReport(title: "entities: \(goldDocuments.count) documents, \(goldItems.count) gold entities", rows: rows, errors: errors)
    }
}

/// The seam between gold file kinds and their scorers.
public enum Evaluation {
    /// Scores `graph` against a gold file of any kind.
    ///
    /// - Throws: `EvaluationError.relationScoringUnavailable` for a relation gold file until the
    ///   relation scorer is plugged in here.
    public static func evaluate(_ graph: RelationGraph, gold: GoldFile, source: String) throws(EvaluationError) -> EvaluationReport {
        switch gold {
        case .entities(let entities):
            return EntityEvaluation.evaluate(graph, gold: entities)
        case .relations(_, let lines):
            do {
                return RelationEvaluation(gold: try RelationEvaluation.gold(rows: lines, source: source), graph: graph).evaluationReport
            } catch {
                throw .malformedRelationGold(error.description)
            }
        }
    }
}
