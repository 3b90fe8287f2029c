/// Splits UTF-8 text into word, number and punctuation tokens in one pass over the bytes.
///
/// ASCII takes a fast path; other scalars are decoded in place and classified by their
/// Unicode properties. Conventions, chosen for names in news text:
/// - a possessive `'s` / `’s` is its own token (`Musk’s` → `Musk`, `’s`), other internal
///   apostrophes stay in the word (`O'Brien`, `don't`);
/// - internal hyphens and ampersands stay (`co-founder`, `AT&T`); `@handles` are one word;
/// - dotted abbreviations are one word (`U.S.`, `a.m.`); numbers keep `.`/`,` between digits.
public enum Tokenizer {
    /// Per-byte flags, over all 256 byte values so the word loop needs no `< 0x80` test: the
    /// class of an ASCII byte (`spaceFlag`, `wordFlag`: letters, digits, `_`; neither: other);
    /// a word byte's letter and capital bits are added and its capital bit lowercases it for
    /// the key without a branch; `joinerFlag` marks the bytes after which a word may continue
    /// (`'`, `-`, `&`, `.`, `,` and every non-ASCII byte). One table for every ASCII test.
    private static let wordFlag: UInt8 = 1
    private static let letterFlag: UInt8 = 2
    private static let capitalFlag: UInt8 = 4
    private static let joinerFlag: UInt8 = 8
    private static let spaceFlag: UInt8 = 16

    private static let byteFlags: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        var flags: UInt8 = 0
        if byte == 0x20 || (0x09...0x0D).contains(byte) { flags |= spaceFlag }
        if isASCIILetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_") { flags |= wordFlag }
        if byte < 0x80, isASCIILetter(byte) { flags |= letterFlag }
        if byte >= 0x41 && byte <= 0x5A { flags |= capitalFlag }
        if byte >= 0x80 || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") { flags |= joinerFlag }
        return flags
    }

    /// For the ASCII word loop: a word byte lowercased (`A`–`Z` to `a`–`z`, others as they
    /// are), 0 for every byte that is not an ASCII word byte. One load both classifies the next
    /// byte and gives what the key hashes, so a word byte costs about seven instructions.
    ///
    /// Entries are 64 bits wide, as the key they are hashed into: with bytes, each step of the
    /// word loops widened the byte again after the load (one instruction in eight).
    private static let wordLowercase: [UInt64] = (0..<256).map { value in
        let byte = UInt8(value)
        guard byteFlags[value] & wordFlag != 0 else { return 0 }
        return UInt64(byte | (byteFlags[value] & capitalFlag) << 3)
    }

    /// For the word runs: a word's key after its first byte, `(offsetBasis ^ lowercased) ×
    /// prime`, 0 for every byte that is not an ASCII word byte (no word byte's step gives 0: a
    /// test checks). One load both tells whether a word starts and starts its key, where the
    /// lowercase table took a load, an xor and a multiply, and a register for the basis.
    static let leadKeys: [UInt64] = wordLowercase.map { lower in
        lower == 0 ? 0 : (WordSet.offsetBasis ^ lower) &* WordSet.prime
    }

    /// `wordLowercase` then `leadKeys`, in one table, so that `takeWords` reaches both from one
    /// register: a byte's lead key is its lowercase entry's address plus a constant (256
    /// entries), folded into the load. With two tables, the word loop kept one base in memory
    /// and reloaded it and the FNV prime once a word.
    private static let wordTable: [UInt64] = wordLowercase + leadKeys

    /// - Complexity: O(n) in the bytes; ASCII bytes cost one table lookup each.
    public static func tokenize(_ bytes: [UInt8]) -> [Token] {
        tokenizeWithKeys(bytes).tokens
    }

    /// The tokens and, for each, its `WordSet` key (`AnalyzedText.wordKeys`), in one pass: an
    /// ASCII word is hashed while it is scanned; other tokens are hashed after.
    ///
    /// - Complexity: O(n) in the bytes.
    static func tokenizeWithKeys(_ bytes: [UInt8]) -> (tokens: [Token], keys: [UInt64]) {
        let analysis = analyze(bytes)
        return (analysis.tokens, analysis.keys)
    }

    /// `tokenizeWithKeys` and, in the same pass, the tokens where a sentence may end
    /// (`SentenceSplitter.split(bytes:tokens:keys:candidates:isASCII:)`), ascending: each token that
    /// is `.`, `!`, `?` or `…`, and each token followed by a gap (or trailing white space)
    /// holding a line feed or a carriage return. The splitter decides only at those tokens, so it visits a few tokens
    /// per sentence instead of every one. Also whether every byte is ASCII
    /// (`AnalyzedText.scalarOffset(ofByte:)` needs counts only otherwise), noted where a
    /// non-ASCII byte is taken rather than by another pass over the bytes.
    ///
    /// - Complexity: O(n) in the bytes.
    ///
    /// - Parameter wordRuns: whether runs of plain ASCII words go through `takeWords`; false
    ///   only in tests, which check that both ways give the same result.
    static func analyze(_ bytes: [UInt8], wordRuns: Bool = true) -> (tokens: [Token], keys: [UInt64], candidates: [Int], isASCII: Bool) {
        var tokens: [Token] = []
        var keys: [UInt64] = []
        var candidates: [Int] = []
        let isASCII = analyze(bytes, wordRuns: wordRuns, tokens: &tokens, keys: &keys, candidates: &candidates)
        return (tokens, keys, candidates, isASCII)
    }

    /// `analyze(_:wordRuns:)` into arrays kept from an earlier text (`TextScratch`): their
    /// elements are replaced, in their storage when it is theirs alone and large enough.
    ///
    /// - Returns: whether every byte is ASCII.
    static func analyze(_ bytes: [UInt8], wordRuns: Bool = true,
                        tokens: inout [Token], keys: inout [UInt64], candidates: inout [Int]) -> Bool {
        // News text has about one token per 5–6 bytes; denser text retries with more room
        // (a token has at least one byte, so `bytes.count + 1` always fits).
        var capacity = bytes.count / 4 + 64
        while true {
            var complete = false
            var isASCII = true
            tokens.replaceWithSpecializedUninitialized(capacity: capacity) { tokenBuffer, tokenCount in
                keys.replaceWithSpecializedUninitialized(capacity: capacity) { keyBuffer, keyCount in
                    var sink = TokenSink(tokens: tokenBuffer, keys: keyBuffer)
                    // Moved in and out, not copied: a second reference would make emptying
                    // it allocate.
                    swap(&sink.candidates, &candidates)
                    sink.candidates.removeAll(keepingCapacity: true)
                    // Articles have one candidate per 40–64 bytes (a period ends most sentences),
                    // so room for one per 32 bytes avoids regrowing the array.
                    sink.candidates.reserveCapacity(bytes.count / 32 + 8)
                    complete = bytes.withUnsafeBufferPointer { bytes in
                        byteFlags.withUnsafeBufferPointer { flags in
                            wordTable.withUnsafeBufferPointer { table in
                                tokenize(bytes, flags, table, wordRuns: wordRuns, into: &sink)
                            }
                        }
                    }
                    keyCount = sink.count
                    swap(&sink.candidates, &candidates)
                    isASCII = !sink.sawNonASCII
                }
                tokenCount = keys.count
            }
            if complete { return isASCII }
            capacity = min(bytes.count + 1, capacity * 2)
        }
    }

    /// Tokens and keys written into preallocated buffers, without `append`'s per-call checks.
    /// (`tokenize` works on it through `inout`; a local copy written back on return, so that
    /// its buffers and count might stay in registers, ran more instructions, not fewer.)
    private struct TokenSink {
        /// The buffers' first elements, unwrapped once: `emit` tested `baseAddress` twice a token.
        let tokens: UnsafeMutablePointer<Token>
        let keys: UnsafeMutablePointer<UInt64>
        /// Room in each buffer.
        let capacity: Int
        /// Tokens emitted (`takeWords` reads and advances it).
        var count = 0
        /// `analyze`'s sentence-end candidates so far. (In a preallocated buffer like the
        /// tokens, without `append`'s uniqueness call, they ran 6 M fewer instructions on 10 MB,
        /// but `takeWords` took about 10% more perf samples on 100 MB, in three series of
        /// runs alternated with the array's.)
        var candidates: [Int] = []
        /// Whether a byte of 0x80 or more was taken: every such byte is in white space or a
        /// token that the non-ASCII branch of `tokenize` takes, or in a word that `scanWord`
        /// extended (`makeToken` tells); the word runs and every other branch take ASCII only.
        var sawNonASCII = false

        /// Room for the fewer of the two buffers' counts: arrays kept from earlier texts
        /// (`TextScratch`) may have grown to different capacities.
        ///
        /// - Precondition: both buffers have a non-zero count.
        init(tokens: UnsafeMutableBufferPointer<Token>, keys: UnsafeMutableBufferPointer<UInt64>) {
            self.tokens = tokens.baseAddress!
            self.keys = keys.baseAddress!
            self.capacity = min(tokens.count, keys.count)
        }

        /// Tokens that still fit.
        var room: Int { capacity &- count }

        /// - Precondition: `room > 0`.
        @inline(__always)
        mutating func emit(_ token: Token, _ key: UInt64) {
            (tokens + count).initialize(to: token)
            (keys + count).initialize(to: key)
            count &+= 1
        }

        /// The next token emitted is a terminal mark.
        mutating func markTerminal() {
            candidates.append(count)
        }

        /// A line break follows the last token emitted (once per token).
        @inline(__always)
        mutating func markLineBreak() {
            guard count > 0, candidates.last != count - 1 else { return }
            candidates.append(count - 1)
        }
    }

    /// Fills `sink`; false if it ran out of room.
    ///
    /// Room is checked once per block of bytes, not once per step: a step adds at most one
    /// token and every token starts at its own byte, so the next `sink.room` bytes cannot add
    /// more tokens than fit.
    private static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, _ flags: UnsafeBufferPointer<UInt8>,
                                 _ table: UnsafeBufferPointer<UInt64>,
                                 wordRuns: Bool, into sink: inout TokenSink) -> Bool {
        let lowercase = UnsafeBufferPointer(rebasing: table[0..<256])
        let leads = UnsafeBufferPointer(rebasing: table[256..<512])
        var index = 0
        var spaceBefore = true
        var lastIsWord = false
        let count = bytes.count
        // The last byte that is not an ASCII word byte (-1 if none): every word that starts
        // before it ends by it, so `takeWords` scans words before it with no test for the end
        // of the text.
        var lastStop = count - 1
        while lastStop >= 0 && lowercase[Int(bytes[lastStop])] != 0 { lastStop -= 1 }
        while index < count {
          let room = sink.room
          if room <= 0 { return false }
          let blockEnd = count - index > room ? index + room : count
          let runEnd = min(blockEnd, lastStop)
          while index < blockEnd {
            let lead = bytes[index]
            let start = index
            if lead < 0x80 {
                let leadFlag = flags[Int(lead)]
                if leadFlag & spaceFlag != 0 {
                    if lead == 0x0A || lead == 0x0D { sink.markLineBreak() }
                    spaceBefore = true
                    index += 1
                    continue
                }
                if leadFlag & wordFlag != 0 {
                    // Most words: ASCII, not continued by a joiner, taken with the words that
                    // follow them after single spaces (and `. `, `, `) in one call.
                    if wordRuns && index < runEnd && takeWords(bytes, table.baseAddress!, from: index, before: runEnd, spaceBefore: spaceBefore, into: &sink) > 0 {
                        let last = sink.tokens[sink.count &- 1]
                        index = last.end
                        lastIsWord = last.kind == .word
                        if index < count {
                            var next = bytes[index]
                            if (next == UInt8(ascii: ".") || next == UInt8(ascii: ",")) && index < blockEnd {
                                // `word. ` and `word, ` (a run ends at most of them): the mark here.
                                if next == UInt8(ascii: ".") { sink.markTerminal() }
                                sink.emit(Token(start: index, end: index &+ 1, kind: .punctuation, isCapitalized: false, isAllCaps: false, spaceBefore: false),
                                          (WordSet.offsetBasis ^ UInt64(next)) &* WordSet.prime)
                                lastIsWord = false
                                index &+= 1
                                next = index < count ? bytes[index] : 0
                            }
                            if next == 0x20 {
                                index += 1
                                spaceBefore = true
                                continue
                            }
                        }
                        spaceBefore = false
                        continue
                    }
                    // Other ASCII words (and all, without `wordRuns`): the bytes hashed as they go,
                    // and the shape read from them with no table of its own. (The FNV multiply is
                    // not what bounds it: without it the loop takes as long; the cost is mostly
                    // the branches around it.)
                    let numeric = lead <= 0x39
                    var lower = lowercase[Int(lead)]
                    var hash = leads[Int(lead)]
                    var end = index &+ 1
                    var byte = lead
                    // Capitals (each adds 0x20: a capital is the one word byte its lowercase
                    // differs from, by that bit), digits and `_` before the first lowercase
                    // letter; after it the word is neither all caps nor anything else to count.
                    var capitalBits = UInt(lower ^ UInt64(lead))
                    if lead < 0x61 {
                        while end < count {
                            byte = bytes[end]
                            lower = lowercase[Int(byte)]
                            guard lower != 0, byte < 0x61 else { break }
                            capitalBits &+= UInt(lower ^ UInt64(byte))
                            hash = (hash ^ lower) &* WordSet.prime
                            end &+= 1
                        }
                    }
                    let caseless = end
                    // The rest of the word, one table load a byte (most words are lowercase
                    // from their first or second byte).
                    while end < count {
                        byte = bytes[end]
                        lower = lowercase[Int(byte)]
                        guard lower != 0 else { break }
                        hash = (hash ^ lower) &* WordSet.prime
                        end &+= 1
                    }
                    let flag = flags[Int(byte)]
                    if end < count && flag & joinerFlag != 0 {
                        // A joiner or a non-ASCII scalar may continue the word.
                        index = scanWord(bytes, flags, wordStart: start, from: end, numeric: numeric)
                    } else {
                        index = end
                    }
                    if index != end {
                        sink.emit(makeToken(bytes, start, index, spaceBefore: spaceBefore, numeric: numeric, nonASCII: &sink.sawNonASCII), WordSet.hash(bytes, start, index))
                    } else {
                        // Not continued (`word.`, `word,`: most joiners end the word): the shape
                        // and key counted while scanning are the token's.
                        sink.emit(Token(
                            start: start, end: end, kind: numeric ? .number : .word,
                            isCapitalized: lead >= 0x41 && lead <= 0x5A,
                            isAllCaps: capitalBits >= 0x40 && end == caseless,
                            spaceBefore: spaceBefore
                        ), hash)
                    }
                    lastIsWord = !numeric
                    // Most words end at one space: take it here rather than in another step.
                    if index < count && bytes[index] == 0x20 {
                        index += 1
                        spaceBefore = true
                        continue
                    }
                } else {
                    if lead == UInt8(ascii: "@"), index + 1 < count, isWordScalar(decodeScalar(bytes, at: index + 1).0) {
                        index = scanWord(bytes, flags, wordStart: start, from: index + 1, numeric: false)
                        sink.emit(makeToken(bytes, start, index, spaceBefore: spaceBefore, numeric: false, nonASCII: &sink.sawNonASCII), WordSet.hash(bytes, start, index))
                        lastIsWord = true
                    } else if lead == UInt8(ascii: "'"), !spaceBefore, lastIsWord, index + 1 < count,
                              isPossessiveS(bytes, at: index + 1, nextLength: 1, next: decodeScalar(bytes, at: index + 1).0) {
                        // The possessive `'s` is one word token, so `Musk's` reads as `Musk` + `'s`.
                        index += 2
                        sink.emit(Token(start: start, end: index, kind: .word, isCapitalized: false, isAllCaps: false, spaceBefore: false), WordSet.hash(bytes, start, index))
                        lastIsWord = true
                    } else {
                        if lead == UInt8(ascii: ".") || lead == UInt8(ascii: "!") || lead == UInt8(ascii: "?") { sink.markTerminal() }
                        index += 1
                        // The key of one ASCII byte that is not a letter: no folding to do.
                        sink.emit(Token(start: start, end: index, kind: .punctuation, isCapitalized: false, isAllCaps: false, spaceBefore: spaceBefore),
                                  (WordSet.offsetBasis ^ UInt64(lead)) &* WordSet.prime)
                        lastIsWord = false
                    }
                }
                spaceBefore = false
                continue
            }
            sink.sawNonASCII = true
            let (scalar, length) = decodeScalar(bytes, at: index)
            if isSpace(scalar) {
                spaceBefore = true
                index += length
                continue
            }
            if isWordScalar(scalar) {
                index = scanWord(bytes, flags, wordStart: start, from: index + length, numeric: false)
                sink.emit(makeToken(bytes, start, index, spaceBefore: spaceBefore, numeric: false, nonASCII: &sink.sawNonASCII), WordSet.hash(bytes, start, index))
                lastIsWord = true
            } else if isApostrophe(scalar), !spaceBefore, lastIsWord,
                      index + length < count, isPossessiveS(bytes, at: index + length, nextLength: 1, next: decodeScalar(bytes, at: index + length).0) {
                index += length + 1
                sink.emit(Token(start: start, end: index, kind: .word, isCapitalized: false, isAllCaps: false, spaceBefore: false), WordSet.hash(bytes, start, index))
                lastIsWord = true
            } else {
                // `…` is E2 80 A6.
                if length == 3, lead == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA6 { sink.markTerminal() }
                index += length
                sink.emit(Token(start: start, end: index, kind: .punctuation, isCapitalized: false, isAllCaps: false, spaceBefore: spaceBefore), WordSet.hash(bytes, start, index))
                lastIsWord = false
            }
            spaceBefore = false
          }
        }
        return true
    }

    /// Emits the ASCII word at `position` and each one after it that follows a single space
    /// (or a period or comma and a space, or a period and line feeds: the mark emitted too)
    /// and starts before `runEnd`, up to the first that a joiner or a non-ASCII byte might
    /// continue (`co-op`, `U.S.`, `Musk's`, `café`), which it leaves to `tokenize`.
    ///
    /// Why a function of its own: in `tokenize` the word loop shares registers with every other
    /// case, and each word paid about 70 instructions outside its byte loop, mostly reloading
    /// them; here a word costs about 40, and a run of words between two marks one call.
    /// (Finding a word's end with 16-byte vector compares first does not pay: the FNV key
    /// still takes a step per byte, and the vector work per word costs what it saves. Nor
    /// eight bytes at a time in a register (session 12): classes by adds and masks, the end
    /// from the lowest non-word byte, the key by eight unconditional FNV steps over the folded
    /// bytes and a multiply by a power of the prime's inverse for the zeroed bytes past the
    /// end. It removed three mispredicted branches in four, but a word cost about 120
    /// instructions instead of 78, and tokenizing took 1.36 times as long; with the key in a
    /// loop over the known length, 1.33 times. Nor a key with no multiply per byte (session
    /// 13): with no key at all this function took only 11% fewer perf samples, and a key from
    /// 8-byte loads after the end, folded in a register and finished by a multiply cost that
    /// back, while a stem's key could no longer be undone from the word's (`NameRules`).
    /// Nor, session 15, the rest of a word eight bytes at a time: `a`–`z` found by adds and
    /// masks, eight FNV steps with the bytes past them zeroed, and a multiply by a power of
    /// the prime's inverse. This function ran 1.55 times the instructions, tokenizing alone
    /// took 7–9% longer, and a build of 100 MB spent about as many perf samples here.)
    ///
    /// - Returns: how many words it emitted (0 when the word at `position` is left to `tokenize`).
    /// - Precondition: `bytes[position]` is an ASCII word byte, `position < runEnd`, `sink`
    ///   has room for `runEnd - position` tokens, and some byte at or after `runEnd` is not
    ///   an ASCII word byte (so every word that starts before `runEnd` ends by that byte: no
    ///   word scan here tests for the end of the text).
    @inline(never)
    private static func takeWords(_ bytes: UnsafeBufferPointer<UInt8>, _ table: UnsafePointer<UInt64>,
                                  from position: Int, before runEnd: Int, spaceBefore: Bool,
                                  into sink: inout TokenSink) -> Int {
        let count = bytes.count
        // `table[byte]` is the byte's `wordLowercase` entry, `table[256 + byte]` its `leadKeys` one.
        // The buffers and count in locals: through `sink`, each token reloaded the buffers
        // and stored the count, since the token stores might have changed them.
        let tokens = sink.tokens
        let keys = sink.keys
        let first = sink.count
        var emitted = first
        var start = position
        // The next word's first byte and key, read once: where the run goes on, its test read
        // them, and the token stores in between (through pointers that might alias the table)
        // kept the compiler from reusing those loads.
        var lead = bytes[start]
        var leadKey = table[256 &+ Int(lead)]
        while true {
            var hash = leadKey
            var end = start &+ 1
            var isAllCaps = false
            var lower: UInt64
            if lead < 0x61 {
                // Capitals (each adds 0x20: a capital is the one word byte its lowercase
                // differs from, by that bit), digits and `_` before the first lowercase
                // letter; after it the word is neither all caps nor anything else to count.
                var capitalBits = UInt(table[Int(lead)] ^ UInt64(lead))
                var caseless = true
                while true {
                    let byte = bytes[end]
                    lower = table[Int(byte)]
                    guard lower != 0 else { break }
                    hash = (hash ^ lower) &* WordSet.prime
                    end &+= 1
                    // The first lowercase letter (hashed: the loop below goes on after it).
                    if byte >= 0x61 { caseless = false; break }
                    capitalBits &+= UInt(lower ^ UInt64(byte))
                }
                isAllCaps = capitalBits >= 0x40 && caseless
            }
            // The rest of the word, one table load a byte (most words are lowercase from
            // their first or second byte).
            while true {
                lower = table[Int(bytes[end])]
                guard lower != 0 else { break }
                hash = (hash ^ lower) &* WordSet.prime
                end &+= 1
            }
            // What ends the word: a space (most), or a mark; a joiner followed by a word
            // byte, or a non-ASCII byte, might continue it: that word is left to `tokenize`.
            let stop = bytes[end]
            let word = Token(
                start: start, end: end, kind: lead <= 0x39 ? .number : .word,
                isCapitalized: lead &- 0x41 < 26, isAllCaps: isAllCaps, spaceBefore: true
            )
            var next = end &+ 1
            // A space (most words) is tested once: with one path for every stop, the test was
            // made again after the token's stores.
            if stop == 0x20 {
                (tokens + emitted).initialize(to: word)
                (keys + emitted).initialize(to: hash)
                emitted &+= 1
            } else {
                if stop >= 0x80 || isASCIIJoiner(stop) && end &+ 1 < count && {
                    let next = bytes[end &+ 1]
                    return next >= 0x80 || table[Int(next)] != 0
                }() {
                    break
                }
                (tokens + emitted).initialize(to: word)
                (keys + emitted).initialize(to: hash)
                emitted &+= 1
                // `word. ` and `word, ` (one word in eight), and a period that ends a paragraph:
                // the mark here, and the run goes on after the gap, rather than returning to
                // `tokenize` for the mark and calling again for the next word (about 60
                // instructions more a mark). A line feed after a period adds no sentence-end
                // candidate (`markLineBreak`): the period is one.
                guard stop == UInt8(ascii: ".") || stop == UInt8(ascii: ","), end < runEnd else { break }
                let gap = bytes[next]
                guard gap == 0x20 || gap == 0x0A && stop == UInt8(ascii: ".") else { break }
                // `markTerminal`, with the count kept here.
                if stop == UInt8(ascii: ".") { sink.candidates.append(emitted) }
                (tokens + emitted).initialize(to: Token(start: end, end: next, kind: .punctuation, isCapitalized: false, isAllCaps: false, spaceBefore: false))
                (keys + emitted).initialize(to: (WordSet.offsetBasis ^ UInt64(stop)) &* WordSet.prime)
                emitted &+= 1
                next &+= 1
                if gap == 0x0A {
                    while next < runEnd && bytes[next] == 0x0A { next &+= 1 }
                }
            }
            guard next < runEnd else { break }
            lead = bytes[next]
            leadKey = table[256 &+ Int(lead)]
            guard leadKey != 0 else { break }
            start = next
        }
        // Every word but the first follows a gap: the first's flag is set here, rather than
        // each word's from a register that only the first needs.
        if !spaceBefore && emitted > first { tokens[first].spaceBefore = false }
        sink.count = emitted
        return emitted &- first
    }

    /// `'`, `-`, `&`, `.` and `,`: the ASCII bytes after which a word may go on (`joinerFlag`).
    @inline(__always)
    private static func isASCIIJoiner(_ byte: UInt8) -> Bool {
        let joiners: UInt64 = 1 << 0x27 | 1 << 0x2D | 1 << 0x26 | 1 << 0x2E | 1 << 0x2C
        return byte < 0x40 && joiners >> UInt64(byte) & 1 != 0
    }

    /// Extends a word from `position`, stopping before a possessive `'s`: ASCII word bytes by
    /// the flag table, joiners and other scalars decoded. Out of line: the ASCII word loop calls
    /// it only when a joiner or a non-ASCII byte follows a word, and the rare `@handle` and
    /// non-ASCII-initial words start here.
    @inline(never)
    private static func scanWord(_ bytes: UnsafeBufferPointer<UInt8>, _ flags: UnsafeBufferPointer<UInt8>,
                                 wordStart start: Int, from position: Int, numeric: Bool) -> Int {
        var index = position
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if flags[Int(lead)] & wordFlag != 0 {
                index += 1
                continue
            }
            let (scalar, length) = decodeScalar(bytes, at: index)
            if isWordScalar(scalar) {
                index += length
                continue
            }
            // A joiner continues the word only when a word scalar follows it.
            guard index + length < count else { break }
            let (next, nextLength) = decodeScalar(bytes, at: index + length)
            guard isWordScalar(next) else { break }
            switch scalar {
            case "'", "\u{2019}":
                if isPossessiveS(bytes, at: index + length, nextLength: nextLength, next: next) { return index }
                index += length
            case "-", "&", "\u{2010}", "\u{2011}":
                index += length
            case ".":
                // `U.S.`, `a.m.`: single letters joined by periods; `97.4`: digits.
                if numeric || isDottedAbbreviation(bytes, wordStart: start, dot: index) {
                    index += length
                    if !numeric, index + nextLength < count, bytes[index + nextLength] == UInt8(ascii: ".") {
                        index += nextLength + 1
                        // The trailing period of `U.S.` belongs to the word.
                        continue
                    }
                } else {
                    return index
                }
            case ",":
                guard numeric else { return index }
                index += length
            default:
                return index
            }
        }
        return index
    }

    @inline(__always)
    private static func isPossessiveS(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, nextLength: Int, next: Unicode.Scalar) -> Bool {
        guard next == "s" || next == "S" else { return false }
        let after = index + nextLength
        if after >= bytes.count { return true }
        return !isWordScalar(decodeScalar(bytes, at: after).0)
    }

    /// True when the word so far is a single letter, or letters separated by periods.
    private static func isDottedAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, wordStart: Int, dot: Int) -> Bool {
        guard dot > wordStart else { return false }
        var letters = 0
        for position in wordStart..<dot {
            let byte = bytes[position]
            if byte == UInt8(ascii: ".") { letters = 0; continue }
            guard byte < 0x80, isASCIILetter(byte) else { return false }
            letters += 1
            if letters > 1 { return false }
        }
        // Needs a single letter after the dot, then a dot or end (`U.S`, `U.S.`).
        let after = dot + 1
        guard after < bytes.count, isASCIILetter(bytes[after]) else { return false }
        let beyond = after + 1
        return beyond >= bytes.count || !isASCIILetter(bytes[beyond]) && bytes[beyond] != UInt8(ascii: "'")
    }

    /// The token of `bytes[start..<end]`; sets `nonASCII` if a byte is 0x80 or more.
    @inline(__always)
    private static func makeToken(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, spaceBefore: Bool, numeric: Bool,
                                  nonASCII: inout Bool) -> Token {
        // ASCII words (nearly all) are classified byte by byte; others by scalar properties.
        var letters = 0
        var upper = 0
        var firstLetter: UInt8 = 0
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte >= 0x80 {
                nonASCII = true
                return makeNonASCIIToken(bytes, start, end, spaceBefore: spaceBefore, numeric: numeric)
            }
            if isASCIILetter(byte) {
                letters += 1
                if byte < 0x61 { upper += 1 }
                if firstLetter == 0 { firstLetter = byte }
            }
            index += 1
        }
        let firstIsUpper = firstLetter != 0 && firstLetter < 0x61
        let leading = bytes[start] == UInt8(ascii: "@") ? start + 1 : start
        let startsWithLetter = leading < end && isASCIILetter(bytes[leading])
        return Token(
            start: start, end: end,
            kind: numeric ? .number : .word,
            isCapitalized: firstIsUpper && startsWithLetter,
            isAllCaps: letters >= 2 && upper == letters,
            spaceBefore: spaceBefore
        )
    }

    @inline(never)
    private static func makeNonASCIIToken(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, spaceBefore: Bool, numeric: Bool) -> Token {
        var letters = 0
        var upper = 0
        var first: Unicode.Scalar?
        var index = start
        while index < end {
            let (scalar, length) = decodeScalar(bytes, at: index)
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                if isASCIILetter(byte) {
                    letters += 1
                    if byte < 0x61 { upper += 1 }
                    if first == nil { first = scalar }
                }
            } else if scalar.properties.isAlphabetic {
                letters += 1
                if scalar.properties.isUppercase { upper += 1 }
                if first == nil { first = scalar }
            }
            index += length
        }
        let firstIsUpper = first.map { $0.value < 0x80 ? (0x41...0x5A).contains($0.value) : $0.properties.isUppercase } ?? false
        // The first letter counts only when it starts the word (`iPhone` is not capitalized, `@Musk` is).
        let leading = bytes[start] == UInt8(ascii: "@") ? start + 1 : start
        let startsWithLetter = leading < end && (isASCIILetter(bytes[leading]) || bytes[leading] >= 0x80)
        return Token(
            start: start, end: end,
            kind: numeric ? .number : .word,
            isCapitalized: firstIsUpper && startsWithLetter,
            isAllCaps: letters >= 2 && upper == letters,
            spaceBefore: spaceBefore
        )
    }

    @inline(__always)
    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool { scalar == "'" || scalar == "\u{2019}" }

    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return isNonASCIISpace(scalar)
    }

    /// Out of line, so callers' ASCII paths carry no Unicode property set-up.
    @inline(never)
    static func isNonASCIISpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}"
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let byte = UInt8(scalar.value)
            return isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_")
        }
        return isNonASCIIWordScalar(scalar)
    }

    /// Out of line, so callers' ASCII paths carry no Unicode property set-up.
    @inline(never)
    static func isNonASCIIWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isEmojiPresentation { return false }
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
    }


    /// Decodes one scalar; invalid sequences become U+FFFD of length 1, so every byte advances.
    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return ("\u{FFFD}", 1)
        }
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
        return (scalar, length)
    }
}
