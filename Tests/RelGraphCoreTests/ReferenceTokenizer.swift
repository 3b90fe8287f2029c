import Testing
@testable import RelGraphCore

/// `Tokenizer` as of commit d458efa's parent: one scalar at a time, before the byte-class
/// tables, the branch-free ASCII word loop, the keys hashed while scanning and the split into
/// `scanWord`/`scanWordJoining`. The independent oracle whole tokenizations are compared with;
/// only the name changed.
///
/// Conventions: a possessive `'s` / `’s` is its own token, other internal apostrophes stay in
/// the word; internal hyphens and ampersands stay; `@handles` are one word; dotted
/// abbreviations are one word (`U.S.`); numbers keep `.`/`,` between digits.
enum ReferenceTokenizer {
    static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 5)
        var index = 0
        var spaceBefore = true
        let count = bytes.count
        while index < count {
            let (scalar, length) = decodeScalar(bytes, at: index)
            if isSpace(scalar) {
                spaceBefore = true
                index += length
                continue
            }
            let start = index
            if isWordScalar(scalar) || (scalar == "@" && index + 1 < count && isWordScalar(decodeScalar(bytes, at: index + 1).0)) {
                let startsWithDigit = scalar.value < 0x80 && (0x30...0x39).contains(scalar.value)
                index = scanWord(bytes, wordStart: start, from: index + length, numeric: startsWithDigit)
                tokens.append(makeToken(bytes, start, index, spaceBefore: spaceBefore, numeric: startsWithDigit))
            } else if isApostrophe(scalar), !spaceBefore, let last = tokens.last, last.kind == .word,
                      index + length < count, isPossessiveS(bytes, at: index + length, nextLength: 1, next: decodeScalar(bytes, at: index + length).0) {
                // The possessive `'s` is one word token, so `Musk's` reads as `Musk` + `'s`.
                index += length + 1
                tokens.append(Token(start: start, end: index, kind: .word, isCapitalized: false, isAllCaps: false, spaceBefore: false))
            } else {
                index += length
                tokens.append(Token(start: start, end: index, kind: .punctuation, isCapitalized: false, isAllCaps: false, spaceBefore: spaceBefore))
            }
            spaceBefore = false
        }
        return tokens
    }

    /// Extends a word from `index`, stopping before a possessive `'s`.
    private static func scanWord(_ bytes: [UInt8], wordStart start: Int, from position: Int, numeric: Bool) -> Int {
        var index = position
        let count = bytes.count
        while index < count {
            let (scalar, length) = decodeScalar(bytes, at: index)
            if isWordScalar(scalar) {
                index += length
                continue
            }
            // A joiner continues the word only when a word scalar follows it.
            guard index + length < count else { break }
            let (next, nextLength) = decodeScalar(bytes, at: index + length)
            guard isWordScalar(next) else { break }
            switch scalar {
            case "'", "\u{2019}":
                if isPossessiveS(bytes, at: index + length, nextLength: nextLength, next: next) { return index }
                index += length
            case "-", "&", "\u{2010}", "\u{2011}":
                index += length
            case ".":
                // `U.S.`, `a.m.`: single letters joined by periods; `97.4`: digits.
                if numeric || isDottedAbbreviation(bytes, wordStart: start, dot: index) {
                    index += length
                    if !numeric, index + nextLength < count, bytes[index + nextLength] == UInt8(ascii: ".") {
                        index += nextLength + 1
                        // The trailing period of `U.S.` belongs to the word.
                        continue
                    }
                } else {
                    return index
                }
            case ",":
                guard numeric else { return index }
                index += length
            default:
                return index
            }
        }
        return index
    }

    private static func isPossessiveS(_ bytes: [UInt8], at index: Int, nextLength: Int, next: Unicode.Scalar) -> Bool {
        guard next == "s" || next == "S" else { return false }
        let after = index + nextLength
        if after >= bytes.count { return true }
        return !isWordScalar(decodeScalar(bytes, at: after).0)
    }

    /// True when the word so far is a single letter, or letters separated by periods.
    private static func isDottedAbbreviation(_ bytes: [UInt8], wordStart: Int, dot: Int) -> Bool {
        guard dot > wordStart else { return false }
        var letters = 0
        for position in wordStart..<dot {
            let byte = bytes[position]
            if byte == UInt8(ascii: ".") { letters = 0; continue }
            guard byte < 0x80, isASCIILetter(byte) else { return false }
            letters += 1
            if letters > 1 { return false }
        }
        // Needs a single letter after the dot, then a dot or end (`U.S`, `U.S.`).
        let after = dot + 1
        guard after < bytes.count, isASCIILetter(bytes[after]) else { return false }
        let beyond = after + 1
        return beyond >= bytes.count || !isASCIILetter(bytes[beyond]) && bytes[beyond] != UInt8(ascii: "'")
    }

    private static func makeToken(_ bytes: [UInt8], _ start: Int, _ end: Int, spaceBefore: Bool, numeric: Bool) -> Token {
        var letters = 0
        var upper = 0
        var first: Unicode.Scalar?
        var index = start
        while index < end {
            let (scalar, length) = decodeScalar(bytes, at: index)
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                if isASCIILetter(byte) {
                    letters += 1
                    if byte < 0x61 { upper += 1 }
                    if first == nil { first = scalar }
                }
            } else if scalar.properties.isAlphabetic {
                letters += 1
                if scalar.properties.isUppercase { upper += 1 }
                if first == nil { first = scalar }
            }
            index += length
        }
        let firstIsUpper = first.map { $0.value < 0x80 ? (0x41...0x5A).contains($0.value) : $0.properties.isUppercase } ?? false
        // The first letter counts only when it starts the word (`iPhone` is not capitalized, `@Musk` is).
        let leading = bytes[start] == UInt8(ascii: "@") ? start + 1 : start
        let startsWithLetter = leading < end && (isASCIILetter(bytes[leading]) || bytes[leading] >= 0x80)
        return Token(
            start: start, end: end,
            kind: numeric ? .number : .word,
            isCapitalized: firstIsUpper && startsWithLetter,
            isAllCaps: letters >= 2 && upper == letters,
            spaceBefore: spaceBefore
        )
    }

    @inline(__always)
    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool { scalar == "'" || scalar == "\u{2019}" }

    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}"
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let byte = UInt8(scalar.value)
            return isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_")
        }
        let properties = scalar.properties
        if properties.isEmojiPresentation { return false }
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
    }

    /// Decodes one scalar; invalid sequences become U+FFFD of length 1, so every byte advances.
    @inline(__always)
    static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return ("\u{FFFD}", 1)
        }
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
        return (scalar, length)
    }
}

/// Expects the tokenizer's word-run path (`takeWords`) and its general byte-at-a-time loop
/// (`wordRuns: false`) to give the same tokens, keys and sentence-end candidates for `bytes`,
/// and the tokens and keys to be those of the independent `ReferenceTokenizer`; both to tell
/// whether `bytes` is all ASCII.
func expectWordRunsMatchByteLoop(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
    let fast = Tokenizer.analyze(bytes)
    let slow = Tokenizer.analyze(bytes, wordRuns: false)
    #expect(fast.tokens == slow.tokens, "\(label())")
    #expect(fast.keys == slow.keys, "\(label())")
    #expect(fast.candidates == slow.candidates, "\(label())")
    let ascii = bytes.allSatisfy { $0 < 0x80 }
    #expect(fast.isASCII == ascii && slow.isASCII == ascii, "\(label())")
    let expected = ReferenceTokenizer.tokenize(bytes)
    #expect(fast.tokens == expected, "\(label())")
    #expect(fast.keys == expected.map { WordSet.hash(bytes, $0.start, $0.end) }, "\(label())")
}
