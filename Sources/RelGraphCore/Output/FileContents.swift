import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a file, read into memory with `read(2)` to its end.
///
/// The file is read, never mapped: a mapped file that another program truncates raises
/// `SIGBUS` when a page past its new end is touched, and that would crash relgraph. Read
/// bytes are a snapshot; a file shortened while it is read is simply a shorter file.
///
/// Any file that can be opened is read to its end, whatever size `fstat` gives: a named
/// pipe (from the descriptor already open, never reopened), a `/proc` or FUSE file that
/// says it is empty. A directory is refused like a missing file.
///
/// The bytes live in an anonymous mapping of their own, so that the pages already parsed can
/// be given back (`release(upTo:)`) and loading a large graph does not also hold its whole text.
final class FileContents {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    private(set) var count = 0
    /// Bytes before this offset were given back (`release(upTo:)`).
    private(set) var released = 0
    /// Whether the file is a regular file, which can be read again after a `release`.
    let isRegular: Bool

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Reads the file at `path`; `nil` when it cannot be opened or read, or is a directory.
    ///
    /// A named pipe is opened as `cat` opens it, waiting for a writer; anything else is
    /// opened without waiting (a device that would block on open). The descriptor is not
    /// inherited by child processes.
    ///
    /// - Parameter head: For a file that is not a regular one (a pipe, a device), a test of its
    ///   first `headLength` bytes; when it fails, reading stops there, and the caller refuses
    ///   those bytes as it would the whole stream. A regular file has a size and is always
    ///   read whole; a stream may never end (`/dev/urandom`), so it is read on only while it
    ///   looks like what the caller can read.
    init?(path: String, head: ((UnsafeRawBufferPointer) -> Bool)? = nil) {
        var pathInfo = stat()
        let isPipe = stat(path, &pathInfo) == 0 && (pathInfo.st_mode & S_IFMT) == S_IFIFO
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (isPipe ? 0 : O_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        isRegular = (info.st_mode & S_IFMT) == S_IFREG
        // Reads below wait for data, as reads of an ordinary descriptor do.
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else { return nil }
        // One byte more than the size said, so that the read seeing the end needs no growth;
        // a size of 0 may mean "unknown" (procfs, FUSE).
        let size = Int(info.st_size)
        guard reserve(size > 0 ? size + 1 : 64 << 10) else { return nil }
        var headToCheck = isRegular ? nil : head
        while true {
            if count == capacity {
                guard reserve(capacity * 2) else { return nil }
            }
            let got = read(descriptor, base! + count, min(capacity - count, 1 << 30))
            if got > 0 {
                let before = count
                count += got
                if before < 4, count >= 4, startsWithFourZeros { return }
                if let check = headToCheck, count >= Self.headLength {
                    headToCheck = nil
                    if !check(UnsafeRawBufferPointer(start: base, count: Self.headLength)) { return }
                }
            } else if got == 0 {
                return
            } else if errno != EINTR {
                return nil
            }
        }
    }

    deinit {
        if let base { munmap(base, capacity) }
    }

    /// How much of a stream `init(path:head:)`'s `head` test sees.
    static let headLength = 4096

    /// Whether the first four bytes are zero. No file relgraph reads starts so: text in any
    /// Unicode encoding cannot begin with U+0000, and the query cache begins with its magic.
    /// Reading stops there, which keeps an endless device such as `/dev/zero` from filling
    /// memory; the caller then refuses the four bytes as it would the whole file.
    private var startsWithFourZeros: Bool {
        base!.loadUnaligned(as: UInt32.self) == 0
    }

    /// The bytes as `Data` that owns their memory, leaving this object empty: a lasting view
    /// for a reader that looks at the bytes again later (the query cache's evidence).
    ///
    /// - Precondition: Nothing was given back (`release(upTo:)`).
    func takeData() -> Data {
        precondition(released == 0, "FileContents.takeData after release(upTo:)")
        guard let base, count > 0 else { return Data() }
        let mapping = (address: base, size: capacity), bytes = count
        self.base = nil
        capacity = 0
        count = 0
        return Data(bytesNoCopy: mapping.address, count: bytes, deallocator: .custom { _, _ in
            munmap(mapping.address, mapping.size)
        })
    }

    /// Calls `body` with the bytes, which stay valid only during the call.
    func withUnsafeBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        try withExtendedLifetime(self) { () throws(Failure) -> Result in
            try body(UnsafeRawBufferPointer(start: count == 0 ? nil : base, count: count))
        }
    }

    /// Gives back the memory of the whole pages before byte `offset`. What they hold is then
    /// undefined (zeros on Linux), so the caller must not look at them again: it reads the
    /// file anew instead.
    func release(upTo offset: Int) {
        guard let base else { return }
        let end = (min(offset, count) / Self.pageSize) * Self.pageSize
        guard end > released else { return }
        #if canImport(Glibc)
        _ = madvise(base + released, end - released, MADV_DONTNEED)
        #endif
        released = end
    }

    /// Makes room for `size` bytes (rounded up to whole pages), keeping those read.
    private func reserve(_ size: Int) -> Bool {
        let rounded = (size + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        guard let mapped = mmap(nil, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), mapped != MAP_FAILED
        else { return false }
        #if canImport(Glibc)
        // Large files fill huge pages: one fault per 2 MB instead of one per 4 KB (the kernel
        // ignores this where transparent huge pages are off).
        if rounded >= 4 << 20 { _ = madvise(mapped, rounded, MADV_HUGEPAGE) }
        #endif
        if let base {
            mapped.copyMemory(from: base, byteCount: count)
            munmap(base, capacity)
        }
        base = mapped
        capacity = rounded
        return true
    }
}

/// Whole graph files as bytes, for a caller that must look at them before choosing a reader.
public enum GraphFileBytes {
    /// Whether `path` is a stream, which can be read only once: a named pipe, a character
    /// device, a socket (`/dev/stdin` is one of these unless the shell redirected a file).
    public static func isStream(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFIFO || kind == S_IFCHR || kind == S_IFSOCK
    }

    /// Every byte of the file at `path`, read as `FileContents` reads it; of a stream whose
    /// first bytes are not graph text (`TextHead`), only those.
    ///
    /// - Throws: `.missing` when nothing is at `path`, `.unreadable` when something is but
    ///   cannot be read.
    public static func read(path: String) throws(GraphFileError) -> Data {
        guard let contents = FileContents(path: path, head: TextHead.isGraphText) else { throw .cannotOpen(path) }
        return contents.takeData()
    }
}

/// Whether the first bytes of a stream can begin a graph file (JSON in UTF-8, UTF-16 or
/// UTF-32, or DOT in UTF-8), so that an endless device of anything else (`/dev/urandom`)
/// is refused after its first bytes instead of read until memory runs out.
enum TextHead {
    /// UTF-8 text without control characters other than whitespace (a sequence cut by the end
    /// of `bytes` is allowed), or, when a zero byte or a byte-order mark among the first four
    /// tells UTF-16 or UTF-32 (as JSON's encoding is told), text whose first character after
    /// whitespace is `{`. Random bytes fail within a few bytes.
    static func isGraphText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let head = bytes.bindMemory(to: UInt8.self)
        if head.count >= 4, let (width, bigEndian, start) = wideEncoding(head) {
            return firstWideCharacterIsBrace(head, width: width, bigEndian: bigEndian, from: start)
        }
        var end = head.count
        // A sequence cut by the end: drop its lead byte and continuation bytes (at most three).
        var back = end
        while back > 0 && end - back < 3 && head[back - 1] & 0xC0 == 0x80 { back -= 1 }
        if back > 0 && head[back - 1] >= 0xC0 {
            let lead = head[back - 1]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            if end - (back - 1) < length { end = back - 1 }
        }
        let text = UnsafeBufferPointer(rebasing: head[..<end])
        guard String(validating: text, as: UTF8.self) != nil else { return false }
        return !text.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }
    }

    /// The code unit width, byte order and first code unit's offset of UTF-16 or UTF-32 text,
    /// from a byte-order mark or the zero bytes of its first (ASCII) character; `nil` for
    /// anything else.
    private static func wideEncoding(_ head: UnsafeBufferPointer<UInt8>) -> (width: Int, bigEndian: Bool, start: Int)? {
        switch (head[0], head[1], head[2], head[3]) {
        case (0x00, 0x00, 0xFE, 0xFF): (4, true, 4)
        case (0xFF, 0xFE, 0x00, 0x00): (4, false, 4)
        case (0xFE, 0xFF, _, _): (2, true, 2)
        case (0xFF, 0xFE, _, _): (2, false, 2)
        case (0x00, 0x00, 0x00, _): (4, true, 0)
        case (_, 0x00, 0x00, 0x00): (4, false, 0)
        case (0x00, _, _, _): (2, true, 0)
        case (_, 0x00, _, _): (2, false, 0)
        default: nil
        }
    }

    private static func firstWideCharacterIsBrace(_ head: UnsafeBufferPointer<UInt8>, width: Int, bigEndian: Bool, from start: Int) -> Bool {
        var offset = start
        while offset + width <= head.count {
            var unit: UInt32 = 0
            for k in 0..<width { unit |= UInt32(head[offset + (bigEndian ? width - 1 - k : k)]) << (8 * k) }
            switch unit {
            case 0x20, 0x09, 0x0A, 0x0D: offset += width
            default: return unit == 0x7B
            }
        }
        return true
    }
}
