import Foundation

/// The words relation extraction reads: trigger rules (`relation-triggers.tsv`) and closed word
/// classes (`relation-cues.tsv`). Both are data, so supporting a new phrasing never needs code.
///
/// Trigger forms are tokenized with the same `Tokenizer` as documents and matched
/// case-insensitively, longest form first.
public struct RelationLexicon: Sendable {
    /// How a trigger relates the entities around it.
    public enum TriggerClass: String, Sendable, CaseIterable {
        case verb, noun, role, infix
    }

    /// One row of `relation-triggers.tsv`.
    public struct Rule: Hashable, Sendable {
        /// `nil` for reported-speech verbs, whose kind comes from sentiment words.
        public var kind: RelationKind?
        public var triggerClass: TriggerClass
        /// Words that introduce the object (`prep=`); set with `allowPrepositions(_:vocabulary:)`.
        public private(set) var prepositions: Set<String> = []
        /// `prepositions` as vocabulary ids, so the patterns compare integers.
        private(set) var prepositionIDs: [Int32] = []
        public var reverse = false
        public var conative: RelationKind?
        public var prenominal = false
        public var group = false
        /// An appointment verb: `Acme named Jane Roe chief executive` gives the role's kind from
        /// the object to the subject.
        public var appoint = false
        /// Allowed holder types for roles (`nil`: person); set with `allowHolders(_:)`.
        public private(set) var holder: Set<EntityType>?
        /// `holder` as bits (`bit(of:)`), so the role pass tests a type without a `Set`.
        private(set) var holderBits: UInt8 = Rule.bit(of: .person)
        public var objectType: EntityType?
        /// The row's position, so forms of one row (`CEO`, `chief executive`) share role memory.
        public var row: Int

        static func bit(of type: EntityType) -> UInt8 {
            switch type {
            case .person: 1
            case .organization: 2
            case .product: 4
            }
        }

        /// Sets `holder` and `holderBits` together, once, while the rule is read.
        mutating func allowHolders(_ types: Set<EntityType>) {
            holder = types
            holderBits = Self.bits(of: types)
        }

        /// Sets `prepositions` and `prepositionIDs` together, once, while the rule is read: the
        /// ids of the words that are already normalized (a word that is not can never match a
        /// token's normalized word), interned in sorted order.
        mutating func allowPrepositions(_ words: Set<String>, vocabulary: inout RelationVocabulary) {
            prepositions = words
            prepositionIDs = words.sorted().compactMap { RelationLexicon.normalize($0) == $0 ? vocabulary.intern($0) : nil }
        }

        private static func bits(of types: Set<EntityType>) -> UInt8 {
            var result: UInt8 = 0
            for type in types { result |= bit(of: type) }
            return result
        }
    }

    /// Closed word classes of `relation-cues.tsv`.
    public enum Cue: String, Sendable, CaseIterable {
        case negation, hypothetical, conditional, epistemic, conative, boundary, relative, preposition
        case determiner, be, joiner, introducer, person, thing, possessive, ownable
        case anaphorPerson = "anaphor-person"
        case anaphorOrganization = "anaphor-organization"
        case anaphorProduct = "anaphor-product"
        case anaphorAny = "anaphor-any"
        case reporting, positive, negative

        /// The cue's bit in `DocumentWords.masks`.
        var bit: UInt64 {
            switch self {
            case .negation: 1 << 0
            case .hypothetical: 1 << 1
            case .conditional: 1 << 2
            case .epistemic: 1 << 3
            case .conative: 1 << 4
            case .boundary: 1 << 5
            case .relative: 1 << 6
            case .preposition: 1 << 7
            case .determiner: 1 << 8
            case .be: 1 << 9
            case .joiner: 1 << 10
            case .introducer: 1 << 11
            case .person: 1 << 12
            case .thing: 1 << 13
            case .possessive: 1 << 14
            case .ownable: 1 << 15
            case .anaphorPerson: 1 << 16
            case .anaphorOrganization: 1 << 17
            case .anaphorProduct: 1 << 18
            case .anaphorAny: 1 << 19
            case .reporting: 1 << 20
            case .positive: 1 << 21
            case .negative: 1 << 22
            }
        }
    }

    /// Single words the pattern code compares a token with. They are interned first, so a
    /// literal's raw value is its vocabulary id.
    enum Literal: Int32, CaseIterable {
        case the, a, an, possessiveS, of, her, he, she, it, to, by, from, asWord, between, including
        case that, may, been, being, well, one, comma

        var word: String {
            switch self {
            case .the: "the"
            case .a: "a"
            case .an: "an"
            case .possessiveS: "'s"
            case .of: "of"
            case .her: "her"
            case .he: "he"
            case .she: "she"
            case .it: "it"
            case .to: "to"
            case .by: "by"
            case .from: "from"
            case .asWord: "as"
            case .between: "between"
            case .including: "including"
            case .that: "that"
            case .may: "may"
            case .been: "been"
            case .being: "being"
            case .well: "well"
            case .one: "one"
            case .comma: ","
            }
        }
    }

    /// Closed word lists of the pattern code, as bits above the cues' in `DocumentWords.masks`.
    enum WordGroup: Int, CaseIterable {
        case article, nominative, quote, dash, hardMark, roleModifier, copula, holderSkip
        case passiveSkip, clauseWord, appointModifier, participleBlock, conjunction, agentPreposition

        var words: [String] {
            switch self {
            case .article: ["the", "a", "an"]
            case .nominative: ["he", "she"]
            case .quote: ["\"", "\u{201C}", "\u{201D}", "'", "\u{2018}", "\u{00AB}", "\u{00BB}"]
            case .dash: ["\u{2014}", "\u{2013}", "-", "--"]
            case .hardMark: [".", ";", ":", "!", "?", "(", ")", "[", "]", "/", "|", "\u{2026}"]
            case .roleModifier: ["former", "then", "longtime", "current", "new", "original"]
            case .copula: ["is", "was", "been", "became", "becomes", "remains", "remained"]
            case .holderSkip: ["has", "have", "had", "also", "now", "still", "long"]
            case .passiveSkip: ["also", "been", "being", "not", "reportedly"]
            case .clauseWord: ["after", "before", "since", "while", "when", "upon"]
            case .appointModifier: ["new", "next", "interim", "acting"]
            case .participleBlock: ["has", "have", "had", "also", "then", "who", "which", "that"]
            case .conjunction: ["and", "or", "&", "plus"]
            case .agentPreposition: ["from", "by"]
            }
        }

        var bit: UInt64 { 1 << (32 + UInt64(rawValue)) }
    }

    public private(set) var rules: [Rule] = []
    private var cues: [Cue: Set<String>] = [:]
    /// Lowercased token sequence → indices into `rules`.
    private var forms: [[String]: [Int]] = [:]
    public private(set) var longestForm = 0
    /// The vocabulary, cue masks and trigger trie, behind one reference so that copying the
    /// lexicon (every extractor and document analysis holds one) costs one retain.
    private let tables: WordIndex.Box

    /// Parses both files.
    ///
    /// - Parameters:
    ///   - triggers: The text of a `relation-triggers.tsv` file.
    ///   - cueText: The text of a `relation-cues.tsv` file.
    ///   - triggerSource, cueSource: Names of the files in error messages.
    /// - Throws: `RelationLexiconError` naming the file, the line and the fix.
    public init(triggers: String, cues cueText: String, triggerSource: String = "relation-triggers.tsv", cueSource: String = "relation-cues.tsv") throws(RelationLexiconError) {
        var index = WordIndex()
        for literal in Literal.allCases {
            let id = index.vocabulary.intern(literal.word)
            assert(id == literal.rawValue)
        }
        var groupBits: [(Int32, UInt64)] = []
        for group in WordGroup.allCases {
            for word in group.words { groupBits.append((index.vocabulary.intern(word), group.bit)) }
        }
        var lineNumber = 0
        for rawLine in fieldLines(triggers) {
            lineNumber += 1
            let line = trimmedField(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = splitFields(rawLine, on: 0x09, omittingEmptySubsequences: false).map { trimmedField($0) }
            guard fields.count == 4 else { throw .malformedLine(source: triggerSource, line: lineNumber) }
            let kind: RelationKind?
            if fields[0] == "judgment" {
                kind = nil
            } else if let parsed = RelationKind(rawValue: fields[0]), parsed != .coMentioned {
                kind = parsed
            } else {
                throw .unknownKind(source: triggerSource, line: lineNumber, kind: fields[0])
            }
            guard let triggerClass = TriggerClass(rawValue: fields[1]) else {
                throw .unknownClass(source: triggerSource, line: lineNumber, value: fields[1])
            }
            var rule = Rule(kind: kind, triggerClass: triggerClass, row: rules.count)
            var prepositions: Set<String> = []
            if fields[2] != "-" {
                for option in splitFields(fields[2][...], on: UInt8(ascii: ",")).map(String.init) {
                    let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
                    switch (parts[0], parts.count == 2 ? parts[1] : nil) {
                    case ("prep", let value?): prepositions = Set(splitFields(value[...], on: UInt8(ascii: "|")).map(String.init))
                    case ("reverse", nil): rule.reverse = true
                    case ("prenominal", nil): rule.prenominal = true
                    case ("group", nil): rule.group = true
                    case ("appoint", nil): rule.appoint = true
                    case ("conative", let value?):
                        guard let target = RelationKind(rawValue: value) else {
                            throw .unknownKind(source: triggerSource, line: lineNumber, kind: value)
                        }
                        rule.conative = target
                    case ("holder", let value?):
                        rule.allowHolders(value == "any" ? Set(EntityType.allCases) : Set(value.split(separator: "|").compactMap { EntityType(rawValue: String($0)) }))
                    case ("object", let value?):
                        guard let type = EntityType(rawValue: value) else {
                            throw .unknownOption(source: triggerSource, line: lineNumber, option: option)
                        }
                        rule.objectType = type
                    default:
                        throw .unknownOption(source: triggerSource, line: lineNumber, option: option)
                    }
                }
            }
            rule.allowPrepositions(prepositions, vocabulary: &index.vocabulary)
            rules.append(rule)
            for form in splitFields(fields[3][...], on: UInt8(ascii: "|")) {
                let words = Self.words(of: String(form))
                guard !words.isEmpty else { continue }
                forms[words, default: []].append(rule.row)
                index.addToTrie(words, row: rule.row)
                longestForm = max(longestForm, words.count)
            }
        }
        lineNumber = 0
        for rawLine in fieldLines(cueText) {
            lineNumber += 1
            let line = trimmedField(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = splitFields(rawLine, on: 0x09).map { trimmedField($0) }
            guard fields.count == 2 else { throw .malformedLine(source: cueSource, line: lineNumber) }
            guard let cue = Cue(rawValue: fields[0]) else {
                throw .unknownClass(source: cueSource, line: lineNumber, value: fields[0])
            }
            let words = splitFields(fields[1][...], on: UInt8(ascii: "|")).map { Self.normalize(String($0)) }
            cues[cue, default: []].formUnion(words)
            for word in words { groupBits.append((index.vocabulary.intern(word), cue.bit)) }
        }
        index.seal(groupBits: groupBits)
        tables = WordIndex.Box(index)
    }

    /// The bit in `masksAfterNone` (and `DocumentWords.masks`) of a word that starts a trigger form.
    static let startsForm: UInt64 = 1 << 63
    /// The bit of the literal `the`, which may start a description (`the company`): the scan for
    /// a slot or trigger start tests one mask instead of a mask and an id.
    static let startsDescription: UInt64 = 1 << 62

    var vocabulary: RelationVocabulary { tables.index.vocabulary }

    /// Whether `other` is a copy of this lexicon: made by the same `init`, whose tables it
    /// shares (nothing changes a lexicon after `init`).
    func isCopy(of other: RelationLexicon) -> Bool { tables === other.tables }

    /// Cue and word-group bits by vocabulary id, shifted by one with 0 first: the bits of id
    /// `id` (−1 for none) are at `id + 1`, so a lookup needs no branch.
    var masksAfterNone: [UInt64] { tables.index.masksAfterNone }

    /// The normalized word of vocabulary id `id` (not −1), without copying the vocabulary.
    func word(id: Int32) -> String { tables.index.vocabulary.words[Int(id)] }

    /// The trie node reached from `node` by the word `id`, or −1.
    @inline(__always)
    func child(_ node: Int32, _ id: Int32) -> Int32 { tables.index.child(node, id) }

    /// Rule indices of the form that ends at trie node `node` (empty when none does).
    func rules(atNode node: Int32) -> [Int] { tables.index.nodeRules[Int(node)] }

    /// The positions in `ruleIndex(at:)` of the rules of trie node `node`: `rules(atNode:)`
    /// without an array, so that a trigger hit can hold its rules as a range.
    @inline(__always)
    func ruleRange(atNode node: Int32) -> Range<Int> {
        tables.index.nodeRuleStarts[Int(node)]..<tables.index.nodeRuleStarts[Int(node) + 1]
    }

    /// The rule index at `position` of a `ruleRange(atNode:)`.
    @inline(__always)
    func ruleIndex(at position: Int) -> Int { tables.index.flatRules[position] }

    /// Whether a longer form continues from trie node `node`: the unpacked answer that
    /// `step(atNode:)` packs, kept as the tests' reference for it.
    func continues(_ node: Int32) -> Bool { tables.index.nodeHasChildren[Int(node)] }

    /// `ruleRange(atNode:)` and `continues(_:)` of trie node `node` from one table entry
    /// (`WordIndex.nodeSteps`): the trigger match's step, which read three entries of three
    /// tables, each bounds-checked.
    @inline(__always)
    func step(atNode node: Int32) -> (rules: Range<Int>, continues: Bool) {
        let packed = tables.index.nodeSteps[Int(node)]
        // `seal` stores a start no greater than its end.
        let rules = Range(uncheckedBounds: (Int(truncatingIfNeeded: packed & 0x7FFF_FFFF), Int(truncatingIfNeeded: packed >> 32 & 0x7FFF_FFFF)))
        return (rules, packed & 1 << 63 != 0)
    }

    /// The lexicon shipped with relgraph.
    public static func bundled() throws(RelationLexiconError) -> RelationLexicon {
        guard let triggers = TextResources.url("relation-triggers.tsv").flatMap({ try? String(contentsOf: $0, encoding: .utf8) }),
              let cues = TextResources.url("relation-cues.tsv").flatMap({ try? String(contentsOf: $0, encoding: .utf8) }) else {
            throw .unreadable(name: "relation-triggers.tsv / relation-cues.tsv (bundled)")
        }
        return try RelationLexicon(triggers: triggers, cues: cues)
    }

    /// The bundled lexicon, loaded once. The bundled files are tested, so failure is a packaging bug.
    public static let shared: RelationLexicon = {
        do { return try bundled() } catch { fatalError("\(error)") }
    }()

    /// Whether a normalized word (lowercase, straight apostrophes) belongs to a cue class.
    public func contains(_ word: String, _ cue: Cue) -> Bool { cues[cue]?.contains(word) ?? false }

    /// Rule indices for an exact form, or `nil`.
    func rules(for words: [String]) -> [Int]? { forms[words] }

    /// Lowercase, with typographic apostrophes made straight, so `didn’t` reads as `didn't`.
    static func normalize(_ word: String) -> String {
        // Called for every token: skip Foundation's search unless a `’` (E2 80 99) can be there.
        var result = word.lowercased()
        if result.utf8.contains(0xE2) { result = result.replacingOccurrences(of: "\u{2019}", with: "'") }
        return result
    }

    static func words(of form: String) -> [String] {
        let text = AnalyzedText(form)
        return text.tokens.map { normalize(text.text(of: $0)) }
    }
}

/// The lexicon's words as ids: the vocabulary, each word's cue and word-group bits, and the
/// trigger forms as a trie over ids.
struct WordIndex {
    var vocabulary = RelationVocabulary()
    /// Cue and word-group bits by vocabulary id plus one, 0 first (for id −1).
    private(set) var masksAfterNone: [UInt64] = []
    /// Node 0 is the root; its children are by id in `rootChildren`, deeper ones in `children`
    /// by (node, id).
    private var rootChildren: [Int32] = []
    private var children: [UInt64: Int32] = [:]
    /// The deeper edges of `children` as an open-addressing table (linear probing, at most half
    /// full), filled by `seal`: a lookup is a multiply and usually one load instead of hashing
    /// the key with SipHash. A key is never 0 (its node is not the root), so 0 marks empty.
    private var edgeKeys: [UInt64] = []
    private var edgeNodes: [Int32] = []
    private var edgeMask = 0
    private(set) var nodeRules: [[Int]] = [[]]
    private(set) var nodeHasChildren: [Bool] = [false]
    /// `nodeRules` one list after another: node `n`'s are `flatRules[nodeRuleStarts[n]..<nodeRuleStarts[n + 1]]`.
    private(set) var flatRules: [Int] = []
    private(set) var nodeRuleStarts: [Int] = []
    /// By node: the start of its rules in `flatRules` (low 31 bits), their end (bits 32…62)
    /// and whether a longer form continues from it (bit 63).
    private(set) var nodeSteps: [UInt64] = []

    /// An immutable shared copy.
    final class Box: Sendable {
        let index: WordIndex
        init(_ index: WordIndex) { self.index = index }
    }

    mutating func addToTrie(_ words: [String], row: Int) {
        var node: Int32 = 0
        for word in words {
            let key = UInt64(UInt32(node)) << 32 | UInt64(UInt32(vocabulary.intern(word)))
            if let next = children[key] {
                node = next
            } else {
                let next = Int32(nodeRules.count)
                nodeRules.append([])
                nodeHasChildren.append(false)
                nodeHasChildren[Int(node)] = true
                children[key] = next
                node = next
            }
        }
        nodeRules[Int(node)].append(row)
    }

    /// Finishes the tables once every word is interned.
    mutating func seal(groupBits: [(Int32, UInt64)]) {
        vocabulary.seal()
        nodeRuleStarts = [0]
        for rules in nodeRules {
            flatRules += rules
            nodeRuleStarts.append(flatRules.count)
        }
        precondition(flatRules.count < 1 << 31, "too many trigger rules")
        nodeSteps = nodeRules.indices.map { node in
            UInt64(nodeRuleStarts[node]) | UInt64(nodeRuleStarts[node + 1]) << 32 | (nodeHasChildren[node] ? 1 << 63 : 0)
        }
        var masks = [UInt64](repeating: 0, count: vocabulary.count)
        for (id, bit) in groupBits { masks[Int(id)] |= bit }
        rootChildren = Array(repeating: -1, count: vocabulary.count)
        for (key, node) in children where key >> 32 == 0 {
            rootChildren[Int(key & 0xFFFF_FFFF)] = node
            masks[Int(key & 0xFFFF_FFFF)] |= RelationLexicon.startsForm
        }
        masks[Int(RelationLexicon.Literal.the.rawValue)] |= RelationLexicon.startsDescription
        // A token's flags share its mask (`DocumentWords.flagShift`).
        precondition(masks.allSatisfy { DocumentWords.flags(ofMask: $0) == 0 }, "cue or word group bits where the token flags go")
        masksAfterNone = [0] + masks
        var capacity = 16
        while capacity < children.count * 2 { capacity *= 2 }
        edgeMask = capacity - 1
        edgeKeys = Array(repeating: 0, count: capacity)
        edgeNodes = Array(repeating: -1, count: capacity)
        for (key, node) in children where key >> 32 != 0 {
            var slot = Self.edgeSlot(key, mask: edgeMask)
            while edgeKeys[slot] != 0 { slot = (slot + 1) & edgeMask }
            edgeKeys[slot] = key
            edgeNodes[slot] = node
        }
    }

    @inline(__always)
    private static func edgeSlot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always)
    func child(_ node: Int32, _ id: Int32) -> Int32 {
        guard id >= 0 else { return -1 }
        if node == 0 { return rootChildren[Int(id)] }
        let key = UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))
        var slot = Self.edgeSlot(key, mask: edgeMask)
        while true {
            let candidate = edgeKeys[slot]
            if candidate == key { return edgeNodes[slot] }
            if candidate == 0 { return -1 }
            slot = (slot + 1) & edgeMask
        }
    }
}

/// A problem in a relation lexicon file.
public enum RelationLexiconError: Error, Equatable, CustomStringConvertible {
    case unreadable(name: String)
    case malformedLine(source: String, line: Int)
    case unknownKind(source: String, line: Int, kind: String)
    case unknownClass(source: String, line: Int, value: String)
    case unknownOption(source: String, line: Int, option: String)

    public var description: String {
        switch self {
        case .unreadable(let name):
            "cannot read relation lexicon '\(name)': reinstall relgraph or check its Resources folder"
        case .malformedLine(let source, let line):
            "relation lexicon '\(source)' line \(line): wrong number of tab-separated fields; see the header of the file"
        case .unknownKind(let source, let line, let kind):
            "relation lexicon '\(source)' line \(line): unknown relation kind '\(kind)'; use one of \(RelationKind.allCases.filter { $0 != .coMentioned }.map(\.rawValue).joined(separator: ", ")) or judgment"
        case .unknownClass(let source, let line, let value):
            "relation lexicon '\(source)' line \(line): unknown class '\(value)'; see the header of the file for the classes"
        case .unknownOption(let source, let line, let option):
            "relation lexicon '\(source)' line \(line): unknown option '\(option)'; use prep=, reverse, conative=, prenominal, group, appoint, holder= or object="
        }
    }
}
