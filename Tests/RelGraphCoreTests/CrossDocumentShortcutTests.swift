import Foundation
import Testing
@testable import RelGraphCore

/// The byte path of `CrossDocumentResolver.canonicalNames` against its `String` reference.
@Suite struct CrossDocumentShortcutTests {
    /// Words mixing ASCII, initials, `The`, accents and a combining mark after a space (one
    /// `Character` with the space, so a byte split would differ there).
    private static let words = ["Ann", "Lee", "Bo", "J.", "Jo.", "The", "Kowalski", "Élan", "Zoë", "\u{301}x", "Acme", "Lee.", "T"]

    @Test func byteSplitEqualsStringPathOnRandomTables() {
        var generator = SplitMix64(seed: 0x5eed)
        for _ in 0..<300 {
            var table: [String: CrossDocumentResolver.Entry] = [:]
            for _ in 0..<Int(generator.next() % 40) {
                let count = 1 + Int(generator.next() % 4)
                var name = (0..<count).map { _ in Self.words[Int(generator.next() % UInt64(Self.words.count))] }
                    .joined(separator: generator.next() % 8 == 0 ? "  " : " ")
                if generator.next() % 9 == 0 { name = " " + name }
                if generator.next() % 9 == 0 { name += " " }
                let type: EntityType = generator.next() % 3 == 0 ? .organization : .person
                table[name] = .init(type: type, mentions: 1 + Int(generator.next() % 3))
            }
            #expect(CrossDocumentResolver.canonicalNames(table) == CrossDocumentResolver.canonicalNamesByCharacters(table))
        }
    }

    @Test func helpersMatchStringOperations() {
        for name in ["The Acme", "The", "The ", "Them Acme", "Ann  Lee", " Ann Lee ", "J. Lee", "Ann J.", "Zoë Lee", "Ann \u{301}Lee", "Lee"] {
            #expect(CrossDocumentResolver.containsSpace(name) == name.contains(" "))
            #expect(CrossDocumentResolver.withoutThe(name) == (name.hasPrefix("The ") ? String(name.dropFirst(4)) : nil))
            let words = name.split(separator: " ").map(String.init).filter { $0.unicodeScalars.count > 2 || !$0.hasSuffix(".") }
            let outer = CrossDocumentResolver.outerWords(name)
            #expect(outer?.0 == (words.count >= 2 ? words.first : nil))
            #expect(outer?.1 == (words.count >= 2 ? words.last : nil))
        }
    }
}

/// The start-up builders of the word tables against plain definitions.
@Suite struct WordTableBuildTests {
    @Test func hashTableHoldsExactlyItsKeys() {
        var generator = SplitMix64(seed: 7)
        for round in 0..<50 {
            var keys = (0..<Int(generator.next() % 500)).map { _ in generator.next() % (round % 2 == 0 ? 64 : UInt64.max) }
            if round % 3 == 0 { keys.append(0) }
            let set = WordSet(keys: keys)
            #expect(set.count == Set(keys).count)
            #expect(Set(set.keys) == Set(keys))
            var visited: [UInt64] = []
            set.forEachKey { visited.append($0) }
            #expect(visited == set.keys)
            for key in keys { #expect(set.contains(key)) }
            for _ in 0..<50 {
                let probe = generator.next() % (round % 2 == 0 ? 128 : UInt64.max)
                #expect(set.contains(probe) == keys.contains(probe))
            }
        }
    }

    /// The one-pass line hasher equals splitting lines first and hashing each, on random bytes
    /// rich in line ends, carriage returns, `#` and curly apostrophes.
    @Test func lineKeysEqualSplitThenHash() {
        var generator = SplitMix64(seed: 11)
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x23, 0xE2, 0x80, 0x99, 0x41, 0x5A, 0x61, 0x27, 0x20, 0xC3, 0xA9]
        for _ in 0..<2_000 {
            let bytes = (0..<Int(generator.next() % 24)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let fast = bytes.withUnsafeBufferPointer { bytes in
                [UInt64](unsafeUninitializedCapacity: bytes.count / 2 + 1) { found, written in
                    written = NameCues.lineKeys(bytes, into: found)
                }
            }
            var slow: [UInt64] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                var last = end
                if last > start, bytes[last - 1] == 0x0D { last -= 1 }
                if last > start, bytes[start] != UInt8(ascii: "#") { slow.append(WordSet.hash(bytes, start, last)) }
                start = end + 1
            }
            #expect(fast == slow, "\(bytes)")
        }
    }

    /// The byte reader of a word list gives the keys of its lines read as strings.
    @Test func wordListEqualsLinesHashedAsStrings() {
        for name in ["given-names.txt", "common-words.txt", "surnames.txt"] {
            let fast = NameCues.wordList(name)
            let text = (try? String(contentsOf: TextResources.url(name)!, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            }
            let slow = Set(lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }.map { WordSet.hash($0) })
            #expect(slow.count > 1_000)
            #expect(Set(fast.keys) == slow)
        }
    }
}
