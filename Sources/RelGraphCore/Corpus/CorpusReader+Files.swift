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
/// - Complexity: O(n) in the file's bytes, two passes (control bytes, UTF-8 validity); a file
///   that is valid UTF-8 is kept as read, and only one with invalid UTF-8 is decoded.
public enum ArticleFile {
    /// How many leading bytes the binary check looks at.
    public static let sniffLength = 8192

    /// The document of `file`, or none when it was skipped; notes go to `notes`.
    ///
    /// The file is opened first and one `fstat` of the open file decides rule 1 and the
    /// empty-file case (a file that cannot be opened for reading is unreadable, as a folder
    /// is), so a document costs three system calls besides its reads; the bytes are read with
    /// `read(2)` straight into the buffer the document is made from (no `Data`, no second copy).
    public static func read(_ file: CorpusFile, notes: CorpusNoteLog) -> [Document] {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            notes.append(.unreadable(path: file.path))
            return []
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else {
            notes.append(.unreadable(path: file.path))
            return []
        }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        if isRegular, info.st_size == 0 {
            notes.append(.empty(path: file.path))
            return []
        }
        guard var bytes = readBytes(descriptor, sizeHint: isRegular ? Int(info.st_size) : 0) else {
            notes.append(.unreadable(path: file.path))
            return []
        }
        return document(fromBytes: &bytes, file: file, notes: notes)
    }

    /// The whole content of `path` (a regular file or a FIFO), or `nil` on an I/O error.
    /// `sizeHint` sizes the buffer; a file that grows or a FIFO is read on to its end.
    ///
    /// The buffer becomes the document (`Document` keeps the bytes), so its capacity stays
    /// close to its count: a reader that keeps every document (`readAll()`) holds each file's
    /// size, not a minimum block per file.
    static func readBytes(_ path: String, sizeHint: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return readBytes(descriptor, sizeHint: sizeHint)
    }

    /// `readBytes(_:sizeHint:)` from an open descriptor, which stays open.
    static func readBytes(_ descriptor: Int32, sizeHint: Int) -> [UInt8]? {
        // One byte more than the size, so a full buffer means the file grew (or is a FIFO).
        // No size (a FIFO): one block to start with, trimmed below.
        let capacity = sizeHint > 0 ? sizeHint + 1 : 4096
        var failed = false
        var finished = false
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var total = 0
            while total < capacity {
                let got = Foundation.read(descriptor, buffer.baseAddress! + total, capacity - total)
                if got < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    break
                }
                if got == 0 {
                    finished = true
                    break
                }
                total += got
            }
            initialized = total
        }
        if failed { return nil }
        // A file that shrank since `fstat` filled less than its size.
        if finished { return trimmed(bytes) }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = block.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { return trimmed(bytes) }
            bytes.append(contentsOf: block[0..<got])
        }
    }

    /// `bytes` itself, or a copy of exactly its count when it has much spare capacity (a FIFO's
    /// first block, growth by doubling, a file that shrank), which the document would keep.
    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.capacity - bytes.count > max(bytes.count / 8, 64) else { return bytes }
        return [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: bytes)
        }
    }

    /// The document of bytes already read from `file` (rules 2–5 above).
    public static func document(from data: Data, file: CorpusFile, notes: CorpusNoteLog) -> [Document] {
        var bytes = [UInt8](data)
        return document(fromBytes: &bytes, file: file, notes: notes)
    }

    /// Rules 2–5 over `bytes`, which are edited in place (control bytes become spaces).
    ///
    /// - Complexity: O(n): one pass for binary sniffing and control bytes together, one for
    ///   UTF-8 validity (ASCII skipped eight bytes at a time), and one to move the body over the
    ///   date line. Valid UTF-8 becomes the document as it is (no copy); only a file with
    ///   invalid UTF-8 is decoded into a `String` (U+FFFD for each bad sequence).
    static func document(fromBytes bytes: inout [UInt8], file: CorpusFile, notes: CorpusNoteLog) -> [Document] {
        var binary = false
        var controls = 0
        var invalid = 0
        bytes.withUnsafeMutableBufferPointer { buffer in
            let sniffed = min(sniffLength, buffer.count)
            let (sniffControls, sniffHigh) = scanControlAndHighBytes(UnsafeBufferPointer(buffer), 0, sniffed)
            if isBinary(controls: sniffControls, sniffed: sniffed) {
                binary = true
                return
            }
            let (restControls, restHigh) = scanControlAndHighBytes(UnsafeBufferPointer(buffer), sniffed, buffer.count)
            controls = sniffControls + restControls
            if controls > 0 { replaceControlBytes(buffer) }
            // ASCII (most articles) is valid UTF-8: the scan above saw no byte of 0x80 or more.
            // (Control bytes, ASCII, become ASCII spaces, so they change no byte's validity.)
            if sniffHigh || restHigh { invalid = countInvalidUTF8(UnsafeRawBufferPointer(buffer)) }
        }
        if binary {
            notes.append(.binary(path: file.path))
            return []
        }
        if invalid > 0 { notes.append(.invalidUTF8(path: file.path, sequences: invalid)) }
        if controls > 0 { notes.append(.controlBytes(path: file.path, count: controls)) }
        let document: Document
        switch Document.asciiDateSplit(bytes) {
        case .split(let date, let bodyStart) where invalid == 0:
            // Valid UTF-8: the document keeps these bytes (decoding would change none of them).
            bytes.removeSubrange(0..<bodyStart)
            guard !isBlank(bytes) else {
                notes.append(.empty(path: file.path))
                return []
            }
            return [Document(name: file.name, validUTF8: bytes, date: date)]
        case .split(let date, let bodyStart):
            let text = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[bodyStart...]), as: UTF8.self) }
            document = Document(name: file.name, text: text, date: date)
        case .undecided:
            document = Document.fromArticle(name: file.name, text: String(decoding: bytes, as: UTF8.self))
        }
        guard !isBlank(document.text) else {
            notes.append(.empty(path: file.path))
            return []
        }
        return [document]
    }

    /// `isBlank` of valid UTF-8 bytes; ASCII is classified without decoding.
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        for byte in bytes {
            if byte >= 0x80 { return isBlank(String(decoding: bytes, as: UTF8.self)) }
            if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
        }
        return true
    }

    /// The control bytes (`isControl`) of `bytes[start..<end]`.
    ///
    /// - Complexity: O(n), eight bytes at a time: a word with no byte below 0x20 and none equal
    ///   to 0x7F (the usual case) is skipped whole; others are checked byte by byte.
    static func countControlBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        guard start < end, let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var count = 0
        var index = start
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // Some byte < 0x20, or some byte == 0x7F (exact "any" tests; no false negatives).
            let below = (word &- ones &* 0x20) & ~word & highs
            let del = word ^ (ones &* 0x7F)
            let hasDelete = (del &- ones) & ~del & highs
            if below | hasDelete != 0 {
                for offset in 0..<8 where isControl(bytes[index + offset]) { count += 1 }
            }
            index += 8
        }
        while index < end {
            if isControl(bytes[index]) { count += 1 }
            index += 1
        }
        return count
    }

    /// `countControlBytes(bytes, start, end)` and whether any of those bytes is 0x80 or more,
    /// in one pass, so that an ASCII file needs no second pass to be known valid UTF-8.
    ///
    /// - Complexity: O(n), sixteen bytes per step and no branch on the bytes: with the high
    ///   bits cleared, adding a constant to each byte never carries into the next, so bit 7 of
    ///   each sum tells whether the byte is at least 0x09, 0x0E or 0x20, or is 0x7F; the step
    ///   only ors together where control bytes are (below 0x09, 0x0E–0x1F, 0x7F, and high bit
    ///   clear), and they are counted (`countControlBytes`) only in a file that has any — a
    ///   rare one. Line breaks and tabs, in every article, take no slower path.
    static func scanControlAndHighBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (controls: Int, anyHigh: Bool) {
        guard start < end, let base = bytes.baseAddress else { return (0, false) }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// Bit 7 set in each lane of `word` that is a control byte (other bits are noise).
        @inline(__always) func controlLanes(_ word: UInt64) -> UInt64 {
            let low = word & ~highs
            let atLeastTab = low &+ ones &* 0x77
            let atLeastShiftOut = low &+ ones &* 0x72
            let atLeastSpace = low &+ ones &* 0x60
            let delete = low &+ ones
            return (~atLeastTab | atLeastShiftOut & ~atLeastSpace | delete) & ~word
        }
        var controls: UInt64 = 0
        var high: UInt64 = 0
        var index = start
        while index + 16 <= end {
            let first = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let second = raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
            high |= first | second
            controls |= controlLanes(first) | controlLanes(second)
            index += 16
        }
        var count = controls & highs == 0 ? 0 : countControlBytes(bytes, start, index)
        while index < end {
            let byte = bytes[index]
            high |= UInt64(byte)
            if isControl(byte) { count += 1 }
            index += 1
        }
        return (count, high & highs != 0)
    }

    /// Whether `text` is only white space; ASCII bytes are classified without Unicode lookups.
    static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte >= 0x80 { break }
            if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
        }
        return text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
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
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            let sniffed = min(sniffLength, bytes.count)
            return isBinary(controls: countControlBytes(bytes, 0, sniffed), sniffed: sniffed)
        }
    }

    /// Rule 2 above, given the control bytes among the first `sniffed` bytes.
    @inline(__always)
    static func isBinary(controls: Int, sniffed: Int) -> Bool {
        controls > 1 && controls > sniffed / 32
    }

    /// Replaces every control byte with a space; returns how many there were.
    @discardableResult
    public static func replaceControlBytes(_ bytes: inout [UInt8]) -> Int {
        bytes.withUnsafeMutableBufferPointer { replaceControlBytes($0) }
    }

    /// `replaceControlBytes` over a buffer.
    @discardableResult
    static func replaceControlBytes(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> Int {
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
/// - Complexity: O(entries); each folder is listed twice (names, then which are regular
///   files), and only entries that are not listed as regular files are `stat`ed.
enum CorpusWalk {
    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// `(name as NSString).pathExtension.lowercased()` for one folder entry's name.
    ///
    /// An ASCII name without `/` is answered from its bytes: each byte is one character there,
    /// so the extension is what follows the last `.`, none when that `.` starts or ends the name
    /// (Foundation's rule). Other names go through Foundation, whose path parsing cost
    /// microseconds per entry.
    static func lowercasedExtension(ofName name: String) -> String {
        let bytes = name.utf8
        var lastDot: String.UTF8View.Index?
        for index in bytes.indices {
            let byte = bytes[index]
            if byte >= 0x80 || byte == UInt8(ascii: "/") { return (name as NSString).pathExtension.lowercased() }
            if byte == UInt8(ascii: ".") { lastDot = index }
        }
        guard let lastDot, lastDot != bytes.startIndex, bytes.index(after: lastDot) != bytes.endIndex else { return "" }
        return String(decoding: bytes[bytes.index(after: lastDot)...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// The names in `folder` that the directory itself lists as regular files (`d_type`
    /// `DT_REG`), so the walk needs no `stat` for them: one system call per article less, about
    /// 2 µs each. Empty — every entry is then `stat`ed, as before — when the folder cannot be
    /// listed or searched (`stat` of an entry would fail there, which the walk must note).
    /// Names that are not valid UTF-8 are left out: `FileManager` may spell them otherwise.
    ///
    /// - Complexity: O(entries), one listing of the folder.
    static func regularFileNames(in folder: String) -> Set<String> {
        guard access(folder, X_OK) == 0, let handle = opendir(folder) else { return [] }
        defer { closedir(handle) }
        var names: Set<String> = []
        while let entry = readdir(handle) {
            guard entry.pointee.d_type == UInt8(DT_REG) else { continue }
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: pointer.pointee)) {
                    String(validatingCString: $0)
                }
            }
            if let name { names.insert(name) }
        }
        return names
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
            let regularFiles = regularFileNames(in: folderPath)
            for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" && name != "MANIFEST.tsv" {
                let relative = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
                let path = (root as NSString).appendingPathComponent(relative)
                let ext = lowercasedExtension(ofName: name)
                let isCandidate = CorpusReader.textExtensions.contains(ext) || CorpusReader.jsonLinesExtensions.contains(ext)
                if path.utf8.count < PATH_MAX, regularFiles.contains(name) {
                    // What `stat` would say: a regular file is no symlink to follow, and in a
                    // searchable folder with a path this short `stat` of it cannot fail.
                    if isCandidate { found.append(relative) }
                    continue
                }
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
