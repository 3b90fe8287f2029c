/// Finds sentence boundaries from tokens.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it)
/// when the next token starts a new sentence (capitalized, a digit, an opening quote or the
/// end), unless the period closes a known abbreviation (`Mr.`, `Inc.`) or an initial (`J.`).
/// A blank line always ends a sentence; a single line break does too, except where the line
/// clearly wraps mid-sentence (a lowercase word on both sides), since headlines, bylines and
/// bullets in news text are lines without final punctuation.
public enum SentenceSplitter {
    public static func split(bytes: [UInt8], tokens: [Token]) -> [SentenceSpan] {
        split(bytes: bytes, tokens: tokens, keys: nil)
    }

    /// `split` with the tokens' `WordSet` keys (`AnalyzedText.wordKeys`) when known, so an
    /// abbreviation check reuses the key instead of hashing the word again.
    static func split(bytes: [UInt8], tokens: [Token], keys: [UInt64]?) -> [SentenceSpan] {
        // Over buffers: the loop reads two tokens and a byte per token, and array bounds
        // checks on each were a large part of its cost.
        bytes.withUnsafeBufferPointer { bytes in
            tokens.withUnsafeBufferPointer { tokens in
                if let keys {
                    keys.withUnsafeBufferPointer { keys in split(bytes, tokens, keys: keys.baseAddress) }
                } else {
                    split(bytes, tokens, keys: nil)
                }
            }
        }
    }

    /// `split(bytes:tokens:keys:)` deciding only at `candidates` (`Tokenizer.analyze`): the
    /// ascending indices of the tokens that are `.`, `!`, `?` or `…` or are followed by a gap
    /// holding a line feed or carriage return. At any other token the full scan does nothing
    /// (no terminal mark, and a gap without `\n` or `\r` has no line break), so visiting only
    /// these, and skipping those that a run of closers passed over, gives the same sentences.
    /// `isASCII` (`Tokenizer.analyze` tells) spares the abbreviation check its scan of each
    /// word before a period for non-ASCII bytes.
    ///
    /// - Complexity: O(candidates + closers + sentences), instead of O(tokens).
    static func split(bytes: [UInt8], tokens: [Token], keys: [UInt64], candidates: [Int], isASCII: Bool) -> [SentenceSpan] {
        var sentences: [SentenceSpan] = []
        split(bytes: bytes, tokens: tokens, keys: keys, candidates: candidates, isASCII: isASCII, into: &sentences)
        return sentences
    }

    /// `split(bytes:tokens:keys:candidates:isASCII:)` into an array kept from an earlier text
    /// (`TextScratch`): its elements are replaced, in its storage when it is its alone and large
    /// enough.
    static func split(bytes: [UInt8], tokens: [Token], keys: [UInt64], candidates: [Int], isASCII: Bool,
                      into sentences: inout [SentenceSpan]) {
        // Written in place, not appended: appending to an array kept from another text tested
        // its uniqueness again at each sentence (about 1.6 M instructions on synth10). At most
        // one sentence ends at each candidate, and one after the last.
        sentences.replaceWithSpecializedUninitialized(capacity: candidates.count + 1) { spans, written in
        bytes.withUnsafeBufferPointer { bytes in
            tokens.withUnsafeBufferPointer { tokens in
            keys.withUnsafeBufferPointer { keys in
                let keys = keys.baseAddress
                let abbreviations = Abbreviations.bundled
                let room = spans.count
                var added = 0
                @inline(__always)
                func add(_ first: Int, _ last: Int) {
                    precondition(added < room, "more sentences than candidates")
                    spans.initializeElement(at: added, to: SentenceSpan(start: tokens[first].start, end: tokens[last].end, tokens: first..<(last + 1)))
                    added &+= 1
                }
                // A sentence ends at a candidate or at the end of the text.
                var first = 0
                var next = 0
                let count = tokens.count
                for candidate in candidates where candidate >= next {
                    var index = candidate
                    let token = tokens[index]
                    if index + 1 < count, lineBreakEndsSentence(bytes, tokens, index) {
                        if index >= first {
                            add(first, index)
                            first = index + 1
                        }
                    } else if token.kind == .punctuation, isTerminal(bytes[token.start], bytes, token) {
                        var last = index
                        while last + 1 < count, !tokens[last + 1].spaceBefore, isCloser(bytes, tokens[last + 1]) {
                            last += 1
                        }
                        if last + 1 >= count || startsSentence(bytes, tokens[last + 1])
                            && !isAbbreviationPeriod(bytes, tokens, index, keys: keys, asciiText: isASCII, abbreviations),
                           last >= first {
                            add(first, last)
                            first = last + 1
                        }
                        index = last
                    }
                    next = index + 1
                }
                if first < count { add(first, count - 1) }
                written = added
            }
            }
        }
        }
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, keys: UnsafePointer<UInt64>?) -> [SentenceSpan] {
        let abbreviations = Abbreviations.bundled
        var sentences: [SentenceSpan] = []
        var first = 0
        func close(_ last: Int) {
            guard last >= first else { return }
            sentences.append(SentenceSpan(start: tokens[first].start, end: tokens[last].end, tokens: first..<(last + 1)))
            first = last + 1
        }
        var index = 0
        let count = tokens.count
        while index < count {
            let token = tokens[index]
            if index + 1 < count, lineBreakEndsSentence(bytes, tokens, index) {
                close(index)
            } else if token.kind == .punctuation, isTerminal(bytes[token.start], bytes, token) {
                var last = index
                while last + 1 < count, !tokens[last + 1].spaceBefore, isCloser(bytes, tokens[last + 1]) {
                    last += 1
                }
                if last + 1 >= count || startsSentence(bytes, tokens[last + 1]) && !isAbbreviationPeriod(bytes, tokens, index, keys: keys, asciiText: false, abbreviations) {
                    close(last)
                }
                index = last
            }
            index += 1
        }
        if first < count { close(count - 1) }
        return sentences
    }

    private static func isTerminal(_ byte: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        if token.end - token.start == 1 { return byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") }
        // `…` is E2 80 A6.
        return token.end - token.start == 3 && byte == 0xE2 && bytes[token.start + 1] == 0x80 && bytes[token.start + 2] == 0xA6
    }

    private static func isCloser(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard token.kind == .punctuation else { return false }
        return isOneOf(closers, bytes, token)
    }

    private static let closers = PunctuationSet(["\"", "'", ")", "]", "\u{201D}", "\u{2019}", "!", "?", "."])
    private static let openers = PunctuationSet(["\"", "'", "(", "[", "\u{201C}", "\u{2018}", "-", "*", "\u{2022}", "\u{2014}"])

    /// Marks of one or three UTF-8 bytes (ASCII, or U+0800…U+FFFF), tested on a token's bytes
    /// without slicing or iterating `String`s.
    struct PunctuationSet: Sendable {
        /// Bit `b` set: the one-byte mark `b`.
        private var ascii: (UInt64, UInt64) = (0, 0)
        /// Three-byte marks as `b0 << 16 | b1 << 8 | b2`.
        private var wide: [UInt32] = []

        init(_ marks: [String]) {
            for mark in marks {
                let bytes = Array(mark.utf8)
                switch bytes.count {
                case 1 where bytes[0] < 64: ascii.0 |= 1 << UInt64(bytes[0])
                case 1 where bytes[0] < 128: ascii.1 |= 1 << UInt64(bytes[0] - 64)
                case 3: wide.append(UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2]))
                default: preconditionFailure("a punctuation set holds one- or three-byte marks")
                }
            }
        }

        @inline(__always)
        func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
            switch end - start {
            case 1:
                let byte = bytes[start]
                return byte < 64 ? ascii.0 & (1 << UInt64(byte)) != 0 : byte < 128 && ascii.1 & (1 << UInt64(byte - 64)) != 0
            case 3:
                let packed = UInt32(bytes[start]) << 16 | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2])
                return wide.contains(packed)
            default:
                return false
            }
        }
    }

    @inline(__always)
    private static func isOneOf(_ set: PunctuationSet, _ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        set.contains(bytes, token.start, token.end)
    }

    @inline(__always)
    private static func startsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        if token.isCapitalized || token.kind == .number { return true }
        if token.kind == .punctuation { return isOneOf(openers, bytes, token) }
        // Lowercase-initial brands and handles (`xAI`, `iPhone`, `@potus`) can open a sentence too.
        let firstByte = bytes[token.start]
        return firstByte == UInt8(ascii: "@") || token.end - token.start > 1 && bytes[token.start + 1] < 0x80
            && (0x41...0x5A).contains(bytes[token.start + 1])
    }

    /// What the abbreviation check reads, loaded once per text rather than per period (each
    /// static read was a `swift_once` call, two of them per period that ends a sentence).
    struct Abbreviations: Sendable {
        /// The lowercase ASCII abbreviations, the only ones a lowercased ASCII word can equal.
        let ascii: WordSet
        /// The longest of `ascii` in bytes, at least 1 (an initial): a longer ASCII word (most
        /// words that end a sentence) is none of them, without a lookup.
        let asciiLongest: Int
        /// A word of more bytes equals no abbreviation, ASCII or not, so it needs no scan for
        /// non-ASCII bytes. With only ASCII abbreviations of at most `n` bytes: lowercasing and
        /// canonical decomposition never lower a word's count of scalars, a scalar takes at most
        /// four bytes, so a word of more than `4n` bytes has more scalars than any abbreviation
        /// (and more than the one of an initial). No bound with a non-ASCII abbreviation.
        let anyLongest: Int

        init(_ all: Set<String>) {
            let list = all.filter { word in word.utf8.allSatisfy { $0 < 0x80 } && word == word.lowercased() }
            ascii = WordSet(list)
            asciiLongest = max(1, list.map(\.utf8.count).max() ?? 0)
            let allASCII = all.allSatisfy { word in word.utf8.allSatisfy { $0 < 0x80 } }
            anyLongest = allASCII ? max(4, 4 * (all.map(\.utf8.count).max() ?? 0)) : Int.max
        }

        static let bundled = Abbreviations(TextResources.abbreviations)
    }

    /// Whether the period at `index` closes an abbreviation or an initial. `keys`, when given,
    /// are the tokens' `WordSet` keys; `asciiText` true when every byte of the text is ASCII.
    @inline(__always)
    private static func isAbbreviationPeriod(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ index: Int,
                                             keys: UnsafePointer<UInt64>?, asciiText: Bool, _ abbreviations: borrowing Abbreviations) -> Bool {
        guard bytes[tokens[index].start] == UInt8(ascii: "."), index > 0 else { return false }
        let previous = tokens[index - 1]
        guard previous.end == tokens[index].start, previous.kind == .word else { return false }
        let length = previous.end - previous.start
        if asciiText {
            // No byte to look for: the word is ASCII, and longer than any ASCII abbreviation
            // (most words that end a sentence) it is none of them.
            if length > abbreviations.asciiLongest { return false }
        } else if length > abbreviations.asciiLongest {
            // Only a non-ASCII word of a few bytes more could still be one.
            if length > abbreviations.anyLongest { return false }
            var ascii = true
            for position in previous.start..<previous.end where bytes[position] >= 0x80 {
                ascii = false
                break
            }
            if ascii { return false }
            return isNonASCIIAbbreviation(bytes, previous)
        } else {
            for position in previous.start..<previous.end where bytes[position] >= 0x80 {
                return isNonASCIIAbbreviation(bytes, previous)
            }
        }
        // An ASCII word lowercases byte by byte, so its `WordSet` key stands for `lowercased()`.
        if length == 1 && previous.isCapitalized { return true }
        return abbreviations.ascii.contains(keys?[index - 1] ?? WordSet.hash(bytes, previous.start, previous.end))
    }

    @inline(never)
    private static func isNonASCIIAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, _ previous: Token) -> Bool {
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[previous.start..<previous.end]), as: UTF8.self)
        if word.unicodeScalars.count == 1 && previous.isCapitalized { return true }
        return TextResources.abbreviations.contains(word.lowercased())
    }

    /// Whether a line break (or blank line) between token `index` and the next ends a sentence.
    ///
    /// Inline for its common answer: no gap, or a gap of one space, holds no line break.
    @inline(__always)
    private static func lineBreakEndsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ index: Int) -> Bool {
        let gapStart = tokens[index].end
        let gapEnd = tokens[index + 1].start
        guard gapEnd > gapStart, gapEnd - gapStart > 1 || bytes[gapStart] != 0x20 else { return false }
        return lineBreakInGapEndsSentence(bytes, tokens, index, gapStart, gapEnd)
    }

    private static func lineBreakInGapEndsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, _ index: Int, _ gapStart: Int, _ gapEnd: Int) -> Bool {
        var newlines = 0
        for position in gapStart..<gapEnd {
            let byte = bytes[position]
            if byte == 0x0A || (byte == 0x0D && (position + 1 >= gapEnd || bytes[position + 1] != 0x0A)) { newlines += 1 }
        }
        if newlines == 0 { return false }
        if newlines >= 2 { return true }
        let before = tokens[index]
        let after = tokens[index + 1]
        let wraps = (before.kind == .word && !before.isCapitalized || bytes[before.start] == UInt8(ascii: ","))
            && after.kind == .word && !after.isCapitalized
        return !wraps
    }
}
