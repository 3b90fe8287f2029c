/// The typed relations one sentence states, found at the token level.
///
/// The sentence is read as a row of *slots* (noun phrases that may name an entity: names,
/// pronouns, `the company`, `OpenAI CEO Sam Altman`) and *triggers* (words from
/// `relation-triggers.tsv`). Each trigger relates the subject slot on its left to the object
/// slot on its right within its clause, with the rules in `SentenceRelations+Patterns.swift`.
/// Every search is bounded by a clause or a small window, so a sentence costs time linear in
/// its length (times the longest trigger form).
///
/// One value serves every sentence of a document (`analyze(_:mentions:order:memory:)` resets
/// it): its arrays keep their capacity and its token tables are allocated once per document, and
/// slot candidates are ranges of one pool, so a sentence allocates nothing in the common case.
/// A worker keeps its value for its next document (`reuse(lexicon:text:words:)`), so that a
/// document in turn allocates nothing for it. Its per-sentence lists share their storage with
/// copies of the analysis (`ScratchList.init(sharingStorage:)`), as its token tables do: a
/// copy must not be used after another copy read a sentence.
///
/// The searches the passes call are `mutating` although they only read: the value is large
/// (over 300 bytes), and a call from a `mutating` pass to a non-mutating method that is not
/// inlined copies all of it to pass it, while a `mutating` call passes its address. One-line
/// token tests stay non-mutating and are always inlined.
struct SentenceRelations {
    /// A noun phrase that may refer to an entity.
    struct Slot {
        var tokens: Range<Int>
        /// Possible referents, best first, as a range of the sentence's `pool`; empty for a
        /// phrase that names no known entity (`an OpenAI engineer`), which still occupies its
        /// place in the clause. A range instead of an array: a sentence's slots allocate nothing.
        var candidates: Range<Int>
        var named: Bool
        /// Followed by `'s`, or a possessive pronoun.
        var possessive: Bool
        /// The pronoun `it`: never a subject (it is often expletive: `it remains unclear`).
        var isIt = false
        /// Preceded by a preposition: never a subject.
        var oblique = false
        /// Folded into a larger phrase (`OpenAI` in `OpenAI CEO Sam Altman`).
        var suppressed = false
        /// For a possessive, the entity slot it determines (`his AI venture xAI`), or −1.
        var link = -1
        /// For a role phrase, a role description in its own right (`the CEO of OpenAI`): the
        /// role's kind and its organizations (a range of `organizationPool`); `nil` otherwise.
        var roleKind: RelationKind?
        var roleOrganizations = 0..<0
    }

    /// A trigger occurrence.
    struct Hit {
        var tokens: Range<Int>
        /// Positions of the hit's rules for `RelationLexicon.ruleIndex(at:)`.
        var rules: Range<Int>
        /// The trigger classes of those rules (`classBit(_:)`), so that the passes' questions
        /// about a hit's classes (`isPredicate`, `firstRule`, `hasRule`) need not walk its
        /// rules: most answers are "none".
        var classes: UInt8 = 0
        var consumed = false
    }

    /// The bit of `triggerClass` in `Hit.classes`.
    @inline(__always)
    static func classBit(_ triggerClass: RelationLexicon.TriggerClass) -> UInt8 {
        switch triggerClass {
        case .verb: 1
        case .noun: 2
        case .role: 4
        case .infix: 8
        }
    }

    /// The classes of the rules at positions `rules` (`Hit.classes`). (Precomputing them per
    /// trie node, so that a hit reads one byte instead of its rules, saved no instructions on
    /// synth10 in session 8; not kept.) `mutating` for the reason the type's comment gives: left
    /// out of line, a non-mutating call copied the whole analysis (a `memcpy` per hit, 9 M
    /// instructions on synth10).
    mutating func classes(ofRules rules: Range<Int>) -> UInt8 {
        var classes: UInt8 = 0
        for position in rules { classes |= Self.classBit(lexicon.rules[lexicon.ruleIndex(at: position)].triggerClass) }
        return classes
    }

    /// A trigger's text, as ids of the document's `triggers` table: equal when the texts are
    /// equal as `String`s, whatever their spellings (`SpellingTable`).
    struct TriggerText: Hashable {
        var spelling: Int32
        var identity: Int32

        static func == (a: TriggerText, b: TriggerText) -> Bool { a.identity == b.identity }

        func hash(into hasher: inout Hasher) { hasher.combine(identity) }
    }

    /// A relation found, before evidence is attached.
    struct Found: Hashable {
        var source: Referent
        var target: Referent
        var kind: RelationKind
        var trigger: TriggerText

        /// The synthesized comparison, cheapest fields first: most pairs differ in kind or type.
        static func == (a: Found, b: Found) -> Bool {
            a.kind == b.kind && a.source == b.source && a.target == b.target && a.trigger == b.trigger
        }
    }

    private(set) var lexicon: RelationLexicon
    private(set) var text: AnalyzedText
    /// The lexicon's view of every token of the whole document.
    private(set) var words: DocumentWords
    /// The document's entity names, interned as the sentences name them.
    private(set) var names = SpellingTable()
    /// The texts of the document's triggers, interned from their bytes as relations are found.
    private(set) var triggers: TriggerTable
    /// Per mention: the index of its canonical name in `nameStrings` (`MentionNames`), or
    /// empty, when each mention's `canonical` is interned as it comes.
    private var mentionNames: [Int32] = []
    private var nameStrings: [String] = []
    /// By index into `nameStrings`: its spelling id and identity in `names`, −1 until first
    /// named. Interning the same bytes again changes nothing, so the table is fed the same
    /// new strings in the same order as interning every mention's name.
    private var nameReferents: [(spelling: Int32, identity: Int32)] = []
    /// The tokens of the sentence being read.
    private(set) var lo = 0
    private(set) var hi = 0
    var slots = ScratchList<Slot>(sharingStorage: ())
    /// The candidates of every slot of the sentence, one slot's after another's.
    var pool = ScratchList<Referent>(sharingStorage: ())
    /// Scratch for reordering a description's candidates.
    private var reordered: [Referent] = []
    /// For `preferNamesContaining(nounID:in:)`, per document: the vocabulary ids of the nouns
    /// asked about (at most 32), and by spelling id of `names` the nouns its name was tested
    /// against and those it contains (bit `i` for `containsNouns[i]`).
    private var containsNouns: [Int32] = []
    private var containsTested: [UInt32] = []
    private var containsFound: [UInt32] = []
    /// By token index of the document: the slot covering the token, or −1. Entries of other
    /// sentences are stale but never read (every read is bounded by `lo..<hi`). The token
    /// tables hold `Int32`s: half the bytes to fill per document and to scan per token.
    ///
    /// The three tables are pointers into `tokenTables`, which owns them: as arrays, every
    /// write checked the buffer's uniqueness (a call, about a million per synth10 build, most
    /// from `addSlot` and `buildSlotsAndHits`) and the first write to each of the two arrays
    /// that began as copies of the first copied it whole.
    private(set) var slotAt: UnsafeMutablePointer<Int32>
    var hits = ScratchList<Hit>(sharingStorage: ())
    /// By token index: the hit covering the token, or −1.
    private(set) var hitAt: UnsafeMutablePointer<Int32>
    /// By token index: the index into the document's mentions of the entity mention starting
    /// at the token, or −1.
    private var mentionAt: UnsafeMutablePointer<Int32>
    /// The tokens of the sentence where `mentionAt` names a mention, ascending (with repeats
    /// when mentions share a first token), in `tokenTables`: the scan for slot and trigger
    /// starts (`nextNonPlain`) stops at them without reading `mentionAt` at every token.
    var mentionStarts: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: tokenTables.mentionStarts, count: mentionStartCount) }
    private var mentionStartCount = 0
    /// Owns `slotAt`, `hitAt` and `mentionAt` (a class, so that copies of the analysis share
    /// them and the last one frees them). `reuse` may reallocate them, so a copy must not be
    /// used after another copy was reused: the relation stage never copies a kept analysis
    /// (it moves it out of the worker's workspace and back).
    private let tokenTables: TokenTables
    /// The tokens of the token tables, of the text and of each of the words' buffers, whichever
    /// are fewer (`analyze` checks a sentence against it): set with the tables, the text and the
    /// words, which change only together (`init`, `reuse`), and whose buffers are constants.
    private var tokenBound = 0
    /// The organizations of the sentence's role phrases (`Slot.roleOrganizations`).
    var organizationPool: [Int] = []
    var found = ScratchList<Found>(sharingStorage: ())
    private var seen: Set<Found> = []
    /// The first belief, rumor or joke word: every trigger after it is reported, not stated.
    var firstEpistemic: Int?
    /// Counted as `buildSlotsAndHits` adds the sentence's slots (`namedSummary` and the barren
    /// test of `runPasses`), instead of a walk over the slots each: the named slots (each has its
    /// one candidate), the first of them that names a person, and the other slots that have
    /// candidates. No later pass adds a named slot or changes a slot's candidates.
    private var namedCount = 0
    private var firstNamedPerson: Referent?
    private var unnamedWithCandidates = 0
    /// Whether `runPasses` stops after building the slots when fewer than two have candidates,
    /// and runs only the possessive pass when the sentence has no trigger hit (off only in the
    /// test that compares both ways).
    var skipsBarrenSentences = true
    /// Whether `runPasses` looks for the first epistemic word in the whole sentence rather than
    /// before the last hit (on only in the test that compares both ways).
    var scansWholeSentenceForEpistemic = false
    /// Past how many relations `record` looks for a duplicate in a hash set (`RelationExtractor.hashingThreshold`).
    var hashingThreshold = 16
    /// How far (in tokens) any search reaches from its trigger, so a sentence without
    /// punctuation still costs linear time.
    static let reach = 40

    /// An analysis for the sentences of one document; read each with `analyze`.
    /// An analysis whose name table starts as `names`, for a test that fills a pool by hand
    /// (the table cannot be replaced later, when ids in the pool point into it).
    init(lexicon: RelationLexicon, text: AnalyzedText, words: DocumentWords, names: SpellingTable) {
        self.init(lexicon: lexicon, text: text, words: words)
        self.names = names
    }

    /// - Parameter tableFiller: What the token tables hold before a sentence resets its part:
    ///   any value (`nil`: left as allocated) must give the same findings (for its test).
    init(lexicon: RelationLexicon, text: AnalyzedText, words: DocumentWords, tableFiller: Int32? = nil) {
        self.lexicon = lexicon
        self.text = text
        self.words = words
        triggers = TriggerTable(bytes: text.bytes)
        tokenTables = TokenTables(count: text.tokens.count, filler: tableFiller)
        slotAt = tokenTables.slotAt
        hitAt = tokenTables.hitAt
        mentionAt = tokenTables.mentionAt
        tokenBound = Self.tokenBound(tokenTables, text, words)
        // Room for a long sentence's lists at once, instead of regrowing them step by step in
        // the first sentences of every document.
        slots.reserveCapacity(32)
        pool.reserveCapacity(64)
        hits.reserveCapacity(32)
        found.reserveCapacity(16)
    }

    /// Makes the analysis one for the sentences of another document, as if made anew by
    /// `init(lexicon:text:words:)` (the same findings), keeping its lists' and tables'
    /// storage: a worker reads thousands of documents, and allocating them per document
    /// and freeing them after cost about 30 M instructions on synth10.
    mutating func reuse(lexicon: RelationLexicon, text: AnalyzedText, words: DocumentWords) {
        // (Assigning a copy of the same lexicon retained and released each of its lists: about
        // 2 M instructions on synth10.)
        if !self.lexicon.isCopy(of: lexicon) { self.lexicon = lexicon }
        self.text = text
        self.words = words
        names.removeAll()
        triggers.removeAll(bytes: text.bytes)
        // (Shared with the previous document's `MentionNames`: released, not emptied in place.)
        mentionNames = []
        nameStrings = []
        Self.clear(&nameReferents)
        Self.clear(&containsNouns)
        Self.clear(&containsTested)
        Self.clear(&containsFound)
        tokenTables.reuse(count: text.tokens.count)
        slotAt = tokenTables.slotAt
        hitAt = tokenTables.hitAt
        mentionAt = tokenTables.mentionAt
        tokenBound = Self.tokenBound(tokenTables, text, words)
        lo = 0
        hi = 0
        // (The per-sentence lists are emptied by `analyze`, `reordered` before each use.)
    }

    /// Also the bound that lets slot and hit indices be stored as `Int32` unchecked: a sentence
    /// has at most one slot per token plus one role phrase per hit, and one hit per token.
    private static func tokenBound(_ tables: TokenTables, _ text: AnalyzedText, _ words: DocumentWords) -> Int {
        let bound = min(tables.count, text.tokens.count, words.masks.count, words.ids.count)
        precondition(bound <= Int(Int32.max) / 2, "document of too many tokens")
        return bound
    }

    /// Names the mentions by their `MentionNames` indices from now on (the mentions passed to
    /// `analyze` must be the ones recognized with `names`).
    mutating func useNames(_ names: MentionNames) {
        mentionNames = names.canonicals
        nameStrings = names.strings
        nameReferents.refill(repeating: (spelling: -1, identity: -1), count: names.strings.count)
    }

    /// The referent of mention `index` as a `type`: `names.referent(mentions[index].canonical, type:)`.
    @inline(__always)
    private mutating func referent(ofMention index: Int, _ mentions: [Mention], type: EntityType) -> Referent {
        guard !mentionNames.isEmpty else { return names.referent(mentions[index].canonical, type: type) }
        let name = Int(mentionNames[index])
        var known = nameReferents[name]
        if known.spelling < 0 {
            known = names.internOnce(nameStrings[name])
            nameReferents[name] = known
        }
        return Referent(spelling: known.spelling, identity: known.identity, type: type)
    }

    /// Reads one sentence, replacing what the previous one found. Only the sentence's entries of
    /// the token tables matter, and they are −1 (`TokenTables.prepare(_:)`): sentences do not
    /// share tokens, and every read and write of the tables is bounded by `lo..<hi`.
    ///
    /// - Parameters:
    ///   - mentions: The document's mentions; `order` lists this sentence's entity mentions
    ///     among them, in any order: a token where several mentions start takes the last of
    ///     them in `order` (the extractor lists them in document order).
    mutating func analyze(_ sentence: SentenceSpan, mentions: [Mention], order: ArraySlice<Int>, memory: inout ReferenceMemory) {
        order.withUnsafeBufferPointer { analyze(sentence, mentions: mentions, order: $0, memory: &memory) }
    }

    /// `analyze(_:mentions:order:memory:)` given the sentence's mentions in a buffer: a slice of
    /// the extractor's array per sentence retained and released its storage.
    mutating func analyze(_ sentence: SentenceSpan, mentions: [Mention], order: UnsafeBufferPointer<Int>, memory: inout ReferenceMemory) {
        // Every read of the token tables and the words' buffers is below `hi` (`nextNonPlain`
        // and `lastBlockSearchStop` rely on it, checked here once per sentence rather than per call).
        precondition(sentence.tokens.lowerBound >= 0 && sentence.tokens.upperBound <= tokenBound)
        lo = sentence.tokens.lowerBound
        hi = sentence.tokens.upperBound
        slots.removeAll()
        pool.removeAll()
        hits.removeAll()
        found.removeAll()
        Self.clear(&organizationPool)
        if !seen.isEmpty { seen.removeAll() }
        firstEpistemic = nil
        namedCount = 0
        firstNamedPerson = nil
        unnamedWithCandidates = 0
        tokenTables.prepare(lo..<hi)
        // (A mention starting at `hi` is never read: that token belongs to the next sentence.)
        let starts = tokenTables.reserveMentionStarts(order.count)
        var count = 0
        var ascending = true
        for index in order where mentions[index].type.entityType != nil && mentions[index].tokens.lowerBound >= lo
            && mentions[index].tokens.lowerBound < hi && mentions[index].tokens.upperBound <= hi {
            let start = mentions[index].tokens.lowerBound
            mentionAt[start] = Int32(index)
            if count > 0 && starts[count - 1] > start { ascending = false }
            starts[count] = start
            count += 1
        }
        mentionStartCount = count
        // `order` usually lists the mentions by first token (the recognizer's document order);
        // any other order only costs a sort.
        if !ascending {
            var sorted = UnsafeMutableBufferPointer(start: starts, count: count)
            sorted.sort()
        }
        runPasses(mentions: mentions, memory: &memory)
    }

    /// Empties `list`, keeping its capacity; an empty list (most sentences' relations and
    /// role organizations) is left untouched. One removal rather than element by element:
    /// every `popLast` checks the buffer's uniqueness again.
    @inline(__always)
    static func clear<Element>(_ list: inout [Element]) {
        if !list.isEmpty { list.removeAll(keepingCapacity: true) }
    }

    /// Runs the passes over the tokens `lo..<hi`.
    private mutating func runPasses(mentions: [Mention], memory: inout ReferenceMemory) {
        buildSlotsAndHits(mentions: mentions, memory: &memory)
        // Every relation relates two slots that have candidates, and the later passes never add
        // one: a role phrase takes the place of the organization it suppresses, and the role
        // memory learns only from a holder and an organization. So with fewer than two, the
        // passes below can neither find a relation nor change the memory.
        if skipsBarrenSentences, namedCount + unnamedWithCandidates < 2 { return }
        // Without a trigger only the possessives can state a relation: the role and trigger
        // passes read every hit and nothing else, and only they read the oblique marks and
        // the first epistemic word (which stays `nil`).
        if skipsBarrenSentences, hits.isEmpty {
            applyPossessives()
            return
        }
        firstEpistemic = scansWholeSentenceForEpistemic ? firstEpistemicSlowly() : firstEpistemicBeforeLastHit()
        markObliques()
        applyRoles(memory: &memory)
        applyPossessives()
        applyTriggers()
    }

    /// The first belief, rumor or joke word (`cue(_:.epistemic)`) before the start of the last
    /// hit, or `nil`. Only `isBlocked(_:)` reads `firstEpistemic`, asking whether it comes before
    /// a hit, so one at or after the last hit's start (or any, in a sentence without hits) never
    /// blocks anything: the scan stops there. (Scanning the whole sentence token by token
    /// through the checked accessors cost about 9 M instructions on synth10.)
    private mutating func firstEpistemicBeforeLastHit() -> Int? {
        guard let last = hits.last else { return nil }
        let end = last.tokens.lowerBound
        precondition(lo >= 0 && end <= hi)
        let bit = RelationLexicon.Cue.epistemic.bit
        return words.masks.withUnsafeBufferPointer { masks in
            var t = lo
            while t < end {
                if masks[t] & bit != 0, slotAt[t] < 0 { return t }
                t += 1
            }
            return nil
        }
    }

    /// The first belief, rumor or joke word of the whole sentence (for the test of
    /// `firstEpistemicBeforeLastHit()`).
    private mutating func firstEpistemicSlowly() -> Int? {
        for t in lo..<hi where cue(t, .epistemic) { return t }
        return nil
    }

    /// Entities named in the sentence (for co-mentions).
    var namedReferents: [Referent] {
        mutating get {
            var result: [Referent] = []
            for slot in slots where slot.named && !slot.candidates.isEmpty {
                result.append(pool[slot.candidates.lowerBound])
            }
            return result
        }
    }

    /// Appends `namedReferents` to `list`, each once (the first of equal ones), in order.
    ///
    /// By index, reading each slot's two fields in place (a `for slot in slots` loop copies
    /// each whole slot out), and the list searched by a plain loop.
    mutating func appendNamedReferents(to list: inout ScratchList<Referent>) {
        for k in slots.indices where slots[k].named && !slots[k].candidates.isEmpty {
            let referent = pool[slots[k].candidates.lowerBound]
            var known = false
            for j in list.indices where list[j].identity == referent.identity {
                known = true
                break
            }
            if !known { list.append(referent) }
        }
    }

    /// The first person `namedReferents` lists and how many it lists, without building the
    /// list: most sentences name at most one entity and state nothing. (Walking the slots for
    /// them cost about 4.5 M instructions on synth10; they are counted as the slots are added.)
    var namedSummary: (firstPerson: Referent?, count: Int) { (firstNamedPerson, namedCount) }

    // MARK: - Building

    private mutating func buildSlotsAndHits(mentions: [Mention], memory: inout ReferenceMemory) {
        var t = lo
        // The first entry of `mentionStarts` at or after `t`, and its token (`hi` past the last).
        let starts = mentionStarts
        var nextStart = 0
        var stop = lo - 1
        while t < hi {
            if stop < t {
                while nextStart < starts.count, starts[nextStart] < t { nextStart += 1 }
                stop = nextStart < starts.count ? starts[nextStart] : hi
            }
            // Most tokens are plain words: no mention, pronoun, `the` or trigger start.
            t = nextNonPlain(from: t, before: stop)
            guard t < hi else { break }
            let m = Int(mentionAt[t])
            if m >= 0, let type = mentions[m].type.entityType {
                let referent = referent(ofMention: m, mentions, type: type)
                // The mention is within the sentence (`analyze` lists only those), so `t <= end
                // <= hi`: the ranges are well formed, `&+` cannot overflow, and the tokens read
                // below `hi` are within the words (`tokenBound`).
                var end = mentions[m].tokens.upperBound
                let possessive = end < hi && words.ids.withUnsafeBufferPointer { $0[end] } == RelationLexicon.Literal.possessiveS.rawValue
                if possessive { end &+= 1 }
                pool.append(referent)
                addSlot(Slot(tokens: Range(uncheckedBounds: (t, end)), candidates: Range(uncheckedBounds: (pool.count &- 1, pool.count)), named: true, possessive: possessive))
                // (A sentence's slots fit an `Int32`, so their count cannot overflow.)
                namedCount &+= 1
                if firstNamedPerson == nil, type == .person { firstNamedPerson = referent }
                // `…, The Wall Street Journal reported.` names a source, not a topic.
                let attribution = end &+ 1 < hi && words.masks.withUnsafeBufferPointer { $0[end] } & RelationLexicon.Cue.reporting.bit != 0
                    && (end &+ 2 == hi || isHard(end &+ 1))
                if !attribution { memory.saw(referent) }
                t = end
                continue
            }
            // The token's bits, read once for the three tests below (`t < hi`, within the words:
            // `analyze` checked the sentence against `tokenBound`). `the` is the one word with
            // the description bit.
            let mask = words.masks.withUnsafeBufferPointer { $0[t] }
            if mask & Self.pronounBits != 0 {
                t = addPronoun(at: t, memory: &memory)
                continue
            }
            if mask & RelationLexicon.startsDescription != 0, let end = anaphorEnd(from: t) {
                t = addDescription(from: t, to: end, memory: &memory)
                continue
            }
            // (The trigger-start test is made before the call: about 75 k calls on synth10, for
            // `the`s that start no description, returned at once.)
            if mask & RelationLexicon.startsForm != 0, let (length, rules) = matchTrigger(at: t) {
                // A match ends at most at `hi`, and `hits` was just appended to: `&+` and `&-` cannot overflow.
                let end = t &+ length
                hits.append(Hit(tokens: Range(uncheckedBounds: (t, end)), rules: rules, classes: classes(ofRules: rules)))
                let hit = Int32(truncatingIfNeeded: hits.count &- 1)
                while t < end {
                    hitAt[t] = hit
                    t &+= 1
                }
                continue
            }
            t += 1
        }
    }

    /// Adds the slot of the pronoun at `t` and returns the token after it (`buildSlotsAndHits`).
    ///
    /// Out of line, as is `addDescription`: the slots of pronouns and descriptions (one token
    /// in forty on synth10) left in the scan's loop made it keep more values on the stack
    /// (synth10: 10.8 M instructions fewer in `buildSlotsAndHits`, 6.9 M in the two, 4 M saved).
    /// Moving the hits' code out of the loop as well cost 2.3 M more: it is left in.
    @inline(never)
    private mutating func addPronoun(at t: Int, memory: inout ReferenceMemory) -> Int {
        let isPerson = has(t, .person)
        var possessive = has(t, .possessive)
        if isWord(t, .her) { possessive = t + 1 < hi && text.tokens[t + 1].kind == .word && slotStart(t + 1) == nil }
        let start = pool.count
        if !isPerson {
            memory.appendNearbyThingCandidates(to: &pool)
        } else if isWord(t, .he) || isWord(t, .she) {
            memory.appendSubjectPronounCandidates(personNamedInSentence: personNamedBefore(), to: &pool)
        } else {
            memory.appendCandidates(.person, to: &pool)
        }
        addSlot(Slot(tokens: t..<(t + 1), candidates: start..<pool.count, named: false, possessive: possessive, isIt: isWord(t, .it)))
        if pool.count > start { unnamedWithCandidates += 1 }
        // `he's` is `he is`, not a possessive.
        return t + ((t + 1 < hi && isWord(t + 1, .possessiveS)) ? 2 : 1)
    }

    /// Adds the slot of the description `t..<end` (`anaphorEnd(from:)`) and returns the token
    /// after it (`buildSlotsAndHits`).
    @inline(never)
    private mutating func addDescription(from t: Int, to end: Int, memory: inout ReferenceMemory) -> Int {
        let start = pool.count
        if has(end - 1, .anaphorPerson) {
            memory.appendCandidates(.person, to: &pool)
        } else if has(end - 1, .anaphorOrganization) {
            memory.appendCandidates(.organization, to: &pool)
        } else if has(end - 1, .anaphorProduct) {
            memory.appendCandidates(.product, to: &pool)
        } else {
            memory.appendThingCandidates(to: &pool)
        }
        // `the project` after `Stargate Project`: a name that contains the noun wins.
        // An anaphoric noun is a lexicon word: a token matched by its folded bytes has
        // exactly its vocabulary entry's bytes. Others (`complex`) were matched as
        // `String`s, which compare by canonical equivalence, so they are re-read.
        if pool.count - start > 1 {
            if flag(end - 1, DocumentWords.Flag.complex) {
                preferNamesContaining(word(end - 1), in: start..<pool.count)
            } else {
                preferNamesContaining(nounID: words.ids[end - 1], in: start..<pool.count)
            }
        }
        let possessive = end < hi && isWord(end, .possessiveS)
        if pool.count > start { memory.mentioned(pool[start]) }
        addSlot(Slot(tokens: t..<(possessive ? end + 1 : end), candidates: start..<pool.count, named: false, possessive: possessive))
        if pool.count > start { unnamedWithCandidates += 1 }
        return possessive ? end + 1 : end
    }

    /// The first token from `start` on (or `hi`) that has a mention or may start a slot or a
    /// trigger: `buildSlotsAndHits`'s test for a plain word, in one tight loop over the tables'
    /// buffers (no bounds checks, no reloading of the tables per token).
    ///
    /// Tried in session 8 and not kept: a per-document bitset of the tokens where the scan
    /// stops, read 64 tokens a step, took 11 M instructions and (simulated) 440 k branch
    /// mispredictions off `buildSlotsAndHits` on synth10, but building it cost 16 M
    /// instructions (net +5 M); testing four tokens a step (masks ORed, mention entries ANDed)
    /// made the function too large to inline (+12 M).
    func nextNonPlain(from start: Int) -> Int {
        guard start < hi else { return hi }
        precondition(start >= lo)
        return nextNonPlain(from: start, before: mentionStarts.first { $0 >= start } ?? hi)
    }

    /// `nextNonPlain(from:)` given `stop`, the first token at or after `start` where a mention
    /// starts (or `hi`): up to it, only the masks are read. (Reading `mentionAt` at every token
    /// as well took about 10 M more instructions on synth10.)
    ///
    /// - Precondition: `lo <= start < hi` and `stop <= hi` (unchecked here: the tokens `lo..<hi`
    ///   are within the words, which `analyze` checks once per sentence, and every mention start
    ///   is below `hi`).
    @inline(__always)
    func nextNonPlain(from start: Int, before stop: Int) -> Int {
        // `the` has its own bit (`RelationLexicon.startsDescription`).
        let bits = Self.slotOrTriggerBits | RelationLexicon.startsDescription
        return words.masks.withUnsafeBufferPointer { masks in
            var t = start
            while t < stop, masks[t] & bits == 0 { t += 1 }
            return t
        }
    }

    /// `nextNonPlain(from:)` token by token, through the checked accessors (for its test).
    func nextNonPlainSlowly(from start: Int) -> Int {
        var t = start
        while t < hi, mentionAt[t] < 0 && words.masks[t] & Self.slotOrTriggerBits == 0 && !isWord(t, .the) { t += 1 }
        return t
    }

    /// Whether a slot before the current token names a person.
    private mutating func personNamedBefore() -> Bool {
        for k in slots.indices where slots[k].named && !slots[k].candidates.isEmpty && pool[slots[k].candidates.lowerBound].type == .person { return true }
        return false
    }

    /// Moves the candidates in `range` of the pool whose names contain `noun` before the others,
    /// keeping the order within each group (a stable partition).
    ///
    /// Each name is tested once, from the name table's bytes when it and `noun` are ASCII
    /// (`name(_:contains:)` without making the `String`). Internal for its test against
    /// `preferNamesContainingSlowly(_:in:)`.
    mutating func preferNamesContaining(_ noun: String, in range: Range<Int>) {
        guard range.count <= 64 else { return preferNamesContainingSlowly(noun, in: range) }
        var nounText = noun
        let matches = nounText.withUTF8 { nounBytes -> UInt64 in
            let asciiNoun = !nounBytes.isEmpty && !nounBytes.contains(where: { $0 >= 0x80 })
            var matches: UInt64 = 0
            for k in range {
                let referent = pool[k]
                let contains = asciiNoun && names.ascii[Int(referent.spelling)]
                    ? names.withUTF8(spelling: referent.spelling) { Self.asciiName($0, contains: nounBytes) }
                    : Self.name(names.name(referent), contains: noun)
                if contains { matches |= 1 << UInt64(k - range.lowerBound) }
            }
            return matches
        }
        reorder(range, matches: matches)
    }

    /// `preferNamesContaining(_:in:)` for the lexicon word of vocabulary id `nounID` (an
    /// anaphoric noun matched by its folded bytes, whose text is exactly that word), with each
    /// name's answer kept for the rest of the document: a document refers to the same few
    /// entities by the same few nouns (`the company`) sentence after sentence, and the byte
    /// search per candidate was most of the cost. The answers are those of the uncached test.
    mutating func preferNamesContaining(nounID: Int32, in range: Range<Int>) {
        guard range.count <= 64 else { return preferNamesContainingSlowly(lexicon.word(id: nounID), in: range) }
        var slot = -1
        for i in containsNouns.indices where containsNouns[i] == nounID {
            slot = i
            break
        }
        if slot < 0 {
            guard containsNouns.count < 32 else { return preferNamesContaining(lexicon.word(id: nounID), in: range) }
            slot = containsNouns.count
            // Room for all 32 at once: grown one by one from empty, it was reallocated per noun.
            if containsNouns.isEmpty { containsNouns.reserveCapacity(32) }
            containsNouns.append(nounID)
        }
        if containsTested.count < names.count {
            // The tables grow in one step each, with entries for more names than the table has
            // (zero: not yet tested): appended one entry at a time from empty, they were
            // reallocated some 11 k times on synth10 (4 M instructions).
            let count = max(64, 2 * names.count)
            containsTested.extend(repeating: 0, to: count)
            containsFound.extend(repeating: 0, to: count)
        }
        let bit: UInt32 = 1 << UInt32(slot)
        var noun: String?
        var matches: UInt64 = 0
        for k in range {
            let spelling = Int(pool[k].spelling)
            if containsTested[spelling] & bit == 0 {
                let word = noun ?? lexicon.word(id: nounID)
                noun = word
                if nameContains(pool[k], word) { containsFound[spelling] |= bit }
                containsTested[spelling] |= bit
            }
            if containsFound[spelling] & bit != 0 { matches |= 1 << UInt64(k - range.lowerBound) }
        }
        reorder(range, matches: matches)
    }

    /// Whether the name of `referent` contains `noun`, as `preferNamesContaining(_:in:)` tests it.
    private mutating func nameContains(_ referent: Referent, _ noun: String) -> Bool {
        var nounText = noun
        return nounText.withUTF8 { nounBytes in
            let asciiNoun = !nounBytes.isEmpty && !nounBytes.contains(where: { $0 >= 0x80 })
            return asciiNoun && names.ascii[Int(referent.spelling)]
                ? names.withUTF8(spelling: referent.spelling) { Self.asciiName($0, contains: nounBytes) }
                : Self.name(names.name(referent), contains: noun)
        }
    }

    /// Moves the candidates in `range` whose bit is set in `matches` (bit `k - range.lowerBound`
    /// for candidate `k`) before the others, keeping the order within each group.
    private mutating func reorder(_ range: Range<Int>, matches: UInt64) {
        guard matches != 0, matches.nonzeroBitCount < range.count else { return }
        reordered.removeAll(keepingCapacity: true)
        for k in range where matches & (1 << UInt64(k - range.lowerBound)) != 0 { reordered.append(pool[k]) }
        for k in range where matches & (1 << UInt64(k - range.lowerBound)) == 0 { reordered.append(pool[k]) }
        for (offset, referent) in reordered.enumerated() { pool[range.lowerBound + offset] = referent }
    }

    /// `preferNamesContaining(_:in:)` by `name(_:contains:)` on the names' `String`s (for its
    /// test, and for ranges too long for its mask).
    mutating func preferNamesContainingSlowly(_ noun: String, in range: Range<Int>) {
        reordered.removeAll(keepingCapacity: true)
        for k in range where Self.name(names.name(pool[k]), contains: noun) { reordered.append(pool[k]) }
        guard !reordered.isEmpty, reordered.count < range.count else { return }
        for k in range where !Self.name(names.name(pool[k]), contains: noun) { reordered.append(pool[k]) }
        for (offset, referent) in reordered.enumerated() { pool[range.lowerBound + offset] = referent }
    }

    /// The first candidate of slot `k`.
    @inline(__always)
    func firstCandidate(_ k: Int) -> Referent? {
        let range = slots[k].candidates
        return range.isEmpty ? nil : pool[range.lowerBound]
    }

    private static let slotOrTriggerBits = pronounBits | RelationLexicon.startsForm
    /// The cues of a pronoun slot (`has(_:.person) || has(_:.thing)`).
    private static let pronounBits = RelationLexicon.Cue.person.bit | RelationLexicon.Cue.thing.bit

    /// Whether `name.lowercased()` contains `noun`; a byte search when both are ASCII.
    static func name(_ name: String, contains noun: String) -> Bool {
        var name = name
        var noun = noun
        let fast = name.withUTF8 { nameBytes in
            noun.withUTF8 { nounBytes -> Bool? in
                guard !nounBytes.isEmpty, !nameBytes.contains(where: { $0 >= 0x80 }), !nounBytes.contains(where: { $0 >= 0x80 }) else { return nil }
                return asciiName(nameBytes, contains: nounBytes)
            }
        }
        return fast ?? name.lowercased().contains(noun)
    }

    /// `name(_:contains:)` for an ASCII name and a non-empty ASCII noun, given as bytes: the
    /// name's letters lowercased one by one.
    static func asciiName(_ nameBytes: UnsafeBufferPointer<UInt8>, contains nounBytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard nounBytes.count <= nameBytes.count else { return false }
        for start in 0...(nameBytes.count - nounBytes.count) {
            var k = 0
            while k < nounBytes.count {
                var byte = nameBytes[start + k]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != nounBytes[k] { break }
                k += 1
            }
            if k == nounBytes.count { return true }
        }
        return false
    }

    /// `the` + up to two words + an anaphoric noun (`the AI research lab`), not followed by `of`.
    ///
    /// Inlined, so that the mask test is made before any call: about 75 k of synth10's `the`s
    /// failed it, each after a call.
    @inline(__always)
    mutating func anaphorEnd(from start: Int) -> Int? {
        // Only an anaphoric noun among the next three words ends a description: most `the`s
        // have none, and one test of the masks rules them out before the word-by-word walk.
        guard mayEndAnaphor(after: start) else { return nil }
        return anaphorEndSlowly(from: start)
    }

    /// Whether one of the three tokens after `start` (in the sentence) is an anaphoric noun:
    /// without one, `anaphorEndSlowly(from:)` returns `nil`.
    ///
    /// The masks are read over their buffer, unchecked: the tokens read are in `lo..<hi`, which
    /// `analyze` checked against the words (`tokenBound`), and below `hi`, `&+` cannot overflow.
    /// (Checked reads and additions: 0.6 M instructions more on synth10.)
    @inline(__always)
    func mayEndAnaphor(after start: Int) -> Bool {
        precondition(start >= lo)
        let last = start &+ 3
        return words.masks.withUnsafeBufferPointer { masks in
            var t = start &+ 1
            while t < hi, t <= last {
                if masks[t] & Self.anaphorBits != 0 { return true }
                t &+= 1
            }
            return false
        }
    }

    /// `anaphorEnd(from:)` without the pre-test (internal for its test).
    mutating func anaphorEndSlowly(from start: Int) -> Int? {
        var t = start + 1
        while t < hi, t <= start + 3 {
            guard text.tokens[t].kind == .word, !hasMention(t) else { return nil }
            if isAnaphorNoun(t) {
                // `the founder of xAI` is a role, not a reference back.
                if t + 2 < hi, isWord(t + 1, .of), hasMention(t + 2) || (isWord(t + 2, .the) && t + 3 < hi && hasMention(t + 3)) { return nil }
                return t + 1
            }
            let node = lexicon.child(0, words.ids[t])
            if (node >= 0 && !lexicon.ruleRange(atNode: node).isEmpty) || has(t, .preposition) { return nil }
            t += 1
        }
        return nil
    }

    @inline(__always)
    private func isAnaphorNoun(_ t: Int) -> Bool {
        words.masks[t] & Self.anaphorBits != 0
    }

    private static let anaphorBits = RelationLexicon.Cue.anaphorPerson.bit | RelationLexicon.Cue.anaphorOrganization.bit
        | RelationLexicon.Cue.anaphorProduct.bit | RelationLexicon.Cue.anaphorAny.bit

    @inline(__always)
    private func hasMention(_ t: Int) -> Bool { mentionAt[t] >= 0 }

    /// The longest trigger form starting at `start`; `-ly` adverbs may stand inside a form.
    ///
    /// - Complexity: O(*f*) trie steps for the longest form *f* (plus the adverbs skipped).
    ///
    /// (Reading the words' buffers through `withUnsafeBufferPointer` here instead of checked
    /// subscripts added retains and releases, about 15 M instructions on synth10: not kept.)
    private mutating func matchTrigger(at start: Int) -> (Int, Range<Int>)? {
        guard words.masks[start] & RelationLexicon.startsForm != 0, text.tokens[start].kind == .word else { return nil }
        var node: Int32 = 0
        var depth = 0
        var best: (Int, Range<Int>)?
        var t = start
        while t < hi, depth < lexicon.longestForm {
            if hasMention(t) { break }
            // No node: the words so far are neither a form nor the start of one.
            let next = lexicon.child(node, words.ids[t])
            guard next >= 0 else { break }
            node = next
            depth += 1
            let step = lexicon.step(atNode: node)
            if !step.rules.isEmpty { best = (t + 1 - start, step.rules) }
            guard step.continues else { break }
            t += 1
            while t < hi, isAdverb(t), lexicon.child(node, words.ids[t]) < 0 { t += 1 }
        }
        return best
    }

    @inline(__always)
    private mutating func addSlot(_ slot: Slot) {
        slots.append(slot)
        // (`slots` was just appended to: `&-` cannot overflow; a sentence's slots fit an
        // `Int32`, `tokenBound(_:_:_:)`.)
        let k = Int32(truncatingIfNeeded: slots.count &- 1)
        // (A `for … in` over the range checked that it was well formed.)
        var t = slot.tokens.lowerBound
        while t < slot.tokens.upperBound {
            slotAt[t] = k
            t &+= 1
        }
    }

    /// A slot preceded by a preposition (possibly through a determiner or a quote) is oblique.
    private mutating func markObliques() {
        // A possessor is a determiner, not the object of the preposition (`for his efforts`).
        for k in slots.indices where !slots[k].possessive {
            let start = slots[k].tokens.lowerBound
            var t = start - 1
            while t >= lo, isQuote(t) || (slot(t) == nil && inGroup(t, .article)) { t -= 1 }
            // `before he joined`: a clause word that is also a preposition opens a clause, and
            // `he`/`she` are never objects of a preposition (asked last: most slots follow no
            // preposition).
            if t >= lo, slot(t) == nil, hitAt[t] < 0, has(t, .preposition), !has(t, .boundary), !inGroup(start, .nominative) {
                slots[k].oblique = true
            }
        }
    }

    // MARK: - Token classes

    @inline(__always)
    func slot(_ t: Int) -> Int? {
        guard t >= lo, t < hi else { return nil }
        let k = Int(slotAt[t])
        return k >= 0 ? k : nil
    }

    @inline(__always)
    func slotStart(_ t: Int) -> Int? {
        guard let k = slot(t), slots[k].tokens.lowerBound == t else { return nil }
        return k
    }

    @inline(__always)
    func slotEnd(_ t: Int) -> Int? {
        guard let k = slot(t), slots[k].tokens.upperBound == t + 1 else { return nil }
        return k
    }

    @inline(__always)
    func hit(_ t: Int) -> Int? {
        guard t >= lo, t < hi else { return nil }
        let h = Int(hitAt[t])
        return h >= 0 ? h : nil
    }

    /// The normalized word of token `t`, for the rare paths that need its letters.
    func word(_ t: Int) -> String { RelationLexicon.normalize(text.text(of: text.tokens[t])) }

    /// Whether token `t` is the literal word `literal`.
    @inline(__always)
    func isWord(_ t: Int, _ literal: RelationLexicon.Literal) -> Bool { words.ids[t] == literal.rawValue }

    /// Whether token `t` is a word of the pattern code's list `group`.
    @inline(__always)
    func inGroup(_ t: Int, _ group: RelationLexicon.WordGroup) -> Bool { words.masks[t] & group.bit != 0 }

    /// Whether token `t` is a word of the cue class `cue`, slot or not (see `cue(_:_:)`).
    @inline(__always)
    func has(_ t: Int, _ cue: RelationLexicon.Cue) -> Bool { words.masks[t] & cue.bit != 0 }

    @inline(__always)
    func flag(_ t: Int, _ flag: UInt8) -> Bool { words.masks[t] & DocumentWords.maskBits(flag) != 0 }

    @inline(__always)
    func isComma(_ t: Int) -> Bool { isWord(t, .comma) }

    @inline(__always)
    func isQuote(_ t: Int) -> Bool { inGroup(t, .quote) }

    @inline(__always)
    func isDash(_ t: Int) -> Bool { inGroup(t, .dash) }

    /// Punctuation that ends a clause outright.
    @inline(__always)
    func isHard(_ t: Int) -> Bool {
        text.tokens[t].kind == .punctuation && words.masks[t] & Self.hardBits != 0
    }

    private static let hardBits = RelationLexicon.WordGroup.hardMark.bit | RelationLexicon.WordGroup.dash.bit

    @inline(__always)
    func isAdverb(_ t: Int) -> Bool { flag(t, DocumentWords.Flag.adverb) }

    /// A plain word: no slot, no trigger, not punctuation.
    @inline(__always)
    func isPlain(_ t: Int) -> Bool {
        text.tokens[t].kind != .punctuation && slot(t) == nil && hit(t) == nil
    }

    /// The class test first: most words are of no class, and it is one mask test where the
    /// slot test is two bounds checks and a table read.
    @inline(__always)
    func cue(_ t: Int, _ cue: RelationLexicon.Cue) -> Bool {
        has(t, cue) && slot(t) == nil
    }

    /// The other dash of a `— … —` pair, searching left.
    mutating func dashPartner(_ t: Int) -> Int? {
        var u = t - 1
        while u >= max(lo, t - Self.reach) {
            if isDash(u) { return u }
            u -= 1
        }
        return nil
    }

    /// The text of the tokens `range` (from the first's start to the last's end) as an id of
    /// `triggers`, found by its bytes: no `String` is made. (A 32-entry cache of texts of up to sixteen bytes, keyed on the bytes, took no
    /// samples off the interning on synth10: most of a document's triggers are new to it.)
    mutating func triggerText(_ range: Range<Int>) -> TriggerText {
        let start = text.tokens[range.lowerBound].start
        let end = text.tokens[range.upperBound - 1].end
        // Its `String`, where one is made, is `AnalyzedText.string(_:_:)`'s: the same bytes,
        // decoded the same way.
        let (spelling, identity) = triggers.intern(start..<end)
        return TriggerText(spelling: spelling, identity: identity)
    }

    // MARK: - Recording

    /// Records `kind` from every referent of `sources` to every referent of `targets`.
    mutating func emit(_ kind: RelationKind, sources: SlotList, targets: SlotList, trigger: Range<Int>) {
        // The trigger's text, made once for all the pairs.
        var triggerText: TriggerText?
        // By index: a `for … in` loop copies the list into its iterator, the targets once per source.
        for i in 0..<sources.count {
            for j in 0..<targets.count { emit(kind, source: sources[i], target: targets[j], trigger: trigger, text: &triggerText) }
        }
    }

    /// `emit(_:sources:targets:trigger:)` for one source, without an array for it.
    mutating func emit(_ kind: RelationKind, source: Int, targets: some Collection<Int>, trigger: Range<Int>) {
        var triggerText: TriggerText?
        for target in targets { emit(kind, source: source, target: target, trigger: trigger, text: &triggerText) }
    }

    /// `emit(_:sources:targets:trigger:)` for one pair of slots.
    mutating func emit(_ kind: RelationKind, source: Int, target: Int, trigger: Range<Int>) {
        var triggerText: TriggerText?
        emit(kind, source: source, target: target, trigger: trigger, text: &triggerText)
    }

    /// Records `kind` between slots `source` and `target`; `triggerText` is the trigger's
    /// text, made on first use.
    private mutating func emit(_ kind: RelationKind, source: Int, target: Int, trigger: Range<Int>, text triggerText: inout TriggerText?) {
        guard source != target, let (from, to) = pick(source, target) else { return }
        // `record` would drop the pair: no need for the trigger's text.
        guard Self.admits(kind, source: from.type, target: to.type) else { return }
        if triggerText == nil { triggerText = self.triggerText(trigger) }
        record(Found(source: from, target: to, kind: kind, trigger: triggerText!))
    }

    /// Chooses referents for two slots so that they differ: an object pronoun or description
    /// does not refer to its own clause's subject (`Altman described the billionaire`).
    mutating func pick(_ a: Int, _ b: Int) -> (Referent, Referent)? {
        for i in slots[a].candidates {
            for j in slots[b].candidates where pool[j] != pool[i] { return (pool[i], pool[j]) }
        }
        return nil
    }

    mutating func record(_ relation: Found) {
        guard relation.source != relation.target,
              Self.admits(relation.kind, source: relation.source.type, target: relation.target.type) else { return }
        var normalized = relation
        if relation.kind.isSymmetric && names.precedes(relation.target, relation.source) {
            normalized.source = relation.target
            normalized.target = relation.source
        }
        // A sentence states few relations: a linear search until a list makes them many.
        if found.count < hashingThreshold {
            if !found.contains(normalized) { found.append(normalized) }
            return
        }
        if seen.isEmpty { seen = Set(found) }
        if seen.insert(normalized).inserted { found.append(normalized) }
    }

    /// The entity types each kind relates; anything else is a misreading.
    static func admits(_ kind: RelationKind, source: EntityType, target: EntityType) -> Bool {
        switch kind {
        case .worksFor, .boardMember, .left, .leads: source == .person && target == .organization
        case .founded, .owns: source != .product && target != .person
        case .investedIn, .offeredToBuy: target != .person
        case .partOf: source != .person && target == .organization
        case .recruited: source != .product && target != .product
        default: true
        }
    }
}

/// The token tables of one document's `SentenceRelations` (`slotAt`, `hitAt`, `mentionAt`),
/// in one allocation, filled with −1 once for the whole document (and when reused for a later
/// document, `reuse(count:)`, only where the documents before wrote). A sentence
/// writes only its own tokens' entries, so the sentences of a document read in order find
/// theirs still −1 (`prepare(_:)`); only a sentence read again, or out of order, has its
/// entries reset (`reset(_:)`). Resetting every sentence's entries as it was read cost three
/// `memset` calls per sentence (about 10 M instructions on synth10) for the same bytes.
final class TokenTables {
    private(set) var slotAt: UnsafeMutablePointer<Int32>
    private(set) var hitAt: UnsafeMutablePointer<Int32>
    private(set) var mentionAt: UnsafeMutablePointer<Int32>
    /// Room for a sentence's mention starts (`SentenceRelations.mentionStarts`).
    private(set) var mentionStarts: UnsafeMutablePointer<Int>
    private var mentionStartCapacity = 16
    /// Entries per table: the document's tokens.
    private(set) var count: Int
    /// Entries each table has room for (a later document of no more tokens reuses them).
    private var capacity: Int
    /// The entries of tokens from here on are −1 in all three tables, never written since.
    private(set) var cleanFrom: Int
    /// −1, as a value the compiler does not fold (a `let` it does): filling with a constant
    /// −1 compiles to a `memset`, which for a document's tables stores byte by byte (`rep
    /// stosb`, counted by callgrind as some 20 M instructions on synth10), where filling with
    /// a value read at run time is a vectorized loop.
    private var empty: Int32 = -1

    /// Tables for `count` tokens, all −1; or, if `filler` is given, all `filler` (for a test:
    /// nothing may depend on what they held before `prepare(_:)`), which every sentence then resets.
    init(count: Int, filler: Int32? = nil) {
        self.count = count
        capacity = max(1, count)
        let all = UnsafeMutablePointer<Int32>.allocate(capacity: 3 * capacity)
        all.initialize(repeating: filler ?? empty, count: 3 * capacity)
        cleanFrom = filler == nil ? 0 : capacity
        slotAt = all
        hitAt = all + capacity
        mentionAt = all + 2 * capacity
        mentionStarts = .allocate(capacity: mentionStartCapacity)
    }

    /// Room for `count` mention starts, whose values are left undefined.
    @inline(__always)
    func reserveMentionStarts(_ count: Int) -> UnsafeMutablePointer<Int> {
        if count > mentionStartCapacity {
            mentionStarts.deallocate()
            mentionStartCapacity = max(count, 2 * mentionStartCapacity)
            mentionStarts = .allocate(capacity: mentionStartCapacity)
        }
        return mentionStarts
    }

    /// Makes the tables those of a document of `count` tokens, all −1, reusing the memory
    /// when it has room: only the entries before `cleanFrom` (those the documents read since
    /// the last fill may have written) are reset.
    func reuse(count: Int) {
        if count > capacity {
            slotAt.deallocate()
            capacity = max(count, 2 * capacity)
            let all = UnsafeMutablePointer<Int32>.allocate(capacity: 3 * capacity)
            all.initialize(repeating: empty, count: 3 * capacity)
            slotAt = all
            hitAt = all + capacity
            mentionAt = all + 2 * capacity
        } else {
            clear(0..<cleanFrom)
        }
        self.count = count
        cleanFrom = 0
    }

    /// Makes the entries of tokens `range` (within `0..<count`) −1 in all three tables, for a
    /// sentence about to be read, which writes no entry outside `range`.
    @inline(__always)
    func prepare(_ range: Range<Int>) {
        if range.lowerBound < cleanFrom { reset(range) }
        cleanFrom = max(cleanFrom, range.upperBound)
    }

    /// Sets the entries of tokens `range` (within `0..<count`) of all three tables to −1.
    @inline(__always)
    func reset(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        clear(range)
    }

    /// Sets the entries of tokens `range` (within `0..<capacity`) of all three tables to −1.
    @inline(__always)
    private func clear(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= capacity)
        (slotAt + range.lowerBound).initialize(repeating: empty, count: range.count)
        (hitAt + range.lowerBound).initialize(repeating: empty, count: range.count)
        (mentionAt + range.lowerBound).initialize(repeating: empty, count: range.count)
    }

    // `Int32` and `Int` are trivial: the memory needs no deinitializing.
    deinit {
        slotAt.deallocate()
        mentionStarts.deallocate()
    }
}
