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
    /// `read(2)` straight into the buffer the document is made from (no `Data`, no second copy),
    /// most often in one read (see `readBytes`' `sizeIsExact`).
    public static func read(_ file: CorpusFile, notes: CorpusNoteLog) -> [Document] {
        readDocument(file, notes: notes).map { [$0] } ?? []
    }

    /// `read(_:notes:)` as an optional: a reader appends the document itself, without an
    /// array per file. (The path goes to `open` as it is stored, not copied into a C string.)
    ///
    /// - Parameter opening: Opens a path for reading as `open(path, O_RDONLY | O_CLOEXEC)`
    ///   does (`FolderOpener` for a run of files).
    static func readDocument(_ file: CorpusFile, notes: CorpusNoteLog, opening: (String) -> Int32 = { path in
        path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
    }) -> Document? {
        let descriptor = opening(file.path)
        guard descriptor >= 0 else {
            notes.append(.unreadable(path: file.path))
            return nil
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else {
            notes.append(.unreadable(path: file.path))
            return nil
        }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        if isRegular, info.st_size == 0 {
            notes.append(.empty(path: file.path))
            return nil
        }
        guard var bytes = readBytes(descriptor, sizeHint: isRegular ? Int(info.st_size) : 0, sizeIsExact: isRegular) else {
            notes.append(.unreadable(path: file.path))
            return nil
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
    ///
    /// - Parameter sizeIsExact: `sizeHint` is the `fstat` size of a regular file: reading
    ///   exactly that many bytes then ends the file, without the read of 0 bytes that would
    ///   confirm it (one system call per document). One byte more was asked for, and a regular
    ///   file's read returns fewer bytes than asked only at its end (or when a signal cuts it
    ///   short, which Linux's local file systems allow only for a fatal one), so the file has
    ///   not grown. A file that grew fills the buffer and is read on; one that shrank reads
    ///   less and is read on to its end, as without this.
    /// - Parameter readSoFar: The bytes already read from `descriptor`, which come first.
    static func readBytes(_ descriptor: Int32, sizeHint: Int, sizeIsExact: Bool = false,
                          readSoFar: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)) -> [UInt8]? {
        // One byte more than the size, so a full buffer means the file grew (or is a FIFO).
        // No size (a FIFO): one block to start with, trimmed below.
        let capacity = max(sizeHint > 0 ? sizeHint + 1 : 4096, readSoFar.count + 1)
        var failed = false
        var finished = false
        var bytes = [UInt8](specializedUninitializedCapacity: capacity) { buffer, initialized in
            if let start = readSoFar.baseAddress { buffer.baseAddress!.initialize(from: start, count: readSoFar.count) }
            var total = readSoFar.count
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
                if sizeIsExact && total == sizeHint {
                    finished = true
                    break
                }
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
        return document(fromBytes: &bytes, file: file, notes: notes).map { [$0] } ?? []
    }

    /// Rules 2–5 over `bytes`, which are edited in place (control bytes become spaces): the
    /// document, or `nil` when the file is skipped.
    ///
    /// - Complexity: O(n): one pass for binary sniffing and control bytes together, one for
    ///   UTF-8 validity (ASCII skipped eight bytes at a time), and one to move the body over the
    ///   date line. Valid UTF-8 becomes the document as it is (no copy); only a file with
    ///   invalid UTF-8 is decoded into a `String` (U+FFFD for each bad sequence).
    static func document(fromBytes bytes: inout [UInt8], file: CorpusFile, notes: CorpusNoteLog) -> Document? {
        guard let invalid = bytes.withUnsafeMutableBufferPointer({ inspect($0, file: file, notes: notes) }) else { return nil }
        return document(inspected: &bytes, invalid: invalid, file: file, notes: notes)
    }

    /// Rules 2–4 over `bytes`, which are edited in place (control bytes become spaces), with
    /// their notes: how many invalid UTF-8 sequences the bytes hold, or `nil` for a binary file.
    private static func inspect(_ buffer: UnsafeMutableBufferPointer<UInt8>, file: CorpusFile, notes: CorpusNoteLog) -> Int? {
        let sniffed = min(sniffLength, buffer.count)
        let (sniffControls, sniffHigh) = scanControlAndHighBytes(UnsafeBufferPointer(buffer), 0, sniffed)
        if isBinary(controls: sniffControls, sniffed: sniffed) {
            notes.append(.binary(path: file.path))
            return nil
        }
        let (restControls, restHigh) = scanControlAndHighBytes(UnsafeBufferPointer(buffer), sniffed, buffer.count)
        let controls = sniffControls + restControls
        if controls > 0 { replaceControlBytes(buffer) }
        // ASCII (most articles) is valid UTF-8: the scan above saw no byte of 0x80 or more.
        // (Control bytes, ASCII, become ASCII spaces, so they change no byte's validity.)
        let invalid = sniffHigh || restHigh ? countInvalidUTF8(UnsafeRawBufferPointer(buffer)) : 0
        if invalid > 0 { notes.append(.invalidUTF8(path: file.path, sequences: invalid)) }
        if controls > 0 { notes.append(.controlBytes(path: file.path, count: controls)) }
        return invalid
    }

    /// Rule 5 and the date line over `bytes` that `inspect` passed, holding `invalid` invalid
    /// UTF-8 sequences.
    private static func document(inspected bytes: inout [UInt8], invalid: Int, file: CorpusFile, notes: CorpusNoteLog) -> Document? {
        let document: Document
        switch Document.asciiDateSplit(bytes) {
        case .split(let date, let bodyStart) where invalid == 0:
            // Valid UTF-8: the document keeps these bytes (decoding would change none of them).
            bytes.removeSubrange(0..<bodyStart)
            guard !isBlank(bytes) else {
                notes.append(.empty(path: file.path))
                return nil
            }
            return Document(name: file.name, validUTF8: bytes, date: date)
        case .split(let date, let bodyStart):
            let text = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[bodyStart...]), as: UTF8.self) }
            document = Document(name: file.name, text: text, date: date)
        case .undecided:
            document = Document.fromArticle(name: file.name, text: String(decoding: bytes, as: UTF8.self))
        }
        guard !isBlank(document.text) else {
            notes.append(.empty(path: file.path))
            return nil
        }
        return document
    }

    /// The read buffer that `readListedDocument` keeps from one file to the next: 64 KB, room
    /// for most articles in one read, allocated for the first listed file of a chunk.
    ///
    /// Raw memory, not an array: `read(2)` initializes the bytes it returns, and only those are
    /// looked at. (An array of 64 KB has to be initialized first; a memset per chunk of 32 files
    /// cost 5 M instructions on 10 MB under callgrind, which counts `rep stosb` byte by byte.)
    struct ReadBuffer: ~Copyable {
        private var storage: UnsafeMutablePointer<UInt8>?
        fileprivate static let size = 1 << 16

        init() {}

        deinit { storage?.deallocate() }

        /// The buffer's `size` bytes, allocated on first use.
        fileprivate mutating func memory() -> UnsafeMutablePointer<UInt8> {
            if let storage { return storage }
            let memory = UnsafeMutableRawPointer.allocate(byteCount: Self.size, alignment: 16)
                .bindMemory(to: UInt8.self, capacity: Self.size)
            storage = memory
            return memory
        }
    }

    /// `readDocument` of a file that the folder walk listed as a regular file
    /// (`CorpusFile.listedAsRegularFile`), with the same documents and notes, in two system calls
    /// besides `open` for a file under 64 KB: no `fstat`, which on the 100 MB corpus took 0.8% of
    /// a build's perf samples. One read into `buffer`; when it returns fewer bytes than the
    /// buffer holds, that is the file's end, and the document gets a copy of the body alone,
    /// where reading into the document's own array moved the body over the date line instead:
    /// one copy of the bytes either way. A read that fills the buffer (a longer file) is
    /// continued by `readDocument`'s way, `fstat` and `readBytes` to the file's end, so the
    /// buffer never grows.
    ///
    /// This assumes that a regular file's read returns fewer bytes than asked only at its end,
    /// as POSIX specifies and Linux's local file systems do (a signal cuts one short only when
    /// it is fatal); a network or user-space file system (NFS, FUSE) that returned a short
    /// first read of a file over 64 KB would cut its document there, where `readDocument`
    /// reads on to the size `fstat` gives. What `fstat` told, the read tells: a file with no
    /// bytes is empty, and a folder (the file replaced since the walk) fails to read (`EISDIR`)
    /// and is unreadable. A file replaced by a FIFO since the walk is read up to the first read
    /// that gets fewer than 64 KB, not to its end.
    static func readListedDocument(_ file: CorpusFile, notes: CorpusNoteLog, buffer: inout ReadBuffer,
                                   opening: (String) -> Int32) -> Document? {
        let descriptor = opening(file.path)
        guard descriptor >= 0 else {
            notes.append(.unreadable(path: file.path))
            return nil
        }
        defer { close(descriptor) }
        let memory = buffer.memory()
        var total: Int
        repeat {
            total = Foundation.read(descriptor, memory, ReadBuffer.size)
        } while total < 0 && errno == EINTR
        if total < 0 {
            notes.append(.unreadable(path: file.path))
            return nil
        }
        if total == ReadBuffer.size {
            return readRest(descriptor, readSoFar: UnsafeBufferPointer(start: memory, count: total), file: file, notes: notes)
        }
        if total == 0 {
            notes.append(.empty(path: file.path))
            return nil
        }
        let bytes = UnsafeMutableBufferPointer(start: memory, count: total)
        guard let invalid = inspect(bytes, file: file, notes: notes) else { return nil }
        if invalid == 0, case .split(let date, let bodyStart) = Document.asciiDateSplit(UnsafeBufferPointer(bytes)) {
            let body = UnsafeBufferPointer(rebasing: bytes[bodyStart...])
            guard !isBlank(body) else {
                notes.append(.empty(path: file.path))
                return nil
            }
            let utf8 = [UInt8](specializedUninitializedCapacity: body.count) { copy, count in
                copy.baseAddress!.initialize(from: body.baseAddress!, count: body.count)
                count = body.count
            }
            return Document(name: file.name, validUTF8: utf8, date: date)
        }
        var copy = Array(bytes)
        return document(inspected: &copy, invalid: invalid, file: file, notes: notes)
    }

    /// `readListedDocument` of a file whose first read filled the buffer with `readSoFar`:
    /// `readDocument` from there on, `fstat` sizing the rest of a regular file.
    private static func readRest(_ descriptor: Int32, readSoFar: UnsafeBufferPointer<UInt8>,
                                 file: CorpusFile, notes: CorpusNoteLog) -> Document? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            notes.append(.unreadable(path: file.path))
            return nil
        }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        guard var bytes = readBytes(descriptor, sizeHint: isRegular ? Int(info.st_size) : 0, sizeIsExact: isRegular,
                                    readSoFar: readSoFar) else {
            notes.append(.unreadable(path: file.path))
            return nil
        }
        return document(fromBytes: &bytes, file: file, notes: notes)
    }

    /// `isBlank` of valid UTF-8 bytes; ASCII is classified without decoding.
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isBlank($0) }
    }

    /// `isBlank(_:)` of bytes in a buffer.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
    /// - Complexity: O(n), thirty-two bytes per step in two 16-byte vectors. A step first
    ///   tests its lanes for any byte that is a control byte or 0x7F and above (`suspicious`,
    ///   two signed comparisons a vector); only a step with one tests each lane for the control
    ///   ranges (below 0x09, 0x0E–0x1F, 0x7F) and or-s its bytes (for bit 7). Control bytes are
    ///   counted (`countControlBytes`) only in a file that has any — a rare one. Line breaks and
    ///   tabs, in every article, take no slower path. (Eight-byte words with carry tricks took
    ///   about three instructions a byte; the exact test of every step a little over one; ASCII
    ///   text with the first test about 0.6. A step with non-ASCII bytes costs both tests.)
    static func scanControlAndHighBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (controls: Int, anyHigh: Bool) {
        guard start < end, let base = bytes.baseAddress else { return (0, false) }
        let raw = UnsafeRawPointer(base)
        typealias Lanes = SIMD16<UInt8>
        /// The lanes of `lanes` that hold a control byte.
        @inline(__always) func controlLanes(_ lanes: Lanes) -> SIMDMask<SIMD16<Int8>> {
            let low = lanes .< Lanes(repeating: 0x09)
            let shiftOutToUnitSeparator = (lanes &- Lanes(repeating: 0x0E)) .< Lanes(repeating: 0x20 - 0x0E)
            let delete = lanes .== Lanes(repeating: 0x7F)
            return low .| shiftOutToUnitSeparator .| delete
        }
        /// The lanes of `lanes` that hold a control byte, or a byte of 0x7F or more (signed,
        /// each comparison is one instruction; unsigned ones took three): with `y` the byte plus
        /// one as a signed byte, 0x7F…0xFF and 0x00…0x08 are the `y` below 10, and 0x0E…0x1F
        /// the `y` from 15 to 32, which `y + 113` (wrapping) moves to −128…−111.
        @inline(__always) func suspicious(_ lanes: Lanes) -> SIMDMask<SIMD16<Int8>> {
            let y = unsafeBitCast(lanes, to: SIMD16<Int8>.self) &+ SIMD16<Int8>(repeating: 1)
            return y .< SIMD16<Int8>(repeating: 10) .| ((y &+ SIMD16<Int8>(repeating: 113)) .< SIMD16<Int8>(repeating: -110))
        }
        // The lanes are or-ed as masks and the step's bound is computed once, wrapping: `end`
        // is an index of the buffer, so `end - 32` cannot wrap and `index + 32` stays at most
        // `end`. (A mask turned into bytes each step, and a checked `index + 32 <= end`, were
        // a sixth of the loop.)
        var controls = SIMDMask<SIMD16<Int8>>(repeating: false)
        var high = Lanes(repeating: 0)
        var index = start
        let lastStep = end &- 32
        while index <= lastStep {
            let first = raw.loadUnaligned(fromByteOffset: index, as: Lanes.self)
            let second = raw.loadUnaligned(fromByteOffset: index &+ 16, as: Lanes.self)
            if anyLane(suspicious(first) .| suspicious(second)) {
                high |= first | second
                controls = controls .| controlLanes(first) .| controlLanes(second)
            }
            index &+= 32
        }
        var count = anyLane(controls) ? countControlBytes(bytes, start, index) : 0
        var highBits = high.max()
        while index < end {
            let byte = bytes[index]
            highBits |= byte
            if isControl(byte) { count += 1 }
            index += 1
        }
        return (count, highBits >= 0x80)
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
/// - Complexity: O(entries); each folder is listed once (names, and which are regular files),
///   and only entries that are not listed as regular files are `stat`ed.
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

    /// What `(root as NSString).appendingPathComponent(relative)` begins with, for every
    /// `relative` the walk yields (non-empty, no leading or trailing `/`, no `//`), or `nil`
    /// where Foundation's join is not that plain concatenation.
    ///
    /// Why: joining through `NSString` cost about two thousand instructions a file, three
    /// times a file. On Linux the join is `root + "/" + relative` (no `/` added after a root
    /// ending in one); a probe checks that once per root, so another platform's rules (which
    /// may tidy the root's slashes) fall back to Foundation instead of differing from it.
    static func pathPrefix(ofRoot root: String) -> String? {
        guard !root.isEmpty else { return nil }
        let prefix = root.utf8.last == UInt8(ascii: "/") ? root : root + "/"
        for probe in ["a", "a/b.txt"] where (root as NSString).appendingPathComponent(probe) != prefix + probe {
            return nil
        }
        return prefix
    }

    /// `(root as NSString).appendingPathComponent(relative)`, by concatenation when `prefix`
    /// (`pathPrefix(ofRoot:)` of `root`) is known.
    @inline(__always)
    static func joined(_ root: String, prefix: String?, _ relative: String) -> String {
        if let prefix { return prefix + relative }
        return (root as NSString).appendingPathComponent(relative)
    }

    /// Whether a folder entry called `name` has one of the corpus extensions: what
    /// `lowercasedExtension(ofName:)` in `textExtensions` or `jsonLinesExtensions` says, without
    /// building the extension for an ASCII name (a few dozen instructions instead of about two
    /// thousand).
    static func isCandidate(name: String) -> Bool {
        var name = name
        let ascii: Bool? = name.withUTF8 { bytes -> Bool? in
            var lastDot = -1
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte >= 0x80 || byte == UInt8(ascii: "/") { return nil }
                if byte == UInt8(ascii: ".") { lastDot = index }
            }
            // No extension (no dot, or a dot that starts or ends the name): "", never a candidate.
            guard lastDot > 0, lastDot + 1 < bytes.count else { return candidateExtensions.contains([]) }
            let start = lastDot + 1
            let length = bytes.count - start
            return candidateExtensions.contains { ext in
                guard ext.count == length else { return false }
                for offset in 0..<length {
                    let byte = bytes[start + offset]
                    if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != ext[offset] { return false }
                }
                return true
            }
        }
        if let ascii { return ascii }
        let ext = lowercasedExtension(ofName: name)
        return CorpusReader.textExtensions.contains(ext) || CorpusReader.jsonLinesExtensions.contains(ext)
    }

    /// The corpus extensions' bytes (they are lowercase).
    private static let candidateExtensions: [[UInt8]] =
        (CorpusReader.textExtensions.sorted() + CorpusReader.jsonLinesExtensions.sorted()).map { Array($0.utf8) }

    /// One folder entry: its name, and whether the listing says it is a regular file.
    struct Entry {
        var name: String
        var isRegular: Bool
    }

    /// The entries of `folder` (but `.` and `..`) in one listing, each with whether the listing
    /// itself calls it a regular file (`d_type` `DT_REG`; never when the folder cannot be
    /// searched, where `stat` of an entry fails and the walk must note it). `nil` — the caller
    /// then lists the folder with `FileManager` and `regularFileNames`, as before — when the
    /// folder cannot be opened or a name is not valid UTF-8 (`FileManager` may spell it
    /// otherwise).
    ///
    /// Why: the walk listed each folder twice (`FileManager`, then `regularFileNames`) and
    /// looked every name up in a `Set<String>`.
    ///
    /// - Complexity: O(entries), one listing.
    static func entries(of folder: String) -> [Entry]? {
        let searchable = access(folder, X_OK) == 0
        guard let handle = opendir(folder) else { return nil }
        defer { closedir(handle) }
        var entries: [Entry] = []
        while let entry = readdir(handle) {
            let isRegular = searchable && entry.pointee.d_type == UInt8(DT_REG)
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: pointer.pointee)) {
                    String(validatingCString: $0)
                }
            }
            guard let name else { return nil }
            if name == "." || name == ".." { continue }
            entries.append(Entry(name: name, isRegular: isRegular))
        }
        return entries
    }

    /// Sorts `entries` as `sort { $0.name < $1.name }` does. When every name is ASCII, `String`'s
    /// order (of normalized scalars) is the order of the bytes (`bytewiseOrder`): `<` cost about
    /// 280 instructions a comparison, half of the walk's time.
    static func sortByName(_ entries: inout [Entry]) {
        guard entries.allSatisfy({ isASCII($0.name) }) else {
            entries.sort { $0.name < $1.name }
            return
        }
        let order = bytewiseOrder(entries.map(\.name))
        entries = order.map { entries[$0] }
    }

    /// Whether every byte of `string` is ASCII.
    static func isASCII(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            var any: UInt8 = 0
            for byte in bytes { any |= byte }
            return any < 0x80
        }
    }

    /// The indices of `strings` in the order of their UTF-8 bytes (`utf8.lexicographicallyPrecedes`,
    /// which the tests hold this to).
    ///
    /// Each string's bytes are packed once into big-endian words, zeros after its last byte, so
    /// that a comparison compares words (most names and paths differ within their first three);
    /// strings whose words are all equal are ordered by length, the shorter one being a prefix of
    /// the longer. Comparing the `utf8` views cost about 150 instructions a pair of paths.
    ///
    /// - Complexity: O(bytes) to pack, then O(n log n) comparisons of a few words each.
    static func bytewiseOrder(_ strings: [String]) -> [Int] {
        var words: [UInt64] = [], starts = [0], lengths: [Int] = []
        starts.reserveCapacity(strings.count + 1)
        lengths.reserveCapacity(strings.count)
        for string in strings {
            var string = string
            string.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    var word: UInt64 = 0
                    for index in offset..<(offset + 8) { word = word << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
                    words.append(word)
                    offset += 8
                }
                lengths.append(bytes.count)
            }
            starts.append(words.count)
        }
        return words.withUnsafeBufferPointer { words in
            starts.withUnsafeBufferPointer { starts in
                lengths.withUnsafeBufferPointer { lengths in
                    // Indices from `strings.indices`: every `starts` entry is within `words`.
                    Array(strings.indices).sorted { a, b in
                        var first = starts[a], second = starts[b]
                        let firstEnd = starts[a + 1], secondEnd = starts[b + 1]
                        while first < firstEnd && second < secondEnd {
                            if words[first] != words[second] { return words[first] < words[second] }
                            first += 1
                            second += 1
                        }
                        return lengths[a] < lengths[b]
                    }
                }
            }
        }
    }

    static func candidateFiles(under root: String, notes: inout [CorpusNote]) throws(CorpusError) -> [String] {
        var visited: Set<FileID> = []
        var found: [String] = []
        var pending: [String] = [""]
        var info = stat()
        guard stat(root, &info) == 0 else { throw .unreadable(path: root) }
        visited.insert(FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        let prefix = pathPrefix(ofRoot: root)
        while let folder = pending.popLast() {
            let folderPath = folder.isEmpty ? root : joined(root, prefix: prefix, folder)
            var entries: [Entry]
            if let listed = self.entries(of: folderPath) {
                entries = listed
            } else {
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: folderPath) else {
                    if folder.isEmpty { throw .unreadable(path: root) }
                    notes.append(.unreadable(path: folderPath))
                    continue
                }
                let regularFiles = regularFileNames(in: folderPath)
                entries = names.map { Entry(name: $0, isRegular: regularFiles.contains($0)) }
            }
            // Names are unique, so this is the order of `names.sorted()`.
            sortByName(&entries)
            for entry in entries where !entry.name.hasPrefix(".") && entry.name != "README.md" && entry.name != "MANIFEST.tsv" {
                let name = entry.name
                let relative = folder.isEmpty ? name : folder + "/" + name
                let isCandidate = isCandidate(name: name)
                if entry.isRegular {
                    let path = prefix.map { $0.utf8.count + relative.utf8.count } ?? joined(root, prefix: nil, relative).utf8.count
                    if path < PATH_MAX {
                        // What `stat` would say: a regular file is no symlink to follow, and in a
                        // searchable folder with a path this short `stat` of it cannot fail.
                        if isCandidate { found.append(relative) }
                        continue
                    }
                }
                let path = joined(root, prefix: prefix, relative)
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
