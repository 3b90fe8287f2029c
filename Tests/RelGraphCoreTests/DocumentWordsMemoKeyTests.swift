import Testing
@testable import RelGraphCore

/// The memo key as `memoHits` computes it (bytes loaded past the word, shifted up, inverted,
/// shifted back: `DocumentWords.memoKey(top:shift:)`) against the straightforward one
/// (`memoKey(_:length:)` of the word's packed bytes), and the answers a memo entry holds.
@Suite struct DocumentWordsMemoKeyTests {
    /// Random words of one to eight ASCII bytes (NUL bytes included) with random bytes after
    /// them: the shortcut gives the key of the word alone, and different words (or lengths)
    /// get different keys.
    @Test func shortcutKeyIsTheWordsKey() {
        var generator = SplitMix64(seed: 0x4E7)
        var words: [UInt64: [UInt8]] = [:]
        for _ in 0..<20_000 {
            let length = 1 + Int(generator.next() % 8)
            let word = (0..<length).map { _ in generator.next() % 4 == 0 ? UInt8(generator.next() % 3) : UInt8(truncatingIfNeeded: generator.next() % 0x80) }
            let after = generator.next()
            let loaded = RelationVocabulary.packed(word) | (length == 8 ? 0 : after &<< UInt64(8 * length))
            let shift = UInt64(64 - 8 * length)
            let key = DocumentWords.memoKey(RelationVocabulary.packed(word), length: length)
            #expect(DocumentWords.memoKey(top: loaded &<< shift, shift: shift) == key)
            #expect(key != 0)
            if let earlier = words[key] { #expect(earlier == word) } else { words[key] = word }
        }
    }

    /// The slot computed as a byte offset (`memoSlot`) is the slot of four words that the
    /// key's hash indexes, within the memo.
    @Test func memoSlotIsTheHashedSlot() {
        var generator = SplitMix64(seed: 0x51)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4 << WordMemo.bits) { memo in
            let base = memo.baseAddress!
            for _ in 0..<10_000 {
                let key = generator.next()
                let index = Int((key &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(WordMemo.bits)))
                let slot = DocumentWords.memoSlot(base, key: key)
                #expect(slot == base + 4 * index)
                #expect(slot - base <= (4 << WordMemo.bits) - 4)
            }
        }
    }

    /// A memo value keeps the id (−1 too) and the flag byte apart; a mask keeps its bits and
    /// the flags apart.
    @Test func memoValueKeepsItsParts() {
        var generator = SplitMix64(seed: 0xA1)
        for id in [Int32(-1), 0, 1, 0xFFFE] + (0..<100).map({ _ in Int32(generator.next() % 0xFFFF) - 1 }) {
            let wordFlags = UInt8(truncatingIfNeeded: generator.next())
            let value = DocumentWords.memoValue(id: id, wordFlags: wordFlags)
            #expect(Int32(truncatingIfNeeded: value) == id)
            #expect(UInt8(truncatingIfNeeded: value &>> 32) == wordFlags)
        }
        for mask in RelationLexicon.shared.masksAfterNone {
            let flags = UInt8(truncatingIfNeeded: generator.next())
            let combined = mask | DocumentWords.maskBits(flags)
            #expect(DocumentWords.flags(ofMask: combined) == flags)
            #expect(DocumentWords.withoutFlags(combined) == mask)
        }
    }
}
