/// The typed relations one sentence states, found at the token level.
///
/// The sentence is read as a row of *slots* (noun phrases that may name an entity: names,
/// pronouns, `the company`, `OpenAI CEO Sam Altman`) and *triggers* (words from
/// `relation-triggers.tsv`). Each trigger relates the subject slot on its left to the object
/// slot on its right within its clause, with the rules in `SentenceRelations+Patterns.swift`.
/// Every search is bounded by a clause or a small window, so a sentence costs time linear in
/// its length (times the longest trigger form).
struct SentenceRelations {
    /// A noun phrase that may refer to an entity.
    struct Slot {
        var tokens: Range<Int>
        /// Possible referents, best first; empty for a phrase that names no known entity
        /// (`an OpenAI engineer`), which still occupies its place in the clause.
        var candidates: [Referent]
        var named: Bool
        /// Followed by `'s`, or a possessive pronoun.
        var possessive: Bool
        /// The pronoun `it`: never a subject (it is often expletive: `it remains unclear`).
        var isIt = false
        /// Preceded by a preposition: never a subject.
        var oblique = false
        /// A role description in its own right (`the CEO of OpenAI`).
        var roleNoun = false
        /// Folded into a larger phrase (`OpenAI` in `OpenAI CEO Sam Altman`).
        var suppressed = false
    }

    /// A trigger occurrence.
    struct Hit {
        var tokens: Range<Int>
        var rules: [Int]
        var consumed = false
    }

    /// A relation found, before evidence is attached.
    struct Found: Hashable {
        var source: Referent
        var target: Referent
        var kind: RelationKind
        var trigger: String
    }

    let lexicon: RelationLexicon
    let text: AnalyzedText
    /// Normalized words of the whole document, by token index.
    let words: [String]
    let lo: Int
    let hi: Int
    var slots: [Slot] = []
    var slotAt: [Int]
    var hits: [Hit] = []
    var hitAt: [Int]
    /// Possessive slot → the entity slot it determines (`his AI venture xAI`).
    var links: [Int: Int] = [:]
    /// Role phrase slot → the role's kind and organizations (`CEO of Acme` → leads, Acme).
    var roleOrganizations: [Int: [Int]] = [:]
    var roleKinds: [Int: RelationKind] = [:]
    var found: [Found] = []
    private var seen: Set<Found> = []
    /// The first belief, rumor or joke word: every trigger after it is reported, not stated.
    var firstEpistemic: Int?
    /// How far (in tokens) any search reaches from its trigger, so a sentence without
    /// punctuation still costs linear time.
    static let reach = 40

    init(lexicon: RelationLexicon, text: AnalyzedText, words: [String], sentence: SentenceSpan, mentions: [Mention], memory: inout ReferenceMemory) {
        self.lexicon = lexicon
        self.text = text
        self.words = words
        lo = sentence.tokens.lowerBound
        hi = sentence.tokens.upperBound
        slotAt = Array(repeating: -1, count: hi - lo)
        hitAt = Array(repeating: -1, count: hi - lo)
        buildSlotsAndHits(mentions: mentions, memory: &memory)
        firstEpistemic = (lo..<hi).first { cue($0, .epistemic) }
        markObliques()
        applyRoles(memory: &memory)
        applyPossessives()
        applyTriggers()
    }

    /// Entities named in the sentence (for co-mentions).
    var namedReferents: [Referent] {
        slots.filter(\.named).compactMap(\.candidates.first)
    }

    // MARK: - Building

    private mutating func buildSlotsAndHits(mentions: [Mention], memory: inout ReferenceMemory) {
        var mentionAt: [Int: Mention] = [:]
        for mention in mentions where mention.type.entityType != nil && mention.tokens.lowerBound >= lo && mention.tokens.upperBound <= hi {
            mentionAt[mention.tokens.lowerBound] = mention
        }
        var t = lo
        while t < hi {
            if let mention = mentionAt[t], let type = mention.type.entityType {
                let referent = Referent(name: mention.canonical, type: type)
                var end = mention.tokens.upperBound
                let possessive = end < hi && words[end] == "'s"
                if possessive { end += 1 }
                addSlot(Slot(tokens: t..<end, candidates: [referent], named: true, possessive: possessive))
                // `…, The Wall Street Journal reported.` names a source, not a topic.
                let attribution = end + 1 < hi && lexicon.contains(words[end], .reporting) && (end + 2 == hi || isHard(end + 1))
                if !attribution { memory.saw(referent) }
                t = end
                continue
            }
            let word = words[t]
            if lexicon.contains(word, .person) || lexicon.contains(word, .thing) {
                let isPerson = lexicon.contains(word, .person)
                var possessive = lexicon.contains(word, .possessive)
                if word == "her" { possessive = t + 1 < hi && text.tokens[t + 1].kind == .word && slotStart(t + 1) == nil }
                let personBefore = slots.contains { $0.named && $0.candidates.first?.type == .person }
                let candidates = !isPerson ? memory.nearbyThingCandidates()
                    : (word == "he" || word == "she") ? memory.subjectPronounCandidates(personNamedInSentence: personBefore)
                    : memory.candidates(.person)
                addSlot(Slot(tokens: t..<(t + 1), candidates: candidates, named: false, possessive: possessive, isIt: word == "it"))
                // `he's` is `he is`, not a possessive.
                t += (t + 1 < hi && words[t + 1] == "'s") ? 2 : 1
                continue
            }
            if word == "the", let end = anaphorEnd(from: t, mentionAt: mentionAt) {
                let noun = words[end - 1]
                var candidates: [Referent]
                if lexicon.contains(noun, .anaphorPerson) {
                    candidates = memory.candidates(.person)
                } else if lexicon.contains(noun, .anaphorOrganization) {
                    candidates = memory.candidates(.organization)
                } else if lexicon.contains(noun, .anaphorProduct) {
                    candidates = memory.candidates(.product)
                } else {
                    candidates = memory.thingCandidates()
                }
                // `the project` after `Stargate Project`: a name that contains the noun wins.
                candidates = candidates.filter { $0.name.lowercased().contains(noun) } + candidates.filter { !$0.name.lowercased().contains(noun) }
                let possessive = end < hi && words[end] == "'s"
                if let first = candidates.first { memory.mentioned(first) }
                addSlot(Slot(tokens: t..<(possessive ? end + 1 : end), candidates: candidates, named: false, possessive: possessive))
                t = possessive ? end + 1 : end
                continue
            }
            if let (length, rules) = matchTrigger(at: t, mentionAt: mentionAt) {
                hits.append(Hit(tokens: t..<(t + length), rules: rules))
                for u in t..<(t + length) { hitAt[u - lo] = hits.count - 1 }
                t += length
                continue
            }
            t += 1
        }
    }

    /// `the` + up to two words + an anaphoric noun (`the AI research lab`), not followed by `of`.
    private func anaphorEnd(from start: Int, mentionAt: [Int: Mention]) -> Int? {
        var t = start + 1
        while t < hi, t <= start + 3 {
            guard text.tokens[t].kind == .word, mentionAt[t] == nil else { return nil }
            let word = words[t]
            if isAnaphorNoun(word) {
                // `the founder of xAI` is a role, not a reference back.
                if t + 2 < hi, words[t + 1] == "of", mentionAt[t + 2] != nil || (words[t + 2] == "the" && t + 3 < hi && mentionAt[t + 3] != nil) { return nil }
                return t + 1
            }
            if lexicon.rules(for: [word]) != nil || lexicon.contains(word, .preposition) { return nil }
            t += 1
        }
        return nil
    }

    private func isAnaphorNoun(_ word: String) -> Bool {
        lexicon.contains(word, .anaphorPerson) || lexicon.contains(word, .anaphorOrganization)
            || lexicon.contains(word, .anaphorProduct) || lexicon.contains(word, .anaphorAny)
    }

    /// The longest trigger form starting at `start`; `-ly` adverbs may stand inside a form.
    private func matchTrigger(at start: Int, mentionAt: [Int: Mention]) -> (Int, [Int])? {
        guard text.tokens[start].kind == .word else { return nil }
        var key: [String] = []
        var best: (Int, [Int])?
        var t = start
        while t < hi, key.count < lexicon.longestForm {
            if mentionAt[t] != nil { break }
            let word = words[t]
            key.append(word)
            if let rules = lexicon.rules(for: key) { best = (t + 1 - start, rules) }
            guard lexicon.isPrefix(key) else { break }
            t += 1
            while t < hi, isAdverb(t), lexicon.rules(for: key + [words[t]]) == nil, !lexicon.isPrefix(key + [words[t]]) { t += 1 }
        }
        return best
    }

    private mutating func addSlot(_ slot: Slot) {
        slots.append(slot)
        for t in slot.tokens { slotAt[t - lo] = slots.count - 1 }
    }

    /// A slot preceded by a preposition (possibly through a determiner or a quote) is oblique.
    private mutating func markObliques() {
        // A possessor is a determiner, not the object of the preposition (`for his efforts`).
        for k in slots.indices where !slots[k].possessive {
            var t = slots[k].tokens.lowerBound - 1
            while t >= lo, isQuote(t) || (slot(t) == nil && ["the", "a", "an"].contains(words[t])) { t -= 1 }
            // `before he joined`: a clause word that is also a preposition opens a clause, and
            // `he`/`she` are never objects of a preposition.
            let nominative = ["he", "she"].contains(words[slots[k].tokens.lowerBound])
            if t >= lo, slot(t) == nil, hitAt[t - lo] < 0, lexicon.contains(words[t], .preposition), !lexicon.contains(words[t], .boundary), !nominative {
                slots[k].oblique = true
            }
        }
    }

    // MARK: - Token classes

    func slot(_ t: Int) -> Int? {
        guard t >= lo, t < hi else { return nil }
        let k = slotAt[t - lo]
        return k >= 0 ? k : nil
    }

    func slotStart(_ t: Int) -> Int? {
        guard let k = slot(t), slots[k].tokens.lowerBound == t else { return nil }
        return k
    }

    func slotEnd(_ t: Int) -> Int? {
        guard let k = slot(t), slots[k].tokens.upperBound == t + 1 else { return nil }
        return k
    }

    func hit(_ t: Int) -> Int? {
        guard t >= lo, t < hi else { return nil }
        let h = hitAt[t - lo]
        return h >= 0 ? h : nil
    }

    func punctuation(_ t: Int) -> String? {
        text.tokens[t].kind == .punctuation ? words[t] : nil
    }

    func isComma(_ t: Int) -> Bool { words[t] == "," }

    func isQuote(_ t: Int) -> Bool {
        ["\"", "\u{201C}", "\u{201D}", "'", "\u{2018}", "\u{00AB}", "\u{00BB}"].contains(words[t])
    }

    func isDash(_ t: Int) -> Bool { ["\u{2014}", "\u{2013}", "-", "--"].contains(words[t]) }

    /// Punctuation that ends a clause outright.
    func isHard(_ t: Int) -> Bool {
        guard let mark = punctuation(t) else { return false }
        return [".", ";", ":", "!", "?", "(", ")", "[", "]", "/", "|", "\u{2026}"].contains(mark) || isDash(t)
    }

    func isAdverb(_ t: Int) -> Bool {
        let word = words[t]
        return text.tokens[t].kind == .word && word.count > 4 && word.hasSuffix("ly")
    }

    /// A plain word: no slot, no trigger, not punctuation.
    func isPlain(_ t: Int) -> Bool {
        text.tokens[t].kind != .punctuation && slot(t) == nil && hit(t) == nil
    }

    func cue(_ t: Int, _ cue: RelationLexicon.Cue) -> Bool {
        slot(t) == nil && lexicon.contains(words[t], cue)
    }

    /// The other dash of a `— … —` pair, searching left.
    func dashPartner(_ t: Int) -> Int? {
        var u = t - 1
        while u >= max(lo, t - Self.reach) {
            if isDash(u) { return u }
            u -= 1
        }
        return nil
    }

    func text(_ range: Range<Int>) -> String {
        text.string(text.tokens[range.lowerBound].start, text.tokens[range.upperBound - 1].end)
    }

    // MARK: - Recording

    /// Records `kind` from every referent of `sources` to every referent of `targets`.
    mutating func emit(_ kind: RelationKind, sources: [Int], targets: [Int], trigger: Range<Int>) {
        for source in sources {
            for target in targets where source != target {
                guard let (from, to) = pick(source, target) else { continue }
                record(Found(source: from, target: to, kind: kind, trigger: text(trigger)))
            }
        }
    }

    /// Chooses referents for two slots so that they differ: an object pronoun or description
    /// does not refer to its own clause's subject (`Altman described the billionaire`).
    func pick(_ a: Int, _ b: Int) -> (Referent, Referent)? {
        for first in slots[a].candidates {
            if let second = slots[b].candidates.first(where: { $0 != first }) { return (first, second) }
        }
        return nil
    }

    mutating func record(_ relation: Found) {
        guard relation.source != relation.target,
              Self.admits(relation.kind, source: relation.source.type, target: relation.target.type) else { return }
        var normalized = relation
        if relation.kind.isSymmetric && relation.target.name < relation.source.name {
            normalized.source = relation.target
            normalized.target = relation.source
        }
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
