import Foundation

/// Reads documents from a folder of `.txt`/`.md` files, single files, or JSON Lines
/// (`.jsonl`, one `{"id": …, "text": …, "date": …}` object a line).
///
/// Documents are yielded in a deterministic order (paths sorted bytewise), so the same corpus
/// always gives the same graph.
public struct CorpusReader: Sendable {
    public static let textExtensions: Set<String> = ["txt", "md"]
    public static let jsonLinesExtensions: Set<String> = ["jsonl", "ndjson"]

    /// The files to read, resolved from a file or folder path.
    public let files: [String]
    /// The path the user gave, for messages and relative document names.
    public let root: String
    private let rootIsDirectory: Bool

    public init(path: String) throws(CorpusError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missing(path: path)
        }
        root = path
        rootIsDirectory = isDirectory.boolValue
        if isDirectory.boolValue {
            guard let enumerator = FileManager.default.enumerator(atPath: path) else { throw .unreadable(path: path) }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let ext = (relative as NSString).pathExtension.lowercased()
                let name = (relative as NSString).lastPathComponent
                guard !name.hasPrefix("."), name != "README.md", name != "MANIFEST.tsv" else { continue }
                if Self.textExtensions.contains(ext) || Self.jsonLinesExtensions.contains(ext) {
                    found.append(relative)
                }
            }
            guard !found.isEmpty else { throw .noDocuments(path: path) }
            files = found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } else {
            files = [""]
        }
    }

    func fullPath(_ relative: String) -> String {
        rootIsDirectory ? (root as NSString).appendingPathComponent(relative) : root
    }

    func documentName(_ relative: String) -> String {
        rootIsDirectory ? relative : (root as NSString).lastPathComponent
    }

    /// Reads every document. Empty documents are skipped. Holds the whole corpus in memory:
    /// for large corpora use `chunks()` or `documents()`, which stream.
    public func readAll() throws(CorpusError) -> [Document] {
        var documents: [Document] = []
        for file in files {
            documents.append(contentsOf: try read(file: file))
        }
        return documents
    }

    /// Reads every document and reports what was repaired or skipped: invalid UTF-8 (decoded
    /// with U+FFFD replacement, counted per file) and empty documents.
    public func readAllNoting() throws(CorpusError) -> (documents: [Document], notes: [CorpusNote]) {
        var documents: [Document] = []
        var notes: [CorpusNote] = []
        for file in files {
            let path = fullPath(file)
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
            let invalid = countInvalidUTF8(data)
            if invalid > 0 { notes.append(.invalidUTF8(path: path, sequences: invalid)) }
            let found = try read(file: file)
            let isJSONLines = Self.jsonLinesExtensions.contains((path as NSString).pathExtension.lowercased())
            if found.isEmpty && !isJSONLines { notes.append(.empty(path: path)) }
            documents.append(contentsOf: found)
        }
        return (documents, notes)
    }

    /// The documents of one file (many for JSON Lines).
    public func read(file relative: String) throws(CorpusError) -> [Document] {
        let path = fullPath(relative)
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let ext = (path as NSString).pathExtension.lowercased()
        if Self.jsonLinesExtensions.contains(ext) {
            return try JSONLinesDocuments.parse(data, source: path)
        }
        let text = String(decoding: data, as: UTF8.self)
        let document = Document.fromArticle(name: documentName(relative), text: text)
        return document.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? [] : [document]
    }
}

extension Document {
    /// Builds a document from article text, taking a leading `date YYYY-MM-DD` as metadata.
    public static func fromArticle(name: String, text: String) -> Document {
        let (date, body) = splitDateLine(text)
        return Document(name: name, text: body, date: date)
    }

    /// Splits a leading `date YYYY-MM-DD` (after optional whitespace) from the text.
    static func splitDateLine(_ text: String) -> (date: String?, body: String) {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex, scalars[index].properties.isWhitespace { index = scalars.index(after: index) }
        let rest = scalars[index...]
        guard rest.starts(with: "date ".unicodeScalars) else { return (nil, text) }
        let dateStart = scalars.index(index, offsetBy: 5)
        guard let dateEnd = scalars.index(dateStart, offsetBy: 10, limitedBy: scalars.endIndex) else { return (nil, text) }
        let candidate = String(scalars[dateStart..<dateEnd])
        guard isISODate(candidate) else { return (nil, text) }
        if dateEnd < scalars.endIndex, !scalars[dateEnd].properties.isWhitespace { return (nil, text) }
        var bodyStart = dateEnd
        while bodyStart < scalars.endIndex, scalars[bodyStart] == " " || scalars[bodyStart] == "\t" {
            bodyStart = scalars.index(after: bodyStart)
        }
        return (candidate, String(scalars[bodyStart...]))
    }
}

/// `YYYY-MM-DD` with plausible month and day.
public func isISODate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
          parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
          let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
    return (1...12).contains(month) && (1...31).contains(day)
}

enum JSONLinesDocuments {
    private struct Line: Decodable {
        var id: String?
        var name: String?
        var text: String
        var date: String?
    }

    static func parse(_ data: Data, source: String, firstLine: Int = 1) throws(CorpusError) -> [Document] {
        var documents: [Document] = []
        var lineNumber = firstLine - 1
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let record = try? decoder.decode(Line.self, from: line) else {
                throw .badJSONLine(path: source, line: lineNumber)
            }
            let name = record.id ?? record.name ?? "\((source as NSString).lastPathComponent):\(lineNumber)"
            var document = Document.fromArticle(name: name, text: record.text)
            if let date = record.date, isISODate(date) { document.date = date }
            if !document.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) { documents.append(document) }
        }
        return documents
    }
}

/// Something the reader repaired or skipped, for a note on stderr.
public enum CorpusNote: Hashable, Sendable, CustomStringConvertible {
    case invalidUTF8(path: String, sequences: Int)
    case empty(path: String)

    public var description: String {
        switch self {
        case .invalidUTF8(let path, let sequences):
            "'\(path)' has \(sequences) invalid UTF-8 sequence\(sequences == 1 ? "" : "s"), read as U+FFFD"
        case .empty(let path): "'\(path)' is empty and was skipped"
        }
    }
}

/// The number of invalid UTF-8 sequences in `bytes` (each becomes one U+FFFD when decoded).
///
/// - Complexity: O(n) in the bytes.
public func countInvalidUTF8(_ data: Data) -> Int {
    data.withUnsafeBytes { countInvalidUTF8($0) }
}

/// `countInvalidUTF8` over any byte sequence; ASCII runs are skipped without decoding.
public func countInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int {
    var start = 0
    while start < bytes.count, bytes[start] < 0x80 { start += 1 }
    if start == bytes.count { return 0 }
    return countInvalidUTF8(sequence: bytes[start...])
}

func countInvalidUTF8(sequence bytes: some Sequence<UInt8>) -> Int {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var count = 0
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return count
        case .error: count += 1
        }
    }
}

public enum CorpusError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String)
    case noDocuments(path: String)
    case badJSONLine(path: String, line: Int)

    public var description: String {
        switch self {
        case .missing(let path): "corpus '\(path)' does not exist: pass a folder of .txt/.md files, a file, or a .jsonl file"
        case .unreadable(let path): "cannot read '\(path)': check its permissions"
        case .noDocuments(let path): "corpus '\(path)' has no .txt, .md or .jsonl files"
        case .badJSONLine(let path, let line): "'\(path)' line \(line): expected a JSON object with a \"text\" field"
        }
    }
}
