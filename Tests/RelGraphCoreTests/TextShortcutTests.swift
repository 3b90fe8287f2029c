import Foundation
import Testing
@testable import RelGraphCore

/// Word-at-a-time and precomputed shortcuts of text analysis and recognition, each held to
/// the plain rule it replaced.
@Suite struct TextShortcutTests {
    @Test func ruleKeyConstantsAreTheWordsHashes() {
        #expect(NameRules.Keys.the == WordSet.hash("the"))
        #expect(NameRules.Keys.ampersand == WordSet.hash("&"))
        #expect(NameRules.Keys.of == WordSet.hash("of"))
        #expect(NameRules.Keys.via == WordSet.hash("via"))
        #expect(NameRules.Keys.who == WordSet.hash("who"))
    }

    @Test func asciiISODateAgreesWithTheStringRule() {
        var generator = SplitMix64(seed: 3)
        let alphabet = Array("0123456789-- 1x\r\n".utf8)
        var samples = ["2024-01-31", "2024-13-01", "2024-00-10", "2024-12-32", "2024-1-031", "20240-1-01", "abcd-ef-gh", "2024-02-00", "0000-01-01"]
        for _ in 0..<20_000 {
            samples.append(String(decoding: (0..<10).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self))
            var date = Array("2024-06-15".utf8)
            date[Int(generator.next() % 10)] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            samples.append(String(decoding: date, as: UTF8.self))
        }
        for sample in samples {
            let fast = Array(sample.utf8).withUnsafeBufferPointer { isASCIIISODate($0) }
            #expect(fast == isISODate(sample), "\(sample.debugDescription)")
        }
    }

    /// The eight-bytes-at-a-time test against the byte loop it replaced, on random ASCII with
    /// spaces, controls and non-ASCII bytes at every offset.
    @Test func collapsedASCIICheckAgreesWithTheByteLoop() {
        func slow(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
            var previousSpace = false
            for index in start..<end {
                let byte = bytes[index]
                if byte >= 0x80 || byte < 0x20 || byte == 0x20 && previousSpace { return false }
                previousSpace = byte == 0x20
            }
            return true
        }
        var generator = SplitMix64(seed: 5)
        let alphabet: [UInt8] = Array("ab  Z.,\u{7F}".utf8) + [0x09, 0x0A, 0x1F, 0x20, 0x21, 0x80, 0xC3, 0xFF, 0x60, 0x7E]
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 40)
            var bytes = (0..<count).map { _ in generator.next() % 4 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : UInt8(ascii: "x") }
            if generator.next() % 2 == 0 { bytes = bytes.map { $0 == 0x20 || $0 >= 0x80 || $0 < 0x20 ? UInt8(ascii: "y") : $0 } }
            let start = count == 0 ? 0 : Int(generator.next() % UInt64(count))
            let end = start + Int(generator.next() % UInt64(count - start + 1))
            #expect(AnalyzedText.isCollapsedASCII(bytes, start, end) == slow(bytes, start, end))
        }
        let text = AnalyzedText("Jane  Roe met John Doe.\tA\u{00E9} and  more words here to pass eight bytes")
        #expect(text.collapsedString(0, text.bytes.count) == collapseWhitespace(text.string(0, text.bytes.count)))
    }

    @Test func markedBytesCountsLikeBitCount() {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<10_000 {
            let mask = generator.next() & 0x8080_8080_8080_8080
            #expect(AnalyzedText.markedBytes(mask) == mask.nonzeroBitCount)
        }
        #expect(AnalyzedText.markedBytes(0x8080_8080_8080_8080) == 8 && AnalyzedText.markedBytes(0) == 0)
    }

    /// The word runs' first-byte table: the key of the one-byte word for each ASCII word byte
    /// (so never 0, which marks every other byte), 0 for every other byte.
    @Test func leadKeysAreOneByteKeysOfWordBytes() {
        #expect(Tokenizer.leadKeys.count == 256)
        for value in 0..<256 {
            let byte = UInt8(value)
            let isWordByte = Tokenizer.isASCIILetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_")
            let key = Tokenizer.leadKeys[value]
            if isWordByte {
                #expect(key == WordSet.hash([byte], 0, 1) && key != 0, "\(value)")
            } else {
                #expect(key == 0, "\(value)")
            }
        }
    }
}
