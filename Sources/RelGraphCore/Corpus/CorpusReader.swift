import Foundation

/// Reads documents from a folder of `.txt`/`.md` files, single files, or JSON Lines
/// (`.jsonl`, one `{"id": …, "text": …, "date": …}` object a line).
///
/// Documents are yielded in a deterministic order (paths sorted bytewise), so the same corpus
/// always gives the same graph.
///
/// Every way of reading (`readAll`, `readAllNoting`, the streamed `chunks()`) applies the same
/// rules, in `ArticleFile.read` and `CorpusWalk`, and records the same `CorpusNote`s in `notes`:
/// binary, unreadable and non-regular files and symlink loops are skipped with a warning;
/// invalid UTF-8 is read as U+FFFD and control bytes as spaces, with a note; empty documents are
/// skipped with a note. Only a corpus path that does not exist, has no candidate files, or a
/// malformed JSON line is an error.
public struct CorpusReader: Sendable {
    public static let textExtensions: Set<String> = ["txt", "md"]
    public static let jsonLinesExtensions: Set<String> = ["jsonl", "ndjson"]

    /// The files to read, resolved from a file or folder path.
    public let files: [String]
    /// The path the user gave, for messages and relative document names.
    public let root: String
    /// Whether `root` is a folder: then every file is one the walk listed as a regular file.
    let rootIsDirectory: Bool
    /// `CorpusWalk.pathPrefix(ofRoot: root)`: full paths are joined by concatenation.
    private let pathPrefix: String?
    /// What was skipped or repaired so far: filled while walking the folder and while reading.
    public let notes: CorpusNoteLog

    public init(path: String) throws(CorpusError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missing(path: path)
        }
        root = path
        rootIsDirectory = isDirectory.boolValue
        pathPrefix = isDirectory.boolValue ? CorpusWalk.pathPrefix(ofRoot: path) : nil
        notes = CorpusNoteLog()
        if isDirectory.boolValue {
            var walkNotes: [CorpusNote] = []
            let found = try CorpusWalk.candidateFiles(under: path, notes: &walkNotes)
            notes.append(contentsOf: walkNotes)
            guard !found.isEmpty else { throw .noDocuments(path: path) }
            files = CorpusWalk.bytewiseOrder(found).map { found[$0] }
        } else {
            files = [""]
        }
    }

    func fullPath(_ relative: String) -> String {
        rootIsDirectory ? CorpusWalk.joined(root, prefix: pathPrefix, relative) : root
    }

    func documentName(_ relative: String) -> String {
        rootIsDirectory ? relative : (root as NSString).lastPathComponent
    }

    /// Reads every document; skipped files are recorded in `notes`. Holds the whole corpus in
    /// memory: for large corpora use `chunks()`, which streams.
    public func readAll() throws(CorpusError) -> [Document] {
        try readAllNoting().documents
    }

    /// Reads every document and reports what was repaired or skipped (see `CorpusNote`), in
    /// path order.
    public func readAllNoting() throws(CorpusError) -> (documents: [Document], notes: [CorpusNote]) {
        var documents: [Document] = []
        for file in files {
            documents.append(contentsOf: try read(file: file))
        }
        return (documents, notes.sorted)
    }

    /// The documents of one file (many for JSON Lines); what was skipped goes to `notes`.
    public func read(file relative: String) throws(CorpusError) -> [Document] {
        let path = fullPath(relative)
        if Self.jsonLinesExtensions.contains((path as NSString).pathExtension.lowercased()) {
            guard let data = FileManager.default.contents(atPath: path) else {
                notes.append(.unreadable(path: path))
                return []
            }
            return try JSONLinesDocuments.parse(data, source: path)
        }
        return ArticleFile.read(CorpusFile(path: path, name: documentName(relative)), notes: notes)
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

extension Document {
    /// The outcome of `asciiDateSplit`.
    enum DateSplit {
        /// `splitDateLine` of the decoded bytes gives this date (or none) and the body
        /// starting at byte `bodyStart`.
        case split(date: String?, bodyStart: Int)
        /// A non-ASCII byte where the rule needs Unicode properties: decode and use `splitDateLine`.
        case undecided
    }

    /// `splitDateLine` over the bytes of an article, so the text is decoded once, after the
    /// date line is cut off. Decides only where every byte the rule looks at is ASCII (ASCII
    /// white space is exactly 09–0D and 20); elsewhere it answers `.undecided`.
    ///
    /// - Complexity: O(leading white space + 16).
    static func asciiDateSplit(_ bytes: [UInt8]) -> DateSplit {
        bytes.withUnsafeBufferPointer { asciiDateSplit($0) }
    }

    /// `asciiDateSplit(_:)` of bytes in a buffer.
    static func asciiDateSplit(_ bytes: UnsafeBufferPointer<UInt8>) -> DateSplit {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var index = 0
        while index < bytes.count, bytes[index] < 0x80, isSpace(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] >= 0x80 { return .undecided }
        let prefix: StaticString = "date "
        guard bytes.count - index >= 5 else { return .split(date: nil, bodyStart: 0) }
        for offset in 0..<5 where bytes[index + offset] != prefix.utf8Start[offset] { return .split(date: nil, bodyStart: 0) }
        let dateStart = index + 5
        // Ten scalars that must all be ASCII digits and dashes: any other byte (or too few
        // bytes) means no date, as in `splitDateLine`.
        guard bytes.count - dateStart >= 10 else { return .split(date: nil, bodyStart: 0) }
        for offset in 0..<10 where bytes[dateStart + offset] >= 0x80 { return .split(date: nil, bodyStart: 0) }
        let dateEnd = dateStart + 10
        guard isASCIIISODate(UnsafeBufferPointer(rebasing: bytes[dateStart..<dateEnd])) else { return .split(date: nil, bodyStart: 0) }
        let candidate = String(decoding: UnsafeBufferPointer(rebasing: bytes[dateStart..<dateEnd]), as: UTF8.self)
        if dateEnd < bytes.count {
            if bytes[dateEnd] >= 0x80 { return .undecided }
            if !isSpace(bytes[dateEnd]) { return .split(date: nil, bodyStart: 0) }
        }
        var bodyStart = dateEnd
        while bodyStart < bytes.count, bytes[bodyStart] == 0x20 || bytes[bodyStart] == 0x09 { bodyStart += 1 }
        return .split(date: candidate, bodyStart: bodyStart)
    }
}

/// `isISODate` of ten ASCII bytes, without building a `String` and splitting it: the
/// three parts of lengths 4, 2 and 2 can only be `DDDD-DD-DD`, and the only ASCII characters
/// that are numbers are the digits.
func isASCIIISODate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
    for offset in [0, 1, 2, 3, 5, 6, 8, 9] as [Int] where !(0x30...0x39).contains(bytes[offset]) { return false }
    let month = Int(bytes[5] - 0x30) * 10 + Int(bytes[6] - 0x30)
    let day = Int(bytes[8] - 0x30) * 10 + Int(bytes[9] - 0x30)
    return (1...12).contains(month) && (1...31).contains(day)
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
            var document = Document.fromArticle(name: name, text: ArticleFile.replacingControls(record.text))
            if let date = record.date, isISODate(date) { document.date = date }
            if !document.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) { documents.append(document) }
        }
        return documents
    }
}

/// Something the reader repaired or skipped, for one line on stderr naming the file.
public enum CorpusNote: Hashable, Sendable, CustomStringConvertible {
    case invalidUTF8(path: String, sequences: Int)
    case controlBytes(path: String, count: Int)
    case empty(path: String)
    case binary(path: String)
    case unreadable(path: String)
    case notRegularFile(path: String)
    case symlinkLoop(path: String)

    /// Whether the file was skipped (a warning) rather than repaired or merely empty (a note).
    public var isWarning: Bool {
        switch self {
        case .binary, .unreadable, .notRegularFile, .symlinkLoop: true
        case .invalidUTF8, .controlBytes, .empty: false
        }
    }

    public var path: String {
        switch self {
        case .invalidUTF8(let path, _), .controlBytes(let path, _), .empty(let path), .binary(let path),
             .unreadable(let path), .notRegularFile(let path), .symlinkLoop(let path):
            path
        }
    }

    public var description: String {
        switch self {
        case .invalidUTF8(let path, let sequences):
            "'\(path)' has \(sequences) invalid UTF-8 sequence\(sequences == 1 ? "" : "s"), read as U+FFFD"
        case .controlBytes(let path, let count):
            "'\(path)' has \(count) control byte\(count == 1 ? "" : "s") (NUL or similar), read as space\(count == 1 ? "" : "s")"
        case .empty(let path): "'\(path)' is empty and was skipped"
        case .binary(let path): "'\(path)' looks binary (control bytes in its first 8 KB) and was skipped"
        case .unreadable(let path): "cannot read '\(path)' (permissions, a dangling symlink or an I/O error); skipped"
        case .notRegularFile(let path): "'\(path)' is not a regular file (a FIFO, socket or device); skipped"
        case .symlinkLoop(let path): "'\(path)' leads to a folder already read (a symlink loop or a second link); skipped"
        }
    }
}

/// Notes gathered while a corpus is read, from any number of tasks at once.
public final class CorpusNoteLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [CorpusNote] = []

    public init() {}

    public func append(_ note: CorpusNote) {
        lock.withLock { storage.append(note) }
    }

    public func append(contentsOf notes: [CorpusNote]) {
        lock.withLock { storage.append(contentsOf: notes) }
    }

    /// Every note so far, by path then kind, without duplicates: the same for any schedule.
    ///
    /// Paths are compared, and duplicates found, by their UTF-8 bytes, never by `String`'s `==`
    /// or hashing (canonical equivalence): the notes of two files whose names are NFC and NFD
    /// spellings of one name are two notes, in one order. (Sorting by bytes while testing
    /// equality with `==` was no strict weak ordering: such notes came out in either order.)
    /// For one path, a note's message tells its kind and count apart, so the pair of bytes
    /// identifies a note.
    public var sorted: [CorpusNote] {
        let all = lock.withLock { storage }
        let keyed = all.map { (path: Array($0.path.utf8), message: Array($0.description.utf8), note: $0) }
            .sorted { $0.path != $1.path ? $0.path.lexicographicallyPrecedes($1.path) : $0.message.lexicographicallyPrecedes($1.message) }
        var notes: [CorpusNote] = []
        notes.reserveCapacity(keyed.count)
        for index in keyed.indices where index == 0 || keyed[index - 1].path != keyed[index].path || keyed[index - 1].message != keyed[index].message {
            notes.append(keyed[index].note)
        }
        return notes
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
    // Eight ASCII bytes at a time, then byte by byte up to the first non-ASCII byte.
    while start + 8 <= bytes.count, bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { start += 8 }
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
    case nothingReadable(path: String)
    case missingList(path: String)

    public var description: String {
        switch self {
        case .missing(let path): "corpus '\(path)' does not exist: pass a folder of .txt/.md files, a file, or a .jsonl file"
        case .unreadable(let path): "cannot read '\(path)': check its permissions"
        case .noDocuments(let path): "corpus '\(path)' has no .txt, .md or .jsonl files"
        case .badJSONLine(let path, let line): "'\(path)' line \(line): expected a JSON object with a \"text\" field"
        case .nothingReadable(let path): "corpus '\(path)' has no readable document (see the warnings above)"
        case .missingList(let path): "file list '\(path)' does not exist: pass a file that lists one input path a line"
        }
    }
}
