import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that readers never see a half-written file: the bytes go to a
/// temporary file in the same folder, which is then renamed over the destination.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(OutputError) {
        try write(to: path) { (sink: Sink) throws(OutputError) in
            guard data.withUnsafeBytes({ sink.put($0) }) else { throw .cannotWrite(path: path) }
        }
    }

    /// Streams a file: `body` writes through the sink into the temporary file, which is renamed
    /// over `path` only when `body` returns; on any error the temporary file is removed and
    /// `path` is untouched.
    public static func write(to path: String, _ body: (Sink) throws(OutputError) -> Void) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noSuchFolder(path: path)
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .cannotWrite(path: path) }
        let sink = Sink(descriptor: descriptor, path: path)
        do {
            try body(sink)
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
        sink.releaseReserve()
        guard close(descriptor) == 0, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw .cannotWrite(path: path)
        }
    }

    /// Where `write(to:_:)`'s body writes; it empties each buffer it is given.
    ///
    /// Unbuffered: each buffer is one `write` (or more, if the system takes part of it). The
    /// writers hand it 64 KB to 1 MB at a time; `fwrite` split each such buffer into two calls.
    public final class Sink {
        fileprivate let descriptor: Int32
        fileprivate let path: String
        /// Bytes written so far: the file's size.
        private(set) var size = 0
        /// Bytes of the file that have blocks allocated (`reserve`): at least `size`, or 0.
        private(set) var reserved = 0
        /// Whether the file system took the last reservation (unsupported: not asked again).
        private var reserving = true

        fileprivate init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        /// Writes `bytes` and empties the array, keeping its capacity for the next batch.
        public func write(_ bytes: inout [UInt8]) throws(OutputError) {
            guard bytes.withUnsafeBytes({ put($0) }) else { throw .cannotWrite(path: path) }
            bytes.removeAll(keepingCapacity: true)
        }

        /// Writes `bytes`, which stay the caller's.
        public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
            guard put(bytes) else { throw .cannotWrite(path: path) }
        }

        fileprivate func put(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard var next = bytes.baseAddress, !bytes.isEmpty else { return true }
            reserve(bytes.count)
            var remaining = bytes.count
            while remaining > 0 {
                let written = systemWrite(descriptor, next, remaining)
                if written < 0 && errno == EINTR { continue }
                // A regular file takes at least one byte of a write or fails.
                guard written > 0 else { return false }
                next += written
                remaining -= written
                size += written
            }
            return true
        }

        /// Allocates the file's blocks ahead of `count` bytes about to be written, from 1 MB
        /// to 32 MB ahead (what was written so far, doubling): ext4 then maps each page it
        /// copies to an allocated block instead of reserving one for delayed allocation, and a
        /// rename over an existing file (`auto_da_alloc`) has no delayed blocks to flush first.
        /// Measured writing 245 MB in 160 KB writes to a new file on this host's ext4: 0.046 s
        /// → 0.031 s, and the rename over the previous file 0.07–0.09 s → 0.05 s. Where the
        /// file system cannot, nothing is reserved and the writes work as before.
        private func reserve(_ count: Int) {
            #if os(Linux)
            guard reserving, size + count > reserved, let allocate = Self.fallocate else { return }
            let length = max(size + count - reserved, min(max(size, 1 << 20), 32 << 20))
            // Keeping the size: the file holds only the bytes written, whatever is reserved.
            let keepSize: Int32 = 0x01 // FALLOC_FL_KEEP_SIZE (linux/falloc.h)
            if allocate(descriptor, keepSize, off_t(reserved), off_t(length)) == 0 {
                reserved += length
            } else {
                reserving = false
            }
            #endif
        }

        /// Gives back the blocks reserved past the end of what was written.
        fileprivate func releaseReserve() {
            // On failure the file is still whole, only holding unused blocks until removed.
            if reserved > size { _ = ftruncate(descriptor, off_t(size)) }
        }

        #if os(Linux)
        /// glibc's `fallocate`, which Swift's Glibc module does not declare (it is a GNU
        /// extension); `nil` where the C library has none.
        private static let fallocate: (@convention(c) (Int32, Int32, off_t, off_t) -> Int32)? =
            dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fallocate").map {
                unsafeBitCast($0, to: (@convention(c) (Int32, Int32, off_t, off_t) -> Int32).self)
            }
        #endif
    }
}

/// The C library's `write`, which `Sink.write` hides inside the sink.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

public enum OutputError: Error, Equatable, CustomStringConvertible {
    case noSuchFolder(path: String)
    case cannotWrite(path: String)
    /// Evidence sentences kept in the temporary file could not be read back; the output file
    /// was not published.
    case evidenceUnreadable
    /// As `evidenceUnreadable`, for output streamed to standard output (or another sink): the
    /// bytes written before the failure cannot be taken back, so the output is incomplete.
    case evidenceUnreadableInStream

    public var description: String {
        switch self {
        case .noSuchFolder(let path): "cannot write '\(path)': its folder does not exist"
        case .cannotWrite(let path): "cannot write '\(path)': check the folder's permissions and free space"
        case .evidenceUnreadable: "cannot read evidence sentences back from the temporary file in TMPDIR (I/O error); nothing was written"
        case .evidenceUnreadableInStream: "cannot read evidence sentences back from the temporary file in TMPDIR (I/O error); standard output is incomplete"
        }
    }
}
