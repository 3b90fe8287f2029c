import Foundation

/// Scores extracted relations against gold triples, document by document.
///
/// A triple is (document, source, type, target) with canonical names; symmetric types compare
/// without direction. Co-mentions are never scored: they state no relation. Only documents
/// that appear in the gold file are scored, so a gold file may cover part of a corpus.
///
///     let gold = try RelationEvaluation.parseGold(tsv, source: "relations.tsv")
///     let score = RelationEvaluation(gold: gold, graph: graph)
///     score.precision   // 0.95
///
/// - Complexity: O(*g* + *r*·*e*) for *g* gold triples and *r* relations with *e* evidence each.
public struct RelationEvaluation: Hashable, Sendable {
    /// One scored fact.
    public struct Triple: Hashable, Comparable, Sendable, CustomStringConvertible {
        public var document: String
        public var source: String
        public var kind: RelationKind
        public var target: String

        public init(document: String, source: String, kind: RelationKind, target: String) {
            let key = RelationKey(source: source, target: target, kind: kind)
            self.document = document
            self.source = key.source
            self.kind = kind
            self.target = key.target
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.document, lhs.source, lhs.kind.rawValue, lhs.target) < (rhs.document, rhs.source, rhs.kind.rawValue, rhs.target)
        }

        public var description: String { "\(document)\t\(source)\t\(kind.rawValue)\t\(target)" }
    }

    /// The TSV header a relation gold file starts with.
    public static let header = "document\tsource\ttype\ttarget"

    public let gold: Set<Triple>
    public let predicted: Set<Triple>

    public init(gold: Set<Triple>, predicted: Set<Triple>) {
        let documents = Set(gold.map(\.document))
        self.gold = gold
        self.predicted = predicted.filter { documents.contains($0.document) }
    }

    /// Scores the typed relations of a graph: each relation counts once per document that supports it.
    public init(gold: Set<Triple>, graph: RelationGraph) {
        self.init(gold: gold, predicted: Self.triples(of: graph))
    }

    public static func triples(of graph: RelationGraph) -> Set<Triple> {
        var result = Set<Triple>()
        for relation in graph.relations where relation.kind != .coMentioned {
            for evidence in relation.evidence {
                result.insert(Triple(document: evidence.document, source: relation.source, kind: relation.kind, target: relation.target))
            }
        }
        return result
    }

    public var truePositives: Int { gold.intersection(predicted).count }
    /// Predicted but not in the gold, sorted.
    public var spurious: [Triple] { predicted.subtracting(gold).sorted() }
    /// In the gold but not predicted, sorted.
    public var missed: [Triple] { gold.subtracting(predicted).sorted() }
    /// 1 when nothing was predicted.
    public var precision: Double { predicted.isEmpty ? 1 : Double(truePositives) / Double(predicted.count) }
    /// 1 when the gold is empty.
    public var recall: Double { gold.isEmpty ? 1 : Double(truePositives) / Double(gold.count) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// A plain-text report: the scores, then every miss and every spurious triple.
    public var report: String {
        func percent(_ value: Double) -> String { String(format: "%.3f", value) }
        var lines = [
            "relations: precision \(percent(precision)) (\(truePositives)/\(predicted.count)), recall \(percent(recall)) (\(truePositives)/\(gold.count)), F1 \(percent(f1))",
        ]
        lines += missed.map { "missed\t\($0)" }
        lines += spurious.map { "spurious\t\($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scores as an `EvaluationReport` (one row per relation type of the gold, then `micro`),
    /// for `relgraph eval`.
    public var evaluationReport: EvaluationReport {
        var rows: [EvaluationReport.Row] = []
        for kind in RelationKind.allCases where gold.contains(where: { $0.kind == kind }) {
            rows.append(.init(label: kind.rawValue, score: Score(predicted: predicted.filter { $0.kind == kind }, gold: gold.filter { $0.kind == kind })))
        }
        rows.append(.init(label: "micro", score: Score(predicted: predicted, gold: gold)))
        let errors = spurious.map { "FP \($0)" } + missed.map { "FN \($0)" }
        return EvaluationReport(title: "relations: \(Set(gold.map(\.document)).count) documents, \(gold.count) gold relations", rows: rows, errors: errors)
    }

    /// Gold triples from the rows `GoldFile` split (header removed); `firstLine` numbers the first row.
    public static func gold(rows: [[String]], source: String, firstLine: Int = 2) throws(RelationGoldError) -> Set<Triple> {
        var triples = Set<Triple>()
        for (offset, fields) in rows.enumerated() {
            let line = firstLine + offset
            guard fields.count == 4, fields.allSatisfy({ !$0.isEmpty }) else { throw .malformedLine(source: source, line: line) }
            guard let kind = RelationKind(rawValue: fields[2]), kind != .coMentioned else {
                throw .unknownType(source: source, line: line, type: fields[2])
            }
            triples.insert(Triple(document: fields[0], source: fields[1], kind: kind, target: fields[3]))
        }
        return triples
    }

    /// Parses a gold file: the header line, then `document<TAB>source<TAB>type<TAB>target` rows;
    /// blank lines and `#` comments are skipped.
    public static func parseGold(_ text: String, source: String) throws(RelationGoldError) -> Set<Triple> {
        var triples = Set<Triple>()
        var sawHeader = false
        var lineNumber = 0
        for line in fieldLines(text) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            if !sawHeader {
                guard line == header else { throw .missingHeader(source: source) }
                sawHeader = true
                continue
            }
            let fields = splitFields(line, on: 0x09, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, fields.allSatisfy({ !$0.isEmpty }) else { throw .malformedLine(source: source, line: lineNumber) }
            guard let kind = RelationKind(rawValue: fields[2]), kind != .coMentioned else {
                throw .unknownType(source: source, line: lineNumber, type: fields[2])
            }
            triples.insert(Triple(document: fields[0], source: fields[1], kind: kind, target: fields[3]))
        }
        guard sawHeader else { throw .missingHeader(source: source) }
        return triples
    }
}

/// A problem in a relation gold file.
public enum RelationGoldError: Error, Equatable, CustomStringConvertible {
    case missingHeader(source: String)
    case malformedLine(source: String, line: Int)
    case unknownType(source: String, line: Int, type: String)

    public var description: String {
        switch self {
        case .missingHeader(let source):
            "relation gold file '\(source)' must start with the header 'document<TAB>source<TAB>type<TAB>target'"
        case .malformedLine(let source, let line):
            "relation gold file '\(source)' line \(line): expected four tab-separated fields 'document, source, type, target'"
        case .unknownType(let source, let line, let type):
            "relation gold file '\(source)' line \(line): unknown relation type '\(type)'; use one of \(RelationKind.allCases.filter { $0 != .coMentioned }.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
