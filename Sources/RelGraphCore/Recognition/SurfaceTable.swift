/// One `String` per distinct surface of a document: a name written the same way again
/// (`Thondara Airlines` a dozen times in one article) reuses the string built the first time
/// instead of building (and for more than 15 bytes allocating, then freeing) another.
///
/// A surface is keyed by its raw bytes (`bytes[first.start..<last.end]`), so two spans share a
/// string only if their bytes are equal, and then `AnalyzedText.collapsedString` of one equals
/// that of the other: the table changes how often a surface is built, never which string it is.
/// The slot is found by the tokens' `wordKeys` (computed already; case-folded, so a match is
/// confirmed on the bytes) and the byte count.
struct SurfaceTable {
    private struct Slot {
        var hash: UInt64 = 0
        /// The first byte of the surface that filled the slot.
        var start = 0
        var length: Int32 = 0
        /// Index of the surface's `String` in the document's strings; `-1`: an empty slot.
        var string: Int32 = -1
    }

    private var slots: [Slot] = []
    private var used = 0

    /// The index in `strings` of the surface of `tokens` (a non-empty range), appending it to
    /// `strings` the first time it is seen.
    ///
    /// - Complexity: O(k) expected in the tokens and bytes of the surface.
    mutating func index(of tokens: Range<Int>, in text: AnalyzedText, bytes: UnsafeBufferPointer<UInt8>, strings: inout [String]) -> Int32 {
        let first = text.tokens[tokens.lowerBound]
        let end = text.tokens[tokens.upperBound - 1].end
        let length = end - first.start
        var hash = UInt64(truncatingIfNeeded: length) &* 0xC2B2_AE3D_27D4_EB4F
        text.wordKeys.withUnsafeBufferPointer { keys in
            for token in tokens { hash = (hash ^ keys[token]) &* 0x9E37_79B9_7F4A_7C15 }
        }
        if used * 2 >= slots.count { grow() }
        let start = first.start
        let found: Int32 = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash >> 40) & mask
            while slots[slot].string >= 0 {
                if slots[slot].hash == hash && Int(slots[slot].length) == length
                    && AliasResolver.sameBytes(bytes, slots[slot].start, start, count: length) {
                    return slots[slot].string
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = Slot(hash: hash, start: start, length: Int32(truncatingIfNeeded: length), string: Int32(strings.count))
            return -1
        }
        if found >= 0 { return found }
        used += 1
        strings.append(text.collapsedString(start, end))
        return Int32(strings.count - 1)
    }

    /// Doubles the slots (from 64), placing the used ones again.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: max(64, old.count * 2))
        let mask = slots.count - 1
        for entry in old where entry.string >= 0 {
            var slot = Int(truncatingIfNeeded: entry.hash >> 40) & mask
            while slots[slot].string >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
