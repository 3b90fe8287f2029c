/// A set of lowercase words stored as 64-bit FNV-1a hashes of their bytes, so the recognizer can
/// test a token straight from the document's bytes, with no `String` and no Unicode
/// normalization on the hot path.
///
/// Hashing folds ASCII letters to lowercase and the curly apostrophe `’` to `'`. Two distinct
/// words colliding in 64 bits is negligible for lists of this size (10⁵ words).
public struct WordSet: Sendable {
    private var keys: Set<UInt64>

    public init<S: Sequence>(_ words: S) where S.Element == String {
        keys = Set(words.map { Self.hash($0) })
    }

    init(keys: Set<UInt64>) { self.keys = keys }

    public func contains(_ word: String) -> Bool { keys.contains(Self.hash(word)) }

    @inline(__always)
    public func contains(_ key: UInt64) -> Bool { keys.contains(key) }

    public var count: Int { keys.count }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    public static func hash(_ word: String) -> UInt64 {
        var bytes = Array(word.utf8)
        return bytes.withUnsafeMutableBufferPointer { hash($0, 0, $0.count) }
    }

    /// The key of `bytes[start..<end]`.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var hash = offsetBasis
        var index = start
        while index < end {
            var byte = bytes[index]
            if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                byte = UInt8(ascii: "'")
                index += 2
            } else if byte >= 0x41 && byte <= 0x5A {
                byte |= 0x20
            }
            hash = (hash ^ UInt64(byte)) &* prime
            index += 1
        }
        return hash
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        hash(UnsafeBufferPointer(bytes), start, end)
    }

    @inline(__always)
    static func hash(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash($0, start, end) }
    }
}
