import Foundation

/// Equal strings read from a file, made once.
struct StringInterner {
    /// String `i` has the bytes of string `i` in `set`.
    private var strings: [String] = []
    private var set = ByteStringSet()

    /// The string of `utf8`, made (and checked) the first time; `nil` when it is not UTF-8.
    mutating func intern(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        if utf8.count <= 15 && utf8.allSatisfy({ $0 < 0x80 }) {
            // Small ASCII strings live inside the `String` value: nothing to share.
            return String(decoding: utf8, as: UTF8.self)
        }
        switch set.find(utf8) {
        case .found(let index):
            return strings[index]
        case .missing(let slot, let tag):
            guard let text = validatedString(utf8) else { return nil }
            _ = set.insert(utf8, slot: slot, tag: tag)
            strings.append(text)
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
