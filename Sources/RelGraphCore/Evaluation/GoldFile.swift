import Foundation

/// A gold annotation file for `relgraph eval --gold`, recognized by its header line.
///
/// - `document<TAB>type<TAB>name<TAB>surfaces`: entities per document (`EntityGold`).
/// - `document<TAB>source<TAB>type<TAB>target`: relations per document (scored by the relations
///   stage; `Evaluation.evaluate` is the switch where that scorer plugs in).
public enum GoldFile: Sendable {
    case entities(EntityGold)
    case relations(header: [String], lines: [[String]])

    public static let entityHeader = ["document", "type", "name", "surfaces"]
    public static let relationHeader = ["document", "source", "type", "target"]

    public static func parse(_ text: String, source: String) throws(EvaluationError) -> GoldFile {
        // Numbered before comments and blank lines are dropped, so errors name the file's line.
        let lines = withoutByteOrderMark(text).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated()
            .filter { !$0.element.hasPrefix("#") && !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { (number: $0.offset + 1, text: String($0.element)) }
        guard let headerLine = lines.first?.text else { throw .emptyGold(path: source) }
        let header = headerLine.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let rows = lines.dropFirst().map { line in
            (number: line.number, fields: line.text.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) })
        }
        if header == entityHeader {
            return .entities(try EntityGold(rows: Array(rows), source: source))
        }
        if header == relationHeader {
            return .relations(header: header, lines: rows.map(\.fields))
        }
        throw .unknownHeader(path: source, header: headerLine)
    }

    public static func load(path: String) throws(EvaluationError) -> GoldFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse(String(decoding: data, as: UTF8.self), source: path)
    }
}

/// Gold entities: for each document, the people and organizations it mentions.
public struct EntityGold: Hashable, Sendable {
    public struct Item: Hashable, Sendable {
        public var document: String
        public var type: EntityType
        public var name: String
        public var surfaces: [String]
    }

    public var items: [Item]

    /// - Parameter rows: Each row's fields with its line number in the file.
    init(rows: [(number: Int, fields: [String])], source: String) throws(EvaluationError) {
        var items: [Item] = []
        for (number, fields) in rows {
            guard fields.count >= 3, let type = EntityType(rawValue: fields[1]) else {
                throw .malformedGold(path: source, line: number)
            }
            let surfaces = fields.count > 3 ? fields[3].split(separator: "|").map(String.init) : []
            items.append(Item(document: fields[0], type: type, name: fields[2], surfaces: surfaces))
        }
        self.items = items
    }
}

public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case emptyGold(path: String)
    case unknownHeader(path: String, header: String)
    case malformedGold(path: String, line: Int)
    case malformedIOB2(path: String, line: Int)
    case emptyIOB2(path: String)
    case relationScoringUnavailable(path: String)
    /// A relation gold file's problem, as `RelationGoldError` words it.
    case malformedRelationGold(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read gold file '\(path)': check that it exists"
        case .emptyGold(let path): "gold file '\(path)' is empty: it needs a header line and one line per item"
        case .unknownHeader(let path, let header):
            "gold file '\(path)' has header '\(header)': use 'document<TAB>type<TAB>name<TAB>surfaces' for entities or 'document<TAB>source<TAB>type<TAB>target' for relations"
        case .malformedGold(let path, let line): "gold file '\(path)' line \(line): expected 'document<TAB>type<TAB>name<TAB>surface|surface' with type person, organization or product"
        case .malformedIOB2(let path, let line): "IOB2 file '\(path)' line \(line): expected 'index<TAB>token<TAB>tag…'"
        case .emptyIOB2(let path): "IOB2 file '\(path)' has no tokens: expected lines 'index<TAB>token<TAB>tag', a blank line after each sentence"
        case .malformedRelationGold(let message): message
        case .relationScoringUnavailable(let path): "gold file '\(path)' holds relations, which this build cannot score yet: pass an entity gold file"
        }
    }
}
