/// Writes pretty-printed JSON straight into bytes, in the exact layout of Foundation's
/// `JSONEncoder` with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`.
///
/// Why not `JSONEncoder`: it first builds a tree of boxed values for the whole document, then
/// serializes the tree into one `Data`. For a large graph that tree is several times the size of
/// the output and the encoder was 17% of `relgraph build`. This writer appends to a byte buffer
/// and hands the buffer to `flush` whenever it passes `flushThreshold`, so a graph streams to
/// its file in bounded memory. Callers must emit keys in sorted order themselves; the tests
/// check the bytes against `JSONEncoder`'s.
struct PrettyJSONWriter {
    private(set) var buffer: [UInt8] = []
    private var depth = 0
    /// Whether the innermost open container already holds an element.
    private var hasElement: [Bool] = []
    private let flushThreshold: Int
    private let flush: ((inout [UInt8]) throws(OutputError) -> Void)?
    /// One line, no spaces: `JSONEncoder`'s layout without `.prettyPrinted` (JSON Lines).
    private var compact = false

    /// - Parameter flush: Receives the buffer when it grows past `flushThreshold` bytes and must
    ///   empty it; `nil` keeps everything in `buffer`.
    init(flushThreshold: Int = 1 << 20, flush: ((inout [UInt8]) throws(OutputError) -> Void)? = nil) {
        self.flushThreshold = flushThreshold
        self.flush = flush
        buffer.reserveCapacity(flush == nil ? 4096 : flushThreshold + 4096)
    }

    /// A writer of single-line JSON values, as `JSONEncoder` with `[.sortedKeys,
    /// .withoutEscapingSlashes]` writes them; call `newline()` between values.
    static func compact(flush: ((inout [UInt8]) throws(OutputError) -> Void)? = nil) -> PrettyJSONWriter {
        var writer = PrettyJSONWriter(flush: flush)
        writer.compact = true
        return writer
    }

    /// Ends a top-level value's line (compact mode), flushing when the buffer is full.
    mutating func newline() throws(OutputError) {
        buffer.append(UInt8(ascii: "\n"))
        if let flush, buffer.count >= flushThreshold { try flush(&buffer) }
    }

    /// Hands whatever is buffered to `flush`.
    mutating func flushRemaining() throws(OutputError) {
        if let flush, !buffer.isEmpty { try flush(&buffer) }
    }

    /// A writer for a run of array elements at `depth` that another writer will splice in
    /// with `appendFragment`; `continuing` when elements come before the run.
    init(fragmentAtDepth depth: Int, continuing: Bool) {
        self.init()
        self.depth = depth
        hasElement = Array(repeating: true, count: depth - 1) + [continuing]
    }

    /// Splices bytes from a fragment writer into the array this writer has open.
    mutating func appendFragment(_ bytes: [UInt8]) throws(OutputError) {
        guard !bytes.isEmpty else { return }
        buffer.append(contentsOf: bytes)
        hasElement[hasElement.count - 1] = true
        if let flush, buffer.count >= flushThreshold { try flush(&buffer) }
    }

    // MARK: Containers

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() throws(OutputError) { try close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() throws(OutputError) { try close(UInt8(ascii: "]")) }

    /// Starts the member `key` of the current object; a value call must follow.
    mutating func key(_ key: StaticString) {
        separate()
        buffer.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: compact ? Self.compactKeySeparator : Self.keySeparator)
    }

    /// A member whose key is only known at run time (sorted by the caller).
    mutating func key(_ key: String) {
        separate()
        string(key)
        // The separators without their leading quote, which `string` already wrote.
        buffer.append(contentsOf: (compact ? Self.compactKeySeparator : Self.keySeparator).dropFirst())
    }

    // MARK: Values

    /// Starts the next element of the current array; a value call must follow.
    mutating func element() { separate() }

    mutating func string(_ value: String) {
        var utf8 = value
        utf8.withUTF8 { string(utf8: $0) }
    }

    /// A string given as UTF-8 bytes.
    mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(UInt8(ascii: "\""))
        appendEscaped(bytes)
        buffer.append(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int) {
        if value >= 0 && value < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Digits written straight into the buffer: no `String` per number.
        var magnitude = value.magnitude
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        let start = buffer.count
        while magnitude > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        buffer[start...].reverse()
    }

    /// Integral values print without a fraction, like `JSONEncoder` (`2`, not `2.0`).
    mutating func double(_ value: Double) {
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992 {
            int(Int(value))
        } else {
            buffer.append(contentsOf: String(value).utf8)
        }
    }

    /// Appends the final newline and flushes whatever is left.
    mutating func finish() throws(OutputError) {
        buffer.append(UInt8(ascii: "\n"))
        if let flush { try flush(&buffer) }
    }

    // MARK: Layout

    private static let keySeparator: [UInt8] = Array("\" : ".utf8)
    private static let compactKeySeparator: [UInt8] = Array("\":".utf8)

    private mutating func open(_ bracket: UInt8) {
        buffer.append(bracket)
        if !compact { buffer.append(UInt8(ascii: "\n")) }
        depth += 1
        hasElement.append(false)
    }

    private mutating func close(_ bracket: UInt8) throws(OutputError) {
        hasElement.removeLast()
        depth -= 1
        if !compact {
            // The opening bracket's line break plus this one leave an empty container as an
            // open bracket, a blank line and the close, as `JSONEncoder` writes it.
            buffer.append(UInt8(ascii: "\n"))
            indent()
        }
        buffer.append(bracket)
        if let flush, buffer.count >= flushThreshold { try flush(&buffer) }
    }

    private mutating func separate() {
        if hasElement[hasElement.count - 1] {
            buffer.append(UInt8(ascii: ","))
            if !compact { buffer.append(UInt8(ascii: "\n")) }
        } else {
            hasElement[hasElement.count - 1] = true
        }
        if !compact { indent() }
    }

    private mutating func indent() {
        for _ in 0..<depth { buffer.append(0x20); buffer.append(0x20) }
    }

    /// JSON escapes as `JSONEncoder` writes them: `\"`, `\\`, `\b \f \n \r \t`, other controls
    /// as lowercase `\u00xx`; `/` and all non-ASCII bytes unchanged.
    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            runStart = index + 1
            buffer.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte)
            case 0x08: buffer.append(UInt8(ascii: "b"))
            case 0x0C: buffer.append(UInt8(ascii: "f"))
            case 0x0A: buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(UInt8(ascii: "r"))
            case 0x09: buffer.append(UInt8(ascii: "t"))
            default:
                buffer.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                buffer.append(Self.hexDigits[Int(byte >> 4)])
                buffer.append(Self.hexDigits[Int(byte & 0xF)])
            }
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
