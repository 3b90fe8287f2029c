import Foundation

/// The one place an article file (`.txt`/`.md`) becomes a document, for every reading path.
///
/// Rules, in order:
/// 1. A file that cannot be read (permissions, a dangling symlink, a folder, an I/O error) is
///    skipped with a warning.
/// 2. A binary file is skipped with a warning. "Binary" means: among the first 8 KB, more than
///    one byte in 32 (about 3%), and more than one byte, is a control byte (see `isControl`).
///    So a text file with a stray NUL or two is still text, while random bytes (about 11%
///    control bytes), images, archives and UTF-16 text (every other byte NUL) are binary.
/// 3. Invalid UTF-8 is decoded as U+FFFD, with a note counting the sequences.
/// 4. Control bytes in a text file are read as spaces, with a note: they are never part of a
///    name, and a NUL would cut a name short in Graphviz's C strings.
/// 5. A document with nothing but white space is skipped with a note.
///
/// - Complexity: O(n) in the file's bytes, two passes (control bytes, UTF-8 validity) plus
///   decoding.
public enum ArticleFile {
    /// How many leading bytes the binary check looks at.
    public static let sniffLength = 8192

    /// The document of `file`, or none when it was skipped; notes go to `notes`.
    public static func read(_ file: CorpusFile, notes: CorpusNoteLog) -> [Document] {
        guard isReadableFile(file.path) else {
            notes.append(.unreadable(path: file.path))
            return []
        }
        // An empty regular file is not read at all: FoundationEssentials' `contents(atPath:)`
        // leaks its 4 KB read buffer on a zero-length file (found by `make sanitize`).
        var info = stat()
        if stat(file.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size == 0 {
            notes.append(.empty(path: file.path))
            return []
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            notes.append(.unreadable(path: file.path))
            return []
        }
        return document(from: data, file: file, notes: notes)
    }

    /// The document of bytes already read from `file` (rules 2–5 above).
    public static func document(from data: Data, file: CorpusFile, notes: CorpusNoteLog) -> [Document] {
        if isBinary(data) {
            notes.append(.binary(path: file.path))
            return []
        }
        var bytes = [UInt8](data)
        let invalid = countInvalidUTF8(data)
        if invalid > 0 { notes.append(.invalidUTF8(path: file.path, sequences: invalid)) }
        let controls = replaceControlBytes(&bytes)
        if controls > 0 { notes.append(.controlBytes(path: file.path, count: controls)) }
        let document = Document.fromArticle(name: file.name, text: String(decoding: bytes, as: UTF8.self))
        guard !document.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else {
            notes.append(.empty(path: file.path))
            return []
        }
        return [document]
    }

    /// C0 controls and DEL, except tab, line feed, vertical tab, form feed and carriage return.
    @inline(__always)
    public static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 ? !(0x09...0x0D).contains(byte) : byte == 0x7F
    }

    /// Whether `data` looks binary (rule 2 above).
    public static func isBinary(_ data: Data) -> Bool {
        // Over raw bytes: `Data`'s iterator costs more than the test itself.
        data.withUnsafeBytes { raw in
            let sample = raw.prefix(sniffLength)
            var controls = 0
            for byte in sample where isControl(byte) { controls += 1 }
            return controls > 1 && controls > sample.count / 32
        }
    }

    /// Replaces every control byte with a space; returns how many there were.
    @discardableResult
    public static func replaceControlBytes(_ bytes: inout [UInt8]) -> Int {
        var count = 0
        for index in bytes.indices where isControl(bytes[index]) {
            bytes[index] = 0x20
            count += 1
        }
        return count
    }

    /// `text` with control characters read as spaces (for JSON Lines, whose escapes can hold them).
    static func replacingControls(_ text: String) -> String {
        guard text.utf8.contains(where: isControl) else { return text }
        var bytes = Array(text.utf8)
        replaceControlBytes(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Something other than a folder (after following symlinks) that this process may read.
    /// Folder walks only ever yield regular files (`CorpusWalk`); a FIFO named explicitly as
    /// the corpus (`--corpus <(…)`) is allowed.
    static func isReadableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return false }
        return access(path, R_OK) == 0
    }
}

/// Finds the candidate files of a corpus folder, following symlinks but never in circles.
///
/// Hidden names (`.…`), `README.md` and `MANIFEST.tsv` are not documents. Subfolders are
/// entered (through symlinks too) unless the same folder — same device and inode — was entered
/// before: that is a symlink loop, skipped with a warning. Entries that are not regular files
/// (FIFOs, sockets, devices: reading them could block) and dangling symlinks are skipped with a
/// warning when their extension makes them candidates. Unreadable subfolders are skipped with
/// a warning; an unreadable root is an error.
///
/// - Complexity: O(entries) `stat` calls; each folder is listed once.
enum CorpusWalk {
    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    static func candidateFiles(under root: String, notes: inout [CorpusNote]) throws(CorpusError) -> [String] {
        var visited: Set<FileID> = []
        var found: [String] = []
        var pending: [String] = [""]
        var info = stat()
        guard stat(root, &info) == 0 else { throw .unreadable(path: root) }
        visited.insert(FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        while let folder = pending.popLast() {
            let folderPath = folder.isEmpty ? root : (root as NSString).appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folderPath) else {
                if folder.isEmpty { throw .unreadable(path: root) }
                notes.append(.unreadable(path: folderPath))
                continue
            }
            for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" && name != "MANIFEST.tsv" {
                let relative = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
                let path = (root as NSString).appendingPathComponent(relative)
                let ext = (name as NSString).pathExtension.lowercased()
                let isCandidate = CorpusReader.textExtensions.contains(ext) || CorpusReader.jsonLinesExtensions.contains(ext)
                guard stat(path, &info) == 0 else {
                    // Dangling symlink, or a loop of symlinks to files (ELOOP).
                    if errno == ELOOP { notes.append(.symlinkLoop(path: path)) } else if isCandidate { notes.append(.unreadable(path: path)) }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    let id = FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                    if visited.insert(id).inserted {
                        pending.append(relative)
                    } else {
                        notes.append(.symlinkLoop(path: path))
                    }
                case S_IFREG:
                    if isCandidate { found.append(relative) }
                default:
                    if isCandidate { notes.append(.notRegularFile(path: path)) }
                }
            }
        }
        return found
    }
}
