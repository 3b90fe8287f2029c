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
/// disappears with the process even after a crash. Reads use `pread` into the reader's
/// buffer, never `mmap`, so the text does not count toward resident memory.
///
/// Thread safety: appends and reads take a lock, held only to copy bytes out of memory and to
/// read the file's descriptor (`pread`s of the file happen outside it: the file only grows,
/// and bytes once written never change); partial graphs that share a store (copies of one
/// value) can be used from different tasks.
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

    /// Records a read error met while copying sentences from another store into this one, so
    /// that writers still refuse to publish text that may be short.
    func noteReadError() { lock.withLock { readFailed = true } }

    /// - Parameter maximumSpan: The most one `pread` of `read(_:into:starts:)` reads
    ///   (`defaultMaximumSpan`; tests make it small to split spans).
    init(memoryLimit: Int = 32 << 20, maximumSpan: UInt64 = SentenceTextStore.defaultMaximumSpan) {
        self.memoryLimit = memoryLimit
        self.maximumSpan = max(1, maximumSpan)
    }

    deinit {
        if file >= 0 { close(file) }
    }

    /// The largest `memoryLimit` whose buffer `append` reserves whole on first use.
    static let reservedLimit = 64 << 20

    /// Total bytes stored.
    var count: UInt64 { lock.withLock { pendingStart + UInt64(pending.count) } }

    func append(_ text: String) -> Reference {
        var text = text
        return text.withUTF8 { append($0) }
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Reference {
        lock.withLock {
            let reference = Reference(offset: pendingStart + UInt64(pending.count), length: UInt32(clamping: bytes.count))
            if pending.capacity == 0 && memoryLimit <= Self.reservedLimit {
                // All the room the store will use, at once: growing by doubling copied the
                // bytes several times and, at the last step, briefly held twice the limit.
                // Pages not yet written cost no memory. A sentence is at most `UInt16.max`
                // bytes (`PartialGraph` clips longer ones), so the limit is never passed by more.
                pending.reserveCapacity(memoryLimit + Int(UInt16.max) + 1)
            }
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes.prefix(Int(reference.length))))
            if pending.count >= memoryLimit && !diskFailed { spill() }
            return reference
        }
    }

    /// One sentence wanted by `read(_:into:starts:)`.
    struct Request {
        var offset: UInt64
        var length: UInt32
        /// Index into the caller's `starts`, which receives where the sentence begins.
        var slot: Int32
    }

    /// Requests closer than this many bytes in the temporary file share one `pread`: a system
    /// call costs about as much as copying a few kilobytes that are in the page cache
    /// (measured on 100 MB: 2 KB made a third of the calls 512 bytes made, for less time;
    /// 8 KB was no faster).
    static let coalescingGap: UInt64 = 2048
    /// The most one `pread` reads, so that a span stays a bounded copy.
    static let defaultMaximumSpan: UInt64 = 1 << 20
    /// This store's limit of a span (`defaultMaximumSpan` but in tests).
    let maximumSpan: UInt64

    /// Copies the sentences of `requests`, which must be sorted by offset, to the end of
    /// `buffer` and sets `starts[request.slot]` to each one's position there.
    ///
    /// Sentences still in memory are copied under the lock, all in one acquisition; the others
    /// are read from the temporary file outside it, in spans: neighbours less than
    /// `coalescingGap` apart are read by one `pread` (gaps included), so a batch of
    /// sentences costs one system call per cluster instead of one per sentence. A short read
    /// leaves zeros and sets `hadReadError`.
    ///
    /// - Complexity: O(requests + bytes read).
    func read(_ requests: UnsafeBufferPointer<Request>, into buffer: inout SentenceBuffer, starts: UnsafeMutablePointer<Int>) {
        guard !requests.isEmpty else { return }
        var descriptor: Int32 = -1
        // Requests before `spilled` are on disk: offsets are sorted and the file holds a prefix.
        var spilled = requests.count
        lock.withLock {
            descriptor = file
            var first = requests.count
            while first > 0 && requests[first - 1].offset >= pendingStart { first -= 1 }
            spilled = first
            guard first < requests.count else { return }
            pending.withUnsafeBufferPointer { pending in
                var previous: (offset: UInt64, start: Int) = (.max, 0)
                for request in requests[first...] {
                    if request.offset == previous.offset {
                        starts[Int(request.slot)] = previous.start
                        continue
                    }
                    let from = Int(request.offset - pendingStart)
                    let start = buffer.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(pending)[from..<(from + Int(request.length))]))
                    starts[Int(request.slot)] = start
                    previous = (request.offset, start)
                }
            }
        }
        var index = 0
        var failed = false
        while index < spilled {
            let spanStart = requests[index].offset
            var spanEnd = spanStart + UInt64(requests[index].length)
            var last = index + 1
            while last < spilled {
                let next = requests[last]
                let end = max(spanEnd, next.offset + UInt64(next.length))
                guard next.offset <= spanEnd + Self.coalescingGap, end - spanStart <= maximumSpan else { break }
                spanEnd = end
                last += 1
            }
            let length = Int(spanEnd - spanStart)
            let base = buffer.reserve(length)
            let done = buffer.withUnsafeMutableBytes(from: base, count: length) { raw in
                let done = Self.preadFully(descriptor, into: raw, at: spanStart)
                // A read error on our own temporary file leaves zeros rather than crash; the
                // writers check `hadReadError` before they publish.
                if done < length { raw.baseAddress!.advanced(by: done).initializeMemory(as: UInt8.self, repeating: 0, count: length - done) }
                return done
            }
            if done < length { failed = true }
            for request in requests[index..<last] { starts[Int(request.slot)] = base + Int(request.offset - spanStart) }
            index = last
        }
        if failed { lock.withLock { readFailed = true } }
    }

    func string(_ reference: Reference) -> String {
        let length = Int(reference.length)
        var descriptor: Int32 = -1
        let inMemory: String? = lock.withLock {
            guard reference.offset >= pendingStart else {
                descriptor = file
                return nil
            }
            let start = Int(reference.offset - pendingStart)
            return String(decoding: pending[start..<(start + length)], as: UTF8.self)
        }
        if let inMemory { return inMemory }
        var failed = false
        let text = String(unsafeUninitializedCapacity: length) { buffer in
            let done = Self.preadFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), at: reference.offset)
            // A read error on our own temporary file ends the string short rather than crash;
            // `hadReadError` reports it.
            failed = done < length
            return done
        }
        if failed { lock.withLock { readFailed = true } }
        return text
    }

    /// Reads `buffer.count` bytes at `offset` of `descriptor`, retrying short reads and
    /// interrupted calls; returns how many bytes were read (fewer only at an error or the
    /// end of the file).
    private static func preadFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) -> Int {
        var done = 0
        while done < buffer.count {
            let read = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if read > 0 {
                done += read
            } else if read < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return done
    }

    /// Test hook: cuts the temporary file to `length` bytes, so that reads past it come back
    /// short (as an I/O error would make them).
    func truncateFileForTesting(to length: Int = 0) {
        lock.withLock { if file >= 0 { _ = ftruncate(file, off_t(length)) } }
    }

    /// Writes `pending` to the temporary file (creating it on first use) and empties it.
    private func spill() {
        if file < 0 {
            var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("relgraph-evidence.XXXXXX").utf8CString)
            file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard file >= 0 else { diskFailed = true; return }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            #if os(Linux)
            // Finishing a graph reads the file with many `pread`s (a span of neighbouring
            // sentences each); without access times the kernel skips an inode check per read
            // (a tenth of its cost, measured when each sentence was one read). Our own
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

/// A reader's buffer of sentence bytes (`SentenceTextStore.read`), reused batch after batch:
/// it grows to the largest batch and is never cleared byte by byte.
struct SentenceBuffer {
    private var storage: [UInt8] = []
    /// Bytes in use.
    private(set) var count = 0

    init() {}

    /// Forgets the contents, keeping the memory.
    mutating func removeAll() { count = 0 }

    /// Room for `length` more bytes; returns where they start. Their contents are unspecified
    /// until written.
    mutating func reserve(_ length: Int) -> Int {
        let start = count
        if start + length > storage.count {
            storage.append(contentsOf: repeatElement(0, count: max(start + length, 2 * storage.count) - storage.count))
        }
        count += length
        return start
    }

    /// Appends `bytes`; returns where they start.
    mutating func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let start = reserve(bytes.count)
        if bytes.count > 0 { withUnsafeMutableBytes(from: start, count: bytes.count) { $0.copyMemory(from: bytes) } }
        return start
    }

    mutating func withUnsafeMutableBytes<Result>(from start: Int, count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Result) -> Result {
        storage.withUnsafeMutableBytes { body(UnsafeMutableRawBufferPointer(rebasing: $0[start..<(start + count)])) }
    }

    /// Calls `body` with bytes `start..<start + count`.
    func withBytes<Result>(from start: Int, count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + count)])) }
    }
}
