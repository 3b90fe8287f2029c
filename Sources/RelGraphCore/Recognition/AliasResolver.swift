/// Links short forms to the full names of the same document: a surname or a first name to
/// the person (`Soto` → `Javier Soto`), `the Journal` to `The Wall Street Journal`, and the
/// distinctive word of an organization to it (`Stargate` → `Stargate Project`).
///
/// A short form resolves only when exactly one full name of the document fits; otherwise it
/// stays as it is (or is dropped, if it was only tentatively a name).
struct AliasResolver {
    let cues: NameCues

    /// A word of a name, as a dictionary key equal exactly when the words' `String`s are equal:
    /// an ASCII word by a hash of its bytes (no `String` built), any other word by its `String`
    /// (which compares by canonical equivalence).
    private enum WordID: Hashable {
        case ascii(UInt64)
        case other(String)
    }

    /// The full names that share one word: the first seen, and whether a different one followed
    /// (only a word that fits exactly one name resolves).
    private struct Names {
        var name: String
        var ambiguous = false

        mutating func insert(_ other: String) {
            if !ambiguous && other != name { ambiguous = true }
        }

        var unique: String? { ambiguous ? nil : name }
    }

    /// Thrown-away signal: a word holds U+212A KELVIN SIGN, the one word scalar whose canonical
    /// form is ASCII, so byte keys could miss a `String` equality; the `String` path handles it.
    private struct NeedsStrings: Error {}

    /// - Complexity: O(m) in the number of candidates (and their tokens).
    func resolve(_ candidates: inout [NameCandidate], in text: AnalyzedText) {
        do {
            try resolveByWordIDs(&candidates, in: text)
        } catch {
            resolveByStrings(&candidates, in: text)
        }
    }

    private func resolveByWordIDs(_ candidates: inout [NameCandidate], in text: AnalyzedText) throws(NeedsStrings) {
        var personParts: [WordID: Names] = [:]
        var organizationLast: [WordID: Names] = [:]
        var organizationHead: [WordID: Names] = [:]
        var words: [Int] = []
        for index in candidates.indices where !candidates[index].tentative {
            nameWords(candidates[index], text, into: &words)
            guard words.count >= 2 else { continue }
            let canonical: String
            if let known = candidates[index].canonical {
                canonical = known
            } else {
                let surface = surface(candidates[index], text)
                candidates[index].surface = surface
                canonical = surface
            }
            switch candidates[index].type {
            case .person:
                var firstPart: Int?
                var lastPart: Int?
                for word in words where scalarCount(text, word) > 1 {
                    if firstPart == nil { firstPart = word }
                    lastPart = word
                }
                if let firstPart { try insert(canonical, for: firstPart, text, into: &personParts) }
                if let lastPart { try insert(canonical, for: lastPart, text, into: &personParts) }
            case .organization:
                let headPosition = isThe(text, words[0]) ? 1 : 0
                guard headPosition < words.count else { continue }
                try insert(canonical, for: words[words.count - 1], text, into: &organizationLast)
                if words.count - headPosition >= 2 {
                    var allSuffixes = true
                    for word in words[(headPosition + 1)...] where !cues.orgSuffixes.contains(normalizedKey(text, word)) {
                        allSuffixes = false
                        break
                    }
                    if allSuffixes { try insert(canonical, for: words[headPosition], text, into: &organizationHead) }
                }
            default:
                continue
            }
        }
        if personParts.isEmpty && organizationLast.isEmpty && organizationHead.isEmpty { return }
        // Collected first and applied after, so a late `NeedsStrings` leaves `candidates` as they were.
        var links: [(index: Int, name: String, type: MentionType)] = []
        for index in candidates.indices {
            let candidate = candidates[index]
            guard candidate.origin != .lexicon, candidate.tokens.count == 1 else { continue }
            let word = try wordID(text, candidate.tokens.lowerBound)
            if let name = personParts[word]?.unique, name != surface(candidate, text) {
                links.append((index, name, .person))
            } else if let name = organizationHead[word]?.unique {
                links.append((index, name, .organization))
            } else if candidate.afterThe || candidate.origin == .weak, let name = organizationLast[word]?.unique {
                links.append((index, name, .organization))
            }
        }
        for link in links {
            candidates[link.index].canonical = link.name
            candidates[link.index].type = link.type
            candidates[link.index].origin = .rule
            candidates[link.index].tentative = false
        }
    }

    private func insert(_ canonical: String, for token: Int, _ text: AnalyzedText, into names: inout [WordID: Names]) throws(NeedsStrings) {
        let word = try wordID(text, token)
        if names[word] == nil {
            names[word] = Names(name: canonical)
        } else {
            names[word]!.insert(canonical)
        }
    }

    private func wordID(_ text: AnalyzedText, _ index: Int) throws(NeedsStrings) -> WordID {
        let token = text.tokens[index]
        let bytes = text.bytes
        var hash = WordSet.offsetBasis
        var ascii = true
        for position in token.start..<token.end {
            let byte = bytes[position]
            if byte >= 0x80 { ascii = false; break }
            hash = (hash ^ UInt64(byte)) &* WordSet.prime
        }
        if ascii { return .ascii(hash) }
        for position in token.start..<token.end where bytes[position] == 0xE2 && position + 2 < token.end
            && bytes[position + 1] == 0x84 && bytes[position + 2] == 0xAA {
            throw NeedsStrings()
        }
        return .other(text.text(of: token))
    }

    /// `NameCues.normalize(word)`'s `WordSet` key: the token's key when it is ASCII.
    private func normalizedKey(_ text: AnalyzedText, _ index: Int) -> UInt64 {
        let token = text.tokens[index]
        for position in token.start..<token.end where text.bytes[position] >= 0x80 {
            return WordSet.hash(NameCues.normalize(text.text(of: token)))
        }
        return text.wordKeys[index]
    }

    private func scalarCount(_ text: AnalyzedText, _ index: Int) -> Int {
        let token = text.tokens[index]
        var count = 0
        for position in token.start..<token.end where text.bytes[position] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    private func isThe(_ text: AnalyzedText, _ index: Int) -> Bool {
        let token = text.tokens[index]
        let bytes = text.bytes
        if token.end - token.start == 3 {
            return bytes[token.start] == UInt8(ascii: "T") && bytes[token.start + 1] == UInt8(ascii: "h") && bytes[token.start + 2] == UInt8(ascii: "e")
        }
        for position in token.start..<token.end where bytes[position] >= 0x80 { return text.text(of: token) == "The" }
        return false
    }

    /// The token indices of a name's words, without lowercase connectors and periods.
    private func nameWords(_ candidate: NameCandidate, _ text: AnalyzedText, into words: inout [Int]) {
        words.removeAll(keepingCapacity: true)
        for index in candidate.tokens {
            let token = text.tokens[index]
            guard token.kind == .word else { continue }
            if !token.isCapitalized && cues.connectors.contains(normalizedKey(text, index)) { continue }
            words.append(index)
        }
    }

    /// The original `String`-keyed resolution, for documents that need exact `String` equality.
    ///
    /// - Complexity: O(m) in the number of candidates.
    func resolveByStrings(_ candidates: inout [NameCandidate], in text: AnalyzedText) {
        var personParts: [String: Set<String>] = [:]
        var organizationLast: [String: Set<String>] = [:]
        var organizationHead: [String: Set<String>] = [:]
        for candidate in candidates where !candidate.tentative {
            let words = nameWords(candidate, text)
            guard words.count >= 2 else { continue }
            let canonical = candidate.canonical ?? surface(candidate, text)
            switch candidate.type {
            case .person:
                let parts = words.filter { $0.unicodeScalars.count > 1 }
                if let first = parts.first { personParts[first, default: []].insert(canonical) }
                if let last = parts.last { personParts[last, default: []].insert(canonical) }
            case .organization:
                var significant = words
                if significant.first == "The" { significant.removeFirst() }
                guard let head = significant.first, let last = significant.last else { continue }
                organizationLast[last, default: []].insert(canonical)
                if significant.count >= 2, significant.dropFirst().allSatisfy({ cues.orgSuffixes.contains(NameCues.normalize($0)) }) {
                    organizationHead[head, default: []].insert(canonical)
                }
            default:
                continue
            }
        }
        for index in candidates.indices {
            let candidate = candidates[index]
            guard candidate.origin != .lexicon, candidate.tokens.count == 1 else { continue }
            let word = surface(candidate, text)
            if let names = personParts[word], names.count == 1, let name = names.first, name != word {
                candidates[index].canonical = name
                candidates[index].type = .person
            } else if let names = organizationHead[word], names.count == 1 {
                candidates[index].canonical = names.first
                candidates[index].type = .organization
            } else if candidate.afterThe || candidate.origin == .weak, let names = organizationLast[word], names.count == 1 {
                candidates[index].canonical = names.first
                candidates[index].type = .organization
            } else {
                continue
            }
            candidates[index].origin = .rule
            candidates[index].tentative = false
        }
    }

    private func surface(_ candidate: NameCandidate, _ text: AnalyzedText) -> String {
        let first = text.tokens[candidate.tokens.lowerBound]
        let last = text.tokens[candidate.tokens.upperBound - 1]
        return text.collapsedString(first.start, last.end)
    }

    /// The capitalized words of a name, without connectors and periods.
    private func nameWords(_ candidate: NameCandidate, _ text: AnalyzedText) -> [String] {
        candidate.tokens.compactMap { index in
            let token = text.tokens[index]
            guard token.kind == .word else { return nil }
            let word = text.text(of: token)
            return cues.connectors.contains(NameCues.normalize(word)) && !token.isCapitalized ? nil : word
        }
    }
}
