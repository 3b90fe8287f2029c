import Foundation

/// A unit of work for parallel extraction: a few article files, or a run of JSON Lines read
/// from a larger file or from standard input.
///
/// A chunk holds raw bytes or paths only; turning it into `Document`s (reading files,
/// decoding JSON) happens in `documents()`, on whichever task extracts it.
public enum CorpusChunk: Sendable {
    /// Article files (`.txt`/`.md`), read when the chunk is processed.
    case files([CorpusFile])
    /// Complete JSON Lines from `source`, the first of them being line `firstLine` (1-based).
    case jsonLines(source: String, firstLine: Int, data: Data)

    /// The documents of the chunk, in order. Files are read by `ArticleFile.read`'s rules:
    /// skipped and repaired files are recorded in each file's `notes` log.
    public func documents() throws(CorpusError) -> [Document] {
        switch self {
        case .files(let files):
            var documents: [Document] = []
            documents.reserveCapacity(files.count)
            var folders = FolderOpener()
            defer { folders.close() }
            var reading = ArticleFile.ReadBuffer()
            for file in files {
                let notes = file.notes ?? CorpusNoteLog()
                let document = file.listedAsRegularFile
                    ? ArticleFile.readListedDocument(file, notes: notes, buffer: &reading, opening: { folders.open($0) })
                    : ArticleFile.readDocument(file, notes: notes, opening: { folders.open($0) })
                if let document { documents.append(document) }
            }
            return documents
        case .jsonLines(let source, let firstLine, let data):
            return try JSONLinesDocuments.parse(data, source: source, firstLine: firstLine)
        }
    }
}

/// An article file: where to read it, the document name it gets, and where to note what was
/// skipped or repaired (the reader's log; not part of equality).
public struct CorpusFile: Hashable, Sendable {
    public var path: String
    public var name: String
    public var notes: CorpusNoteLog?
    /// The folder walk listed the file as a regular file (`CorpusWalk`), so it is read without
    /// asking its type and size again (`ArticleFile.readListedDocument`). Not part of equality.
    /// Internal: only the walk knows it, and a FIFO marked so would be cut at its first short read.
    var listedAsRegularFile = false

    public init(path: String, name: String, notes: CorpusNoteLog? = nil) {
        self.path = path
        self.name = name
        self.notes = notes
    }

    init(path: String, name: String, notes: CorpusNoteLog?, listedAsRegularFile: Bool) {
        self.init(path: path, name: name, notes: notes)
        self.listedAsRegularFile = listedAsRegularFile
    }

    public static func == (lhs: CorpusFile, rhs: CorpusFile) -> Bool {
        lhs.path == rhs.path && lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(name)
    }
}

/// Cuts a stream of JSON Lines into chunks of whole lines of about `chunkBytes`, reading
/// `FileHandle` in blocks so that a file of any size is never held in memory.
public struct JSONLinesChunker: IteratorProtocol, Sendable {
    private let handle: FileHandle
    private let source: String
    private let chunkBytes: Int
    private var pending = Data()
    private var nextLine = 1
    private var finished = false

    public init(handle: FileHandle, source: String, chunkBytes: Int = 1 << 20) {
        self.handle = handle
        self.source = source
        self.chunkBytes = chunkBytes
    }

    /// The next chunk of complete lines, or `nil` at the end of the stream.
    public mutating func next() -> CorpusChunk? {
        while !finished, pending.count < chunkBytes || pending.lastIndex(of: UInt8(ascii: "\n")) == nil {
            let block = handle.readData(ofLength: max(chunkBytes, 1 << 16))
            if block.isEmpty { finished = true } else { pending.append(block) }
        }
        guard !pending.isEmpty else { return nil }
        let cut: Data.Index
        if finished, pending.count <= chunkBytes || pending.lastIndex(of: UInt8(ascii: "\n")) == nil {
            cut = pending.endIndex
        } else {
            // Cut after the last newline at or before chunkBytes, or the first one after it.
            let limit = pending.index(pending.startIndex, offsetBy: min(chunkBytes, pending.count))
            if let newline = pending[pending.startIndex..<limit].lastIndex(of: UInt8(ascii: "\n")) {
                cut = pending.index(after: newline)
            } else {
                cut = pending.index(after: pending[limit...].firstIndex(of: UInt8(ascii: "\n"))!)
            }
        }
        let data = Data(pending[pending.startIndex..<cut])
        pending = Data(pending[cut...])
        let firstLine = nextLine
        nextLine += data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return .jsonLines(source: source, firstLine: firstLine, data: data)
    }
}
