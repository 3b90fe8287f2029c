@testable import RelGraphCore

/// `SentenceSplitter` as of commit 2b9c3cc, before it ran over buffers and before its byte-level
/// punctuation shortcuts (`PunctuationSet`, key-based abbreviation lookup): the independent
/// oracle the fast splitter must equal. Strings and array slices throughout, as it was;
/// only the name changed.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it)
/// when the next token starts a new sentence (capitalized, a digit, an opening quote or the
/// end), unless the period closes a known abbreviation (`Mr.`, `Inc.`) or an initial (`J.`).
/// A blank line always ends a sentence; a single line break does too, except where the line
/// clearly wraps mid-sentence (a lowercase word on both sides).
enum ReferenceSentenceSplitter {
    static func split(bytes: [UInt8], tokens: [Token]) -> [SentenceSpan] {
        var sentences: [SentenceSpan] = []
        var first = 0
        func close(_ last: Int) {
            guard last >= first else { return }
            sentences.append(SentenceSpan(start: tokens[first].start, end: tokens[last].end, tokens: first..<(last + 1)))
            first = last + 1
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if index + 1 < tokens.count, lineBreakEndsSentence(bytes, tokens, index) {
                close(index)
            } else if token.kind == .punctuation, isTerminal(bytes[token.start], bytes, token) {
                var last = index
                while last + 1 < tokens.count, !tokens[last + 1].spaceBefore, isCloser(bytes, tokens[last + 1]) {
                    last += 1
                }
                if last + 1 >= tokens.count || startsSentence(bytes, tokens[last + 1]) && !isAbbreviationPeriod(bytes, tokens, index) {
                    close(last)
                }
                index = last
            }
            index += 1
        }
        if first < tokens.count { close(tokens.count - 1) }
        return sentences
    }

    private static func isTerminal(_ byte: UInt8, _ bytes: [UInt8], _ token: Token) -> Bool {
        if token.end - token.start == 1 { return byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") }
        return bytes[token.start..<token.end].elementsEqual("…".utf8)
    }

    private static func isCloser(_ bytes: [UInt8], _ token: Token) -> Bool {
        guard token.kind == .punctuation else { return false }
        let text = bytes[token.start..<token.end]
        return closers.contains { text.elementsEqual($0.utf8) }
    }

    private static let closers = ["\"", "'", ")", "]", "\u{201D}", "\u{2019}", "!", "?", "."]
    private static let openers = ["\"", "'", "(", "[", "\u{201C}", "\u{2018}", "-", "*", "\u{2022}", "\u{2014}"]

    private static func startsSentence(_ bytes: [UInt8], _ token: Token) -> Bool {
        if token.isCapitalized || token.kind == .number { return true }
        if token.kind == .punctuation {
            let text = bytes[token.start..<token.end]
            return openers.contains { text.elementsEqual($0.utf8) }
        }
        // Lowercase-initial brands and handles (`xAI`, `iPhone`, `@potus`) can open a sentence too.
        let firstByte = bytes[token.start]
        return firstByte == UInt8(ascii: "@") || token.end - token.start > 1 && bytes[token.start + 1] < 0x80
            && (0x41...0x5A).contains(bytes[token.start + 1])
    }

    private static func isAbbreviationPeriod(_ bytes: [UInt8], _ tokens: [Token], _ index: Int) -> Bool {
        guard bytes[tokens[index].start] == UInt8(ascii: "."), index > 0 else { return false }
        let previous = tokens[index - 1]
        guard previous.end == tokens[index].start, previous.kind == .word else { return false }
        let word = String(decoding: bytes[previous.start..<previous.end], as: UTF8.self)
        if word.unicodeScalars.count == 1 && previous.isCapitalized { return true }
        return TextResources.abbreviations.contains(word.lowercased())
    }

    /// Whether a line break (or blank line) between token `index` and the next ends a sentence.
    private static func lineBreakEndsSentence(_ bytes: [UInt8], _ tokens: [Token], _ index: Int) -> Bool {
        let gapStart = tokens[index].end
        let gapEnd = tokens[index + 1].start
        guard gapEnd > gapStart else { return false }
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
