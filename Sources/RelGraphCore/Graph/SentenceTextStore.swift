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
        /// Where the bytes start in the store (`position`), with `cleanBit` set when they are
        /// known to need no JSON escaping (`isJSONClean`). Holders of a reference keep this
        /// value as it is; only its `position` is an offset in the store.
        var offset: UInt64
        var length: UInt32

        /// Set by `appendIfCollapsedASCII` for bytes with no `"` and no `\` (it refuses
        /// control bytes and non-ASCII): the graph writer copies them between quotes without
        /// testing each byte for escaping (`JSONEscaping.writeQuotedClean`). Offsets in the
        /// store never reach bit 63.
        static var cleanBit: UInt64 { 1 << 63 }

        /// Where the bytes start in the store.
        var position: UInt64 { offset & ~Self.cleanBit }

        /// Whether the bytes are known to be written as a JSON string unchanged.
        var isJSONClean: Bool { offset & Self.cleanBit != 0 }
    }

    /// A `pthread` mutex, not an `NSLock`: every stored sentence takes it, and an `NSLock`
    /// reached the same mutex through two Foundation calls (77 instructions a lock and unlock,
    /// 4.2 M on 10 MB).
    private let lock = StoreMutex()
    private let memoryLimit: Int
    /// Bytes not yet written to the file (all bytes while the store is in memory), with
    /// where they start in the store. Behind a pointer, not in an `Array` held here: every
    /// sentence of extraction is appended, and a class's `Array` property cost an exclusivity
    /// check and a uniqueness check per append, more than copying the sentence.
    private let pending = UnsafeMutablePointer<PendingBytes>.allocate(capacity: 1)
    private var file: Int32 = -1
    /// Set when the temporary file could not be created or written: the store then keeps
    /// everything in memory rather than lose text.
    private var diskFailed = false
    /// Set when a sentence could not be read back whole from the temporary file. Readers
    /// cannot throw from inside a rendering batch, so writers check this before they publish.
    private var readFailed = false

    /// Readers holding `pin()`ned bytes: while there are any, the bytes in memory are never
    /// overwritten or freed (a spill or a growth moves on to a new buffer and keeps the old
    /// one in `retired` until the last reader is gone).
    private var pins = 0
    private var retired: [UnsafeMutablePointer<UInt8>] = []

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
        pending.initialize(to: PendingBytes())
    }

    deinit {
        if file >= 0 { close(file) }
        for base in retired { base.deallocate() }
        pending.pointee.base?.deallocate()
        pending.deallocate()
    }

    /// The largest `memoryLimit` whose buffer `append` reserves whole on first use.
    static let reservedLimit = 64 << 20

    /// Total bytes stored.
    var count: UInt64 { lock.withLock { pending.pointee.start + UInt64(pending.pointee.count) } }

    func append(_ text: String) -> Reference {
        var text = text
        return text.withUTF8 { append($0) }
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Reference {
        lock.withLock {
            let length = min(bytes.count, Int(UInt32.max))
            let (reference, destination) = reserve(length)
            if length > 0 { destination.update(from: bytes.baseAddress!, count: length) }
            commit(length)
            return reference
        }
    }

    /// `append(bytes)` if `bytes` are printable ASCII with no two spaces in a row (so that
    /// collapsing their whitespace changes nothing); else `nil`, and nothing is appended.
    /// One pass checks and copies them (`PartialGraphRelationSink` stores a sentence of its
    /// document's bytes this way, where a check and then a copy read them twice).
    ///
    /// The test is `AnalyzedText.isCollapsedASCII`'s; the tests hold the two to each other.
    ///
    /// The reference is `isJSONClean` when the bytes hold no `"` and no `\\`, found in the
    /// same pass: a test of a few instructions per sixteen bytes here spares the writer's
    /// escaping scan of every evidence record (synth10: writeQuoted 10.6 M instructions).
    ///
    /// - Complexity: O(n), eight bytes at a time.
    func appendIfCollapsedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Reference? {
        lock.withLock {
            let length = min(bytes.count, Int(UInt32.max))
            var (reference, destination) = reserve(length)
            var quoted = false
            guard length == 0 || Self.copyIfCollapsedASCII(bytes.baseAddress!, count: length, to: destination, quoted: &quoted) else { return nil }
            commit(length)
            if !quoted { reference.offset |= Reference.cleanBit }
            return reference
        }
    }

    /// Copies `count` bytes from `source` to `destination` as long as they pass
    /// `appendIfCollapsedASCII`'s test; returns whether all of them did (the copy is then whole).
    /// `quoted` is set when a copied byte is `"` or `\\` (the bytes JSON escapes among those
    /// the test lets through), and left as it is otherwise.
    ///
    /// Texts of 17 bytes or more (nearly every sentence) go sixteen bytes a vector: a vector
    /// and the one a byte further hold each byte and the byte after it, so one test finds a
    /// byte out of range or a space followed by a space; the last vector ends at the end of
    /// the text (overlapping the one before). Shorter texts go eight bytes a word.
    @inline(__always)
    static func copyIfCollapsedASCII(_ source: UnsafePointer<UInt8>, count: Int, to destination: UnsafeMutablePointer<UInt8>, quoted: inout Bool) -> Bool {
        let input = UnsafeRawPointer(source), output = UnsafeMutableRawPointer(destination)
        if count >= 17 {
            typealias Lanes = SIMD16<UInt8>
            // A byte is refused below 0x20 or from 0x80 on: subtracting 0x20 (wrapping) leaves
            // those at 0x60 or more and every other byte below.
            @inline(__always) func refused(_ lanes: Lanes, _ next: Lanes) -> Bool {
                let spaces = Lanes(repeating: 0x20)
                return anyLane((lanes &- spaces) .>= Lanes(repeating: 0x60) .| (lanes .== spaces) .& (next .== spaces))
            }
            @inline(__always) func escaped(_ lanes: Lanes) -> SIMDMask<SIMD16<Int8>> {
                lanes .== Lanes(repeating: UInt8(ascii: "\"")) .| (lanes .== Lanes(repeating: UInt8(ascii: "\\")))
            }
            var seen = SIMDMask<SIMD16<Int8>>(repeating: false)
            var index = 0
            while count - index >= 17 {
                let lanes = input.loadUnaligned(fromByteOffset: index, as: Lanes.self)
                if refused(lanes, input.loadUnaligned(fromByteOffset: index + 1, as: Lanes.self)) { return false }
                seen .|= escaped(lanes)
                output.storeBytes(of: lanes, toByteOffset: index, as: Lanes.self)
                index += 16
            }
            // The last sixteen bytes (1–16 of them not yet tested), each after the byte before.
            let last = input.loadUnaligned(fromByteOffset: count - 16, as: Lanes.self)
            if refused(input.loadUnaligned(fromByteOffset: count - 17, as: Lanes.self), last) { return false }
            if anyLane((last &- Lanes(repeating: 0x20)) .>= Lanes(repeating: 0x60)) { return false }
            output.storeBytes(of: last, toByteOffset: count - 16, as: Lanes.self)
            if anyLane(seen .| escaped(last)) { quoted = true }
            return true
        }
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var previousSpace = false
        var index = 0
        while index + 8 <= count {
            // Little-endian on every host: the shifts below take byte 0 as the low byte.
            let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // A byte ≥ 0x80, or one below 0x20 (adding 0x60 leaves its high bit clear).
            if (word | ~(word &+ 0x6060_6060_6060_6060)) & highs != 0 { return false }
            let other = word ^ 0x2020_2020_2020_2020
            // High bit set: a space.
            let spaces = ~((other & lows) &+ lows | other) & highs
            if spaces & (spaces << 8) != 0 || previousSpace && spaces & 0x80 != 0 { return false }
            previousSpace = spaces >> 63 != 0
            // Control bytes were refused above: what is left to escape is `"` and `\\`.
            if JSONEscaping.needsEscape(word) != 0 { quoted = true }
            output.storeBytes(of: word.littleEndian, toByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < count {
            let byte = source[index]
            if byte >= 0x80 || byte < 0x20 || byte == 0x20 && previousSpace { return false }
            previousSpace = byte == 0x20
            if JSONEscaping.needsEscape(byte) { quoted = true }
            destination[index] = byte
            index += 1
        }
        return true
    }

    /// Room for `length` more bytes at the end of `pending` (under the lock): the reference
    /// they will have and where to write them. `commit` then adds them.
    @inline(__always)
    private func reserve(_ length: Int) -> (Reference, UnsafeMutablePointer<UInt8>) {
        let reference = Reference(offset: pending.pointee.start + UInt64(pending.pointee.count), length: UInt32(length))
        assert(reference.offset < Reference.cleanBit, "a sentence store past 2^63 bytes: its offsets would collide with the no-escape mark")
        if pending.pointee.base == nil || pending.pointee.count + length > pending.pointee.capacity { grow(toFit: length) }
        return (reference, pending.pointee.base! + pending.pointee.count)
    }

    /// Adds the `length` bytes written where `reserve` said (under the lock), and moves the
    /// bytes to the file once they reach the memory limit.
    @inline(__always)
    private func commit(_ length: Int) {
        pending.pointee.count += length
        if pending.pointee.count >= memoryLimit && !diskFailed { spill() }
    }

    /// Makes room in `pending` for `length` more bytes.
    private func grow(toFit length: Int) {
        var capacity = pending.pointee.capacity
        if capacity == 0 && memoryLimit <= Self.reservedLimit {
            // All the room the store will use, at once: growing by doubling copied the
            // bytes several times and, at the last step, briefly held twice the limit.
            // Pages not yet written cost no memory. A sentence is at most `UInt16.max`
            // bytes (`PartialGraph` clips longer ones), so the limit is never passed by more.
            capacity = memoryLimit + Int(UInt16.max) + 1
        }
        // Past that (a larger limit, or a longer text), by doubling, as an `Array` grows.
        let needed = pending.pointee.count + length
        if capacity < needed { capacity = max(needed, 2 * pending.pointee.capacity) }
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity, 1))
        if let old = pending.pointee.base {
            base.update(from: old, count: pending.pointee.count)
            if pins > 0 { retired.append(old) } else { old.deallocate() }
        }
        pending.pointee.base = base
        pending.pointee.capacity = max(capacity, 1)
    }

    /// One sentence wanted by `read(_:into:starts:)`.
    struct Request {
        /// A `Reference`'s `position`.
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
            let pendingStart = pending.pointee.start
            var first = requests.count
            while first > 0 && requests[first - 1].offset >= pendingStart { first -= 1 }
            spilled = first
            guard first < requests.count else { return }
            let pending = UnsafeRawPointer(pending.pointee.base!)
            // A repeated sentence is copied once. The length is part of what repeats: an empty
            // sentence has the offset of the sentence after it.
            var previous: (offset: UInt64, length: UInt32, start: Int) = (.max, 0, 0)
            for request in requests[first...] {
                if request.offset == previous.offset && request.length == previous.length {
                    starts[Int(request.slot)] = previous.start
                    continue
                }
                let from = Int(request.offset - pendingStart)
                let start = buffer.append(UnsafeRawBufferPointer(start: pending + from, count: Int(request.length)))
                starts[Int(request.slot)] = start
                previous = (request.offset, request.length, start)
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
        let position = reference.position
        let inMemory: String? = lock.withLock {
            guard position >= pending.pointee.start else {
                descriptor = file
                return nil
            }
            let start = Int(position - pending.pointee.start)
            guard length > 0 else { return "" }
            return String(decoding: UnsafeBufferPointer(start: pending.pointee.base! + start, count: length), as: UTF8.self)
        }
        if let inMemory { return inMemory }
        var failed = false
        let text = String(unsafeUninitializedCapacity: length) { buffer in
            let done = Self.preadFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), at: position)
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
        let count = pending.pointee.count, start = pending.pointee.start
        while written < count {
            let result = pwrite(file, pending.pointee.base! + written, count - written, off_t(start) + off_t(written))
            guard result > 0 else { diskFailed = true; return }
            written += result
        }
        pending.pointee.start += UInt64(count)
        pending.pointee.count = 0
        // Pinned bytes must stay as they are: the next append starts a new buffer.
        if pins > 0, let base = pending.pointee.base {
            retired.append(base)
            pending.pointee.base = nil
            pending.pointee.capacity = 0
        }
    }

    /// The bytes in memory, which stay readable and unchanged until `unpin()` (appends may
    /// go on meanwhile): offsets `bytes.start..<bytes.end` of the store are at
    /// `bytes.base + (offset − bytes.start)`. A writer reads its sentences in place this way
    /// instead of copying them into a buffer first (`read(_:into:starts:)`).
    ///
    /// Every `pin()` must be matched by one `unpin()`.
    func pin() -> PinnedBytes {
        lock.withLock {
            pins += 1
            let start = pending.pointee.start
            return PinnedBytes(base: pending.pointee.base.map { UnsafePointer($0) }, start: start, end: start + UInt64(pending.pointee.count))
        }
    }

    /// Ends a `pin()`; the last one frees buffers retired meanwhile.
    func unpin() {
        lock.withLock {
            pins -= 1
            if pins == 0 {
                for base in retired { base.deallocate() }
                retired.removeAll()
            }
        }
    }
}

/// A `pthread` mutex at a fixed address (a `pthread_mutex_t` must not move once initialized),
/// destroyed with its owner. Not copyable, so it is destroyed exactly once.
struct StoreMutex: ~Copyable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        // Fails only without memory or with bad attributes (none are passed).
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    @inline(__always)
    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// A `SentenceTextStore`'s bytes not yet in its file: `count` of `capacity` bytes at `base`
/// (`nil` before the first append), which start at offset `start` of the store.
struct PendingBytes {
    var base: UnsafeMutablePointer<UInt8>?
    var count = 0
    var capacity = 0
    var start: UInt64 = 0
}

/// A `SentenceTextStore`'s bytes in memory at `pin()`: offsets `start..<end` at `base`.
struct PinnedBytes {
    var base: UnsafePointer<UInt8>?
    var start: UInt64
    var end: UInt64

    /// The `length` bytes at store offset `offset`, if they are all pinned here.
    @inline(__always)
    func bytes(at offset: UInt64, length: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let base, offset >= start, offset + UInt64(length) <= end else { return nil }
        return UnsafeBufferPointer(start: base + Int(offset - start), count: length)
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
