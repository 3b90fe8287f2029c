/// Writes pretty-printed JSON straight into bytes, in the exact layout of Foundation's
/// `JSONEncoder` with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`.
///
/// Why not `JSONEncoder`: it first builds a tree of boxed values for the whole document, then
/// serializes the tree into one `Data`. For a large graph that tree is several times the size of
/// the output and the encoder was 17% of `relgraph build`. This writer appends to a byte buffer
/// and hands the buffer to `flush` whenever it passes `flushThreshold`, so a graph streams to
/// its file in bounded memory. Callers must emit keys in sorted order themselves; the tests
/// check the bytes against `JSONEncoder`'s.
///
/// Speed: a graph file is almost three bytes per corpus byte, so every call here reserves its
/// worst case once and then stores through a pointer (`JSONByteBuffer`), keys are static bytes
/// copied whole, and strings are escaped eight bytes at a time, clean runs copied as words.
struct PrettyJSONWriter {
    /// Receives the buffered bytes; the writer empties its buffer afterwards.
    typealias Flush = (UnsafeRawBufferPointer) throws(OutputError) -> Void
    /// Receives several buffers to write one after another, in one call (`appendFragments`).
    typealias FlushAll = ([UnsafeRawBufferPointer]) throws(OutputError) -> Void

    /// The bytes written and not yet flushed. Shared by copies of the writer: use one copy.
    let output: JSONByteBuffer
    /// Number of open containers: always in `0...maximumDepth` (each change is checked), so
    /// the hot paths shift by it and double it with wrapping arithmetic.
    private var depth = 0
    /// Bit `d`: the container open at depth `d` already holds an element.
    private var hasElement: UInt64 = 0
    private let flushThreshold: Int
    private let flush: Flush?
    private let flushAll: FlushAll?
    /// One line, no spaces: `JSONEncoder`'s layout without `.prettyPrinted` (JSON Lines).
    private var compact = false

    /// Containers nest at most this deep (the graph formats use five levels).
    static let maximumDepth = 62

    /// - Parameters:
    ///   - flush: Receives the buffer when it grows past `flushThreshold` bytes; `nil` keeps
    ///     everything in `buffer`.
    ///   - flushAll: Where `appendFragments` hands a large run of fragments, with the buffer
    ///     before them, in one call; without it they go to `flush` one by one.
    init(flushThreshold: Int = 1 << 20, flush: Flush? = nil, flushAll: FlushAll? = nil) {
        self.flushThreshold = flushThreshold
        self.flush = flush
        self.flushAll = flush == nil ? nil : flushAll
        output = JSONByteBuffer(capacity: flush == nil ? 4096 : flushThreshold + 4096)
    }

    /// A writer of single-line JSON values, as `JSONEncoder` with `[.sortedKeys,
    /// .withoutEscapingSlashes]` writes them; call `newline()` between values.
    static func compact(flush: Flush? = nil) -> PrettyJSONWriter {
        var writer = PrettyJSONWriter(flush: flush)
        writer.compact = true
        return writer
    }

    /// A writer for a run of array elements at `depth` that another writer will splice in
    /// with `appendFragment`; `continuing` when elements come before the run. Writes after
    /// whatever `output` holds.
    init(fragmentAtDepth depth: Int, continuing: Bool, output: JSONByteBuffer = JSONByteBuffer(capacity: 4096)) {
        flushThreshold = 1 << 20
        flush = nil
        flushAll = nil
        self.output = output
        precondition(depth >= 1 && depth <= Self.maximumDepth, "JSON nested too deeply")
        self.depth = depth
        hasElement = continuing ? 1 << UInt64(depth) : 0
    }

    /// A copy of the bytes written and not flushed (tests, in-memory encoding).
    var buffer: [UInt8] { Array(output.bytes) }

    /// Ends a top-level value's line (compact mode), flushing when the buffer is full.
    mutating func newline() throws(OutputError) {
        output.append(UInt8(ascii: "\n"))
        try flushIfFull()
    }

    /// Hands whatever is buffered to `flush`.
    mutating func flushRemaining() throws(OutputError) {
        if let flush, output.count > 0 { try flush(output.bytes); output.count = 0 }
    }

    /// Fragments at least this large go to `flush` directly.
    static let directFragment = 1 << 16

    /// Splices the bytes of a fragment writer into the array this writer has open.
    mutating func appendFragment(_ fragment: JSONByteBuffer) throws(OutputError) {
        guard fragment.count > 0 else { return }
        hasElement |= 1 << UInt64(depth)
        if let flush, fragment.count >= Self.directFragment {
            // A large fragment goes to the sink as it is, without a copy into this buffer.
            if output.count > 0 { try flush(output.bytes); output.count = 0 }
            try flush(fragment.bytes)
            return
        }
        output.append(fragment.bytes)
        try flushIfFull()
    }

    /// Splices fragments in order, as `appendFragment` does each. With `flushAll`, a run of
    /// at least `directFragment` bytes goes to it as they are, after whatever is buffered, in
    /// one call: a file takes one large write for less than several smaller ones.
    mutating func appendFragments(_ fragments: [JSONByteBuffer]) throws(OutputError) {
        var total = 0
        for fragment in fragments { total += fragment.count }
        guard let flushAll, total >= Self.directFragment else {
            for fragment in fragments { try appendFragment(fragment) }
            return
        }
        hasElement |= 1 << UInt64(depth)
        var buffers: [UnsafeRawBufferPointer] = []
        buffers.reserveCapacity(fragments.count + 1)
        if output.count > 0 { buffers.append(output.bytes) }
        for fragment in fragments where fragment.count > 0 { buffers.append(fragment.bytes) }
        try flushAll(buffers)
        output.count = 0
    }

    // MARK: Containers

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() throws(OutputError) { try close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() throws(OutputError) { try close(UInt8(ascii: "]")) }

    /// Starts the member `key` of the current object; a value call must follow. `key` must
    /// need no escaping (the graph formats' keys are lowercase ASCII words). Inlined: the
    /// literal's length is then a constant and its copy a few moves (measured).
    @inline(__always)
    mutating func key(_ key: StaticString) {
        separate()
        // A string literal's bytes, in place (no closure: it would retain the buffer).
        let count = key.utf8CodeUnitCount
        let pointer = output.reserve(count + 5)
        pointer[0] = UInt8(ascii: "\"")
        (pointer + 1).update(from: key.utf8Start, count: count)
        pointer[count + 1] = UInt8(ascii: "\"")
        if compact {
            pointer[count + 2] = UInt8(ascii: ":")
            output.count += count + 3
        } else {
            pointer[count + 2] = UInt8(ascii: " ")
            pointer[count + 3] = UInt8(ascii: ":")
            pointer[count + 4] = UInt8(ascii: " ")
            output.count += count + 5
        }
    }

    /// A member whose key is only known at run time (sorted by the caller); escaped.
    mutating func key(string key: String) {
        separate()
        string(key)
        if compact {
            output.append(UInt8(ascii: ":"))
        } else {
            let pointer = output.reserve(3)
            pointer[0] = UInt8(ascii: " "); pointer[1] = UInt8(ascii: ":"); pointer[2] = UInt8(ascii: " ")
            output.count += 3
        }
    }

    // MARK: Values

    /// Starts the next element of the current array; a value call must follow.
    mutating func element() { separate() }

    /// Containers open; an element `element(reserving:_:)` writes is at this depth.
    var openContainers: Int { depth }
    /// Whether this writer writes one line without spaces (`compact`).
    var isCompact: Bool { compact }

    /// Writes the next element of the current array from bytes laid out by the caller: starts
    /// it as `element()` does, then `body` stores the whole value (in this writer's layout at
    /// depth `openContainers`) where it is given, with room for `capacity` bytes, and returns
    /// the end of what it stored.
    ///
    /// Why: an evidence object is nine calls through the generic members (a capacity check,
    /// a separator and an indentation each); laid out at once it is a few word copies.
    @inline(__always)
    mutating func element(reserving capacity: Int, _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        separate()
        raw(reserving: capacity, body)
    }

    /// `element(reserving:_:)` for a caller that also lays out the separator and indentation
    /// (pretty layout only): `body` receives where the bytes go and whether the container
    /// already holds an element (then a comma and line break come first), and stores the
    /// element's indentation itself (`2 × openContainers` spaces) before the value.
    @inline(__always)
    mutating func element(reserving capacity: Int, separatedBy body: (UnsafeMutablePointer<UInt8>, _ continuing: Bool) -> UnsafeMutablePointer<UInt8>) {
        let bit: UInt64 = 1 &<< UInt64(truncatingIfNeeded: depth)
        let continuing = hasElement & bit != 0
        hasElement |= bit
        raw(reserving: capacity) { body($0, continuing) }
    }

    /// Lets `body` store bytes laid out by the caller as they are (members of the object open
    /// at depth `openContainers`, their separators included): `body` receives where they go,
    /// with room for `capacity` bytes, and returns the end of what it stored.
    @inline(__always)
    mutating func raw(reserving capacity: Int, _ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) {
        let start = output.reserve(capacity)
        let end = body(start)
        output.count = end - output.base
    }

    /// Records that the bytes just stored by `element(reserving:_:)` opened an object and, as
    /// its first member, an array (`{`, the member's key, `[`, as `beginObject`, `key` and
    /// `beginArray` write them): the next `element` is the array's first.
    @inline(__always)
    mutating func openedObjectAndArray() {
        precondition(depth &+ 2 <= Self.maximumDepth, "JSON nested too deeply")
        depth &+= 2
        hasElement |= 1 &<< UInt64(truncatingIfNeeded: depth &- 1)
        hasElement &= ~(1 &<< UInt64(truncatingIfNeeded: depth))
    }

    /// Records that the bytes just stored by `raw(reserving:_:)` closed the array open here and
    /// the object around it (as `endArray`, members and `endObject` write them). Unlike
    /// `endObject` it does not flush: for fragment writers, which never do.
    @inline(__always)
    mutating func closedArrayAndObject() {
        precondition(depth >= 2, "no array and object to close")
        depth &-= 2
    }

    mutating func string(_ value: String) {
        var utf8 = value
        utf8.withUTF8 { string(utf8: $0) }
    }

    /// A string given as UTF-8 bytes.
    mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        let start = output.reserve(JSONEscaping.maximumQuotedLength(bytes.count))
        output.count += JSONEscaping.writeQuoted(bytes, to: start) - start
    }

    /// Bytes that are already a complete JSON value (a quoted, escaped string from
    /// `JSONStringTable`), copied as they are.
    mutating func raw(_ bytes: UnsafeRawBufferPointer) {
        output.append(bytes)
    }

    /// `raw` for short values whose memory stays readable for 7 bytes past `count`:
    /// copied a word at a time instead of by a `memcpy` call.
    @inline(__always)
    mutating func rawPadded(_ source: UnsafeRawPointer, count: Int) {
        let destination = UnsafeMutableRawPointer(output.reserve(count + 8))
        var offset = 0
        while offset < count {
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        output.count += count
    }

    mutating func int(_ value: Int) {
        // Digits written straight into the buffer: no `String` per number.
        var pointer = output.reserve(20)
        if value < 0 { pointer.pointee = UInt8(ascii: "-"); pointer += 1 }
        output.count = Self.writeDecimal(value.magnitude, to: pointer) - output.base
    }

    /// Stores the decimal digits of `value` at `pointer` (at most 20); returns their end.
    /// The digits are counted by comparisons and stored two per division, each pair copied
    /// from `digitPairs` (the offsets of evidence have four to six); `writeDecimalByDigit` is
    /// the loop it replaced. (Computing the pair's two digits took about nine instructions
    /// more than the copy.)
    @inline(__always)
    static func writeDecimal(_ value: UInt, to pointer: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let end = pointer + decimalDigits(value)
        let pairs = UnsafeRawPointer(digitPairs.utf8Start)
        var cursor = UnsafeMutableRawPointer(end)
        var magnitude = value
        while magnitude >= 100 {
            // Wrapping: a remainder modulo 100 is below 100, twice it below 200.
            let pair = Int(truncatingIfNeeded: magnitude % 100) &* 2
            magnitude /= 100
            cursor -= 2
            cursor.storeBytes(of: pairs.loadUnaligned(fromByteOffset: pair, as: UInt16.self), as: UInt16.self)
        }
        if magnitude >= 10 {
            (cursor - 2).storeBytes(of: pairs.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: magnitude) &* 2, as: UInt16.self), as: UInt16.self)
        } else {
            (cursor - 1).storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude), as: UInt8.self)
        }
        return end
    }

    /// `00` to `99`, two ASCII digits each: pair `n` at offset `2n`.
    @inline(__always)
    private static var digitPairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }

    /// The number of decimal digits of `value`: a few comparisons for up to nine digits (a
    /// comparison per digit, as before, cost about seven instructions a digit), a loop past that.
    @inline(__always)
    static func decimalDigits(_ value: UInt) -> Int {
        if value < 100_000 {
            if value < 100 { return value < 10 ? 1 : 2 }
            return value < 1_000 ? 3 : value < 10_000 ? 4 : 5
        }
        if value < 10_000_000 { return value < 1_000_000 ? 6 : 7 }
        if value < 1_000_000_000 { return value < 100_000_000 ? 8 : 9 }
        var digits = 10
        var limit: UInt = 10_000_000_000
        // At 20 digits `limit` would pass `UInt.max` (10^20 > 2^64): the count stops there.
        while digits < 20 && value >= limit {
            digits += 1
            limit &*= 10
        }
        return digits
    }

    /// `writeDecimal` one digit per division: the path it replaced, kept for the tests.
    static func writeDecimalByDigit(_ value: UInt, to pointer: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var magnitude = value
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let end = pointer + digits
        var cursor = end
        repeat {
            cursor -= 1
            cursor.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        return end
    }

    /// Integral values print without a fraction, like `JSONEncoder` (`2`, not `2.0`).
    mutating func double(_ value: Double) {
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992 {
            int(Int(value))
        } else {
            var text = String(value)
            text.withUTF8 { output.append(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Appends the final newline and flushes whatever is left.
    mutating func finish() throws(OutputError) {
        output.append(UInt8(ascii: "\n"))
        if let flush { try flush(output.bytes); output.count = 0 }
    }

    // MARK: Layout

    private mutating func flushIfFull() throws(OutputError) {
        if let flush, output.count >= flushThreshold { try flush(output.bytes); output.count = 0 }
    }

    private mutating func open(_ bracket: UInt8) {
        precondition(depth < Self.maximumDepth, "JSON nested too deeply")
        let pointer = output.reserve(2)
        pointer[0] = bracket
        if compact {
            output.count += 1
        } else {
            pointer[1] = UInt8(ascii: "\n")
            output.count += 2
        }
        depth += 1
        hasElement &= ~(1 << UInt64(depth))
    }

    private mutating func close(_ bracket: UInt8) throws(OutputError) {
        precondition(depth >= 1, "no container to close")
        depth -= 1
        if compact {
            output.append(bracket)
        } else {
            // The opening bracket's line break plus this one leave an empty container as an
            // open bracket, a blank line and the close, as `JSONEncoder` writes it.
            let pointer = output.reserve(2 * depth + 2 + 8)
            pointer[0] = UInt8(ascii: "\n")
            let end = Self.indent(pointer + 1, depth: depth)
            end.pointee = bracket
            output.count = end + 1 - output.base
        }
        try flushIfFull()
    }

    @inline(__always)
    private mutating func separate() {
        let bit: UInt64 = 1 &<< UInt64(truncatingIfNeeded: depth)
        let continuing = hasElement & bit != 0
        hasElement |= bit
        if compact {
            if continuing { output.append(UInt8(ascii: ",")) }
            return
        }
        var pointer = output.reserve(2 &* depth &+ 2 &+ 8)
        if continuing {
            pointer[0] = UInt8(ascii: ",")
            pointer[1] = UInt8(ascii: "\n")
            pointer += 2
        }
        output.count = Self.indent(pointer, depth: depth) - output.base
    }

    /// Stores `2 × depth` spaces, eight at a time (the caller reserved 8 bytes of slack).
    @inline(__always)
    static func indent(_ pointer: UnsafeMutablePointer<UInt8>, depth: Int) -> UnsafeMutablePointer<UInt8> {
        let raw = UnsafeMutableRawPointer(pointer)
        var offset = 0
        while offset < 2 * depth {
            raw.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        return pointer + 2 * depth
    }
}

/// The growable byte buffer behind `PrettyJSONWriter`: raw memory written through pointers,
/// so that appending costs a capacity check per value instead of per byte.
final class JSONByteBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// Bytes written.
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Room for `extra` more bytes after `count`; returns where they go. The caller stores
    /// and then advances `count`.
    @inline(__always)
    func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        // Both are sizes of the buffer (at least 0): the difference cannot overflow.
        if extra > capacity &- count { grow(count + extra) }
        return base + count
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        count += 1
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        UnsafeMutableRawPointer(reserve(bytes.count)).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    @inline(never)
    private func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

/// JSON string escaping as `JSONEncoder` writes it (`.withoutEscapingSlashes`).
enum JSONEscaping {
    /// Bytes `writeQuoted` may store for `count` input bytes: six per byte (`\u00xx`), the
    /// quotes, and eight bytes of slack for its word-wide stores. `count` is the size of bytes
    /// in memory, far below `Int.max / 6`: the sum wraps, unchecked.
    @inline(__always)
    static func maximumQuotedLength(_ count: Int) -> Int { 6 &* count &+ 2 &+ 8 }

    /// Writes `bytes` as a quoted JSON string at `destination`, which must have room for
    /// `maximumQuotedLength(bytes.count)` bytes; returns the end of what was written.
    ///
    /// Escapes `\"`, `\\`, `\b \f \n \r \t`, other control bytes as lowercase `\u00xx`;
    /// `/`, DEL and all non-ASCII bytes are copied unchanged. Eight bytes are tested at once
    /// (SWAR): a clean word is stored whole, otherwise the clean bytes before the first byte
    /// to escape are kept and that byte is escaped. Clean text is first taken sixteen bytes
    /// a vector (the word test cost about three instructions a byte).
    ///
    /// - Complexity: O(n), about one comparison per sixteen clean bytes.
    static func writeQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var output = destination
        output.pointee = UInt8(ascii: "\"")
        output += 1
        let count = bytes.count
        if count > 0, let source = bytes.baseAddress {
            let input = UnsafeRawPointer(source)
            var index = 0
            // Sixteen bytes at a time while the text is clean (sentences nearly always are):
            // one vector test and one store. A vector with a byte to escape goes through the
            // word loop below, up to its end.
            typealias Lanes = SIMD16<UInt8>
            // Wrapping: `index` stays within `0...count`, so `index + 16` and the differences
            // do not overflow (the checked forms cost three instructions a vector). The last
            // vector's start, fixed, spares a subtraction a vector.
            let lastVector = count &- 16
            while index <= lastVector {
                let lanes = input.loadUnaligned(fromByteOffset: index, as: Lanes.self)
                let escaped = lanes .< Lanes(repeating: 0x20) .| (lanes .== Lanes(repeating: UInt8(ascii: "\""))) .| (lanes .== Lanes(repeating: UInt8(ascii: "\\")))
                if !anyLane(escaped) {
                    UnsafeMutableRawPointer(output).storeBytes(of: lanes, as: Lanes.self)
                    output += 16
                    index &+= 16
                    continue
                }
                // Words that start in this vector (each within the input).
                let stop = index &+ 16
                escapeWords(source, count: count, before: stop, index: &index, output: &output)
            }
            // The last 1–15 bytes of a longer text as the vector of its last sixteen: when all
            // of those are clean, the ones already written were copied as they are and sit
            // just before `output`, so storing the whole vector there is the same bytes.
            if count >= 16 && index < count {
                let lanes = input.loadUnaligned(fromByteOffset: count - 16, as: Lanes.self)
                let escaped = lanes .< Lanes(repeating: 0x20) .| (lanes .== Lanes(repeating: UInt8(ascii: "\""))) .| (lanes .== Lanes(repeating: UInt8(ascii: "\\")))
                if !anyLane(escaped) {
                    UnsafeMutableRawPointer(output - (index &- (count &- 16))).storeBytes(of: lanes, as: Lanes.self)
                    output += count &- index
                    index = count
                }
            }
            escapeWords(source, count: count, before: count, index: &index, output: &output)
            while index < count {
                let byte = source[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    output = escape(byte, to: output)
                } else {
                    output.pointee = byte
                    output += 1
                }
                index += 1
            }
        }
        output.pointee = UInt8(ascii: "\"")
        return output + 1
    }

    /// `writeQuoted` for bytes known to need no escaping (no control byte, `"` or `\\`: a
    /// `SentenceTextStore.Reference` that `isJSONClean`): copied between the quotes as they are,
    /// without the per-vector test. `destination` needs room for `bytes.count + 2` bytes.
    @inline(__always)
    static func writeQuotedClean(_ bytes: UnsafeBufferPointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        destination.pointee = UInt8(ascii: "\"")
        let count = bytes.count
        if count > 0, let source = bytes.baseAddress { (destination + 1).update(from: source, count: count) }
        destination[count &+ 1] = UInt8(ascii: "\"")
        return destination + (count &+ 2)
    }

    /// `writeQuoted`'s word step, eight bytes at a time from `index` while a whole word of the
    /// `count` input bytes starts before `stop`: a clean word is stored whole, otherwise the
    /// clean bytes before the first byte to escape are kept and that byte is escaped.
    @inline(__always)
    private static func escapeWords(_ source: UnsafePointer<UInt8>, count: Int, before stop: Int,
                                    index: inout Int, output: inout UnsafeMutablePointer<UInt8>) {
        let input = UnsafeRawPointer(source)
        // Wrapping, as in `writeQuoted`: `index` stays within `0...count`.
        while index < stop && count &- index >= 8 {
            let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            UnsafeMutableRawPointer(output).storeBytes(of: word.littleEndian, as: UInt64.self)
            let flags = needsEscape(word)
            if flags == 0 {
                output += 8
                index &+= 8
                continue
            }
            let clean = flags.trailingZeroBitCount >> 3
            output += clean
            index &+= clean
            output = escape(source[index], to: output)
            index &+= 1
        }
    }

    /// The high bit of each byte of `word` that is a control byte, `"` or `\`. Bits above the
    /// lowest may be false (a borrow carries into the next byte), the lowest is exact: the
    /// caller uses only that one.
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        return (control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs
    }

    /// Whether a byte is written escaped.
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    @inline(__always)
    private static func escape(_ byte: UInt8, to output: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        output[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output[1] = byte
        case 0x08: output[1] = UInt8(ascii: "b")
        case 0x0C: output[1] = UInt8(ascii: "f")
        case 0x0A: output[1] = UInt8(ascii: "n")
        case 0x0D: output[1] = UInt8(ascii: "r")
        case 0x09: output[1] = UInt8(ascii: "t")
        default:
            output[1] = UInt8(ascii: "u")
            output[2] = UInt8(ascii: "0")
            output[3] = UInt8(ascii: "0")
            output[4] = hexDigit(byte >> 4)
            output[5] = hexDigit(byte & 0xF)
            return output + 6
        }
        return output + 2
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// Whether any lane of `mask` is set: one OR of its two words. (`any(_:)` compiles to a call
/// of a generic `min()` that is not inlined, about thirty instructions a test.) Also used by
/// the sentence store's collapsed-ASCII check.
@inline(__always)
func anyLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
    let words = unsafeBitCast(mask, to: (UInt64, UInt64).self)
    return words.0 | words.1 != 0
}
