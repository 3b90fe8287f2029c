/// Links short forms to the full names of the same document: a surname or a first name to
/// the person (`Soto` → `Javier Soto`), `the Journal` to `The Wall Street Journal`, and the
/// distinctive word of an organization to it (`Stargate` → `Stargate Project`).
///
/// A short form resolves only when exactly one full name of the document fits; otherwise it
/// stays as it is (or is dropped, if it was only tentatively a name).
struct AliasResolver {
    let cues: NameCues

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

    /// What one word of the document's full names links to.
    private struct Links {
        /// Persons with this first or last part.
        var person: Names?
        /// Organizations ending in this word.
        var organizationLast: Names?
        /// Organizations made of this word and suffixes (`Stargate Project`).
        var organizationHead: Names?
    }

    /// A word of a name, equal to another exactly when the words' `String`s are equal: an ASCII
    /// word by a hash of its bytes (no `String` built), any other word by its `String`
    /// (which compares by canonical equivalence).
    private enum WordID {
        case ascii(UInt64)
        case other(String)
    }

    /// `Links` by word: ASCII words in an open-addressing table of their hashes, sized so it
    /// never fills (at most two words per candidate), others in a dictionary.
    private struct WordTable {
        private var keys: [UInt64]
        private var slots: [Int32]
        private var others: [String: Int] = [:]
        private(set) var links: [Links] = []

        init(capacityFor words: Int) {
            var capacity = 16
            while capacity < words * 2 { capacity *= 2 }
            keys = Array(repeating: 0, count: capacity)
            slots = Array(repeating: -1, count: capacity)
            links.reserveCapacity(words)
        }

        var isEmpty: Bool { links.isEmpty }

        /// The index in `links` of `word`, adding empty links when `create` is set.
        mutating func index(of word: WordID, create: Bool) -> Int? {
            switch word {
            case .other(let string):
                if let index = others[string] { return index }
                guard create else { return nil }
                links.append(Links())
                others[string] = links.count - 1
                return links.count - 1
            case .ascii(let key):
                let mask = keys.count - 1
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                while slots[slot] >= 0 {
                    if keys[slot] == key { return Int(slots[slot]) }
                    slot = (slot + 1) & mask
                }
                guard create else { return nil }
                links.append(Links())
                keys[slot] = key
                slots[slot] = Int32(links.count - 1)
                return links.count - 1
            }
        }

        enum Field {
            case person, organizationLast, organizationHead
        }

        mutating func insert(_ name: String, for word: WordID, _ field: Field) {
            let index = index(of: word, create: true)!
            func add(_ names: inout Names?) {
                if names == nil { names = Names(name: name) } else { names!.insert(name) }
            }
            switch field {
            case .person: add(&links[index].person)
            case .organizationLast: add(&links[index].organizationLast)
            case .organizationHead: add(&links[index].organizationHead)
            }
        }
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
        // Only names of two or more tokens add words (at most two each).
        var multiToken = 0
        for index in candidates.indices where candidates[index].tokens.count >= 2 && !candidates[index].tentative { multiToken += 1 }
        var table = WordTable(capacityFor: 2 * multiToken)
        var words: [Int] = []
        for index in candidates.indices where !candidates[index].tentative {
            // One token has at most one name word: skip it before listing its words.
            guard candidates[index].tokens.count >= 2 else { continue }
            nameWords(candidates[index].tokens, text, into: &words)
            guard words.count >= 2 else { continue }
            let canonical: String
            if let known = candidates[index].canonical {
                canonical = known
            } else {
                let surface = surface(candidates[index].tokens, text)
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
                if let firstPart { table.insert(canonical, for: try wordID(text, firstPart), .person) }
                if let lastPart { table.insert(canonical, for: try wordID(text, lastPart), .person) }
            case .organization:
                let headPosition = isThe(text, words[0]) ? 1 : 0
                guard headPosition < words.count else { continue }
                table.insert(canonical, for: try wordID(text, words[words.count - 1]), .organizationLast)
                if words.count - headPosition >= 2 {
                    var allSuffixes = true
                    for word in words[(headPosition + 1)...] where !cues.orgSuffixes.contains(normalizedKey(text, word)) {
                        allSuffixes = false
                        break
                    }
                    if allSuffixes { table.insert(canonical, for: try wordID(text, words[headPosition]), .organizationHead) }
                }
            default:
                continue
            }
        }
        if table.isEmpty { return }
        // Collected first and applied after, so a late `NeedsStrings` leaves `candidates` as they were.
        var resolved: [(index: Int, name: String, type: MentionType)] = []
        for index in candidates.indices {
            // Fields read in place: copying a candidate retains its strings.
            let origin = candidates[index].origin, tokens = candidates[index].tokens
            guard origin != .lexicon, tokens.count == 1 else { continue }
            guard let word = table.index(of: try wordID(text, tokens.lowerBound), create: false) else { continue }
            var person: String?
            if let name = table.links[word].person?.unique {
                // Kept on the candidate, so its `Mention` does not build the same string again
                // (the same value as building it later, even if `NeedsStrings` comes next).
                let surface = surface(tokens, text)
                candidates[index].surface = surface
                if name != surface { person = name }
            }
            if let person {
                resolved.append((index, person, .person))
            } else if let name = table.links[word].organizationHead?.unique {
                resolved.append((index, name, .organization))
            } else if candidates[index].afterThe || origin == .weak, let name = table.links[word].organizationLast?.unique {
                resolved.append((index, name, .organization))
            }
        }
        for link in resolved {
            candidates[link.index].canonical = link.name
            candidates[link.index].type = link.type
            candidates[link.index].origin = .rule
            candidates[link.index].tentative = false
        }
    }

    private func wordID(_ text: AnalyzedText, _ index: Int) throws(NeedsStrings) -> WordID {
        let token = text.tokens[index]
        let bytes = text.bytes
        var hash = WordSet.offsetBasis
        var ascii = true
        bytes.withUnsafeBufferPointer { bytes in
            for position in token.start..<token.end {
                let byte = bytes[position]
                if byte >= 0x80 { ascii = false; break }
                hash = (hash ^ UInt64(byte)) &* WordSet.prime
            }
        }
        // Hash 0 marks an empty slot in `WordTable`, so that (astronomically rare) word goes by `String`.
        if ascii && hash != 0 { return .ascii(hash) }
        if ascii { return .other(text.text(of: token)) }
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
    /// Takes the token range, not the candidate: passing a candidate copies it (two strings retained).
    private func nameWords(_ tokens: Range<Int>, _ text: AnalyzedText, into words: inout [Int]) {
        words.removeAll(keepingCapacity: true)
        for index in tokens {
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
        surface(candidate.tokens, text)
    }

    private func surface(_ tokens: Range<Int>, _ text: AnalyzedText) -> String {
        let first = text.tokens[tokens.lowerBound]
        let last = text.tokens[tokens.upperBound - 1]
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
