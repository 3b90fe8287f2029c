import Foundation

/// Equal strings read from a file, made once.
struct StringInterner {
    private var strings: [String] = []
    private var arena: [UInt8] = []
    /// String `i` is `arena[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var table = ByteStringTable(expected: 1024)

    /// The string of `utf8`, made (and checked) the first time; `nil` when it is not UTF-8.
    mutating func intern(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        if utf8.count <= 15 && utf8.allSatisfy({ $0 < 0x80 }) {
            // Small ASCII strings live inside the `String` value: nothing to share.
            return String(decoding: utf8, as: UTF8.self)
        }
        let found = arena.withUnsafeBufferPointer { arena in
            table.find(utf8) { index in
                let start = starts[index], length = starts[index + 1] - start
                return length == utf8.count && (length == 0 || memcmp(arena.baseAddress! + start, utf8.baseAddress!, length) == 0)
            }
        }
        switch found {
        case .found(let index):
            return strings[index]
        case .missing(let slot, let tag):
            guard let text = validatedString(utf8) else { return nil }
            table.insert(strings.count, slot: slot, tag: tag)
            strings.append(text)
            arena.append(contentsOf: utf8)
            starts.append(arena.count)
            return text
        }
    }
}

/// `utf8` as a `String` when it is valid UTF-8 (no overlong forms, surrogates or code
/// points past U+10FFFF), as Foundation's JSON decoding requires.
func validatedString(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
    if #available(macOS 15, *) {
        return String(validating: utf8, as: UTF8.self)
    }
    var iterator = utf8.makeIterator()
    var decoder = UTF8()
    loop: while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: break loop
        case .error: return nil
        }
    }
    return String(decoding: utf8, as: UTF8.self)
}
