/// One `String` per distinct surface of a document: a name written the same way again
/// (`Thondara Airlines` a dozen times in one article) reuses the string built the first time
/// instead of building (and for more than 15 bytes allocating, then freeing) another.
///
/// A surface is keyed by its raw bytes (`bytes[first.start..<last.end]`), so two spans share a
/// string only if their bytes are equal, and then `AnalyzedText.collapsedString` of one equals
/// that of the other: the table changes how often a surface is built, never which string it is.
/// The slot is found by the tokens' `wordKeys` (computed already; case-folded, so a match is
/// confirmed on the bytes) and the byte count.
///
/// Layout: `ProbedSlots` (the probing shared with `PackedKeyIndex` and `StringIDIndex`) maps
/// the hash to an index into `spans`, which keeps each surface's bytes and string.
struct SurfaceTable {
    private struct Span {
        /// The first byte of the surface.
        var start: Int
        var length: Int
        /// Index of the surface's `String` in the document's strings.
        var string: Int32
    }

    private var slots = ProbedSlots()
    private var spans: [Span] = []

    /// The index in `strings` of the surface of `tokens` (a non-empty range), appending it to
    /// `strings` the first time it is seen.
    ///
    /// - Complexity: O(k) expected in the tokens and bytes of the surface.
    mutating func index(of tokens: Range<Int>, in text: AnalyzedText, bytes: UnsafeBufferPointer<UInt8>, strings: inout [String]) -> Int32 {
        text.tokens.withUnsafeBufferPointer { tokenBuffer in
            text.wordKeys.withUnsafeBufferPointer { keys in
                index(of: tokens, in: text, tokens: tokenBuffer, keys: keys, bytes: bytes, strings: &strings)
            }
        }
    }

    /// `index(of:in:bytes:strings:)` on the text's tokens and word keys already borrowed (the
    /// alias resolver holds them for a whole document).
    ///
    /// - Complexity: O(k) expected in the tokens and bytes of the surface.
    mutating func index(of tokens: Range<Int>, in text: AnalyzedText, tokens tokenBuffer: UnsafeBufferPointer<Token>, keys: UnsafeBufferPointer<UInt64>,
                        bytes: UnsafeBufferPointer<UInt8>, strings: inout [String]) -> Int32 {
        // (Wrapping arithmetic and a `while` loop: `tokens` is a non-empty range of the
        // document's tokens, and a surface's bytes are in the buffer, its end not before its start.)
        let start = tokenBuffer[tokens.lowerBound].start
        let end = tokenBuffer[tokens.upperBound &- 1].end
        let length = end &- start
        var hash = UInt64(truncatingIfNeeded: length) &* 0xC2B2_AE3D_27D4_EB4F
        var token = tokens.lowerBound
        while token < tokens.upperBound {
            hash = (hash ^ keys[token]) &* 0x9E37_79B9_7F4A_7C15
            token &+= 1
        }
        let found = spans.withUnsafeBufferPointer { spans in
            slots.find(hash) { index in
                let span = spans[Int(index)]
                return span.length == length && AliasResolver.sameBytes(bytes, span.start, start, count: length)
            }
        }
        if let found { return spans[Int(found)].string }
        let string = Int32(strings.count)
        // Room for a typical document's distinct surfaces at once, not grown from one.
        if spans.isEmpty { spans.reserveCapacity(32) }
        slots.insert(hash, Int32(spans.count))
        spans.append(Span(start: start, length: length, string: string))
        strings.append(text.collapsedString(start, end))
        return string
    }
}
