import Foundation

/// Known entities: canonical names, types and aliases, read from a tab-separated data file.
///
/// Format, one entity per line (`#` starts a comment):
///
///     Elon Musk<TAB>person<TAB>Musk|Elon
///     X<TAB>organization<TAB>Twitter|X Corp.
///
/// The type is `person`, `organization`, `product` or `location`; aliases are separated by `|`.
public struct Lexicon: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var canonical: String
        public var type: MentionType
        public var aliases: [String]

        public init(canonical: String, type: MentionType, aliases: [String] = []) {
            self.canonical = canonical
            self.type = type
            self.aliases = aliases
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses the TSV format. `source` names the file in error messages.
    public init(tsv text: String, source: String) throws(LexiconError) {
        var entries: [Entry] = []
        var lineNumber = 0
        for rawLine in fieldLines(text) {
            lineNumber += 1
            let line = trimmedField(rawLine, newlines: true)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = splitFields(rawLine, on: 0x09, omittingEmptySubsequences: false).map {
                trimmedField($0, newlines: true)
            }
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw .malformedLine(source: source, line: lineNumber)
            }
            guard let type = MentionType(rawValue: fields[1]) else {
                throw .unknownType(source: source, line: lineNumber, type: fields[1])
            }
            let aliases = fields.count > 2 ? splitFields(fields[2][...], on: UInt8(ascii: "|")).map { trimmedField($0, newlines: false) }.filter { !$0.isEmpty } : []
            entries.append(Entry(canonical: fields[0], type: type, aliases: aliases))
        }
        self.entries = entries
    }

    /// The lexicon shipped with relgraph (`Resources/lexicon.tsv`).
    public static func bundled() throws(LexiconError) -> Lexicon {
        guard let url = TextResources.url("lexicon.tsv"), let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw .unreadable(path: "lexicon.tsv (bundled)")
        }
        return try Lexicon(tsv: text, source: "lexicon.tsv")
    }

    /// Reads a user's lexicon file.
    public static func load(path: String) throws(LexiconError) -> Lexicon {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try Lexicon(tsv: String(decoding: data, as: UTF8.self), source: path)
    }
}

public enum LexiconError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case malformedLine(source: String, line: Int)
    case unknownType(source: String, line: Int, type: String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            "cannot read lexicon '\(path)': check that the file exists and is readable"
        case .malformedLine(let source, let line):
            "lexicon '\(source)' line \(line): expected 'name<TAB>type[<TAB>alias|alias…]'"
        case .unknownType(let source, let line, let type):
            "lexicon '\(source)' line \(line): unknown type '\(type)'; use person, organization, product or location"
        }
    }
}
