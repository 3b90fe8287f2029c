/// Rule-based discovery of names in one document, sentence by sentence.
///
/// Lexicon matches come first; the other capitalized token runs are cut at generic words,
/// titles and months, trimmed of sentence-initial and headline words, and typed by cues:
/// a title or role before (`engineer Igor …`, `Mr.`), an organization suffix (`… Labs`,
/// `… Project`), a cue noun (`the startup …`), a product noun after (`… chatbot`), the
/// given-name list, initials (`J. R.`), all-caps acronyms and mixed-case brands (`xAI`).
///
/// A class, not a struct: its methods read a large immutable context (text, cues, trie), and a
/// struct's `mutating` methods copied all of it whenever they called a non-mutating helper.
final class NameRules {
    let text: AnalyzedText
    /// The lexicon's trie, borrowed for the duration of `withRules`'s body (as are its filters,
    /// which the rules ask far more often): a copy per document retained and released its
    /// arrays through the generic type's value witnesses.
    let trie: UnsafePointer<TokenTrie<Recognizer.LexiconHit>>
    let filters: TokenTrieFilters
    let cueIndex: CueIndex
    /// The candidates found so far: `candidateCount` of them at `candidateBase`, room for
    /// `candidateCapacity`. A raw buffer, not an array: an array's append checked that its
    /// storage was uniquely referenced (a runtime call) on each of some 205,000 appends of
    /// synth10. `NameCandidate` holds no reference, so the buffer needs no deinitialization.
    ///
    /// Unchecked exclusivity here and on `currentSentenceStart`: one scanner per document, used
    /// by one thread, and a dynamic access check on every append cost more than the append.
    @exclusivity(unchecked) private var candidateBase: UnsafeMutablePointer<NameCandidate>
    @exclusivity(unchecked) private var candidateCount = 0
    @exclusivity(unchecked) private var candidateCapacity: Int
    /// The canonical names of lexicon candidates, which `NameCandidate.canonical` indexes.
    @exclusivity(unchecked) private var strings: [String] = []

    /// Keeps `candidate` after the others.
    @inline(__always)
    private func append(_ candidate: NameCandidate) {
        if candidateCount == candidateCapacity { growCandidates() }
        (candidateBase + candidateCount).initialize(to: candidate)
        candidateCount &+= 1
    }

    @inline(never)
    private func growCandidates() {
        let capacity = candidateCapacity * 2
        let base = UnsafeMutablePointer<NameCandidate>.allocate(capacity: capacity)
        base.moveInitialize(from: candidateBase, count: candidateCount)
        candidateBase.deallocate()
        candidateBase = base
        candidateCapacity = capacity
    }

    /// Calls `body` with the candidates found so far, in place, and the strings they name
    /// (which `body` may add to, or take): alias resolution and the mentions read them here,
    /// where a copy into an array (`takeCandidates`) cost an allocation and a copy per document.
    func withCandidates<Result>(_ body: (UnsafeMutableBufferPointer<NameCandidate>, inout [String]) throws -> Result) rethrows -> Result {
        try body(UnsafeMutableBufferPointer(start: candidateBase, count: candidateCount), &strings)
    }

    /// The candidates found so far (copied into an array: one copy per document), with the
    /// strings they name, which are moved out; the rules keep none of them.
    func takeCandidates() -> NameCandidates {
        var taken = NameCandidates()
        taken.items = Array(UnsafeBufferPointer(start: candidateBase, count: candidateCount))
        candidateCount = 0
        swap(&taken.strings, &strings)
        return taken
    }

    /// Keeps a canonical name for a candidate and returns its index.
    private func add(_ string: String) -> Int32 {
        strings.append(string)
        return Int32(strings.count - 1)
    }
    /// First token of the sentence being scanned.
    @exclusivity(unchecked) private var currentSentenceStart = 0
    /// End of the token range of the sentence being scanned.
    @exclusivity(unchecked) private var currentSentenceEnd = 0
    /// The last `isSourced` answer of `addSegment` (for the segment's first word), which
    /// `classify` asks again of its part's first word: mostly the same token.
    @exclusivity(unchecked) private var lastSourced = (token: -1, answer: false)
    /// Whether that sentence is a headline, once asked (`sentenceIsHeadline`).
    @exclusivity(unchecked) private var headline: Bool?

    /// The document's tokens, bytes and word keys as buffers: the rules read them many times
    /// per name word, and through `text` each read loaded the array from the object and checked
    /// the index. They are borrowed from `text`'s arrays for the duration of `withRules`'s
    /// body, which is why the rules exist only inside it.
    private let tokens: UnsafeBufferPointer<Token>
    private let bytes: UnsafeBufferPointer<UInt8>
    private let keys: UnsafeBufferPointer<UInt64>

    /// Answers per token once asked, as `ShapeMemo` bits. A raw buffer, since rules ask the
    /// same token several times and a class property would add an access check per read.
    private let shapeMemo: UnsafeMutableBufferPointer<UInt8>

    /// Bits of `shapeMemo`: for each question, whether it was asked and its answer.
    private enum ShapeMemo {
        static let commonKnown: UInt8 = 1 << 0
        static let common: UInt8 = 1 << 1
        static let nameKnown: UInt8 = 1 << 2
        static let name: UInt8 = 1 << 3
        static let contractionKnown: UInt8 = 1 << 4
        static let contraction: UInt8 = 1 << 5
        static let mixedKnown: UInt8 = 1 << 6
        static let mixed: UInt8 = 1 << 7
    }

    /// The name words of the segment being processed (indices of their first tokens).
    /// `addSegment`, `addPart` and `classify` take position ranges into it: every run, part and
    /// trimmed list they make is a contiguous stretch of it, so no array is built per name.
    private let unitBuffer: UnsafeMutableBufferPointer<Int>

    /// `CueFlags` per token once asked (0: not yet; a full answer has `.known` set, an answer
    /// about the small lists only `.smallKnown`).
    private let flagMemo: UnsafeMutableBufferPointer<UInt16>

    /// Full `cueIndex` answers by word key (`CueFlagCache`): the scratch's, kept across
    /// documents, or without a scratch `CueFlagCache.empty`, which the rules never write.
    private let flagCache: UnsafeMutablePointer<CueFlagCache.Entry>

    /// Runs `body` with the rules for `text`. The rules read the text's arrays through
    /// pointers that are valid only while `body` runs, so `body` must not keep them (checked
    /// in debug builds).
    ///
    /// No `NameCues`: `cueIndex` answers every list question, and an initializer's arguments
    /// are copies (one of `NameCues` retained and released its fourteen tables per document).
    ///
    /// - Parameter scratch: Buffers kept from an earlier document (`NameRulesScratch`), which
    ///   the rules use and hand back instead of allocating and freeing their own.
    static func withRules<Result>(
        for text: AnalyzedText, cueIndex: CueIndex, trie: TokenTrie<Recognizer.LexiconHit>, scratch: NameRulesScratch? = nil,
        _ body: (NameRules) throws -> Result
    ) rethrows -> Result {
        try trie.withFilters { filters in
            try withUnsafePointer(to: trie) { trie in
                try text.withBuffers { buffers in
                    var rules = NameRules(text: text, buffers: buffers, cueIndex: cueIndex, trie: trie, filters: filters, scratch: scratch)
                    let result = try body(rules)
                    assert(isKnownUniquelyReferenced(&rules), "NameRules kept past withRules(for:cueIndex:trie:scratch:_:)")
                    return result
                }
            }
        }
    }

    /// Every sentence of `text` scanned: its name candidates before alias resolution, as an
    /// array. The pipeline reads them in place (`withCandidates`); this form is what the tests
    /// inspect, and compare the in-place path with.
    static func candidates(in text: AnalyzedText, cueIndex: CueIndex, trie: TokenTrie<Recognizer.LexiconHit>) -> NameCandidates {
        withRules(for: text, cueIndex: cueIndex, trie: trie) { rules in
            rules.scanSentences()
            return rules.takeCandidates()
        }
    }

    /// Scans every sentence of the text, adding their candidates.
    func scanSentences() {
        // The sentences read through a buffer, not one checked array read per sentence.
        text.sentences.withUnsafeBufferPointer { sentences in
            for index in sentences.indices { scan(sentence: index, tokens: sentences[index].tokens) }
        }
    }

    private init(text: AnalyzedText, buffers: AnalyzedText.Buffers, cueIndex: CueIndex, trie: UnsafePointer<TokenTrie<Recognizer.LexiconHit>>,
                 filters: TokenTrieFilters, scratch: NameRulesScratch?) {
        self.text = text
        self.filters = filters
        self.tokens = buffers.tokens
        self.bytes = buffers.bytes
        self.keys = buffers.keys
        self.cueIndex = cueIndex
        self.trie = trie
        self.scratch = scratch
        // The three per-token buffers in one allocation (units, then flags, then shapes, each
        // start aligned for its type): two allocations and frees more per document were some
        // 650 instructions of the allocator.
        let count = tokens.count
        let raw = scratch?.perToken(count: count, bytesPerToken: Self.perTokenBytes)
            ?? UnsafeMutableRawPointer.allocate(byteCount: count * Self.perTokenBytes, alignment: MemoryLayout<Int>.alignment)
        unitBuffer = UnsafeMutableBufferPointer(start: raw.bindMemory(to: Int.self, capacity: count), count: count)
        flagMemo = UnsafeMutableBufferPointer(start: (raw + count * MemoryLayout<Int>.stride).bindMemory(to: UInt16.self, capacity: count), count: count)
        shapeMemo = UnsafeMutableBufferPointer(start: (raw + count * (MemoryLayout<Int>.stride + 2)).bindMemory(to: UInt8.self, capacity: count), count: count)
        flagMemo.initialize(repeating: 0)
        shapeMemo.initialize(repeating: 0)
        // About one candidate per six tokens in dense news text: room up front instead of
        // growing (and copying) the buffer a dozen times per document. Capped, so that a huge
        // document with few names (a log, a table) does not reserve memory for nothing.
        let capacity = min(tokens.count / 6, 4096) + 4
        if let scratch {
            (candidateBase, candidateCapacity) = scratch.takeCandidates(capacity: capacity)
            flagCache = scratch.flagCache(for: cueIndex)
            strings = scratch.takeStrings()
        } else {
            candidateCapacity = capacity
            candidateBase = .allocate(capacity: capacity)
            // No cache of their own: made and filled per document, its 1,024 entries were some
            // 10,000 instructions a call of the per-call paths (`Recognizer.recognize`), more
            // than its hits save on one document.
            flagCache = CueFlagCache.empty
        }
    }

    /// The owner of the per-token buffers and where the candidate buffer goes back to, if any
    /// (otherwise the rules own both).
    private let scratch: NameRulesScratch?

    deinit {
        if let scratch {
            scratch.trim()
            scratch.keep(candidates: candidateBase, capacity: candidateCapacity)
        } else {
            // The one allocation of the three per-token buffers starts with `unitBuffer`.
            UnsafeMutableRawPointer(unitBuffer.baseAddress.unsafelyUnwrapped).deallocate()
            candidateBase.deallocate()
        }
    }

    /// Bytes per token of the per-token buffers: a unit (`Int`), flags (`UInt16`), a shape byte.
    private static var perTokenBytes: Int { MemoryLayout<Int>.stride + MemoryLayout<UInt16>.stride + MemoryLayout<UInt8>.stride }

    /// The cue lists holding token `index`'s word key: one `CueIndex` probe per token, at most
    /// (`flagCache` answers most).
    @inline(__always)
    private func flags(_ index: Int) -> CueFlags {
        let memo = flagMemo[index]
        if memo & CueFlags.known.rawValue != 0 { return CueFlags(rawValue: memo) }
        // A full answer holds the small lists' flags too.
        let flags = cachedFlags(keys[index]).union(.smallKnown)
        flagMemo[index] = flags.rawValue
        return flags
    }

    /// `cueIndex.flags(key)`, from `flagCache` when the key's entry holds it.
    ///
    /// Most keys asked are a capitalized word's (a name, or a sentence's first word) or a
    /// stem's, and the same words come again, in one document (`Musk`) and across documents
    /// (`However`, `The`): a hit is a load and a compare instead of the index's prefilter hash
    /// and probe (some 5 M instructions fewer on synth10). In time it is about even: perf on
    /// 100 MB put as many samples on the misses as on the whole lookup before, since the
    /// index's lines of the words that come again were mostly in the CPU cache already.
    @inline(__always)
    private func cachedFlags(_ key: UInt64) -> CueFlags {
        let entry = flagCache[CueFlagCache.slot(key)]
        if entry.key == key { return CueFlags(rawValue: entry.flags) }
        return lookUpFlags(key)
    }

    /// `cachedFlags` past a miss: the index asked, and its answer kept in the key's entry
    /// (with a scratch: the shared empty cache is never written).
    /// Not inlined: `flags` is inlined at every question about a big list.
    @inline(never)
    private func lookUpFlags(_ key: UInt64) -> CueFlags {
        let flags = cueIndex.flags(key)
        if scratch != nil {
            flagCache[CueFlagCache.slot(key)] = CueFlagCache.Entry(key: key, flags: flags.rawValue, commonLength: 0, common: false)
        }
        return flags
    }

    /// Whether token `index`'s word is in the cue list `list` (`cues.<list>.contains(key(index))`).
    ///
    /// A question about small lists only is answered from the small table (always cached)
    /// unless the token's full answer is known: most such questions are about the word after
    /// a name, which is an ordinary word whose line of the big table is rarely cached.
    @inline(__always)
    private func has(_ index: Int, _ list: CueFlags) -> Bool {
        guard list.isSubset(of: .small) else { return flags(index).contains(list) }
        var memo = flagMemo[index]
        if memo & (CueFlags.known.rawValue | CueFlags.smallKnown.rawValue) == 0 {
            memo = cueIndex.smallFlags(keys[index]).rawValue
            flagMemo[index] = memo
        }
        return memo & list.rawValue == list.rawValue
    }

    /// The unit at `position` of `unitBuffer`.
    @inline(__always)
    private func unit(_ position: Int) -> Int { unitBuffer[position] }

    /// Small words that stay lowercase in a title-case headline.
    static let headlineMinorWordList = [
        "a", "an", "the", "and", "or", "nor", "but", "for", "of", "to", "in", "on", "at", "by", "with",
        "from", "vs", "vs.", "as", "is", "are", "be", "into", "over", "about", "after", "up", "via", "per", "its",
    ]
    private static let headlineMinorWordSet = WordSet(headlineMinorWordList)
    /// `headlineMinorWordSet`, read once per document: read from the static in `isHeadline`,
    /// it cost a lazy-initialization call per lowercase word asked (76,000 on synth10).
    private let headlineMinorWords = NameRules.headlineMinorWordSet

    /// The most bytes of a word of `headlineMinorWordSet` (`about`, `after`): a longer word is
    /// none of them, which `isHeadline` tells without a lookup (a test checks the value).
    @inline(__always) static var headlineMinorWordBytes: Int { 5 }

    /// Suffixes that stay part of a known company's name (`Tesla Inc.`).
    private static let legalSuffixes = WordSet(["inc", "corp", "ltd", "llc", "plc", "co", "corporation", "group"])

    // MARK: Token shape

    func word(_ index: Int) -> String { NameCues.normalize(text.text(of: tokens[index])) }

    /// The `WordSet` key of a token (its lowercased bytes), computed once per document.
    @inline(__always)
    func key(_ index: Int) -> UInt64 { keys[index] }

    /// Whether a token is an ordinary English word (`NameCues.isCommonWord`).
    ///
    /// Inlined, so a kept answer costs a load and a test at the caller; the first answer is
    /// a call (`computeIsCommon`).
    @inline(__always)
    func isCommon(_ index: Int) -> Bool {
        memoized(index, known: ShapeMemo.commonKnown, answer: ShapeMemo.common, computeIsCommon)
    }

    /// The answer is kept in the key's `flagCache` entry with the token's byte count, and read
    /// from there for a token of the same key and byte count (most tokens asked are words seen
    /// before, in this document or an earlier one). This takes tokens of one key to be one
    /// folded word, i.e. no two words' 64-bit keys collide, as every cue and lexicon lookup by
    /// key already does (`isInflectedCommonWord` reads the token's last bytes, which colliding
    /// words of one length would not share). Under that assumption the answer depends on
    /// nothing else: the key is the folded word (ASCII letters lowercased, `’` as `'`), so two
    /// such tokens differ at most in the case of ASCII letters and in which apostrophes are
    /// `’`; with equal byte counts, their `’` are as many, so `isInflectedCommonWord`'s length
    /// tests agree, and the bytes it reads (each folded by `| 0x20`, or an apostrophe's, which
    /// is no letter it asks) give the same stems. (Asked again, the word's flags, stems and
    /// last bytes were some 35 instructions a token.)
    @inline(never)
    private func computeIsCommon(_ index: Int) -> Bool {
        let token = tokens[index]
        let key = keys[index]
        let entry = flagCache[CueFlagCache.slot(key)]
        // (An entry without an answer has a byte count of 0, which no token has.)
        if entry.key == key && Int(entry.commonLength) == token.end &- token.start { return entry.common }
        return computeIsCommonPastCache(index)
    }

    /// `computeIsCommon` past a miss of `flagCache`: a call of its own, so that a hit (nine
    /// answers in ten on synth10) needs few registers and saves and restores none (every call
    /// saved four, some ten instructions).
    @inline(never)
    private func computeIsCommonPastCache(_ index: Int) -> Bool {
        let token = tokens[index]
        let key = keys[index]
        let length = token.end &- token.start
        let slot = CueFlagCache.slot(key)
        let flags = flags(index)
        let answer = !flags.isDisjoint(with: [.commonWord, .notName]) || isInflectedCommonWord(token.start, token.end, key: key)
        if scratch != nil && length <= Int(UInt8.max) {
            // The index's answer for the key is the token's flags without `.smallKnown`.
            flagCache[slot] = CueFlagCache.Entry(key: key, flags: flags.subtracting(.smallKnown).rawValue, commonLength: UInt8(length), common: answer)
        }
        return answer
    }

    /// The inverse of `WordSet.prime` modulo 2⁶⁴ (the prime is odd): one step of the key's
    /// FNV-1a hash, `next = (hash ^ byte) × prime`, is undone by `hash = (next × inverse) ^ byte`
    /// (a test checks the value).
    @inline(__always) static var primeInverse: UInt64 { 0xCE96_5057_AFF6_957B }

    /// `isInflectedCommonWord(start, end)` for the token whose key is `key`: the key of a stem
    /// (the word without `s`, `d`, `es`, `ed` or `ing`) is the state of the same hash before the
    /// suffix's bytes, so it is the key with those steps undone, instead of a hash of the
    /// stem's bytes again. Exact: the suffix is ASCII letters, each one step of the hash
    /// (folded to lowercase, which is what `byte | 0x20` equal to the letter gives), and the
    /// stem's `’` folds the same in both (a fold never reaches into ASCII suffix bytes).
    ///
    /// (Wrapping arithmetic: `start..<end` is a token's bytes, and its last three are read only
    /// when it has more than three.)
    @inline(__always)
    func isInflectedCommonWord(_ start: Int, _ end: Int, key: UInt64) -> Bool {
        let length = end &- start
        guard length > 3 else { return false }
        @inline(__always) func undo(_ hash: UInt64, _ folded: UInt8) -> UInt64 {
            (hash &* Self.primeInverse) ^ UInt64(folded)
        }
        @inline(__always) func common(_ stemKey: UInt64) -> Bool { cachedFlags(stemKey).contains(.commonWord) }
        let last = bytes[end &- 1] | 0x20
        if last == UInt8(ascii: "s") || last == UInt8(ascii: "d") {
            let stem = undo(key, last)
            if common(stem) { return true }
            if length > 4, bytes[end &- 2] | 0x20 == UInt8(ascii: "e"), common(undo(stem, UInt8(ascii: "e"))) { return true }
        } else if last == UInt8(ascii: "g"), length > 5, bytes[end &- 2] | 0x20 == UInt8(ascii: "n"), bytes[end &- 3] | 0x20 == UInt8(ascii: "i") {
            if common(undo(undo(undo(key, last), UInt8(ascii: "n")), UInt8(ascii: "i"))) { return true }
        }
        return false
    }

    /// `NameCues.isInflectedCommonWord` asked through `cueIndex`, whose prefilter answers most
    /// stems (`Molto` of `Molton`? no list holds it) without a probe of the common-word table:
    /// `cueIndex.flags(key).contains(.commonWord)` is `commonWords.contains(key)` exactly.
    func isInflectedCommonWord(_ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length > 3 else { return false }
        @inline(__always) func common(_ stemEnd: Int) -> Bool {
            cueIndex.flags(WordSet.hash(bytes, start, stemEnd)).contains(.commonWord)
        }
        let last = bytes[end - 1] | 0x20
        if last == UInt8(ascii: "s") || last == UInt8(ascii: "d") {
            if common(end - 1) { return true }
            if length > 4, bytes[end - 2] | 0x20 == UInt8(ascii: "e"), common(end - 2) { return true }
        } else if last == UInt8(ascii: "g"), length > 5, bytes[end - 2] | 0x20 == UInt8(ascii: "n"), bytes[end - 3] | 0x20 == UInt8(ascii: "i") {
            if common(end - 3) { return true }
        }
        return false
    }

    /// One bit pair of `shapeMemo`: the answer of `compute`, computed once per token.
    @inline(__always)
    private func memoized(_ index: Int, known: UInt8, answer: UInt8, _ compute: (Int) -> Bool) -> Bool {
        let memo = shapeMemo[index]
        if memo & known != 0 { return memo & answer != 0 }
        let result = compute(index)
        shapeMemo[index] |= known | (result ? answer : 0)
        return result
    }

    /// `WordSet.hash` of a few words, as constants: a `static let` computed at run time costs a
    /// lazy-initialization check on every read in the rules (tests check the values).
    enum Keys {
        static let the: UInt64 = 0x56F5_C919_4461_D57C
        static let ampersand: UInt64 = 0xAF63_9B4C_8601_7E19
        static let of: UInt64 = 0x08B0_6007_B556_7108
        static let via: UInt64 = 0x68E8_F719_4EBA_5D73
        static let who: UInt64 = 0x5EC5_FC19_4891_690F
    }

    /// A capitalized word, an all-caps word or a mixed-case brand (`xAI`, `iPhone`).
    @inline(__always)
    func isNameToken(_ index: Int) -> Bool {
        memoized(index, known: ShapeMemo.nameKnown, answer: ShapeMemo.name, computeIsNameToken)
    }

    @inline(__always)
    private func computeIsNameToken(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.kind == .word else { return false }
        if token.isCapitalized || token.isAllCaps {
            // `computeIsContraction`'s first test, here: it rules out most names, whose
            // contraction answer is then kept without the call.
            guard Self.mayEndInContraction(bytes, token.start, token.end) else {
                shapeMemo[index] |= ShapeMemo.contractionKnown
                return true
            }
            return !isContraction(index)
        }
        // `xAI`, `eBay`: a lowercase letter, then an uppercase ASCII letter. (`byte &- 0x61 < 26`:
        // one test of the range; wrapping arithmetic, as a token's bytes are in the buffer. Most
        // words after a name, a verb, are asked this: the checked forms were 2 M instructions.)
        return token.end &- token.start > 1 && bytes[token.start] &- 0x61 < 26 && bytes[token.start &+ 1] &- 0x41 < 26
    }

    /// `We're`, `I’ll`, `Don't`: an apostrophe followed only by lowercase letters.
    func isContraction(_ index: Int) -> Bool {
        memoized(index, known: ShapeMemo.contractionKnown, answer: ShapeMemo.contraction, computeIsContraction)
    }

    private func computeIsContraction(_ index: Int) -> Bool {
        let token = tokens[index]
        // The answer is the first apostrophe's, and it is yes only when one or two letters
        // follow it: so only a `'` two or three bytes before the end or a `’` four or five
        // before it can make a yes. Without one there, no: most tokens are answered from
        // their last bytes instead of a scan of all of them.
        guard Self.mayEndInContraction(bytes, token.start, token.end) else { return false }
        // Most tokens have no apostrophe: eight bytes at a time find that, or where to start.
        var position = Self.firstApostropheLead(bytes, token.start, token.end)
        while position < token.end {
            let byte = bytes[position]
            // Only `'` and the lead byte of `’` (E2 80 99) can start the apostrophe.
            if byte == UInt8(ascii: "'") || byte == 0xE2 && position + 2 < token.end && bytes[position + 1] == 0x80 && bytes[position + 2] == 0x99 {
                let after = byte == UInt8(ascii: "'") ? position + 1 : position + 3
                guard after < token.end else { return false }
                return (0x61...0x7A).contains(bytes[after]) && token.end - after <= 2
                    || bytes[after] == UInt8(ascii: "t") && token.end - after == 1
            }
            position += 1
        }
        return false
    }

    /// Whether `start..<end` holds `'` at `end - 3` or `end - 2`, or the lead byte 0xE2 of `’`
    /// at `end - 5` or `end - 4`: the only places of an apostrophe that one or two letters
    /// follow to the end (a yes of `computeIsContraction` needs one there).
    @inline(__always)
    static func mayEndInContraction(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let length = end &- start
        guard length >= 5 else {
            // A short token: only the places inside it.
            @inline(__always) func at(_ position: Int, _ byte: UInt8) -> Bool { position >= start && bytes[position] == byte }
            // (Wrapping: `end` is a position in the buffer, so at least 0.)
            return at(end &- 2, UInt8(ascii: "'")) || at(end &- 3, UInt8(ascii: "'")) || at(end &- 4, 0xE2)
        }
        // The four bytes `end - 5 ..< end - 1` in one load (little-endian: `end - 5` lowest),
        // compared at once with E2 E2 27 27: a byte of `x` is zero where its byte matches, and
        // `(x - 0x01…) & ~x & 0x80…` is nonzero exactly when some byte of `x` is zero. (Four
        // loads and compares of every capitalized token were 5.9 M instructions of synth10.)
        // Loaded through the base address unwrapped unchecked: the buffer holds the token's five
        // bytes or more, so it is not empty (`UnsafeRawBufferPointer`'s load tested it for nil).
        let base = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
        let word = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: end &- 5, as: UInt32.self))
        let x = word ^ 0x2727_E2E2
        return (x &- 0x0101_0101) & ~x & 0x8080_8080 != 0
    }

    /// `mayEndInContraction` for five bytes or more, one byte at a time (tests compare them).
    static func plainMayEndInContraction(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        bytes[end - 2] == UInt8(ascii: "'") || bytes[end - 3] == UInt8(ascii: "'") || bytes[end - 4] == 0xE2 || bytes[end - 5] == 0xE2
    }

    /// The first position in `start..<end` holding `'` or 0xE2 (the lead byte of `’`), or `end`:
    /// the bytes before it cannot start an apostrophe. Eight bytes per step (the bytes past
    /// `end` in the last step are masked off; near the buffer's end, one byte per step).
    ///
    /// - Complexity: O(n) in the bytes, n/8 steps.
    @inline(__always)
    static func firstApostropheLead(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var position = start
        while position < end {
            guard position + 8 <= bytes.count else {
                // Too near the end of the buffer for an eight-byte load.
                while position < end && bytes[position] != UInt8(ascii: "'") && bytes[position] != 0xE2 { position += 1 }
                return position
            }
            // (The base address unwrapped unchecked: eight bytes from `position` are in the buffer.)
            let raw = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            // A byte of `x` is zero exactly where the high bit of `nonzero(x)` is clear.
            @inline(__always) func nonzero(_ x: UInt64) -> UInt64 { ((x & lows) &+ lows) | x }
            let quote = word ^ (ones &* UInt64(UInt8(ascii: "'")))
            let lead = word ^ (ones &* 0xE2)
            var found = ~(nonzero(quote) & nonzero(lead)) & ~lows
            let valid = end - position
            if valid < 8 { found &= (1 &<< UInt64(8 * valid)) &- 1 }
            if found != 0 { return position + found.trailingZeroBitCount / 8 }
            position += 8
        }
        return end
    }

    /// Mixed case inside the word (`OpenAI`, `LinkedIn`, `xAI`): a brand, not a person.
    /// Inlined as `isCommon` is: a kept answer without a call.
    @inline(__always)
    func isMixedCase(_ index: Int) -> Bool {
        memoized(index, known: ShapeMemo.mixedKnown, answer: ShapeMemo.mixed, computeIsMixedCase)
    }

    @inline(never)
    private func computeIsMixedCase(_ index: Int) -> Bool {
        let token = tokens[index]
        guard !token.isAllCaps else { return false }
        return Self.hasUppercaseAfterLowercase(bytes, token.start, token.end)
    }

    /// Whether an ASCII uppercase letter follows an ASCII lowercase letter in `start..<end`.
    ///
    /// Eight bytes per step, without a branch per byte (a byte loop's branches were mispredicted
    /// on most capitalized tokens): the high bit of each byte of `lower` and `upper` tells its
    /// kind (the bytes masked to seven bits first, so no sum carries into the next byte, and
    /// bytes of 0x80 and above excluded). Near the buffer's end, one byte per step.
    ///
    /// - Complexity: O(n) in the bytes, n/8 steps.
    @inline(__always)
    static func hasUppercaseAfterLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let lows = CaseBits.lows, highs = CaseBits.highs
        // Most words asked (`Vailvara`) are of eight bytes or fewer with no uppercase letter
        // past the first byte, so no: told from the uppercase bits of one load, without the
        // lowercase ones or the step below (some twenty instructions less a name of synth10).
        if end &- start <= 8 && start &+ 8 <= bytes.count {
            let word = CaseBits.load(bytes, start)
            let seven = word & lows
            let upper = (seven &+ CaseBits.spread(0x80 - 0x41)) & ~(seven &+ CaseBits.spread(0x80 - 0x5B)) & ~word & highs
            let valid = end &- start
            let inToken: UInt64 = valid < 8 ? (1 &<< UInt64(truncatingIfNeeded: valid &* 8)) &- 1 : ~0
            if upper & inToken & ~0xFF == 0 { return false }
        }
        return hasUppercaseAfterLowercase(passingShortTest: bytes, start, end)
    }

    /// `hasUppercaseAfterLowercase` past its short-word test: a call of its own, so that the
    /// short test, which answers four in five words asked, needs few registers and
    /// `computeIsMixedCase` saves none for it (the step below used ten, and every call saved
    /// and restored five of them).
    @inline(never)
    private static func hasUppercaseAfterLowercase(passingShortTest bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let lows = CaseBits.lows, highs = CaseBits.highs
        var sawLower = false
        var position = start
        while position < end {
            guard position &+ 8 <= bytes.count else {
                while position < end {
                    let byte = bytes[position]
                    // `byte &- 0x61 < 26`: a lowercase ASCII letter (wrapping makes one test of the range).
                    if byte &- 0x61 < 26 { sawLower = true } else if byte &- 0x41 < 26, sawLower { return true }
                    position += 1
                }
                return false
            }
            let word = CaseBits.load(bytes, position)
            let seven = word & lows
            // High bit set where the byte is at least the constant subtracted from 0x80.
            let ascii = ~word & highs
            let lower = (seven &+ CaseBits.spread(0x80 - 0x61)) & ~(seven &+ CaseBits.spread(0x80 - 0x7B)) & ascii
            var upper = (seven &+ CaseBits.spread(0x80 - 0x41)) & ~(seven &+ CaseBits.spread(0x80 - 0x5B)) & ascii
            // Wrapping arithmetic: the position is inside the buffer and before `end` (so
            // `valid` is positive), and the checks of the plain forms were a dozen of a step's
            // some forty-five instructions.
            let valid = end &- position
            let inToken: UInt64 = valid < 8 ? (1 &<< UInt64(truncatingIfNeeded: valid &* 8)) &- 1 : ~0
            let lowerInToken = lower & inToken
            upper &= inToken
            if sawLower {
                if upper != 0 { return true }
            } else if lowerInToken != 0 {
                // An uppercase byte after the first lowercase one: above its bit.
                let first = lowerInToken & (0 &- lowerInToken)
                if upper & ~((first &<< 1) &- 1) != 0 { return true }
            }
            sawLower = sawLower || lowerInToken != 0
            position &+= 8
        }
        return false
    }

    /// What both parts of `hasUppercaseAfterLowercase` use.
    private enum CaseBits {
        static var lows: UInt64 { 0x7F7F_7F7F_7F7F_7F7F }
        static var highs: UInt64 { 0x8080_8080_8080_8080 }

        /// `byte` in every byte of a word.
        @inline(__always)
        static func spread(_ byte: UInt64) -> UInt64 { byte &* 0x0101_0101_0101_0101 }

        /// The eight bytes from `offset`, which the caller tested are in the buffer (so it is
        /// not empty): loaded through the base address unwrapped unchecked, as
        /// `UnsafeRawBufferPointer`'s load tested the address for nil again.
        @inline(__always)
        static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt64 {
            UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
    }

    /// A single capital letter followed by a period (`J.`): an initial.
    ///
    /// (Token lengths and positions a token apart are taken with wrapping arithmetic here and
    /// in the rules' hot paths: a token never ends before it starts, and positions stay within
    /// the document's tokens. Their overflow checks were some 6 M instructions of synth10.)
    func isInitial(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.end &- token.start == 1, token.kind == .word, token.isCapitalized, index + 1 < tokens.count else { return false }
        let next = tokens[index + 1]
        return !next.spaceBefore && next.end &- next.start == 1 && bytes[next.start] == UInt8(ascii: ".")
    }

    /// Tokens one name word takes: two for an initial with its period.
    func unitLength(_ index: Int, limit: Int) -> Int {
        // The length asked here first: most name words are longer than an initial's letter,
        // and then `isInitial` is not called.
        let token = tokens[index]
        return token.end &- token.start == 1 && isInitial(index) && index + 1 < limit ? 2 : 1
    }

    /// `trie.longestMatch` from token `start`, with the trie's root filter tested inline.
    @inline(__always)
    private func lexiconMatch(from start: Int, limit: Int) -> (length: Int, value: Recognizer.LexiconHit)? {
        guard start < limit, filters.mayStartKey(keys[start], firstByte: bytes[tokens[start].start]) else { return nil }
        return lexiconMatch(passingFilterFrom: start, limit: limit)
    }

    /// `lexiconMatch(from:limit:)` for a token `start` below `limit` that passed the trie's first
    /// root filter (`firstPossibleStart` asked it): the filter by the first byte's case, then
    /// the call. (Asked again, the first filter was some 0.6 M instructions of synth10.)
    @inline(__always)
    private func lexiconMatch(passingRootFilterFrom start: Int, limit: Int) -> (length: Int, value: Recognizer.LexiconHit)? {
        guard filters.mayStartKeyByCase(keys[start], firstByte: bytes[tokens[start].start]) else { return nil }
        return lexiconMatch(passingFilterFrom: start, limit: limit)
    }

    /// `lexiconMatch` past the root filters. Not inlined on purpose: calling the trie's method
    /// needs the trie (an 80-byte struct) in memory, and inlined into `scan`, each of its five
    /// call sites' copies of it was hoisted to the start of `scan` — five copies per sentence,
    /// though the filter rarely passes.
    ///
    /// The trie's pair filter is asked here first: most tokens that pass the root filters are a
    /// first word of a key (`The`) not followed by the second (`The company`), which the trie's
    /// call found after some seventy instructions (105,000 calls on synth10, 2,400 matches).
    @inline(never)
    private func lexiconMatch(passingFilterFrom start: Int, limit: Int) -> (length: Int, value: Recognizer.LexiconHit)? {
        // (Wrapping: `start` is below `limit`, a token position.)
        guard filters.mayMatch(keys[start], followedBy: start &+ 1 < limit ? keys[start &+ 1] : nil) else { return nil }
        return trie.pointee.longestMatch(in: text, passingFilterFrom: start, limit: limit)
    }

    /// Whether the token is the one-byte punctuation mark `character`.
    @inline(__always)
    func isPunctuation(_ index: Int, _ character: Unicode.Scalar) -> Bool {
        let token = tokens[index]
        return token.kind == .punctuation && token.end &- token.start == 1 && bytes[token.start] == UInt8(ascii: character)
    }

    // MARK: Scanning

    /// Adds the candidates of sentence `sentenceIndex`, whose tokens are `sentenceTokens`.
    func scan(sentence sentenceIndex: Int, tokens sentenceTokens: Range<Int>) {
        currentSentenceStart = sentenceTokens.lowerBound
        let limit = sentenceTokens.upperBound
        currentSentenceEnd = limit
        headline = nil
        var index = sentenceTokens.lowerBound
        while index < limit {
            let stop = firstPossibleStart(from: index, limit: limit)
            index = stop.index
            guard index < limit else { break }
            if stop.mayStartKey, let match = lexiconMatch(passingRootFilterFrom: index, limit: limit) {
                let end = index + match.length
                // A place right before another name word starts a longer name (`Texas Governor …`).
                // A one-word known name that is also a given name, before an unknown name word, is a
                // first name (`Claude Monet` is not the product Claude).
                let firstName = match.length == 1 && has(index, .givenName) && end < limit && isNameToken(end)
                    && lexiconMatch(from: end, limit: limit) == nil && !isCommon(end)
                if !(match.value.type == .location && end < limit && isNameToken(end)) && !firstName {
                    addLexiconMatch(index..<end, hit: match.value, sentence: sentenceIndex, limit: limit)
                    index = candidateBase[candidateCount &- 1].tokens.upperBound
                    continue
                }
            }
            guard isNameToken(index) else {
                index += 1
                continue
            }
            var end = index &+ unitLength(index, limit: limit)
            while end < limit {
                if isNameToken(end) {
                    if let match = lexiconMatch(from: end, limit: limit), match.value.type != .location {
                        // `Melania Trump`, `Kimbal Musk`: a first name before a known surname is another person.
                        let firstName = has(end - 1, .givenName) || !isCommon(end - 1) && !isMixedCase(end - 1) && !tokens[end - 1].isAllCaps
                        if match.value.type == .person, match.length == 1, end - index == 1, firstName, !isClauseInitialCommon(index),
                           lexiconMatch(from: index, limit: limit) == nil {
                            end += 1
                        }
                        break
                    }
                    end += unitLength(end, limit: limit)
                } else if let next = nameAfterConnectors(end, limit: limit) {
                    if let match = lexiconMatch(from: next, limit: limit), match.value.type != .location { break }
                    end = next
                } else {
                    break
                }
            }
            // Unchecked bounds: `end` started past `index` and only grew.
            addSpan(Range(uncheckedBounds: (index, end)), sentence: sentenceIndex)
            index = end
        }
    }

    /// The first token from `start` on (or `limit`) that may start a lexicon key or is a name
    /// token: the tokens before it are the ones `scan` passes one by one (no key starts there,
    /// no name word), skipped here in one tight loop over raw buffers. Conservative: it stops at
    /// a token that passes the trie's first root filter, at a capitalized or all-caps word
    /// (whose answer asks the contraction test) and at a mixed-case word (`xAI`), and `scan`
    /// then decides as before.
    ///
    /// It neither reads nor writes `shapeMemo`: the shape test here is a superset of
    /// `isNameToken` (a word known not to be a name, `We're`, stops the loop and `scan` passes
    /// it on its kept answer), and a kept answer saved less than its load, test and store cost
    /// on each of the some 1.7 M tokens of synth10 the loop passes (the words it passes are
    /// rarely asked again: `isHeadline` stops at the first of them). Not inlined: inlined into
    /// `scan` without the memo, the loop was some 10 M instructions of synth10 fewer but the
    /// rest of `scan` as many more (its values no longer fitted the registers, and spilled);
    /// as a call, the loop keeps its own registers (with the calls, 2 M fewer than the inlined
    /// loop with the memo when first measured, 8 M fewer against it with `scan` as it is now).
    ///
    /// - Returns: The token, and whether it passed the root filter: a token that stopped the
    ///   loop as a name token without passing it starts no key, which `scan` then does not ask
    ///   the trie again (a second filter test for most names).
    /// - Complexity: O(k) in the tokens skipped.
    @inline(never)
    func firstPossibleStart(from start: Int, limit: Int) -> PossibleStart {
        var index = start
        let keys = keys, tokens = tokens, bytes = bytes
        while index < limit {
            if filters.mayStartKey(keys[index]) { return PossibleStart(index: index, mayStartKey: true) }
            let token = tokens[index]
            if token.kind == .word {
                if token.isCapitalized || token.isAllCaps { break }
                // `computeIsNameToken` for a word that is neither: `xAI`, `eBay` (the second
                // byte asked first: it is rarely uppercase). Wrapping arithmetic: a token's
                // bytes are in the buffer, and the overflow checks were two of this loop's
                // some forty instructions a token.
                if token.end &- token.start > 1 && bytes[token.start &+ 1] &- 0x41 < 26 && bytes[token.start] &- 0x61 < 26 { break }
            }
            index &+= 1
        }
        return PossibleStart(index: index, mayStartKey: false)
    }

    /// Where `firstPossibleStart` stopped.
    struct PossibleStart {
        var index: Int
        /// False when no lexicon key starts at `index` (it failed the trie's root filter).
        var mayStartKey: Bool
    }

    /// The name word after one or two connectors (`van`, `de la`, `of`, `&`) at `index`, if any
    /// (`index < limit`).
    ///
    /// A mark of punctuation other than `&`, where most spans end, is no connector, nor is
    /// the verb after most of the others: the loop's first test answered inline, without the
    /// call of the loop below (a call per span, some twenty instructions each, for a nil).
    @inline(__always)
    private func nameAfterConnectors(_ index: Int, limit: Int) -> Int? {
        guard isConnector(index) else { return nil }
        return nameAfterConnectors(passingPunctuation: index, limit: limit)
    }

    /// A connector word (`van`, `de`, `of`) or `&`. The token's own fields first: the word
    /// after a name is mostly a verb or a mark of punctuation, which they rule out without a
    /// probe of the cue lists.
    @inline(__always)
    private func isConnector(_ index: Int) -> Bool {
        (tokens[index].kind == .word && !tokens[index].isCapitalized || key(index) == Keys.ampersand) && has(index, .connector)
    }

    private func nameAfterConnectors(passingPunctuation index: Int, limit: Int) -> Int? {
        var position = index
        while position < min(limit, index + 2), isConnector(position) { position += 1 }
        return position > index && position < limit && isNameToken(position) ? position : nil
    }

    private func addLexiconMatch(_ range: Range<Int>, hit: Recognizer.LexiconHit, sentence: Int, limit: Int) {
        var range = range
        var canonical = hit.canonical
        let next = range.upperBound
        if hit.type == .product, next < limit, tokens[next].kind == .number, tokens[next].spaceBefore {
            // `Grok 3`, `Llama 2`: a version number names a distinct product.
            canonical += " " + text.text(of: tokens[next])
            range = range.lowerBound..<(next + 1)
        } else if hit.type == .organization, next < limit, tokens[next].isCapitalized, has(next, .orgSuffix),
                  Self.legalSuffixes.contains(key(next)) {
            range = range.lowerBound..<(next + (next + 1 < limit && isPunctuation(next + 1, ".") && !tokens[next + 1].spaceBefore ? 2 : 1))
        }
        if hit.type == .location || hit.type == .organization && tokens[range.upperBound - 1].isAllCaps {
            // `CBC News`, `BBC World Service`, `Texas Instruments`: a known name heading a longer organization.
            var end = range.upperBound
            while end < min(limit, range.upperBound + 3), isNameToken(end), !has(end, .notName) { end += 1 }
            while end > range.upperBound, !has(end - 1, .orgSuffix) { end -= 1 }
            if end > range.upperBound {
                append(NameCandidate(tokens: range.lowerBound..<end, sentence: sentence, type: .organization, origin: .rule))
                return
            }
        }
        append(NameCandidate(tokens: range, sentence: sentence, type: hit.type, canonical: add(canonical), origin: .lexicon,
                                        afterThe: range.lowerBound > 0 && key(range.lowerBound - 1) == Keys.the))
    }

    /// A sentence-initial common word (`However`, `Later`), which cannot be a first name.
    private func isClauseInitialCommon(_ index: Int) -> Bool {
        isClauseInitial(index) && isCommon(index) && !has(index, .givenName)
    }

    /// Whether the sentence being scanned is a headline (`isHeadline`), asked only once a
    /// segment needs it: most segments end before (a sentence-initial `The`, `However`), and
    /// then the sentence's words are not read for it.
    private func sentenceIsHeadline() -> Bool {
        if let headline { return headline }
        // Unchecked bounds: they are a sentence's range's.
        let answer = isHeadline(Range(uncheckedBounds: (currentSentenceStart, currentSentenceEnd)))
        headline = answer
        return answer
    }

    /// A title-case line: at least two words, every word but small ones capitalized.
    ///
    /// (A `while` loop with wrapping steps: indices stay within the sentence's tokens, and a
    /// `for` over the range checked each one against the range, three branches a token.)
    private func isHeadline(_ range: Range<Int>) -> Bool {
        var words = 0
        var index = range.lowerBound
        while index < range.upperBound {
            defer { index &+= 1 }
            let token = tokens[index]
            guard token.kind == .word else { continue }
            if token.isCapitalized || token.isAllCaps || isNameToken(index) {
                words &+= 1
            } else if token.end &- token.start > Self.headlineMinorWordBytes || !headlineMinorWords.contains(key(index)) {
                // (No minor word has more bytes, nor could fold to one: only `’` folds, to `'`,
                // which no minor word holds.)
                return false
            }
        }
        return words >= 2
    }

    /// Whether the token starts a sentence, a quotation or a clause after a colon, where
    /// ordinary words are capitalized too.
    @inline(__always)
    private func isClauseInitial(_ index: Int) -> Bool {
        let sentenceStart = currentSentenceStart
        var position = index &- 1
        while position >= sentenceStart {
            let token = tokens[position]
            if token.kind == .word { return false }
            if token.kind == .punctuation, opensClause(token) { return true }
            position -= 1
        }
        return true
    }

    /// `:`, `;`, `“` or `"`.
    private func opensClause(_ token: Token) -> Bool {
        switch token.end &- token.start {
        case 1:
            let byte = bytes[token.start]
            return byte == UInt8(ascii: ":") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\"")
        case 3:
            // U+201C LEFT DOUBLE QUOTATION MARK
            return bytes[token.start] == 0xE2 && bytes[token.start + 1] == 0x80 && bytes[token.start + 2] == 0x9C
        default:
            return false
        }
    }

    // MARK: Span processing

    private func addSpan(_ range: Range<Int>, sentence: Int) {
        // Cut at generic words and titles; a title marks the words after it as a person.
        var segmentCount = 0
        var personCue = false
        var segmentCue = false
        func flush() {
            if segmentCount > 0 { addSegment(0..<segmentCount, sentence: sentence, titled: segmentCue) }
            segmentCount = 0
        }
        var index = range.lowerBound
        // (Wrapping arithmetic on positions in the span and in `unitBuffer`, which are
        // bounded by the token count.)
        while index < range.upperBound {
            let length = unitLength(index, limit: range.upperBound)
            let isLast = index &+ length >= range.upperBound
            if length == 2 {
                // An initial (`A.` in `Kevin A. Boone`) is a name part even when the letter is a word.
                if segmentCount == 0 { segmentCue = personCue }
                personCue = false
                unitBuffer[segmentCount] = index
                segmentCount &+= 1
            } else if flags(index).contains(.title), !isLast, tokens[index].kind == .word {
                // The full answer (`flags`), not the small lists' (`has`): a name word is asked
                // about a big list later (`isCommon`, `.givenName`), so one full look-up, mostly
                // a `flagCache` hit, takes the place of a probe of the small table and the full
                // one after it.
                flush()
                personCue = true
            } else if flags(index).contains(.notName) && !(index == range.lowerBound && endsWithOrganizationSuffix(range) && tokens[index].isCapitalized && tokens[index].end - tokens[index].start > 3)
                        && !(has(index, .givenName) && !isLast && tokens[index].isCapitalized)
                        || isContraction(index) {
                flush()
                personCue = false
            } else {
                if segmentCount == 0 { segmentCue = personCue }
                personCue = false
                unitBuffer[segmentCount] = index
                segmentCount &+= 1
            }
            index &+= length
        }
        flush()
    }

    private func endsWithOrganizationSuffix(_ range: Range<Int>) -> Bool {
        range.count >= 2 && has(range.upperBound - 1, .orgSuffix)
    }

    /// One run of name words between cuts: positions `units` of `unitBuffer`.
    ///
    /// (Positions step with wrapping arithmetic and `while` loops: they stay within `units`,
    /// below `unitBuffer`'s size; a `for` over a range checked each step against the range.)
    private func addSegment(_ units: Range<Int>, sentence: Int, titled: Bool) {
        var lower = units.lowerBound
        let upper = units.upperBound
        var afterThe = false
        if lower < upper, key(unit(lower)) == Keys.the {
            lower &+= 1
            afterThe = true
        }
        while lower < upper, tokens[unit(lower)].kind == .word, !tokens[unit(lower)].isCapitalized, !isNameToken(unit(lower)) { lower &+= 1 }
        guard lower < upper else { return }
        let first = unit(lower)
        if !afterThe, first > 0, key(first - 1) == Keys.the { afterThe = true }
        let sourced = isSourced(first)
        lastSourced = (first, sourced)
        if isClauseInitial(first) && !afterThe {
            if isCommon(first) && !(has(first, .givenName) && upper &- lower > 1) && !isMixedCase(first) && !tokens[first].isAllCaps {
                lower &+= 1
                if lower == upper {
                    addTentative(first, sentence: sentence)
                    return
                }
            }
        }
        if !sourced && sentenceIsHeadline() {
            // In a title-case line every word is capitalized: keep only words that look like
            // names (not common words), given names, and the word right after a given name.
            // Each run of kept words is a part; a part is added as soon as it ends (the choice
            // of words to keep does not depend on the candidates added).
            var runStart = lower
            var runEnd = lower
            var previousGiven = false
            var position = lower
            while position < upper {
                let unit = unit(position)
                let given = has(unit, .givenName)
                let keep = !isCommon(unit) || given || previousGiven || isMixedCase(unit) || isInitial(unit)
                    || (has(unit, .orgSuffix) && runEnd > runStart)
                if keep {
                    if runEnd == runStart { runStart = position }
                    runEnd = position &+ 1
                } else if runEnd > runStart {
                    addPart(runStart..<runEnd, sentence: sentence, titled: titled, afterThe: afterThe)
                    runStart = runEnd
                }
                previousGiven = given && keep
                position &+= 1
            }
            if runEnd > runStart { addPart(runStart..<runEnd, sentence: sentence, titled: titled, afterThe: afterThe) }
            return
        }
        // `X of Y` stays one name only behind an organization head (`Bank of …`, `University of …`);
        // otherwise `of` ends one part and the next starts after it. Only the first part keeps
        // the title and `the` cues.
        var partIndex = 0
        var partStart = lower
        let headIsPrefix = has(unit(lower), .orgPrefix)
        var position = lower
        while position < upper {
            defer { position &+= 1 }
            let unitKey = key(unit(position))
            guard unitKey == Keys.of || unitKey == Keys.ampersand else { continue }
            let headBeforeIsPrefix = position > lower ? has(unit(position &- 1), .orgPrefix) : cueIndex.flags(0).contains(.orgPrefix)
            if unitKey == Keys.ampersand || headBeforeIsPrefix || headIsPrefix { continue }
            if position > partStart {
                addPart(partStart..<position, sentence: sentence, titled: titled && partIndex == 0, afterThe: afterThe && partIndex == 0)
            }
            partIndex &+= 1
            partStart = position &+ 1
        }
        if upper > partStart {
            addPart(partStart..<upper, sentence: sentence, titled: titled && partIndex == 0, afterThe: afterThe && partIndex == 0)
        }
    }

    /// (Wrapping arithmetic and an unchecked range: `unit` is a token index, below the count.)
    @inline(__always)
    private func addTentative(_ unit: Int, sentence: Int) {
        append(NameCandidate(tokens: Range(uncheckedBounds: (unit, unit &+ 1)), sentence: sentence, type: .person, origin: .weak,
                                        tentative: true, afterThe: unit > 0 && key(unit &- 1) == Keys.the))
    }

    /// `Source: X`, `Credit: X`, `via X`: an attribution names a publisher.
    @inline(__always)
    private func isSourced(_ index: Int) -> Bool {
        guard index > 0 else { return false }
        if key(index - 1) == Keys.via { return true }
        return index > 1 && isPunctuation(index - 1, ":") && has(index - 2, .sourceCue)
    }

    /// The word token before `index`, skipping a period after an abbreviated title and a comma.
    @inline(__always)
    private func wordBefore(_ index: Int) -> Int? {
        var position = index &- 1
        if position >= 0, isPunctuation(position, ".") { position -= 1 }
        guard position >= 0, tokens[position].kind == .word else { return nil }
        return position
    }

    /// A cue after the name: `, who`, `, the co-founder`, `, a startup`, or a product noun.
    ///
    /// Without a comma after the name (most names) answered here, inline; the words after a
    /// comma by `cueAfter(comma:)`, a call.
    @inline(__always)
    private func cueAfter(_ end: Int) -> MentionType? {
        guard end < tokens.count else { return nil }
        if tokens[end].kind == .word, has(end, .productCue) { return .product }
        guard isPunctuation(end, ",") else { return nil }
        return cueAfter(comma: end)
    }

    /// `cueAfter` past the comma at `end`.
    @inline(never)
    private func cueAfter(comma end: Int) -> MentionType? {
        var position = end + 1
        while position < min(tokens.count, end + 7) {
            let token = tokens[position]
            guard token.kind == .word else { return nil }
            if position == end + 1, key(position) == Keys.who { return .person }
            if has(position, .title) { return .person }
            if has(position, .orgCue) { return .organization }
            if token.isCapitalized, position > end + 2 { return nil }
            position += 1
        }
        return nil
    }

    /// A part of a segment: positions `units` of `unitBuffer`.
    ///
    /// (Wrapping arithmetic and unchecked ranges: `upper` stays above `units.lowerBound` when
    /// stepped down, and `unitBuffer` holds a span's name words in increasing token order, so
    /// `first` is at most `lastUnit`, below `end`.)
    private func addPart(_ units: Range<Int>, sentence: Int, titled: Bool, afterThe: Bool) {
        var upper = units.upperBound
        while upper > units.lowerBound, has(unit(upper &- 1), .connector),
              !tokens[unit(upper &- 1)].isCapitalized || key(unit(upper &- 1)) == Keys.ampersand {
            upper &-= 1
        }
        guard upper > units.lowerBound else { return }
        let first = unit(units.lowerBound)
        let lastUnit = unit(upper &- 1)
        let end = lastUnit &+ unitLength(lastUnit, limit: tokens.count)
        let range = Range(uncheckedBounds: (first, end))
        // A whole part that is a lexicon name (a place cut out of `Texas Governor …`).
        if let match = lexiconMatch(from: first, limit: end), first + match.length == end {
            append(NameCandidate(tokens: range, sentence: sentence, type: match.value.type, canonical: add(match.value.canonical), origin: .lexicon))
            return
        }
        guard let (type, origin) = classify(Range(uncheckedBounds: (units.lowerBound, upper)), end: end, titled: titled) else {
            if upper &- units.lowerBound == 1 { addTentative(first, sentence: sentence) }
            return
        }
        append(NameCandidate(tokens: range, sentence: sentence, type: type, origin: origin, afterThe: afterThe))
    }

    /// The type of a run of name words, or `nil` when it is not a name.
    ///
    /// The loops over `units` are `while` loops with wrapping steps: positions of `unitBuffer`
    /// are below its size, and a `for` over the range checked each step's index against the
    /// range and for overflow (three branches a word, some 0.8 M of synth10).
    private func classify(_ units: Range<Int>, end: Int, titled: Bool) -> (MentionType, NameCandidate.Origin)? {
        let first = unit(units.lowerBound)
        let lastUnit = unit(units.upperBound &- 1)
        var nameWords = 0
        var containsOf = false
        var position = units.lowerBound
        while position < units.upperBound {
            if !has(unit(position), .connector) { nameWords &+= 1 }
            if key(unit(position)) == Keys.of { containsOf = true }
            position &+= 1
        }
        let before = wordBefore(first)
        let single = nameWords == 1
        if !single, has(lastUnit, .orgSuffix) { return (.organization, .rule) }
        if containsOf { return (.organization, .rule) }
        if lastSourced.token == first ? lastSourced.answer : isSourced(first) { return (.organization, .rule) }
        let after = cueAfter(end)
        if after == .product { return (.product, .rule) }
        if let before, has(before, .orgCue), !titled { return (.organization, .rule) }
        if titled || before != nil && has(before!, .title) || after == .person {
            if single && tokens[first].isAllCaps { return nil }
            return (.person, .rule)
        }
        if after == .organization { return (.organization, .rule) }
        if end < tokens.count, tokens[end].kind == .word, !tokens[end].isCapitalized, has(end, .organizationContext),
           !has(first, .givenName), !isCommon(lastUnit) {
            return (.organization, .rule)
        }
        if !single {
            if has(lastUnit, .locationSuffix) { return (.location, .rule) }
            if anyUnit(units, isInitial) { return (.person, .rule) }
            // (`lexiconMatch`, with its root filters inline, finds what `trie.matchLength` does:
            // that call copied the trie and the text to the stack first, 34,000 times on synth10.)
            if let match = lexiconMatch(from: lastUnit, limit: end), match.value.type == .person { return (.person, .rule) }
            // `Paris Agreement`, `Davis Cup`: a last word that is a common word and no surname.
            let lastIsCommon = isCommon(lastUnit)
            if lastIsCommon, !has(lastUnit, .surname), !has(lastUnit, .givenName) { return nil }
            if anyUnit(units, { tokens[$0].isAllCaps && tokens[$0].end &- tokens[$0].start > 1 }) { return (.organization, .rule) }
            if has(first, .givenName) { return (.person, .rule) }
            if anyUnit(units, isMixedCase) { return (.organization, .rule) }
            // Surnames are rarely dictionary words; `Paris Agreement`, `Davis Cup` end in one.
            if lastIsCommon { return nil }
            return (.person, .rule)
        }
        let token = tokens[first]
        if token.end &- token.start < 2 { return nil }
        if token.isAllCaps {
            return isCommon(first) ? nil : (.organization, .rule)
        }
        if isPluralAcronym(first) || isDemonym(first) { return nil }
        if let before, has(before, .locationPreposition), !has(first, .givenName) { return (.location, .rule) }
        if isMixedCase(first) { return (.organization, .rule) }
        if isCommon(first) { return nil }
        if has(first, .givenName) { return (.person, .weak) }
        // A lone unknown word is a person only if it is a known surname (`Soto`, not `Siberia`);
        // otherwise it is kept only if alias resolution links it to a longer name.
        return has(first, .surname) ? (.person, .weak) : nil
    }

    /// Whether `test` holds for the token of some position of `units` (of `unitBuffer`), asked
    /// in order up to the first yes.
    @inline(__always)
    private func anyUnit(_ units: Range<Int>, _ test: (Int) -> Bool) -> Bool {
        var position = units.lowerBound
        while position < units.upperBound {
            if test(unit(position)) { return true }
            position &+= 1
        }
        return false
    }

    /// `HFCs`, `MLAs`: the plural of an acronym names a kind of thing.
    ///
    /// Inlined, as is `isDemonym(_:)`'s suffix test: `classify` asks both of each lone word,
    /// and most are answered by their length or last byte (two calls of 78,000 on synth10).
    @inline(__always)
    private func isPluralAcronym(_ index: Int) -> Bool {
        let token = tokens[index]
        guard token.end &- token.start >= 3, bytes[token.end &- 1] == UInt8(ascii: "s") else { return false }
        for position in token.start..<(token.end - 1) where !(0x41...0x5A).contains(bytes[position]) { return false }
        return true
    }

    /// `Serbian`, `Floridians`, `Lebanese`: nationality and origin words.
    ///
    /// An ASCII token is checked on its bytes (its key is its lowercased hash); others go
    /// through `String`, whose lowercasing and character counts differ from the bytes'.
    @inline(__always)
    func isDemonym(_ index: Int) -> Bool {
        let token = tokens[index]
        // Ends in `ian`, `ians`, `ans`, `ese` or `ish` (ASCII case folded), with more than three
        // bytes before the suffix. The last three bytes decide: `ians` also ends in `ans`, and
        // with more than seven bytes it has more than six, which `ans` asks. (`byte | 0x20`
        // equal to a lowercase letter means the byte is that letter in either case.)
        //
        // Tested before the bytes are scanned for non-ASCII ones, since the `String` test of a
        // non-ASCII word passes only where these do: it asks for more than six characters (so
        // more than six bytes), and a lowercased word ends in `ian` … only if its last three
        // scalars were those ASCII letters in either case (no other scalar lowercases to one).
        // (Wrapping arithmetic: a token's bounds are positions in the buffer, its last three
        // bytes read only when it has more than six.)
        guard token.end &- token.start > 6 else { return false }
        let last = bytes[token.end &- 1] | 0x20, middle = bytes[token.end &- 2] | 0x20, first = bytes[token.end &- 3] | 0x20
        switch (first, middle, last) {
        case (UInt8(ascii: "i"), UInt8(ascii: "a"), UInt8(ascii: "n")), (UInt8(ascii: "a"), UInt8(ascii: "n"), UInt8(ascii: "s")),
             (UInt8(ascii: "e"), UInt8(ascii: "s"), UInt8(ascii: "e")), (UInt8(ascii: "i"), UInt8(ascii: "s"), UInt8(ascii: "h")):
            break
        default:
            return false
        }
        return isDemonym(passingSuffix: index)
    }

    /// `isDemonym(_:)` for a token that passed its suffix test.
    @inline(never)
    private func isDemonym(passingSuffix index: Int) -> Bool {
        let token = tokens[index]
        for position in token.start..<token.end where bytes[position] >= 0x80 { return isDemonym(word(index)) }
        // Asked last: the suffix test rejects most words without a probe of the lists.
        return !has(index, .givenName)
    }

    /// The `String` form of `isDemonym(_:)`, for a non-ASCII word (and tests).
    func isDemonym(_ word: String) -> Bool {
        !cueIndex.flags(WordSet.hash(word)).contains(.givenName) && ["ian", "ians", "ans", "ese", "ish"].contains { word.hasSuffix($0) && word.count > $0.count + 3 }
    }

}

/// The buffers of `NameRules` (the per-token memos and the candidates), kept by a worker from
/// one document to the next: allocated per document and freed after, these two blocks of a few
/// kilobytes cost about 2.7 M instructions of the allocator on synth10. The per-token block grows
/// to the longest document's (with room for a typical one from the start), and is freed after a
/// document of more than `keptTokenLimit` tokens, so a huge document does not leave it that large.
/// At every limit, a worker's scratch holds at most about 2 MiB: the per-token block (0.7 MiB),
/// the candidate buffer (320 KiB), the flag cache (16 KiB) and two documents' mention arrays
/// (about 0.5 MiB each with their strings' text, `keptMentionLimit`).
///
/// One worker's own, used by one document at a time (`NameRules.withRules`, whose rules give the
/// candidate buffer back when freed); what the rules find does not depend on it, since they fill
/// the memos before use and write every candidate they read.
final class NameRulesScratch {
    /// Room for `perTokenCount` tokens of `NameRules.perTokenBytes`, owned here.
    private var perToken: UnsafeMutableRawPointer?
    private var perTokenCount = 0
    private var candidates: UnsafeMutablePointer<NameCandidate>?
    private var candidateCapacity = 0

    /// Tokens past which the per-token block (11 bytes a token) is not kept: 0.7 MiB at most.
    static let keptTokenLimit = 1 << 16
    /// Tokens the per-token block has room for at least: a news article has about a thousand.
    static let initialTokenCount = 4096

    /// The full cue answers kept for the next documents (`CueFlagCache`), and the index they
    /// are answers of (kept, so its table is not freed and its address reused while the answers
    /// are): rules of another index start from an empty cache.
    private var flagCache: UnsafeMutablePointer<CueFlagCache.Entry>?
    private var flagCacheOwner: CueIndex?

    init() {}

    /// The flag cache for rules of `cueIndex`, emptied first if it held another index's answers.
    func flagCache(for cueIndex: CueIndex) -> UnsafeMutablePointer<CueFlagCache.Entry> {
        if let flagCache, let flagCacheOwner, flagCacheOwner.isSameIndex(as: cueIndex) { return flagCache }
        flagCache?.deallocate()
        let cache = CueFlagCache.makeEmpty()
        flagCache = cache
        flagCacheOwner = cueIndex
        return cache
    }

    /// Whether rules hold the per-token block: from `perToken` to `keep`, which the rules call
    /// when freed. Two rules at once on one scratch would share (or free) each other's memos.
    private var lent = false

    /// Room for `count` tokens of `bytesPerToken`, aligned for `Int`, owned by the scratch and
    /// lent to one rules object at a time (valid until it calls `keep`).
    func perToken(count: Int, bytesPerToken: Int) -> UnsafeMutableRawPointer {
        precondition(!lent, "NameRulesScratch lent to two rules at once")
        lent = true
        if let perToken, perTokenCount >= count { return perToken }
        perToken?.deallocate()
        let room = max(count, Self.initialTokenCount)
        let block = UnsafeMutableRawPointer.allocate(byteCount: room * bytesPerToken, alignment: MemoryLayout<Int>.alignment)
        perToken = block
        perTokenCount = room
        return block
    }

    /// Frees the per-token block if it is larger than `keptTokenLimit` tokens.
    func trim() {
        guard perTokenCount > Self.keptTokenLimit else { return }
        perToken?.deallocate()
        perToken = nil
        perTokenCount = 0
    }

    /// A candidate buffer of at least `capacity` and its capacity, the caller's until it gives
    /// it back (`keep`): the kept one if it is large enough.
    func takeCandidates(capacity: Int) -> (UnsafeMutablePointer<NameCandidate>, Int) {
        if let kept = candidates {
            candidates = nil
            if candidateCapacity >= capacity { return (kept, candidateCapacity) }
            kept.deallocate()
        }
        let room = max(capacity, Self.initialCandidateCapacity)
        return (.allocate(capacity: room), room)
    }

    /// Candidates the buffer has room for at least (a news article has a few hundred).
    static let initialCandidateCapacity = 1024
    /// Candidates past which the buffer (which the rules grow as they need) is not kept:
    /// 320 KiB at most (40 bytes a candidate).
    static let keptCandidateLimit = 1 << 13

    /// Keeps a candidate buffer of `capacity` (`NameCandidate` holds no reference: nothing to
    /// deinitialize) for the next document, unless it is larger than `keptCandidateLimit`.
    func keep(candidates: UnsafeMutablePointer<NameCandidate>, capacity: Int) {
        lent = false
        self.candidates?.deallocate()
        if capacity > Self.keptCandidateLimit {
            candidates.deallocate()
            self.candidates = nil
            candidateCapacity = 0
        } else {
            self.candidates = candidates
            candidateCapacity = capacity
        }
    }

    /// The arrays of a document's mentions and names (`Recognizer.recognizeWithNames`): as
    /// `TextScratch` does for the text's, two documents' are kept and a document takes the
    /// older ones, which the relation stage no longer holds (it keeps the last document's
    /// names until it starts on the next one). Emptied and refilled through `Array`'s own
    /// mutations, which allocate anew when the storage is shared, so mentions and names
    /// still held elsewhere never change.
    struct MentionArrays {
        var mentions: [Mention] = []
        var strings: [String] = []
        var surfaces: [Int32] = []
        var canonicals: [Int32] = []
    }

    private var olderMentions = MentionArrays()
    private var newerMentions = MentionArrays()

    /// The older kept strings, emptied (their capacity kept), for the rules' canonical names
    /// and then the document's names.
    func takeStrings() -> [String] {
        var taken: [String] = []
        swap(&taken, &olderMentions.strings)
        taken.removeAll(keepingCapacity: true)
        return taken
    }

    /// The older kept mentions, surfaces and canonicals (their elements not yet removed).
    func takeMentionArrays() -> MentionArrays {
        var taken = MentionArrays()
        swap(&taken, &olderMentions)
        return taken
    }

    /// Mentions (and name strings, surfaces, canonicals) past which a document's mention
    /// arrays are not kept: a news article has about sixty mentions. At the limits a worker
    /// keeps at most two sets of 2¹² mentions (80 bytes each, 320 KiB), 2¹² strings (16 bytes
    /// each, 64 KiB) and 2¹² surfaces and canonicals (16 KiB each), about 0.8 MiB, plus the
    /// strings' own text, at most `keptNameBytes` a set.
    static let keptMentionLimit = 1 << 12
    /// UTF-8 bytes of a document's name strings past which its mention arrays are not kept
    /// (a string holds its text, past 15 bytes, in its own allocation, freed when the strings
    /// are taken for a later document).
    static let keptNameBytes = 1 << 16

    /// Keeps a document's mentions and names for the document after next, unless an array of
    /// them is larger than `keptMentionLimit` or their strings' text than `keptNameBytes`.
    func keep(mentions: [Mention], names: MentionNames) {
        swap(&olderMentions, &newerMentions)
        let limit = Self.keptMentionLimit
        guard mentions.capacity <= limit && names.strings.capacity <= limit
            && names.surfaces.capacity <= limit && names.canonicals.capacity <= limit
            && Self.textBytes(names.strings) <= Self.keptNameBytes else {
            newerMentions = MentionArrays()
            return
        }
        newerMentions = MentionArrays(mentions: mentions, strings: names.strings, surfaces: names.surfaces, canonicals: names.canonicals)
    }

    /// The UTF-8 bytes of `strings`, together. (Read in place through a buffer: a `for` over
    /// the array copied each string, a retain and a release, some 0.6 M instructions on
    /// synth10 with the copies' value-witness calls.)
    private static func textBytes(_ strings: [String]) -> Int {
        strings.withUnsafeBufferPointer { strings in
            var total = 0
            for index in strings.indices { total &+= strings[index].utf8.count }
            return total
        }
    }

    deinit {
        perToken?.deallocate()
        candidates?.deallocate()
        flagCache?.deallocate()
    }
}
