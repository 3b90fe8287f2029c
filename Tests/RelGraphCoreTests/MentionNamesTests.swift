import Foundation
import Testing
@testable import RelGraphCore

/// The pipeline's name hand-off (`Recognizer.recognizeWithNames`, `MentionNames`): the graph
/// interns each distinct string of a document once and the relation stage gets each name's
/// spelling id once, and both must give exactly what looking every mention's strings up gives
/// — the same strings, byte for byte, in the same id order, the same entities, the same
/// spelling ids and identities — also when names are equal as `String`s but not in bytes
/// (`é` precomposed and decomposed, the Kelvin sign for `K`).
@Suite struct MentionNamesTests {
    /// Canonical names and aliases in one spelling, texts in another.
    private static let lexicon = Lexicon(entries: [
        .init(canonical: "Jose\u{301} Soto", type: .person, aliases: ["Jos\u{E9} Soto", "Soto"]),
        .init(canonical: "Z\u{FC}rich Labs", type: .organization, aliases: ["Zu\u{308}rich Labs"]),
        .init(canonical: "\u{212A}elvin Systems", type: .organization, aliases: ["Kelvin Systems"]),
        .init(canonical: "Initech", type: .organization, aliases: ["INITECH"]),
        .init(canonical: "Grok", type: .product),
        .init(canonical: "Jane Roe", type: .person, aliases: ["Roe"]),
    ])
    private static let names = [
        "Jose\u{301} Soto", "Jos\u{E9} Soto", "Soto", "Z\u{FC}rich Labs", "Zu\u{308}rich Labs", "\u{212A}elvin Systems",
        "Kelvin Systems", "Initech", "INITECH", "Grok 3", "Grok", "Jane Roe", "Roe", "Dr. Karl Vostrom", "Karl", "Vostrom",
        "M\u{FC}ller Group", "Mu\u{308}ller Group", "M\u{FC}ller", "Mu\u{308}ller", "the Journal", "The Wall Street Journal",
        "\u{212A}arl M\u{FC}ller", "Karl Mu\u{308}ller", "Acme Corp", "Acme",
    ]
    private static let verbs = ["sued", "acquired", "met with", "hired", "said that", "invested in", "praised", "and", "CEO of", "joined"]

    private static func document(_ generator: inout SplitMix64, index: Int) -> Document {
        var sentences: [String] = []
        for _ in 0..<(2 + generator.below(8)) {
            var words = [generator.pick(names), generator.pick(verbs), generator.pick(names)]
            if generator.below(3) == 0 { words += ["after", generator.pick(names), generator.pick(verbs), generator.pick(names)] }
            sentences.append(words.joined(separator: " ") + ".")
        }
        return Document(name: "doc\(index % 7)", text: sentences.joined(separator: " "), date: index % 3 == 0 ? nil : "2024-01-0\(index % 9 + 1)")
    }

    private static func bytes(_ strings: some Sequence<String>) -> [[UInt8]] { strings.map { Array($0.utf8) } }

    @Test func recognitionGivesEachMentionItsOwnStrings() {
        let recognizer = Recognizer(lexicon: Self.lexicon)
        var generator = SplitMix64(seed: 11)
        for index in 0..<200 {
            let text = AnalyzedText(Self.document(&generator, index: index).text)
            let (mentions, names) = recognizer.recognizeWithNames(text)
            #expect(mentions == recognizer.recognize(text))
            #expect(names.surfaces.count == mentions.count && names.canonicals.count == mentions.count)
            for (k, mention) in mentions.enumerated() {
                #expect(Array(names.strings[Int(names.surfaces[k])].utf8) == Array(mention.surface.utf8))
                #expect(Array(names.strings[Int(names.canonicals[k])].utf8) == Array(mention.canonical.utf8))
            }
        }
    }

    /// `addMentions(_:names:document:)` on random mentions and strings (the same text at
    /// several indices, equal texts in other bytes as surface and canonical name of one mention
    /// and of others), against `addMentions(_:document:)`.
    @Test func graphOfRandomNamesEqualsThatOfEveryMentionLookedUp() {
        let pool = ["K", "\u{212A}", "Kelvin", "\u{212A}elvin", "Jos\u{E9}", "Jose\u{301}", "Ana", "Zu\u{308}rich", "Z\u{FC}rich",
                    "A long name of more than fifteen bytes", "Jos\u{E9} and a long name of more than fifteen bytes",
                    "Jose\u{301} and a long name of more than fifteen bytes"]
        let types: [MentionType] = [.person, .organization, .product, .location]
        var generator = SplitMix64(seed: 3)
        var slow = PartialGraph(), fast = PartialGraph()
        for round in 0..<400 {
            var names = MentionNames()
            for _ in 0..<(1 + generator.below(8)) { names.strings.append(generator.pick(pool)) }
            var mentions: [Mention] = []
            for k in 0..<generator.below(12) {
                let surface = generator.below(names.strings.count)
                let canonical = generator.below(3) == 0 ? surface : generator.below(names.strings.count)
                names.surfaces.append(Int32(surface))
                names.canonicals.append(Int32(canonical))
                mentions.append(Mention(start: k, end: k + 1, tokens: k..<(k + 1), sentence: 0, type: generator.pick(types),
                                        surface: names.strings[surface], canonical: names.strings[canonical]))
            }
            let document = "d\(round % 5)"
            slow.addMentions(mentions, document: document)
            fast.addMentions(mentions, names: names, document: document)
            #expect(Self.bytes(fast.strings) == Self.bytes(slow.strings))
            // Also into new graphs: which spelling of a name a graph keeps is decided by the
            // first documents that name it.
            var slowAlone = PartialGraph(), fastAlone = PartialGraph()
            slowAlone.addMentions(mentions, document: document)
            fastAlone.addMentions(mentions, names: names, document: document)
            #expect(Self.bytes(fastAlone.strings) == Self.bytes(slowAlone.strings))
            #expect(fastAlone == slowAlone)
        }
        #expect(fast == slow)
        #expect(PartialGraphJSONLines.encode(fast) == PartialGraphJSONLines.encode(slow))
    }

    @Test func graphAndSpellingsEqualThoseOfEveryMentionLookedUp() {
        let extractor = Extractor(recognizer: Recognizer(lexicon: Self.lexicon))
        var generator = SplitMix64(seed: 5)
        var slow = PartialGraph(), fast = PartialGraph(), fastPipeline = PartialGraph()
        var sawEquivalentSpellings = false
        for index in 0..<300 {
            let document = Self.document(&generator, index: index)
            let text = AnalyzedText(document.text)
            let (mentions, names) = extractor.recognizer.recognizeWithNames(text)
            if mentions.contains(where: { $0.surface == $0.canonical && !$0.surface.utf8.elementsEqual($0.canonical.utf8) }) {
                sawEquivalentSpellings = true
            }
            for graph in [0, 1] {
                let info = DocumentInfo(name: document.name, date: document.date)
                if graph == 0 {
                    slow.addDocument(info)
                    slow.addMentions(mentions, document: document.name)
                } else {
                    fast.addDocument(info)
                    fast.addMentions(mentions, names: names, document: document.name)
                }
            }
            #expect(Self.bytes(fast.strings) == Self.bytes(slow.strings), "the same strings, in the same bytes and id order")
            // The relation stage's name table: the same spelling ids and identities.
            var plain = SpellingRecorder(), named = SpellingRecorder()
            let words = DocumentWords(text: text, lexicon: extractor.relations.lexicon)
            extractor.relations.extract(from: text, mentions: mentions, words: words, into: &plain)
            extractor.relations.extract(from: text, mentions: mentions, names: names, words: words, into: &named)
            #expect(named.calls == plain.calls)
            #expect(named.spellings == plain.spellings && named.identities == plain.identities)
            extractor.extract(document, into: &fastPipeline)
        }
        #expect(sawEquivalentSpellings)
        #expect(fast == slow)
        #expect(PartialGraphJSONLines.encode(fast) == PartialGraphJSONLines.encode(slow))
        // The whole pipeline against the public values, added one by one.
        var reference = PartialGraph()
        generator = SplitMix64(seed: 5)
        for index in 0..<300 {
            let document = Self.document(&generator, index: index)
            let text = AnalyzedText(document.text)
            let mentions = extractor.recognizer.recognize(text)
            reference.addDocument(DocumentInfo(name: document.name, date: document.date))
            reference.addMentions(mentions, document: document.name)
            for relation in extractor.relations.extract(from: text, mentions: mentions, document: document) {
                reference.addRelation(relation.key, evidence: relation.evidence)
            }
        }
        #expect(reference.relationCount > 0)
        #expect(Self.bytes(fastPipeline.strings) == Self.bytes(reference.strings))
        #expect(fastPipeline == reference)
        #expect(PartialGraphJSONLines.encode(fastPipeline) == PartialGraphJSONLines.encode(reference))
    }
}

/// Records what the relation stage hands over: the spelling ids of every relation and
/// co-mention, and the document's name table (its spellings' bytes and identities).
private struct SpellingRecorder: RelationSink {
    var calls: [[Int32]] = []
    var spellings: [[UInt8]] = []
    var identities: [Int32] = []

    mutating func beginSentence(_ sentence: SentenceSpan, start: Int, end: Int, text: AnalyzedText) {
        calls.append([-1, Int32(start), Int32(end)])
    }

    mutating func addRelation(source: Int32, target: Int32, kind: RelationKind, trigger: Int32, names: SpellingTable, triggers: TriggerTable) {
        calls.append([source, target, trigger])
        record(names)
    }

    mutating func addCoMention(source: Int32, target: Int32, names: SpellingTable) {
        calls.append([source, target])
        record(names)
    }

    private mutating func record(_ names: SpellingTable) {
        spellings = names.spellings.map { Array($0.utf8) }
        identities = names.identities
    }
}
