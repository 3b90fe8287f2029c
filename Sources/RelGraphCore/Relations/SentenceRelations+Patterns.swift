/// The patterns: roles, possessives, verbs (active and passive), nominalizations, reported
/// judgments and infixes, plus the subject/object searches they share.
extension SentenceRelations {
    enum SubjectMode {
        /// The nearest non-oblique noun phrase in the clause (finite verbs, infinitives).
        case normal
        /// The nearest noun phrase of any kind (`a tweet from Altman praising Hoffman`).
        case nearest
    }

    // MARK: - Roles

    /// `OpenAI CEO Sam Altman`, `Sam Altman, the CEO of OpenAI`, `founder of xAI`,
    /// `one of OpenAI's co-founders`, `OpenAI executives, including A and B`, and bare role
    /// descriptions (`the OpenAI CEO`) resolved through the document's role memory.
    mutating func applyRoles(memory: inout ReferenceMemory) {
        for h in hits.indices {
            guard let ruleIndex = firstRule(of: h, .role) else { continue }
            guard let kind = lexicon.rules[ruleIndex].kind else { continue }
            let role = hits[h].tokens
            let holderTypes = lexicon.rules[ruleIndex].holderBits
            // `OpenAI critic Elon Musk`, `a supporter of Trump`: opinions may be about people too.
            let opinion = kind == .criticized || kind == .praised
            var organization: Int?
            // `CEO of Tesla and SpaceX`, `Tesla and SpaceX CEO`.
            var organizations = SlotList()
            var npStart = role.lowerBound
            var npEnd = role.upperBound
            // ORG ROLE, or ORG's (adjective) ROLE.
            if let k = slotEnd(role.lowerBound - 1), usableTarget(k, person: opinion) {
                organization = k
                conjuncts(of: k, rightward: false, into: &organizations)
                keepUsableTargets(&organizations, person: opinion)
                npStart = organizations.isEmpty ? slots[k].tokens.lowerBound : lowestStart(of: organizations)
            } else {
                var t = role.lowerBound - 1
                while t >= lo, t >= role.lowerBound - 2, isPlain(t), !cue(t, .preposition), !cue(t, .determiner) { t -= 1 }
                if let k = slotEnd(t), slots[k].possessive, slots[k].named, usableTarget(k, person: opinion) {
                    organization = k
                    npStart = slots[k].tokens.lowerBound
                }
            }
            // ROLE of (the) ORG.
            if organization == nil, npEnd < hi, lexicon.rules[ruleIndex].prepositionIDs.contains(words.ids[npEnd]) {
                var t = npEnd + 1
                if t < hi, isWord(t, .the) { t += 1 }
                if let k = slotStart(t), usableTarget(k, person: opinion) {
                    organization = k
                    conjuncts(of: k, rightward: true, into: &organizations)
                    keepUsableTargets(&organizations, person: opinion)
                    npEnd = organizations.isEmpty ? slots[k].tokens.upperBound : highestEnd(of: organizations)
                }
            }
            guard let organization else { continue }
            if organizations.isEmpty { organizations = SlotList(organization) }
            // Adjectives after a determiner (`a vocal critic`), determiners and `one of` before
            // the phrase belong to it.
            for d in stride(from: npStart - 2, through: max(lo, npStart - 3), by: -1) where cue(d, .determiner) {
                if areAdjectives((d + 1)..<npStart) {
                    npStart = d
                }
                break
            }
            var s = npStart - 1
            while s >= lo, s >= npStart - 3, isPlain(s) {
                if cue(s, .determiner) || inGroup(s, .roleModifier) || (isWord(s, .of) && s > lo && isWord(s - 1, .one)) {
                    s -= 1
                } else {
                    break
                }
            }
            npStart = s + 1
            let possessiveEnd = npEnd < hi && isWord(npEnd, .possessiveS)

            var holders = SlotList()
            var compound = false
            if let k = slotStart(npEnd), !possessiveEnd, isHolder(k, holderTypes) {
                conjuncts(of: k, rightward: true, into: &holders)
                compound = true
            } else if lexicon.rules[ruleIndex].group, npEnd + 1 < hi, isComma(npEnd), isWord(npEnd + 1, .including), let k = slotStart(npEnd + 2), isHolder(k, holderTypes) {
                conjuncts(of: k, rightward: true, into: &holders)
            } else if npStart - 2 >= lo, isComma(npStart - 1), let k = slotEnd(npStart - 2), slots[k].named, isHolder(k, holderTypes) {
                holders = SlotList(k)
            } else if npEnd + 1 < hi, isComma(npEnd), let k = slotStart(npEnd + 1), isHolder(k, holderTypes),
                      slots[k].tokens.upperBound >= hi || isComma(slots[k].tokens.upperBound) || isHard(slots[k].tokens.upperBound) {
                holders = SlotList(k)
            } else if npStart - 2 >= lo, inGroup(npStart - 1, .copula) {
                var t = npStart - 2
                while t > lo, inGroup(t, .holderSkip) || isAdverb(t) { t -= 1 }
                if cue(t, .relative) { t -= 1 }
                if t >= lo, isComma(t) { t -= 1 }
                if let k = slotEnd(t), isHolder(k, holderTypes) { holders = SlotList(k) }
            }
            hits[h].consumed = true
            let organizationReferent = pool[slots[organization].candidates.lowerBound]
            for holder in holders {
                emit(kind, source: holder, targets: organizations, trigger: role)
                if let referent = firstCandidate(holder), slots[holder].named {
                    memory.remember(holder: referent, organization: organizationReferent, row: lexicon.rules[ruleIndex].row)
                }
            }
            for k in organizations { slots[k].suppressed = true }
            if compound, let holder = holders.first {
                // `OpenAI CEO Sam Altman` is one phrase that names Sam Altman.
                let end = slots[holder].tokens.upperBound
                slots[holder].tokens = npStart..<end
                for t in npStart..<end { slotAt[t] = Int32(holder) }
                slots[holder].oblique = npStart > lo && has(npStart - 1, .preposition) && slot(npStart - 1) == nil
                continue
            }
            var candidates = pool.count..<pool.count
            if !holders.isEmpty, !lexicon.rules[ruleIndex].group {
                candidates = slots[holders[0]].candidates
            } else if let remembered = memory.holder(organization: organizationReferent, row: lexicon.rules[ruleIndex].row) {
                pool.append(remembered)
                candidates = (pool.count - 1)..<pool.count
            } else if lexicon.rules[ruleIndex].group {
                // `OpenAI executives said`: the group speaks for its organization.
                pool.append(organizationReferent)
                candidates = (pool.count - 1)..<pool.count
            }
            let end = possessiveEnd ? npEnd + 1 : npEnd
            var phrase = Slot(tokens: npStart..<end, candidates: candidates, named: false, possessive: possessiveEnd)
            phrase.oblique = npStart > lo && has(npStart - 1, .preposition) && slot(npStart - 1) == nil
            phrase.roleKind = kind
            phrase.roleOrganizations = organizationPool.count..<(organizationPool.count + organizations.count)
            organizationPool.append(contentsOf: organizations)
            slots.append(phrase)
            for t in npStart..<end where slotAt[t] < 0 || slots[Int(slotAt[t])].suppressed || organizations.contains(Int(slotAt[t])) {
                slotAt[t] = Int32(slots.count - 1)
            }
        }
    }

    /// Plain lowercase words that may stand between a determiner and a role (`a vocal critic`).
    private mutating func areAdjectives(_ range: Range<Int>) -> Bool {
        for t in range where !(isPlain(t) && !text.tokens[t].isCapitalized && !cue(t, .preposition) && !cue(t, .boundary) && !cue(t, .be) && !cue(t, .joiner) && !cue(t, .relative)) {
            return false
        }
        return true
    }

    /// The first of hit `h`'s rules of class `triggerClass`.
    mutating func firstRule(of h: Int, _ triggerClass: RelationLexicon.TriggerClass) -> Int? {
        guard hits[h].classes & Self.classBit(triggerClass) != 0 else { return nil }
        for position in hits[h].rules {
            let index = lexicon.ruleIndex(at: position)
            if lexicon.rules[index].triggerClass == triggerClass { return index }
        }
        return nil
    }

    /// Keeps the slots of `list` that `usableTarget(_:person:)` accepts, in order.
    private mutating func keepUsableTargets(_ list: inout SlotList, person: Bool) {
        var kept = 0
        for index in list.indices where usableTarget(list[index], person: person) {
            list[kept] = list[index]
            kept += 1
        }
        list.removeLast(list.count - kept)
    }

    private mutating func lowestStart(of list: SlotList) -> Int {
        var result = Int.max
        for k in list { result = min(result, slots[k].tokens.lowerBound) }
        return result
    }

    private mutating func highestEnd(of list: SlotList) -> Int {
        var result = Int.min
        for k in list { result = max(result, slots[k].tokens.upperBound) }
        return result
    }

    private mutating func usableTarget(_ k: Int, person: Bool) -> Bool {
        !slots[k].suppressed && slots[k].named && firstCandidate(k).map { person || $0.type != .person } == true
    }

    /// Whether slot `k` refers to an entity of one of the types `types` (`Rule.bit(of:)`).
    private mutating func isHolder(_ k: Int, _ types: UInt8) -> Bool {
        !slots[k].suppressed && firstCandidate(k).map { types & RelationLexicon.Rule.bit(of: $0.type) != 0 } == true
    }

    // MARK: - Possessives

    /// `OpenAI's Javier Soto` (works for), `xAI's Grok` (owns), `Google's DeepMind` (part of),
    /// `his AI venture xAI` / `its flagship product, ChatGPT` (owns). A person's bare possessive
    /// on an organization (`Musk's xAI`) is left alone: owner, leader and critic read the same.
    mutating func applyPossessives() {
        for k in slots.indices where slots[k].possessive && !slots[k].suppressed && !slots[k].candidates.isEmpty {
            var t = slots[k].tokens.upperBound
            var count = 0
            var ownable = false
            var comma = false
            var target: Int?
            while t < hi {
                if let y = slotStart(t) { target = y; break }
                if isComma(t) {
                    guard ownable, !comma else { break }
                    comma = true
                    t += 1
                    continue
                }
                guard isPlain(t), !comma else { break }
                if cue(t, .preposition) || cue(t, .determiner) || cue(t, .boundary) || cue(t, .joiner) || cue(t, .relative) || cue(t, .be) { break }
                count += 1
                if count > 3 { break }
                if has(t, .ownable) { ownable = true }
                t += 1
            }
            guard let y = target, !slots[y].suppressed, slots[y].named || slots[y].roleKind != nil, !slots[y].candidates.isEmpty else { continue }
            let after = slots[y].tokens.upperBound
            if after < hi, let h = self.hit(after), hasPrenominalRule(h) { continue }
            if !ownable, after < hi, isPlain(after), has(after, .ownable) { ownable = true }
            slots[k].link = y
            guard let (owner, owned) = pick(k, y) else { continue }
            // The trigger is the possessive and the words up to the name: `'s`, `his AI venture`.
            var markerEnd = slots[y].tokens.lowerBound
            while markerEnd > slots[k].tokens.upperBound, isComma(markerEnd - 1) { markerEnd -= 1 }
            let marker = triggerText((slots[k].named ? slots[k].tokens.upperBound - 1 : slots[k].tokens.lowerBound)..<markerEnd)
            if ownable {
                record(Found(source: owner, target: owned, kind: .owns, trigger: marker))
                continue
            }
            switch (owner.type, owned.type) {
            case (.organization, .person): record(Found(source: owned, target: owner, kind: .worksFor, trigger: marker))
            case (.organization, .product): record(Found(source: owner, target: owned, kind: .owns, trigger: marker))
            case (.organization, .organization): record(Found(source: owned, target: owner, kind: .partOf, trigger: marker))
            default: break
            }
        }
    }

    /// Whether hit `h` has a rule of class `triggerClass`.
    private mutating func hasRule(_ h: Int, _ triggerClass: RelationLexicon.TriggerClass) -> Bool {
        hits[h].classes & Self.classBit(triggerClass) != 0
    }

    private mutating func hasPrenominalRule(_ h: Int) -> Bool {
        for position in hits[h].rules where lexicon.rules[lexicon.ruleIndex(at: position)].prenominal { return true }
        return false
    }

    // MARK: - Triggers

    /// Reads every trigger the role pass left, in sentence order: each of its rules is tried
    /// until one states a relation (or is blocked by negation).
    mutating func applyTriggers() {
        var creation: (end: Int, object: SlotList)?  // end of the created thing's phrase
        for h in hits.indices where !hits[h].consumed {
            let hit = hits[h].tokens
            // After a determiner or a possessor the word is a noun: no verb reading.
            let nounOnly = prefersNoun(hit)
            for position in hits[h].rules {
                let r = lexicon.ruleIndex(at: position)
                guard nounOnly ? lexicon.rules[r].triggerClass == .noun : lexicon.rules[r].triggerClass != .role else { continue }
                var objects = SlotList()
                let done: Bool
                switch lexicon.rules[r].triggerClass {
                case .verb:
                    // `founded xAI, to compete with …`: the purpose clause right after a creation
                    // verb's object is about the thing created.
                    var purpose: SlotList?
                    if let created = creation, hit.lowerBound - 1 > created.end, isWord(hit.lowerBound - 1, .to), isPunctuationOrAdverbs(created.end..<(hit.lowerBound - 1)) {
                        purpose = created.object
                    }
                    done = lexicon.rules[r].kind == nil ? applyJudgment(hit) : applyVerb(r, hit, purposeSubject: purpose, objects: &objects)
                case .noun: done = applyNoun(r, hit)
                case .infix: done = applyInfix(r, hit)
                case .role: done = false
                }
                if done {
                    if let kind = lexicon.rules[r].kind, kind == .founded || kind == .owns, !objects.isEmpty {
                        creation = (highestEnd(of: objects), objects)
                    }
                    break
                }
            }
        }
    }

    /// Only commas, quotes and adverbs in `range`.
    private mutating func isPunctuationOrAdverbs(_ range: Range<Int>) -> Bool {
        for t in range where !(isComma(t) || isQuote(t) || isAdverb(t)) { return false }
        return true
    }

    /// After a determiner or a possessor the word is a noun (`a lawsuit`, `Musk's attacks`).
    private mutating func prefersNoun(_ hit: Range<Int>) -> Bool {
        if hit.upperBound < hi, isWord(hit.upperBound, .from) { return true }
        var before = hit.lowerBound - 1
        var adjectives = 0
        while before >= lo {
            if let k = slotEnd(before) { return slots[k].possessive && (adjectives == 0 || takesAdjectives(hit)) }
            if cue(before, .determiner) { return adjectives == 0 || takesAdjectives(hit) }
            // A plural noun is not an adjective: `the companies competing with` is a participle.
            let plural = flag(before, DocumentWords.Flag.plural)
            guard isPlain(before), !cue(before, .preposition), !cue(before, .be), !plural, adjectives < 2 else { return false }
            adjectives += 1
            before -= 1
        }
        return false
    }

    /// Whether words before the hit may be its adjectives: `the financial backing` (adjective,
    /// noun) but `the board sued` (noun, verb). Asked only past an adjective, which few hits
    /// have (made for every hit, about 1.3 M instructions on synth10).
    private mutating func takesAdjectives(_ hit: Range<Int>) -> Bool {
        flag(hit.lowerBound, DocumentWords.Flag.ing) || !hasRule(Int(hitAt[hit.lowerBound]), .verb)
    }

    /// Whether negation, a hypothetical, a condition or a reported belief governs the trigger.
    mutating func isBlocked(_ hit: Range<Int>) -> Bool {
        if let firstEpistemic, firstEpistemic < hit.lowerBound { return true }
        var t = hit.lowerBound - 1
        var sameSegment = true
        let floor = max(lo, hit.lowerBound - Self.reach)
        while true {
            t = lastBlockSearchStop(from: t, floor: floor)
            guard t >= floor else { return false }
            if isHard(t) { return false }
            if isComma(t) { sameSegment = false }
            if slot(t) == nil, self.hit(t) == nil {
                if sameSegment, cue(t, .negation) || flag(t, DocumentWords.Flag.negated) || (cue(t, .hypothetical) && !(isWord(t, .may) && text.tokens[t].isCapitalized && t > lo)) { return true }
                // `denied that it had …`: a negated or doubted `that` clause states nothing.
                if cue(t, .boundary) {
                    return cue(t, .conditional) || (isWord(t, .that) && t > lo && (cue(t - 1, .negation) || cue(t - 1, .epistemic)))
                }
            }
            t -= 1
        }
    }

    /// Whether an attempt word (`offered to`, `bid to`, `efforts to`) precedes in the clause.
    mutating func isConative(_ hit: Range<Int>) -> Bool {
        var t = hit.lowerBound - 1
        while t >= max(lo, hit.lowerBound - Self.reach), !isHard(t), !isComma(t) {
            if cue(t, .boundary) { return false }
            if cue(t, .conative) { return true }
            t -= 1
        }
        return false
    }

    /// Subject–verb–object, or passive `was X-ed by` / reduced `X-ed by` with the agent after `by`.
    ///
    /// The pattern functions take their rule as an index `r` into `lexicon.rules` and read its
    /// fields in place: binding a `Rule` would copy (retain) the sets it holds.
    mutating func applyVerb(_ r: Int, _ hit: Range<Int>, purposeSubject: SlotList?, objects: inout SlotList) -> Bool {
        guard var kind = lexicon.rules[r].kind else { return false }
        if isBlocked(hit) { return true }
        var reverse = lexicon.rules[r].reverse
        if let conative = lexicon.rules[r].conative, isConative(hit) {
            kind = conative
            reverse = false
        }
        let ing = flag(hit.lowerBound, DocumentWords.Flag.ing)
        var passiveAux = false
        var byIndex: Int?
        if !ing {
            var t = hit.lowerBound - 1
            while t >= lo, isAdverb(t) || inGroup(t, .passiveSkip) {
                if isWord(t, .been) || isWord(t, .being) { passiveAux = true }
                t -= 1
            }
            if t >= lo, cue(t, .be) { passiveAux = true }
            var u = hit.upperBound
            while u < hi, isAdverb(u) { u += 1 }
            if u < hi, isWord(u, .by) { byIndex = u }
            // `was co-founded in 2001 by …`: after a passive auxiliary the agent may follow a
            // short phrase.
            var w = u
            while passiveAux, byIndex == nil, w < min(hi, u + 5), slot(w) == nil, !isComma(w), !isHard(w), !isPredicate(w) {
                if isWord(w, .by) { byIndex = w }
                w += 1
            }
        }
        // The targets are written into `objects`, which the caller reads, and the lists filled
        // in place rather than returned (each a copy of over 100 bytes).
        var sources = SlotList()
        if passiveAux || byIndex != nil {
            guard let byIndex, let agent = slotWithin(from: byIndex + 1, gap: 3) else { return passiveAux }
            guard let patient = subject(before: hit.lowerBound, mode: passiveAux ? .normal : .nearest) else { return false }
            conjuncts(of: head(agent), rightward: true, into: &sources)
            conjuncts(of: patient, rightward: false, into: &objects)
        } else {
            let mode: SubjectMode = isReducedParticiple(hit) ? .nearest : .normal
            // `joined Acme after leaving Globex`: a gerund after a clause word has the main subject.
            let afterClauseWord = ing && hit.lowerBound > lo && inGroup(hit.lowerBound - 1, .clauseWord)
            // `met at the conservatory`: a verb used without its object, unless the form ends in
            // its own preposition (`competes with`).
            var next = hit.upperBound
            while next < hi, isAdverb(next) || isQuote(next) { next += 1 }
            if next < hi, slot(next) == nil, cue(next, .preposition), !has(hit.upperBound - 1, .preposition) { return false }
            guard let subject = purposeSubject.map({ $0[0] })
                    ?? (afterClauseWord ? mainSubject(before: hit.lowerBound - 1) : subject(before: hit.lowerBound, mode: mode)) else { return false }
            // `stepped down as chief executive of Acme`: leaving a role leaves its organization.
            if kind == .left, let phrase = roleAfter(hit.upperBound), let organizations = roleOrganizations(of: phrase) {
                emit(kind, source: subject, targets: organizations, trigger: hit)
                return true
            }
            guard let object = object(after: hit.upperBound, gap: 4, prepositionsOf: r) else { return false }
            // `Acme named Jane Roe chief executive`: the role's kind, from the appointee to the subject.
            if lexicon.rules[r].appoint {
                // `named Musk head of DOGE`: a role phrase with its own organization.
                if let phrase = roleAfter(slots[object].tokens.upperBound), let roleKind = slots[phrase].roleKind, let organizations = roleOrganizations(of: phrase) {
                    emit(roleKind, source: object, targets: organizations, trigger: hit)
                    return true
                }
                guard let roleKind = appointedRole(after: slots[object].tokens.upperBound) else { return false }
                emit(roleKind, source: object, target: subject, trigger: hit)
                return true
            }
            if let purposeSubject { sources = purposeSubject } else { conjuncts(of: subject, rightward: false, into: &sources) }
            conjuncts(of: object, rightward: true, into: &objects)
        }
        // `made it clear`: a typed object is never the pronoun `it`.
        if let type = lexicon.rules[r].objectType, !allHaveType(objects, type) { return false }
        // The lists passed in their roles, not swapped: a swap copied both (over 100 bytes
        // each) through a third, about 2.7 M instructions on synth10.
        if reverse {
            emit(kind, sources: objects, targets: sources, trigger: hit)
        } else {
            emit(kind, sources: sources, targets: objects, trigger: hit)
        }
        return true
    }

    /// Whether every slot of `list` refers to an entity of `type` (and is not `it`).
    private mutating func allHaveType(_ list: SlotList, _ type: EntityType) -> Bool {
        for k in list where slots[k].isIt || firstCandidate(k)?.type != type { return false }
        return true
    }

    /// `called Musk a "jerk"`, `described the billionaire as one of his heroes`: the kind comes
    /// from the sentiment words after the object; with none, nothing is stated.
    mutating func applyJudgment(_ hit: Range<Int>) -> Bool {
        if isBlocked(hit) { return true }
        guard let subject = subject(before: hit.lowerBound, mode: isReducedParticiple(hit) ? .nearest : .normal),
              let object = object(after: hit.upperBound, gap: 3) else { return false }
        var positive = 0
        var negative = 0
        var t = slots[object].tokens.upperBound
        var count = 0
        while t < hi, count < 12, !isHard(t) {
            // Words of descriptions count (`the best company`), names do not.
            if slot(t).map({ !slots[$0].named }) ?? true {
                if cue(t, .boundary) { break }
                if flag(t, DocumentWords.Flag.complex) {
                    let word = self.word(t)
                    for part in word.split(separator: "-").map(String.init) + [word] {
                        if lexicon.contains(part, .positive) { positive += 1 }
                        if lexicon.contains(part, .negative) { negative += 1 }
                    }
                } else {
                    // A word without a hyphen is its own only part: it counts twice.
                    if has(t, .positive) { positive += 2 }
                    if has(t, .negative) { negative += 2 }
                }
            }
            count += 1
            t += 1
        }
        guard positive != negative else { return false }
        emit(negative > positive ? .criticized : .praised, source: subject, target: object, trigger: hit)
        return true
    }

    /// Nominalizations: `Musk's lawsuit against OpenAI`, `a lawsuit from Elon Musk`,
    /// `partnership with Microsoft`, `Musk's $97.4 billion OpenAI buyout`, `rivalry between A and B`.
    mutating func applyNoun(_ r: Int, _ hit: Range<Int>) -> Bool {
        guard var kind = lexicon.rules[r].kind else { return false }
        if isBlocked(hit) { return true }
        if let conative = lexicon.rules[r].conative, isConative(hit) { kind = conative }
        // Agent: a possessor before the noun, across adjectives, amounts and one prenominal name.
        var agent = SlotList()
        var prenominal: Int?
        var t = hit.lowerBound - 1
        var steps = 0
        while t >= lo, steps < 6 {
            if let k = slot(t) {
                if slots[k].possessive {
                    if !slots[k].suppressed { conjuncts(of: k, rightward: false, into: &agent) }
                    break
                }
                if prenominal != nil || slots[k].suppressed || t != hit.lowerBound - 1 { break }
                prenominal = k
                t = slots[k].tokens.lowerBound - 1
                steps += 1
                continue
            }
            guard !isComma(t), !isHard(t), self.hit(t) == nil, !cue(t, .determiner), !cue(t, .preposition) else { break }
            t -= 1
            steps += 1
        }
        // Patient: after one of the rule's prepositions, or the prenominal name.
        var patient = SlotList()
        var u = hit.upperBound
        while u < hi, isQuote(u) { u += 1 }
        let formEndsInPreposition = has(hit.upperBound - 1, .preposition)
        if formEndsInPreposition, let k = slotWithin(from: hit.upperBound, gap: 3) {
            conjuncts(of: head(k), rightward: true, into: &patient)
        } else if u < hi, lexicon.rules[r].prepositionIDs.contains(words.ids[u]), let k = slotWithin(from: u + 1, gap: 3) {
            conjuncts(of: head(k), rightward: true, into: &patient)
            if isWord(u, .between), agent.isEmpty, patient.count >= 2 {
                agent = SlotList(patient[0])
                patient.removeFirst()
            }
        } else if lexicon.rules[r].prenominal, let prenominal {
            patient = SlotList(prenominal)
        }
        // An agent introduced by `from`/`by` (`attacks from Musk`, `backing from … OpenAI`).
        var v = hit.upperBound
        var window = 0
        var fromAgent = false
        if agent.isEmpty {
            while v < hi, window < 8, !isHard(v) {
                if inGroup(v, .agentPreposition), slot(v) == nil, let k = slotWithin(from: v + 1, gap: 3, through: [.introducer]) {
                    conjuncts(of: head(k), rightward: true, into: &agent)
                    fromAgent = true
                    break
                }
                if slot(v) != nil || self.hit(v) != nil || isComma(v) { break }
                v += 1
                window += 1
            }
        }
        if agent.isEmpty, !patient.isEmpty {
            if kind.isSymmetric {
                let after = slots[patient[patient.count - 1]].tokens.upperBound
                if let k = nearestBefore(hit.lowerBound) ?? subject(before: hit.lowerBound, mode: .normal) ?? subjectOfNextSegment(after: after) { agent = SlotList(k) }
            } else if let k = subject(before: hit.lowerBound, mode: .normal) {
                conjuncts(of: k, rightward: false, into: &agent)
            }
        }
        if patient.isEmpty, fromAgent {
            if let k = subject(before: hit.lowerBound, mode: .normal) ?? subjectOfNextSegment(after: v) { patient = SlotList(k) }
        }
        // `Initech and Umbrella signed a partnership`: a symmetric noun relates a listed subject.
        if kind.isSymmetric, agent.isEmpty, patient.isEmpty, let k = subject(before: hit.lowerBound, mode: .normal) {
            conjuncts(of: k, rightward: false, into: &agent)
        }
        // `Musk and Altman's feud`: a symmetric noun relates its conjoined possessors.
        if kind.isSymmetric, patient.isEmpty, agent.count >= 2 {
            patient = agent
            patient.removeFirst()
            agent = SlotList(agent[0])
        }
        guard !agent.isEmpty, !patient.isEmpty else { return false }
        emit(kind, sources: agent, targets: patient, trigger: hit)
        return true
    }

    /// `Musk vs. Altman`.
    mutating func applyInfix(_ r: Int, _ hit: Range<Int>) -> Bool {
        guard let kind = lexicon.rules[r].kind, let left = slotEnd(hit.lowerBound - 1), let right = slotStart(hit.upperBound),
              !slots[left].candidates.isEmpty, !slots[right].candidates.isEmpty else { return false }
        emit(kind, source: left, target: right, trigger: hit)
        return true
    }

    /// A participle right after a noun (`comments praising`, `a tweet from Altman praising`)
    /// takes the nearest noun phrase as its subject.
    mutating func isReducedParticiple(_ hit: Range<Int>) -> Bool {
        let ing = flag(hit.lowerBound, DocumentWords.Flag.ing)
        guard ing || flag(hit.lowerBound, DocumentWords.Flag.ed), hit.lowerBound > lo else { return false }
        let before = hit.lowerBound - 1
        if slotEnd(before) != nil { return ing }
        return isPlain(before) && !cue(before, .preposition) && !cue(before, .be) && !cue(before, .joiner)
            && !cue(before, .determiner) && !isWord(before, .to) && !isAdverb(before) && !cue(before, .conative)
            && !inGroup(before, .participleBlock) && ing
    }

    // MARK: - Searches

    /// The subject of a trigger starting at `start`: searched leftwards in the clause; across
    /// commas it skips relative clauses, appositions and participle phrases.
    mutating func subject(before start: Int, mode: SubjectMode) -> Int? {
        let floor = max(lo, start - Self.reach)
        var t = start - 1
        while t >= floor {
            if passesInSubjectSearch(t) {
                t -= 1
                continue
            }
            if let k = slot(t) {
                let candidate = slots[k]
                t = candidate.tokens.lowerBound - 1
                if candidate.suppressed { continue }
                if mode == .nearest { return candidate.candidates.isEmpty ? nil : k }
                if candidate.oblique || candidate.isIt { continue }
                return candidate.candidates.isEmpty ? nil : k
            }
            if cue(t, .relative) || (isWord(t, .that) && slotEnd(t - 1) != nil) { return antecedent(of: t) }
            if isComma(t) { break }
            if isDash(t) {
                guard let partner = dashPartner(t) else { return nil }
                t = partner - 1
                continue
            }
            if isHard(t) || cue(t, .boundary) { return nil }
            t -= 1
        }
        guard t >= floor else { return nil }
        // Earlier segments of the same clause: the first plain subject of a main segment.
        var end = t
        while end > floor {
            var segmentStart = end - 1
            while segmentStart >= floor, !isComma(segmentStart), !isHard(segmentStart) { segmentStart -= 1 }
            let segment = (segmentStart + 1)..<end
            if !segment.isEmpty, !isParenthetical(segment, atClauseStart: segmentStart < lo || !isComma(segmentStart)) {
                for u in segment {
                    guard let k = slotStart(u) else { continue }
                    let candidate = slots[k]
                    if candidate.suppressed || candidate.oblique || candidate.possessive || candidate.isIt { continue }
                    return candidate.candidates.isEmpty ? nil : k
                }
            }
            guard segmentStart >= lo, isComma(segmentStart) else { return nil }
            end = segmentStart
        }
        return nil
    }

    /// Relative clauses, appositions, participle phrases and subordinate clauses do not hold
    /// the main clause's subject.
    private mutating func isParenthetical(_ segment: Range<Int>, atClauseStart: Bool) -> Bool {
        var first = segment.lowerBound
        while first < segment.upperBound, isQuote(first) { first += 1 }
        guard first < segment.upperBound else { return true }
        if let k = slot(first) {
            if slots[k].roleKind != nil { return !atClauseStart }
            var end = slots[k].tokens.upperBound
            while end < segment.upperBound, isQuote(end) { end += 1 }
            // A lone name between commas is an apposition, unless it opens the clause (`Musk, who …, said`).
            return end == segment.upperBound && !atClauseStart
        }
        if cue(first, .relative) || cue(first, .determiner) || cue(first, .boundary) || cue(first, .joiner) { return true }
        return text.tokens[first].kind == .word && !text.tokens[first].isCapitalized
            && words.masks[first] & DocumentWords.maskBits(DocumentWords.Flag.ing | DocumentWords.Flag.ed) != 0
    }

    /// The first plain subject of the clause that ends at `end` (`Jane Roe, 54, joined Acme
    /// after …` → Jane Roe); a clause that starts the sentence lends its subject from the next
    /// segment (`After leaving Acme, Roe …`).
    mutating func mainSubject(before end: Int) -> Int? {
        var start = end - 1
        while start >= max(lo, end - Self.reach), !isHard(start), !cue(start, .boundary) { start -= 1 }
        var t = start + 1
        var segmentStart = t
        while t < end {
            if isComma(t) { segmentStart = t + 1 }
            if let k = slotStart(t) {
                let candidate = slots[k]
                let segment = segmentStart..<end
                if !candidate.suppressed, !candidate.oblique, !candidate.possessive, !candidate.isIt,
                   !isParenthetical(segment, atClauseStart: segmentStart == start + 1) || segmentStart == start + 1 {
                    return candidate.candidates.isEmpty ? nil : k
                }
                t = candidate.tokens.upperBound
                continue
            }
            t += 1
        }
        return t == start + 1 ? subjectOfNextSegment(after: end + 1) : nil
    }

    /// The noun phrase a relative pronoun refers to: the slot right before it (`Musk, who …`).
    private mutating func antecedent(of relative: Int) -> Int? {
        var t = relative - 1
        if t >= lo, isComma(t) { t -= 1 }
        guard let k = slotEnd(t), !slots[k].suppressed, !slots[k].candidates.isEmpty else { return nil }
        return k
    }

    /// The object after a trigger: the first slot within `gap` words, not crossing a comma,
    /// a clause boundary or another trigger.
    ///
    /// - Parameter rule: The index of the rule whose prepositions (`prepositionIDs`) lead on
    ///   past a noun, or `nil`: an index, since the list passed from `self` into this
    ///   `mutating` method would be copied (a retain and a release per call).
    mutating func object(after start: Int, gap: Int, prepositionsOf rule: Int? = nil) -> Int? {
        var t = start
        var count = 0
        var noun = false
        while t < hi {
            if passesInObjectSearch(t) {
                noun = true
                count += 1
                if count > gap { return nil }
                t += 1
                continue
            }
            if let k = slot(t) {
                if slots[k].suppressed {
                    t = slots[k].tokens.upperBound
                    continue
                }
                return slots[k].candidates.isEmpty ? nil : head(k)
            }
            if isQuote(t) {
                t += 1
                continue
            }
            if isComma(t) || isHard(t) || isPredicate(t) || cue(t, .boundary) || cue(t, .relative) { return nil }
            // `taking over the responsibility for the group`: past a noun only `of` (or the
            // verb's own prepositions: `poach talent from`) leads on to the object.
            if cue(t, .preposition) {
                if noun, !isWord(t, .of), !(rule.map { lexicon.rules[$0].prepositionIDs.contains(words.ids[t]) } ?? false) { return nil }
            } else if !cue(t, .determiner) {
                noun = true
            }
            count += 1
            if count > gap { return nil }
            t += 1
        }
        return nil
    }

    /// The first slot starting within `gap` plain words of `start` (words of the `through`
    /// classes do not count).
    mutating func slotWithin(from start: Int, gap: Int, through: [RelationLexicon.Cue] = []) -> Int? {
        var t = start
        var count = 0
        while t < hi {
            if let k = slotStart(t) { return slots[k].suppressed || slots[k].candidates.isEmpty ? nil : k }
            if isQuote(t) {
                t += 1
                continue
            }
            if isComma(t) || isHard(t) || isPredicate(t) || slot(t) != nil { return nil }
            if !through.contains(where: { cue(t, $0) }) { count += 1 }
            if count > gap { return nil }
            t += 1
        }
        return nil
    }

    /// A trigger that can state a relation itself; a bare role noun (`engineers`) is just a noun.
    mutating func isPredicate(_ t: Int) -> Bool {
        guard let h = self.hit(t) else { return false }
        return hits[h].classes & ~Self.classBit(.role) != 0
    }

    /// A role phrase right after `start`, through `as` and determiners (`as the CEO of Acme`).
    mutating func roleAfter(_ start: Int) -> Int? {
        var t = start
        while t < min(hi, start + 3), slot(t) == nil, isWord(t, .asWord) || cue(t, .determiner) { t += 1 }
        guard let k = slotStart(t), slots[k].roleKind != nil else { return nil }
        return k
    }

    /// The kind of a bare role noun after an appointee (`… Jane Roe (as) (its) chief executive`).
    mutating func appointedRole(after start: Int) -> RelationKind? {
        var t = start
        while t < min(hi, start + 4), self.hit(t) == nil, slot(t).map({ !slots[$0].named && slots[$0].possessive }) ?? (isWord(t, .asWord) || cue(t, .determiner) || inGroup(t, .appointModifier)) {
            t += 1
        }
        guard let h = self.hit(t), !hits[h].consumed else { return nil }
        return firstRule(of: h, .role).flatMap { lexicon.rules[$0].kind }
    }

    /// A possessive that determines a named phrase stands for that phrase (`his startup, xAI`).
    @inline(__always)
    func head(_ k: Int) -> Int { slots[k].link >= 0 ? slots[k].link : k }

    /// The organizations of role phrase slot `k` (`CEO of Acme` → Acme), or `nil` for a slot
    /// that is no role phrase.
    mutating func roleOrganizations(of k: Int) -> [Int]? {
        guard slots[k].roleKind != nil else { return nil }
        return Array(organizationPool[slots[k].roleOrganizations])
    }

    /// The nearest slot before `start` in the sentence, any role (`its partnership with …`).
    private mutating func nearestBefore(_ start: Int) -> Int? {
        var t = start - 1
        while t >= max(lo, start - Self.reach), !isHard(t) {
            if let k = slot(t), !slots[k].suppressed, !slots[k].candidates.isEmpty { return k }
            t -= 1
        }
        return nil
    }

    /// `amid attacks from Musk, Altman said`: the subject of the segment after the comma.
    private mutating func subjectOfNextSegment(after start: Int) -> Int? {
        let limit = min(hi, start + Self.reach)
        var t = start
        while t < limit, !isComma(t) {
            if isHard(t) { return nil }
            t += 1
        }
        t += 1
        while t < limit, !isComma(t), !isHard(t) {
            if let k = slotStart(t), !slots[k].suppressed, !slots[k].oblique, !slots[k].candidates.isEmpty, !slots[k].possessive { return k }
            if self.hit(t) != nil { return nil }
            t += 1
        }
        return nil
    }

    /// The slot and the items listed with it: `OpenAI, Oracle and SoftBank`,
    /// `OpenAI and other players like Google's DeepMind and Anthropic`.
    ///
    /// Most slots stand alone, so the result usually is `[k]`: a `SlotList`, held inline, so
    /// that a call neither allocates nor retains (an array of shared singletons, retained and
    /// released per call, cost some 8 M instructions on synth10). Written into `result`
    /// (replacing what it held), the caller's list: returned, the list was built in the callee
    /// and copied out, over 100 bytes a call.
    ///
    /// Items listed without a conjunction yet wait in `result` past its first
    /// `confirmed` entries, where a conjunction would append them anyway, and are dropped at
    /// the end if none comes: a second inline list of them was zeroed and copied per call.
    mutating func conjuncts(of k: Int, rightward: Bool, into result: inout SlotList) {
        result.removeAll()
        result.append(k)
        var confirmed = 1
        var sawConjunction = false
        var current = k
        // Lists longer than this are not read as one argument: it bounds the work per trigger.
        while result.count < 24 {
            var t = rightward ? slots[current].tokens.upperBound : slots[current].tokens.lowerBound - 1
            var joiner = false
            var conjunction = false
            var introducer = false
            var others = 0
            var next: Int?
            var length = 0
            while t >= lo, t < hi, length < 6 {
                if passesInList(t) {
                    others += 1
                    if others > 2 { break }
                    length += 1
                    t += rightward ? 1 : -1
                    continue
                }
                if let s = slot(t) {
                    if !slots[s].suppressed { next = s }
                    break
                }
                if isQuote(t) {
                    t += rightward ? 1 : -1
                    continue
                }
                if isComma(t) {
                    joiner = true
                } else if isHard(t) || isPredicate(t) {
                    break
                } else if inGroup(t, .conjunction) {
                    joiner = true
                    conjunction = true
                } else if cue(t, .introducer) || isWord(t, .well) {
                    introducer = true
                } else {
                    others += 1
                    if others > 2 { break }
                }
                length += 1
                t += rightward ? 1 : -1
            }
            guard var found = next, joiner || introducer, others == 0 || introducer, !slots[found].candidates.isEmpty else { break }
            if rightward { found = head(found) } else if slots[found].possessive { break }
            result.append(found)
            if conjunction || introducer {
                // The pending items and `found`.
                confirmed = result.count
                sawConjunction = true
            } else if !rightward && sawConjunction {
                // Leftwards the `and` comes first: `Acme, Globex and Initech`. (No item is
                // pending: leftwards, none is once a conjunction was seen.)
                confirmed = result.count
            }
            current = found
        }
        result.removeLast(result.count - confirmed)
    }


    // MARK: - Words the searches pass over

    /// Whether the leftward search of `isBlocked(_:)` passes over token `t` without a look at
    /// it: no clause mark, comma, negation or boundary word. One test of the tables where the
    /// search would make five (and most words of a clause pass).
    @inline(__always)
    func passesInBlockSearch(_ t: Int) -> Bool {
        words.masks[t] & Self.blockSearchBits == 0 && words.ids[t] != RelationLexicon.Literal.comma.rawValue
    }

    /// The first token from `start` down to `floor` that `passesInBlockSearch(_:)` does not pass
    /// over, or `floor - 1`: its tests made over the tables' buffers, without a bounds check per
    /// table and token (about 2 M instructions on synth10, for walks of a few tokens each).
    ///
    /// - Precondition: `lo <= floor` and `start < hi` (the tables' bounds, which `analyze`
    ///   checks once per sentence).
    @inline(__always)
    func lastBlockSearchStop(from start: Int, floor: Int) -> Int {
        words.masks.withUnsafeBufferPointer { masks in
            words.ids.withUnsafeBufferPointer { ids in
                var t = start
                while t >= floor, masks[t] & Self.blockSearchBits == 0, ids[t] != RelationLexicon.Literal.comma.rawValue { t -= 1 }
                return t
            }
        }
    }

    /// Whether the first, leftward walk of `subject(before:mode:)` passes over token `t`: no
    /// slot, relative word, `that`, comma, dash or clause mark (`t` in the sentence).
    @inline(__always)
    func passesInSubjectSearch(_ t: Int) -> Bool {
        slotAt[t] < 0 && words.masks[t] & Self.subjectSearchBits == 0
            && words.ids[t] != RelationLexicon.Literal.comma.rawValue && words.ids[t] != RelationLexicon.Literal.that.rawValue
    }

    /// Whether `object(after:gap:prepositionsOf:)` counts token `t` as a plain noun word: no
    /// slot, hit, quote, comma, clause mark, boundary, relative word, preposition or
    /// determiner (`t` in the sentence).
    @inline(__always)
    func passesInObjectSearch(_ t: Int) -> Bool {
        slotAt[t] < 0 && hitAt[t] < 0 && words.masks[t] & Self.objectSearchBits == 0
            && words.ids[t] != RelationLexicon.Literal.comma.rawValue
    }

    /// Whether `conjuncts(of:rightward:)` counts token `t` among its "other" words: no slot,
    /// hit, quote, comma, clause mark, conjunction, introducer or `well` (`t` in the sentence).
    @inline(__always)
    func passesInList(_ t: Int) -> Bool {
        slotAt[t] < 0 && hitAt[t] < 0 && words.masks[t] & Self.listSearchBits == 0
            && words.ids[t] != RelationLexicon.Literal.comma.rawValue && words.ids[t] != RelationLexicon.Literal.well.rawValue
    }

    /// The classes `isHard(_:)` tests (with the token's kind, so a word without them is not hard).
    private static let clauseMarkBits = RelationLexicon.WordGroup.hardMark.bit | RelationLexicon.WordGroup.dash.bit
    /// (With the `n't` flag, which the token's mask holds.)
    private static let blockSearchBits = clauseMarkBits | RelationLexicon.Cue.negation.bit
        | RelationLexicon.Cue.hypothetical.bit | RelationLexicon.Cue.boundary.bit | DocumentWords.maskBits(DocumentWords.Flag.negated)
    private static let subjectSearchBits = clauseMarkBits | RelationLexicon.Cue.relative.bit | RelationLexicon.Cue.boundary.bit
    private static let objectSearchBits = clauseMarkBits | RelationLexicon.WordGroup.quote.bit | RelationLexicon.Cue.boundary.bit
        | RelationLexicon.Cue.relative.bit | RelationLexicon.Cue.preposition.bit | RelationLexicon.Cue.determiner.bit
    private static let listSearchBits = clauseMarkBits | RelationLexicon.WordGroup.quote.bit
        | RelationLexicon.WordGroup.conjunction.bit | RelationLexicon.Cue.introducer.bit
}
