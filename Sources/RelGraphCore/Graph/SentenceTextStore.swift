import Foundation

/// Append-only storage for evidence sentences, moved to a temporary file once it grows.
///
/// Why: in news text nearly every sentence that names two entities becomes evidence, so the
/// evidence text of a corpus is most of the corpus. Holding it in memory would make peak
/// memory grow with the corpus; kept here, a graph's memory is its structure (ids and
/// offsets), and the text costs only disk. Up to `memoryLimit` of the newest bytes stay in
/// memory (all of them until the limit is first reached), so small corpora and tests never
/// touch the disk.
///
/// The file is created in the temporary folder (`TMPDIR`) and unlinked at once, so it
/// disappears with the process even after a crash. Reads use `pread` into a small buffer,
/// never `mmap`, so the text does not count toward resident memory.
///
/// Thread safety: appends and reads take a lock; partial graphs that share a store (copies
/// of one value) can be used from different tasks.
final class SentenceTextStore: @unchecked Sendable {
    /// Where one sentence's UTF-8 bytes are.
    struct Reference: Hashable, Sendable {
        var offset: UInt64
        var length: UInt32
    }

    private let lock = NSLock()
    private let memoryLimit: Int
    /// Bytes not yet written to the file (all bytes while the store is in memory).
    private var pending: [UInt8] = []
    /// Offset of `pending[0]` in the store.
    private var pendingStart: UInt64 = 0
    private var file: Int32 = -1
    /// Set when the temporary file could not be created or written: the store then keeps
    /// everything in memory rather than lose text.
    private var diskFailed = false
    /// Set when a sentence could not be read back whole from the temporary file. Readers
    /// cannot throw from inside a rendering batch, so writers check this before they publish.
    private var readFailed = false

    /// Whether any read came back short (an I/O error on the temporary file).
    var hadReadError: Bool { lock.withLock { readFailed } }

    init(memoryLimit: Int = 32 << 20) {
        self.memoryLimit = memoryLimit
    }

    deinit {
        if file >= 0 { close(file) }
    }

    /// Total bytes stored.
    var count: UInt64 { lock.withLock { pendingStart + UInt64(pending.count) } }

    func append(_ text: String) -> Reference {
        var text = text
        return text.withUTF8 { append($0) }
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Reference {
        lock.withLock {
            let reference = Reference(offset: pendingStart + UInt64(pending.count), length: UInt32(clamping: bytes.count))
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes.prefix(Int(reference.length))))
            if pending.count >= memoryLimit && !diskFailed { spill() }
            return reference
        }
    }

    /// Calls `body` with the sentence's bytes (in a scratch buffer when they are on disk).
    /// Safe to call from several threads: file reads happen outside the lock.
    func withBytes<Result>(_ reference: Reference, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let length = Int(reference.length)
        var descriptor: Int32 = -1
        let inMemory: Result? = lock.withLock {
            guard reference.offset >= pendingStart else {
                descriptor = file
                return nil
            }
            let start = Int(reference.offset - pendingStart)
            return pending.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + length)])) }
        }
        if let inMemory { return inMemory }
        if scratch.count < length { scratch = [UInt8](repeating: 0, count: max(length, 4096)) }
        var done = 0
        scratch.withUnsafeMutableBytes { raw in
            while done < length {
                let read = pread(descriptor, raw.baseAddress! + done, length - done, off_t(reference.offset) + off_t(done))
                guard read > 0 else { break }
                done += read
            }
        }
        if done < length { lock.withLock { readFailed = true } }
        return scratch.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<done])) }
    }

    func string(_ reference: Reference) -> String {
        lock.withLock {
            let length = Int(reference.length)
            if reference.offset >= pendingStart {
                let start = Int(reference.offset - pendingStart)
                return String(decoding: pending[start..<(start + length)], as: UTF8.self)
            }
            return String(unsafeUninitializedCapacity: length) { buffer in
                var done = 0
                while done < length {
                    let read = pread(file, buffer.baseAddress! + done, length - done, off_t(reference.offset) + off_t(done))
                    // A read error on our own temporary file ends the string short rather than
                    // crash; `hadReadError` reports it.
                    guard read > 0 else { break }
                    done += read
                }
                if done < length { readFailed = true }
                return done
            }
        }
    }

    /// Writes `pending` to the temporary file (creating it on first use) and empties it.
    private func spill() {
        if file < 0 {
            var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("relgraph-evidence.XXXXXX").utf8CString)
            file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard file >= 0 else { diskFailed = true; return }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            #if os(Linux)
            // Each sentence of a finished graph is one `pread`; without access times the
            // kernel skips an inode check per read (a tenth of its cost, measured). Our own
            // file, so the flag is allowed; if it is refused nothing changes.
            // `O_NOATIME` (asm-generic/fcntl.h: x86-64 and ARM64), which Glibc does not export to Swift.
            let noAccessTime: Int32 = 0o1_000_000
            _ = fcntl(file, F_SETFL, fcntl(file, F_GETFL) | noAccessTime)
            #endif
        }
        var written = 0
        while written < pending.count {
            let result = pending.withUnsafeBytes { pwrite(file, $0.baseAddress! + written, $0.count - written, off_t(pendingStart) + off_t(written)) }
            guard result > 0 else { diskFailed = true; return }
            written += result
        }
        pendingStart += UInt64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }
}
