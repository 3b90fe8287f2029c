/// Links short forms to the full names of the same document: a surname or a first name to
/// the person (`Soto` → `Javier Soto`), `the Journal` to `The Wall Street Journal`, and the
/// distinctive word of an organization to it (`Stargate` → `Stargate Project`).
///
/// A short form resolves only when exactly one full name of the document fits; otherwise it
/// stays as it is (or is dropped, if it was only tentatively a name).
struct AliasResolver {
    /// The two lists it reads, not the whole `NameCues`: a resolver is made per document, and
    /// a copy of `NameCues` retains (and then releases) its fourteen tables.
    let connectors: WordSet
    let orgSuffixes: WordSet

    init(cues: NameCues) {
        connectors = cues.connectors
        orgSuffixes = cues.orgSuffixes
    }

    /// What one word of the document's full names links to, each as the index of the candidate
    /// whose canonical name came first (`none` if no name, `ambiguous` once a different name
    /// followed: only a word that fits exactly one name resolves). Indices, not `String`s, so
    /// the table holds no references to retain, release and destroy.
    private struct Links {
        static let none: Int32 = -1
        static let ambiguous: Int32 = -2

        /// Persons with this first or last part.
        var person = none
        /// Organizations ending in this word.
        var organizationLast = none
        /// Organizations made of this word and suffixes (`Stargate Project`).
        var organizationHead = none
        /// In an ASCII document, the surface string of a one-token candidate of this word and
        /// the person it names, once a candidate asked (`surface < 0`: not yet): both are fixed
        /// once the table is made. Kept here, not in arrays beside `links`, which were two
        /// more allocations per document.
        var surface = none
        var personName = NameCandidate.none
    }

    /// One slot of `WordTable`: an ASCII word's `AnalyzedText.wordKeys` entry, the token that
    /// added it (`-1`: empty slot) and the index of its links.
    private struct Slot {
        var key: UInt64 = 0
        var token: Int32 = -1
        var link: Int32 = -1
    }

    /// `Links` by word, equal exactly when the words' `String`s are equal. ASCII words go in
    /// one open-addressing array by the tokenizer's key (case-folded, so a key match is
    /// confirmed byte by byte: `Apple` and `APPLE` share a key but are different words), sized
    /// so it is at most half full (at most two words per candidate). Other words go by their
    /// `String` (canonical equivalence) in a dictionary made only for a document that has one.
    ///
    /// The links themselves are the first `linkCount` of `links`, in the order the words came,
    /// which callers edit in place (`table.links[location].person`): a subscript that read and
    /// wrote back a whole `Links` per edit was a call each time. A buffer the caller made with
    /// room for every word the names may add, not an array: each edit of an array's element
    /// checked its uniqueness (a runtime call, some 74,000 on synth10).
    private struct WordTable {
        private var slots: [Slot]
        private var others: [String: Int32]?
        let links: UnsafeMutableBufferPointer<Links>
        private(set) var linkCount = 0

        /// Links kept in `room` (uninitialized; as many as words may come); the slots start at
        /// 64 and double as words come (a document's names repeat their words, so far fewer
        /// come than the bound: filling slots for the bound was most of the table's cost).
        init(linkRoom room: UnsafeMutableBufferPointer<Links>) {
            slots = Self.emptySlots(64)
            links = room
        }

        /// Empty links for a new word, at `linkCount`.
        private mutating func appendLinks() {
            precondition(linkCount < links.count, "more words than the room made for them")
            (links.baseAddress! + linkCount).initialize(to: Links())
            linkCount += 1
        }

        /// `count` empty slots, filled through a buffer: `Array(repeating:count:)` stored them
        /// one call-sized step at a time, some 1,200 instructions for the first 64.
        private static func emptySlots(_ count: Int) -> [Slot] {
            [Slot](specializedUninitializedCapacity: count) { slots, initialized in
                slots.initialize(repeating: Slot())
                initialized = count
            }
        }

        /// Twice the slots, every word placed again.
        private mutating func grow() {
            let old = slots
            slots = Self.emptySlots(old.count * 2)
            slots.withUnsafeMutableBufferPointer { slots in
                let mask = slots.count - 1
                for entry in old where entry.token >= 0 {
                    var slot = Int(truncatingIfNeeded: (entry.key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                    while slots[slot].token >= 0 { slot = (slot + 1) & mask }
                    slots[slot] = entry
                }
            }
        }

        /// Where `word`'s links are in `links`; with `create`, empty links are added for a new
        /// word, else a new word gives `nil`.
        ///
        /// - Complexity: O(1) expected; a key match costs one comparison of two words' bytes.
        mutating func location(of word: WordID, in view: View, create: Bool) -> Int? {
            switch word {
            case .other(let string):
                if let index = others?[string] { return Int(index) }
                guard create else { return nil }
                appendLinks()
                if others == nil { others = [:] }
                others![string] = Int32(linkCount - 1)
                return linkCount - 1
            case .ascii(let token):
                return location(ofASCII: token, in: view, create: create)
            }
        }

        /// `location(of: .ascii(token: token), …)`.
        @inline(__always)
        mutating func location(ofASCII token: Int, in view: View, create: Bool) -> Int? {
            guard create else { return existingLocation(ofASCII: token, in: view) }
            let key = view.keys[token]
            let word = view.tokens[token]
            let count = linkCount
            // At most half full after an insertion.
            if (count + 1) * 2 > slots.count { grow() }
            let found: Int32 = slots.withUnsafeMutableBufferPointer { slots in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                while slots[slot].token >= 0 {
                    if slots[slot].key == key && AliasResolver.sameBytes(view.tokens[Int(slots[slot].token)], word, view.bytes) { return slots[slot].link }
                    slot = (slot + 1) & mask
                }
                slots[slot] = Slot(key: key, token: Int32(token), link: Int32(count))
                return Int32(count)
            }
            if Int(found) == count { appendLinks() }
            return Int(found)
        }

        /// `location(ofASCII:in:create:)` without `create`: the slots read through a read-only
        /// buffer, since a mutable one checked the array's uniqueness at each lookup (one per
        /// single-token candidate: 126,000 calls of the runtime on synth10).
        @inline(__always)
        func existingLocation(ofASCII token: Int, in view: View) -> Int? {
            let key = view.keys[token]
            let word = view.tokens[token]
            return slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                while slots[slot].token >= 0 {
                    if slots[slot].key == key && AliasResolver.sameBytes(view.tokens[Int(slots[slot].token)], word, view.bytes) {
                        return Int(slots[slot].link)
                    }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
    }

    /// The document's bytes, tokens and word keys, borrowed for one resolution (inside
    /// `AnalyzedText.withBuffers` in `resolveByWordIDs(_:in:asciiText:)`).
    private typealias View = AnalyzedText.Buffers

    /// A word of a name: an ASCII word by its token (no `String` built), any other by its `String`.
    private enum WordID {
        case ascii(token: Int)
        case other(String)
    }

    /// Whether two tokens have the same bytes.
    @inline(__always)
    private static func sameBytes(_ first: Token, _ second: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // (Wrapping: a token's bounds are positions in the buffer, the end not before the start.)
        let count = first.end &- first.start
        guard second.end &- second.start == count else { return false }
        return sameBytes(bytes, first.start, second.start, count: count)
    }

    /// Whether `bytes[first..<first + count]` equals `bytes[second..<second + count]`: eight
    /// bytes per step (the bytes past `count` in the last step masked off), one per step where
    /// an eight-byte load would pass the buffer's end. (A byte loop here was most of the
    /// resolver's instructions: every word of a name is compared with the one in its slot.)
    ///
    /// - Complexity: O(count), count/8 steps.
    @inline(__always)
    static func sameBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Int, _ second: Int, count: Int) -> Bool {
        var offset = 0
        // Wrapping arithmetic: the offsets are in the buffer (its checked forms were some 1.4 M
        // instructions of synth10). The loads through the base address unwrapped unchecked:
        // eight bytes at each offset are in the buffer, so it is not empty.
        while offset < count && max(first, second) &+ offset &+ 8 <= bytes.count {
            let raw = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
            let difference = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: first &+ offset, as: UInt64.self))
                ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: second &+ offset, as: UInt64.self))
            let valid = count &- offset
            if (valid < 8 ? difference & ((1 &<< UInt64(truncatingIfNeeded: 8 &* valid)) &- 1) : difference) != 0 { return false }
            offset &+= 8
        }
        while offset < count {
            if bytes[first + offset] != bytes[second + offset] { return false }
            offset += 1
        }
        return true
    }

    /// Resolves candidates held in an array (`NameRules.candidates(in:cueIndex:trie:)`): the
    /// form the tests use; the pipeline resolves them in the rules' buffer (below).
    ///
    /// - Complexity: O(m) in the number of candidates (and their tokens).
    func resolve(_ candidates: inout NameCandidates, in text: AnalyzedText) {
        // The items moved out for the call, so the buffer's borrow overlaps nothing.
        var items: [NameCandidate] = []
        swap(&items, &candidates.items)
        items.withUnsafeMutableBufferPointer { items in
            resolve(items, strings: &candidates.strings, surfaces: &candidates.surfaces, in: text)
        }
        swap(&items, &candidates.items)
    }

    /// `resolve(_:in:)` on candidates in a buffer (the rules' own, with no array made), with
    /// the strings they name and the table of their surfaces.
    ///
    /// - Complexity: O(m) in the number of candidates (and their tokens).
    func resolve(_ items: UnsafeMutableBufferPointer<NameCandidate>, strings: inout [String], surfaces: inout SurfaceTable, in text: AnalyzedText) {
        // One scalar per byte: an ASCII document, where every word is ASCII (O(1) to tell).
        // Exact for valid UTF-8, which every document is by the time it is analyzed (a
        // `String`'s bytes, or a file's bytes once validated): any other scalar has a
        // continuation byte.
        let asciiText = text.scalarOffset(ofByte: text.bytes.count) == text.bytes.count
        if !asciiText && hasKelvinSign(UnsafeBufferPointer(items), text) {
            // The `String` path works on an array of the items, copied in and back (it edits
            // them in place, never adds or removes one).
            var candidates = NameCandidates(items: Array(items))
            swap(&candidates.strings, &strings)
            swap(&candidates.surfaces, &surfaces)
            resolveByStrings(&candidates, in: text)
            _ = items.update(from: candidates.items)
            swap(&candidates.strings, &strings)
            swap(&candidates.surfaces, &surfaces)
        } else {
            text.withBuffers { view in
                resolveByWordIDs(items, &strings, &surfaces, text, view, asciiText)
            }
        }
    }

    /// Whether a candidate holds U+212A KELVIN SIGN, the one word scalar whose canonical form is
    /// ASCII, so bytes could miss a `String` equality: such a document (about one in a million)
    /// takes the `String` path, which decides the same as the byte path everywhere else.
    private func hasKelvinSign(_ candidates: UnsafeBufferPointer<NameCandidate>, _ text: AnalyzedText) -> Bool {
        text.bytes.withUnsafeBufferPointer { bytes in
            for index in candidates.indices {
                let tokens = candidates[index].tokens
                var position = text.tokens[tokens.lowerBound].start
                let end = text.tokens[tokens.upperBound - 1].end
                while position + 2 < end {
                    if bytes[position] == 0xE2 && bytes[position + 1] == 0x84 && bytes[position + 2] == 0xAA { return true }
                    position += 1
                }
            }
            return false
        }
    }

    /// The index of the canonical name of a candidate that added words to the table (its
    /// `surface` is set then).
    @inline(__always)
    private static func canonical(_ candidates: UnsafeMutableBufferPointer<NameCandidate>, _ index: Int32) -> Int32 {
        let candidate = candidates[Int(index)]
        return candidate.canonical >= 0 ? candidate.canonical : candidate.surface
    }

    /// Whether strings `first` and `second` are equal (the same index or equal `String`s).
    @inline(__always)
    private static func sameString(_ strings: [String], _ first: Int32, _ second: Int32) -> Bool {
        first == second || strings[Int(first)] == strings[Int(second)]
    }

    /// Adds candidate `source` (canonical name `name`, an index into `strings`) to the names of one word.
    @inline(__always)
    private static func add(_ names: inout Int32, _ source: Int, _ name: Int32, _ candidates: UnsafeMutableBufferPointer<NameCandidate>, _ strings: [String]) {
        if names == Links.none {
            names = Int32(source)
        } else if names != Links.ambiguous && !sameString(strings, canonical(candidates, names), name) {
            names = Links.ambiguous
        }
    }

    private func resolveByWordIDs(_ candidates: UnsafeMutableBufferPointer<NameCandidate>, _ strings: inout [String], _ surfaces: inout SurfaceTable, _ text: AnalyzedText, _ view: View, _ asciiText: Bool) {
        // The candidates each pass reads, listed in one pass, in order: names of two or more
        // tokens (which add words, at most two each) in the first half of `lists`, single tokens
        // of no lexicon name (which may resolve) in the second. Written without a branch (each
        // index is written, and the count moves only if it belongs): a filter per pass on these
        // fields was mispredicted often, and that was much of the resolver's real time. Fixed
        // before either pass: the passes change only fields these tests do not read (`surface`;
        // a single token's own fields, after its test). After them, `firstWithSurface` of the
        // pass over names (one entry per surface it may see: the strings so far and one per
        // candidate), so the three are one allocation, on the stack for most documents. Two
        // more, for the same reason (an array's writes checked its uniqueness): the words of one
        // name (at most its tokens), and the table's links (at most two per name).
        let count = candidates.count
        let surfaceBound = strings.count + count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * count + surfaceBound) { lists in
            var multiToken = 0
            var singles = count
            var longest = 0
            for index in candidates.indices {
                let tokens = candidates[index].tokens
                longest = max(longest, tokens.count)
                let isMulti = tokens.count >= 2 && !candidates[index].tentative
                let isSingle = tokens.count == 1 && candidates[index].origin != .lexicon
                lists[multiToken] = Int32(truncatingIfNeeded: index)
                multiToken &+= isMulti ? 1 : 0
                lists[singles] = Int32(truncatingIfNeeded: index)
                singles &+= isSingle ? 1 : 0
            }
            if multiToken == 0 { return }
            let firstWithSurface = UnsafeMutableBufferPointer(rebasing: lists[(2 * count)...])
            firstWithSurface.initialize(repeating: -1)
            withUnsafeTemporaryAllocation(of: Int.self, capacity: longest) { words in
                withUnsafeTemporaryAllocation(of: Links.self, capacity: 2 * multiToken) { linkRoom in
                    resolveByWordIDs(candidates, names: UnsafeBufferPointer(rebasing: lists[..<multiToken]),
                                     singles: UnsafeBufferPointer(rebasing: lists[count..<singles]), firstWithSurface: firstWithSurface,
                                     words: words, linkRoom: linkRoom, &strings, &surfaces, text, view, asciiText)
                }
            }
        }
    }

    /// The resolution proper: the words of `names` (indices of candidates of two or more
    /// tokens, not tentative) into a table, then each of `singles` (single tokens of no lexicon
    /// name) linked through it, both in the order of the candidates. `firstWithSurface` has
    /// `strings.count + candidates.count` entries, all -1. `words` has room for the tokens of
    /// the longest name, `linkRoom` for two links per name (both uninitialized).
    private func resolveByWordIDs(_ candidates: UnsafeMutableBufferPointer<NameCandidate>, names: UnsafeBufferPointer<Int32>, singles: UnsafeBufferPointer<Int32>,
                                  firstWithSurface: UnsafeMutableBufferPointer<Int32>, words: UnsafeMutableBufferPointer<Int>, linkRoom: UnsafeMutableBufferPointer<Links>,
                                  _ strings: inout [String], _ surfaces: inout SurfaceTable, _ text: AnalyzedText, _ view: View, _ asciiText: Bool) {
        var table = WordTable(linkRoom: linkRoom)
        // Room for every surface built below (one per candidate at most), so the array grows once.
        strings.reserveCapacity(strings.count + candidates.count)
        // `firstWithSurface`: for each surface (by its index in `strings`), the first candidate of
        // no lexicon name that had it: a later one with the same surface, type and tokens adds
        // nothing (see below).
        for name in names {
            let index = Int(name)
            var canonical = candidates[index].canonical
            if canonical < 0 {
                // The surface is its canonical name. A name written again (same bytes, split into
                // the same tokens) with the same type lists the same words with the same name,
                // and adding a name to a word that has it, or is ambiguous, changes nothing: its
                // words are not listed again.
                canonical = surfaces.index(of: candidates[index].tokens, in: text, tokens: view.tokens, keys: view.keys, bytes: view.bytes, strings: &strings)
                candidates[index].surface = canonical
                let first = firstWithSurface[Int(canonical)]
                if first >= 0, candidates[Int(first)].type == candidates[index].type,
                   Self.sameTokens(candidates[Int(first)].tokens, candidates[index].tokens, view.tokens) {
                    continue
                }
                if first < 0 { firstWithSurface[Int(canonical)] = Int32(index) }
            }
            let wordCount = nameWords(candidates[index].tokens, text, view, asciiText, into: words)
            guard wordCount >= 2 else { continue }
            switch candidates[index].type {
            case .person:
                var firstPart: Int?
                var lastPart: Int?
                for word in words[..<wordCount] where scalarCount(text, view, word, asciiText) > 1 {
                    if firstPart == nil { firstPart = word }
                    lastPart = word
                }
                if let firstPart {
                    let location = self.location(firstPart, &table, text, view, asciiText, create: true)!
                    Self.add(&table.links[location].person, index, canonical, candidates, strings)
                }
                if let lastPart {
                    let location = self.location(lastPart, &table, text, view, asciiText, create: true)!
                    Self.add(&table.links[location].person, index, canonical, candidates, strings)
                }
            case .organization:
                let headPosition = isThe(text, view, words[0], asciiText) ? 1 : 0
                guard headPosition < wordCount else { continue }
                let last = location(words[wordCount - 1], &table, text, view, asciiText, create: true)!
                Self.add(&table.links[last].organizationLast, index, canonical, candidates, strings)
                if wordCount - headPosition >= 2 {
                    var allSuffixes = true
                    for word in words[(headPosition + 1)..<wordCount] where !orgSuffixes.contains(normalizedKey(text, view, word, asciiText)) {
                        allSuffixes = false
                        break
                    }
                    if allSuffixes {
                        let head = location(words[headPosition], &table, text, view, asciiText, create: true)!
                        Self.add(&table.links[head].organizationHead, index, canonical, candidates, strings)
                    }
                }
            default:
                continue
            }
        }
        if table.linkCount == 0 { return }
        // In an ASCII document a word's links are found by its exact bytes, which are the whole
        // surface of a one-token candidate: the surface's string and the person it names (both
        // fixed once the table is made) are looked up once per word, not per candidate
        // (`Links.surface`). Applied as found: only single tokens change, and only names of two
        // or more tokens are read from the table.
        for single in singles {
            let index = Int(single)
            let origin = candidates[index].origin, tokens = candidates[index].tokens
            guard let location = self.location(tokens.lowerBound, &table, text, view, asciiText, create: false) else { continue }
            let links = table.links[location]
            var name = NameCandidate.none
            var type = MentionType.person
            if links.person >= 0 {
                // Kept on the candidate, so its `Mention` does not build the same string again.
                if asciiText && links.surface >= 0 {
                    candidates[index].surface = links.surface
                    name = links.personName
                } else {
                    let surface = surfaces.index(of: tokens, in: text, tokens: view.tokens, keys: view.keys, bytes: view.bytes, strings: &strings)
                    candidates[index].surface = surface
                    let person = Self.canonical(candidates, links.person)
                    if !Self.sameString(strings, person, surface) { name = person }
                    if asciiText {
                        table.links[location].surface = surface
                        table.links[location].personName = name
                    }
                }
            }
            if name < 0 {
                type = .organization
                if links.organizationHead >= 0 {
                    name = Self.canonical(candidates, links.organizationHead)
                } else if candidates[index].afterThe || origin == .weak, links.organizationLast >= 0 {
                    name = Self.canonical(candidates, links.organizationLast)
                } else {
                    continue
                }
            }
            candidates[index].canonical = name
            candidates[index].type = type
            candidates[index].origin = .rule
            candidates[index].tentative = false
        }
    }

    /// Whether two spans of equal bytes are split into tokens alike: the same offsets from
    /// their starts, kinds and capitalization (all a name's words depend on besides bytes).
    ///
    /// (Wrapping arithmetic: token indices and byte offsets are positions in the document's
    /// buffers, so their differences, and a byte offset moved by one, stay far from overflow.)
    @inline(__always)
    private static func sameTokens(_ first: Range<Int>, _ second: Range<Int>, _ tokens: UnsafeBufferPointer<Token>) -> Bool {
        guard first.upperBound &- first.lowerBound == second.upperBound &- second.lowerBound else { return false }
        let shift = tokens[second.lowerBound].start &- tokens[first.lowerBound].start
        var a = first.lowerBound, b = second.lowerBound
        while a < first.upperBound {
            if tokens[a].start &+ shift != tokens[b].start || tokens[a].end &+ shift != tokens[b].end
                || tokens[a].kind != tokens[b].kind || tokens[a].isCapitalized != tokens[b].isCapitalized {
                return false
            }
            a &+= 1
            b &+= 1
        }
        return true
    }

    /// `table.location(of: wordID(…))`; in an ASCII document without making a `WordID`.
    @inline(__always)
    private func location(_ token: Int, _ table: inout WordTable, _ text: AnalyzedText, _ view: View, _ asciiText: Bool, create: Bool) -> Int? {
        if asciiText { return table.location(ofASCII: token, in: view, create: create) }
        return table.location(of: wordID(text, view, token, asciiText), in: view, create: create)
    }

    /// A name word's id; in an ASCII document without looking at its bytes.
    private func wordID(_ text: AnalyzedText, _ view: View, _ index: Int, _ asciiText: Bool) -> WordID {
        let token = view.tokens[index]
        if !asciiText {
            for position in token.start..<token.end where view.bytes[position] >= 0x80 { return .other(text.text(of: token)) }
        }
        return .ascii(token: index)
    }

    /// `NameCues.normalize(word)`'s `WordSet` key: the token's key when it is ASCII.
    private func normalizedKey(_ text: AnalyzedText, _ view: View, _ index: Int, _ asciiText: Bool) -> UInt64 {
        if asciiText { return view.keys[index] }
        let token = view.tokens[index]
        for position in token.start..<token.end where view.bytes[position] >= 0x80 {
            return WordSet.hash(NameCues.normalize(text.text(of: token)))
        }
        return view.keys[index]
    }

    /// The token's scalars; in an ASCII document its bytes, without looking at them.
    private func scalarCount(_ text: AnalyzedText, _ view: View, _ index: Int, _ asciiText: Bool) -> Int {
        let token = view.tokens[index]
        if asciiText { return token.end &- token.start }
        var count = 0
        for position in token.start..<token.end where view.bytes[position] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Whether the token is `The`; in an ASCII document only a three-byte token is looked at (the
    /// loop below finds no byte of a longer one).
    private func isThe(_ text: AnalyzedText, _ view: View, _ index: Int, _ asciiText: Bool) -> Bool {
        let token = view.tokens[index]
        let bytes = view.bytes
        if token.end - token.start == 3 {
            return bytes[token.start] == UInt8(ascii: "T") && bytes[token.start + 1] == UInt8(ascii: "h") && bytes[token.start + 2] == UInt8(ascii: "e")
        }
        if asciiText { return false }
        for position in token.start..<token.end where bytes[position] >= 0x80 { return text.text(of: token) == "The" }
        return false
    }

    /// The token indices of a name's words, without lowercase connectors and periods, written
    /// over the start of `words` (room for `tokens.count`); returns how many.
    private func nameWords(_ tokens: Range<Int>, _ text: AnalyzedText, _ view: View, _ asciiText: Bool, into words: UnsafeMutableBufferPointer<Int>) -> Int {
        // (A `while` loop with wrapping steps: indices stay within `tokens`, and `count` below
        // their number; a `for` over the range checked each step against it.)
        var count = 0
        var index = tokens.lowerBound
        while index < tokens.upperBound {
            defer { index &+= 1 }
            let token = view.tokens[index]
            guard token.kind == .word else { continue }
            if !token.isCapitalized && connectors.contains(normalizedKey(text, view, index, asciiText)) { continue }
            words[count] = index
            count &+= 1
        }
        return count
    }

    /// The original `String`-keyed resolution, for documents that need exact `String` equality.
    ///
    /// - Complexity: O(m) in the number of candidates.
    func resolveByStrings(_ list: inout NameCandidates, in text: AnalyzedText) {
        var personParts: [String: Set<String>] = [:]
        var organizationLast: [String: Set<String>] = [:]
        var organizationHead: [String: Set<String>] = [:]
        let candidates = list.items
        for candidate in candidates where !candidate.tentative {
            let words = nameWords(candidate, text)
            guard words.count >= 2 else { continue }
            let canonical = list.string(candidate.canonical) ?? surface(candidate, text)
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
                if significant.count >= 2, significant.dropFirst().allSatisfy({ orgSuffixes.contains(NameCues.normalize($0)) }) {
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
                list.items[index].canonical = list.add(name)
                list.items[index].type = .person
            } else if let names = organizationHead[word], names.count == 1 {
                list.items[index].canonical = list.add(names.first!)
                list.items[index].type = .organization
            } else if candidate.afterThe || candidate.origin == .weak, let names = organizationLast[word], names.count == 1 {
                list.items[index].canonical = list.add(names.first!)
                list.items[index].type = .organization
            } else {
                continue
            }
            list.items[index].origin = .rule
            list.items[index].tentative = false
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
            return connectors.contains(NameCues.normalize(word)) && !token.isCapitalized ? nil : word
        }
    }
}
