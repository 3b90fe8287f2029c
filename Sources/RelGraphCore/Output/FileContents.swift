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
    init?(path: String) {
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
        while true {
            if count == capacity {
                guard reserve(capacity * 2) else { return nil }
            }
            let got = read(descriptor, base! + count, min(capacity - count, 1 << 30))
            if got > 0 {
                let before = count
                count += got
                if before < 4, count >= 4, startsWithFourZeros { return }
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

    /// Every byte of the file at `path`, read as `FileContents` reads it.
    ///
    /// - Throws: `.missing` when nothing is at `path`, `.unreadable` when something is but
    ///   cannot be read.
    public static func read(path: String) throws(GraphFileError) -> Data {
        guard let contents = FileContents(path: path) else { throw .cannotOpen(path) }
        return contents.takeData()
    }
}
