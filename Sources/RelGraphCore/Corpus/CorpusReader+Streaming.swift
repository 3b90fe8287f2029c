import Foundation

extension CorpusReader {
    /// The corpus as a lazy sequence of chunks: runs of `filesPerChunk` article files, and JSON
    /// Lines files cut into runs of about `jsonLinesBytes`. Only the chunk being produced is
    /// in memory, so a corpus of any size can be streamed.
    public func chunks(filesPerChunk: Int = 32, jsonLinesBytes: Int = 1 << 20) -> CorpusChunks {
        CorpusChunks(reader: self, filesPerChunk: max(1, filesPerChunk), jsonLinesBytes: max(1, jsonLinesBytes))
    }

    /// Whether `path`'s extension is one of `jsonLinesExtensions`.
    ///
    /// A path can have such an extension only if, without trailing slashes, it ends in
    /// `.jsonl` or `.ndjson` (ASCII, any case: no other letters lowercase to these), so most
    /// paths are answered from their last bytes, without Foundation's path parsing (which cost
    /// microseconds per article file).
    static func isJSONLinesPath(_ path: String) -> Bool {
        var path = path
        let mayMatch = path.withUTF8 { bytes in
            var end = bytes.count
            while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
            return jsonLinesSuffixes.contains { suffix in
                guard end >= suffix.count else { return false }
                let start = end - suffix.count
                for offset in 0..<suffix.count {
                    let byte = bytes[start + offset]
                    if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != suffix[offset] { return false }
                }
                return true
            }
        }
        return mayMatch && jsonLinesExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// `.` and each of `jsonLinesExtensions`, as bytes: built once, not per path.
    private static let jsonLinesSuffixes: [[UInt8]] = jsonLinesExtensions.sorted().map { Array(("." + $0).utf8) }

    /// The total size of the corpus files in bytes, for progress estimates.
    public func totalBytes() -> Int {
        files.reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: fullPath(file))[.size] as? NSNumber)?.intValue
            return total + (size ?? 0)
        }
    }
}

/// The chunks of a corpus, produced lazily in corpus order (see `CorpusReader.chunks`).
public struct CorpusChunks: Sequence, IteratorProtocol {
    private let reader: CorpusReader
    private let filesPerChunk: Int
    private let jsonLinesBytes: Int
    private var nextFile = 0
    private var jsonLines: JSONLinesChunker?
    private var jsonLinesHandle: FileHandle?
    /// Always `nil`: unreadable files are skipped and recorded in the reader's `notes`. Kept so
    /// that callers checking it still compile.
    public private(set) var error: CorpusError?

    init(reader: CorpusReader, filesPerChunk: Int, jsonLinesBytes: Int) {
        self.reader = reader
        self.filesPerChunk = filesPerChunk
        self.jsonLinesBytes = jsonLinesBytes
    }

    public mutating func next() -> CorpusChunk? {
        if var chunker = jsonLines {
            let chunk = chunker.next()
            jsonLines = chunker
            if let chunk { return chunk }
            try? jsonLinesHandle?.close()
            jsonLines = nil
            jsonLinesHandle = nil
        }
        guard error == nil, nextFile < reader.files.count else { return nil }
        let file = reader.files[nextFile]
        let path = reader.fullPath(file)
        if CorpusReader.isJSONLinesPath(path) {
            nextFile += 1
            guard ArticleFile.isReadableFile(path), let handle = FileHandle(forReadingAtPath: path) else {
                reader.notes.append(.unreadable(path: path))
                return next()
            }
            jsonLinesHandle = handle
            jsonLines = JSONLinesChunker(handle: handle, source: path, chunkBytes: jsonLinesBytes)
            return next()
        }
        var batch: [CorpusFile] = []
        while batch.count < filesPerChunk, nextFile < reader.files.count {
            let relative = reader.files[nextFile]
            let path = reader.fullPath(relative)
            if CorpusReader.isJSONLinesPath(path) { break }
            batch.append(CorpusFile(path: path, name: reader.documentName(relative), notes: reader.notes,
                                    listedAsRegularFile: reader.rootIsDirectory))
            nextFile += 1
        }
        return .files(batch)
    }
}
