import Testing
@testable import RelGraphCore

/// One family of patterns per test, on sentences written for the test (not from the corpus),
/// with invented names from `RelationFixtures`.
@Suite struct RelationExtractionTests {
    private func relations(_ text: String) -> Set<String> { RelationFixtures.relations(text) }

    @Test(arguments: [
        ("Jane Roe sued Globex on Monday.", "Jane Roe|sued|Globex"),
        ("Acme acquired Umbrella in 2020.", "Acme|owns|Umbrella"),
        ("John Doe has criticized Initech repeatedly.", "John Doe|criticized|Initech"),
        ("Globex partnered closely with Acme last year.", "Acme|partners_with|Globex"),
        ("Umbrella is trying to poach engineers from Initech.", "Umbrella|recruited|Initech"),
        ("Mary Major met with John Doe in Paris.", "John Doe|met_with|Mary Major"),
        ("Jane Roe rebuffed John Doe at the meeting.", "Jane Roe|rejected|John Doe"),
    ])
    func activeVerbs(sentence: String, expected: String) {
        #expect(relations(sentence) == [expected])
    }

    @Test func passiveVoiceSwapsTheArguments() {
        #expect(relations("Globex was founded by Jane Roe in 1999.") == ["Jane Roe|founded|Globex"])
        #expect(relations("Initech, backed by Acme, expanded quickly.") == ["Acme|invested_in|Initech"])
        #expect(relations("Acme was sued by John Doe and Mary Major.") == ["John Doe|sued|Acme", "Mary Major|sued|Acme"])
        #expect(relations("Globex was co-founded in 2001 by Jane Roe and John Doe.") == ["Jane Roe|founded|Globex", "John Doe|founded|Globex"])
        // A passive without an agent states nothing about who did it.
        #expect(relations("Globex was founded in Ohio, Jane Roe said.").isEmpty)
    }

    @Test func roleNounsAndAppositions() {
        #expect(relations("Acme CEO Jane Roe spoke first.") == ["Jane Roe|leads|Acme"])
        #expect(relations("John Doe, the chief executive of Initech, spoke.") == ["John Doe|leads|Initech"])
        #expect(relations("Mary Major, founder of Umbrella, declined to comment.") == ["Mary Major|founded|Umbrella"])
        #expect(relations("Globex lead engineer John Doe quit the firm.") == ["John Doe|works_for|Globex", "John Doe|left|Globex"])
        #expect(relations("Jane Roe, one of Acme's original co-founders, spoke.") == ["Jane Roe|founded|Acme"])
        #expect(relations("Initech executives, including Jane Roe and John Doe, resigned.") == ["Jane Roe|works_for|Initech", "John Doe|works_for|Initech"])
        #expect(relations("Acme's chief executive, Jane Roe, rejected the offer from Globex.") == ["Jane Roe|leads|Acme", "Jane Roe|rejected|Globex"])
    }

    @Test func opinionRoles() {
        #expect(relations("Jane Roe has been a vocal critic of Globex.") == ["Jane Roe|criticized|Globex"])
        #expect(relations("Acme critic John Doe spoke.") == ["John Doe|criticized|Acme"])
        #expect(relations("Mary Major, a longtime supporter of Jane Roe, spoke.") == ["Mary Major|praised|Jane Roe"])
    }

    @Test func gerundsAfterClauseWordsTakeTheMainSubject() {
        #expect(relations("Jane Roe, 54, joined Acme in 2010 after leaving Globex.") == ["Jane Roe|works_for|Acme", "Jane Roe|left|Globex"])
        #expect(relations("Globex denied that it had poached engineers from Acme.").isEmpty)
        #expect(relations("Jane Roe is expected to meet John Doe next week.").isEmpty)
    }

    @Test func appointmentsAndResignationsUseTheRoleNoun() {
        #expect(relations("Acme named John Doe chief executive, replacing Jane Roe.") == ["John Doe|leads|Acme"])
        #expect(relations("Globex appointed Mary Major as its new chief scientist.") == ["Mary Major|works_for|Globex"])
        #expect(relations("Jane Roe named John Doe head of Initech.") == ["John Doe|leads|Initech"])
        #expect(relations("Jane Roe stepped down as chief executive of Acme in May.") == ["Jane Roe|left|Acme"])
        // Named after a thing, not appointed.
        #expect(relations("Acme named Widget after its founder.").isEmpty)
    }

    @Test func roleDescriptionsResolveToTheNamedHolder() {
        let text = "Acme CEO Jane Roe spoke on Monday. Later, John Doe mocked the Acme CEO."
        #expect(relations(text) == ["Jane Roe|leads|Acme", "John Doe|criticized|Jane Roe"])
        // An unnamed holder is nobody: the organization is not the object.
        #expect(relations("John Doe mocked an Acme engineer.").isEmpty)
    }

    @Test func possessivesAndNominalizations() {
        #expect(relations("Jane Roe's lawsuit against Acme was thrown out.") == ["Jane Roe|sued|Acme"])
        #expect(relations("Globex answered a lawsuit from John Doe.") == ["John Doe|sued|Globex"])
        #expect(relations("Acme announced a partnership with Globex.") == ["Acme|partners_with|Globex"])
        #expect(relations("John Doe's $2 billion Initech buyout surprised analysts.") == ["John Doe|offered_to_buy|Initech"])
        #expect(relations("Mary Major's bid for Umbrella failed.") == ["Mary Major|offered_to_buy|Umbrella"])
        #expect(relations("Acme's John Doe gave a talk.") == ["John Doe|works_for|Acme"])
        #expect(relations("Acme's Widget sold well.") == ["Acme|owns|Widget"])
        #expect(relations("Jane Roe's departure from Globex was abrupt.") == ["Jane Roe|left|Globex"])
        #expect(relations("The rivalry between Acme and Globex grew.") == ["Acme|competes_with|Globex"])
        #expect(relations("Initech and Umbrella signed a partnership.") == ["Initech|partners_with|Umbrella"])
    }

    @Test func rolesDistributeOverListedOrganizations() {
        #expect(relations("Jane Roe, the CEO of Acme and Globex, said nothing.") == ["Jane Roe|leads|Acme", "Jane Roe|leads|Globex"])
        #expect(relations("Acme and Globex CEO Jane Roe spoke.") == ["Jane Roe|leads|Acme", "Jane Roe|leads|Globex"])
    }

    @Test func hiringIsWorkingForUnlessItIsOnlyAnAttempt() {
        #expect(relations("Initech hired John Doe.") == ["John Doe|works_for|Initech"])
        #expect(relations("Globex tried to hire Mary Major.") == ["Globex|recruited|Mary Major"])
        #expect(relations("John Doe invested $3 million in Globex before he joined Acme.") == ["John Doe|invested_in|Globex", "John Doe|works_for|Acme"])
    }

    @Test func objectsDoNotReachPastAnUnrelatedPhrase() {
        #expect(relations("John Doe is taking over the responsibility for Acme's risk team.").isEmpty)
        #expect(relations("Jane Roe criticized the pace of Globex's growth.") == ["Jane Roe|criticized|Globex"])
    }

    @Test func attemptsBecomeOffers() {
        #expect(relations("Globex offered to buy Initech for $5 billion.") == ["Globex|offered_to_buy|Initech"])
        #expect(relations("Acme tried to acquire Umbrella.") == ["Acme|offered_to_buy|Umbrella"])
        #expect(relations("Acme agreed to acquire Globex.") == ["Acme|offered_to_buy|Globex"])
        #expect(relations("Acme's planned acquisition of Globex stalled.") == ["Acme|offered_to_buy|Globex"])
        #expect(relations("Globex agreed to be acquired by Acme.") == ["Acme|offered_to_buy|Globex"])
    }

    @Test func pronounsPointToTheLastEntityOfTheirType() {
        #expect(relations("John Doe left Acme in May. He then joined Globex.") == ["John Doe|left|Acme", "John Doe|works_for|Globex"])
        #expect(relations("Acme grew fast. Globex later sued it.") == ["Globex|sued|Acme"])
        // `it` reaches back one sentence: here it is the unnamed deal.
        #expect(relations("Acme grew fast. Analysts were surprised. Jane Roe praised the deal, but John Doe criticized it.").isEmpty)
        #expect(relations("John Doe spoke on Monday. His startup Initech later sued Globex.") == ["John Doe|owns|Initech", "Initech|sued|Globex"])
        // A subject `he`/`she` prefers the previous sentence's first person; `him` is then the other.
        #expect(relations("Jane Roe met John Doe on Monday. She later praised him.") == ["Jane Roe|met_with|John Doe", "Jane Roe|praised|John Doe"])
        // An object description does not refer to its own subject.
        #expect(relations("Jane Roe met John Doe. Then Jane Roe mocked the billionaire.") == ["Jane Roe|met_with|John Doe", "Jane Roe|criticized|John Doe"])
    }

    @Test func listsDistributeOverTheirItems() {
        #expect(relations("Acme, Globex and Initech invested in Umbrella.") == ["Acme|invested_in|Umbrella", "Globex|invested_in|Umbrella", "Initech|invested_in|Umbrella"])
        #expect(relations("Jane Roe praised Acme, Globex, and Initech.") == ["Jane Roe|praised|Acme", "Jane Roe|praised|Globex", "Jane Roe|praised|Initech"])
        #expect(relations("Umbrella competes with Acme and other firms like Globex.") == ["Acme|competes_with|Umbrella", "Globex|competes_with|Umbrella"])
        #expect(relations("Acme, Globex and Initech are among the companies competing with Umbrella.")
            == ["Acme|competes_with|Umbrella", "Globex|competes_with|Umbrella", "Initech|competes_with|Umbrella"])
    }

    @Test func reportedSpeechTakesItsKindFromSentimentWords() {
        #expect(relations("John Doe called Jane Roe a \"fraud\" on Tuesday.") == ["John Doe|criticized|Jane Roe"])
        #expect(relations("Mary Major described John Doe as a genius.") == ["Mary Major|praised|John Doe"])
        #expect(relations("Jane Roe called Acme the best company in town.") == ["Jane Roe|praised|Acme"])
        #expect(relations("Acme called Widget its flagship.").isEmpty)
    }

    @Test(arguments: [
        "Jane Roe did not sue Acme.",
        "Jane Roe never sued Acme.",
        "Globex denied partnering with Initech.",
        "John Doe would buy Acme tomorrow.",
        "If Acme sues Globex, prices will rise.",
        "Jane Roe could sue Acme.",
        "Rumors say Acme acquired Globex.",
        "Jane Roe didn’t criticize Acme.",
    ])
    func negatedAndHypotheticalStatementsMakeNoEdge(sentence: String) {
        #expect(relations(sentence).isEmpty)
    }

    @Test func purposeClausesAfterCreationAreAboutTheCreatedThing() {
        #expect(relations("Jane Roe founded Initech, to compete with Acme.") == ["Jane Roe|founded|Initech", "Acme|competes_with|Initech"])
        #expect(relations("Jane Roe founded Initech in May, and Mary Major hopes to compete with Acme.")
            == ["Jane Roe|founded|Initech", "Acme|competes_with|Mary Major"])
    }

    @Test func relativeClausesAndInfixes() {
        #expect(relations("John Doe, who left Globex in 2019, praised Acme.") == ["John Doe|left|Globex", "John Doe|praised|Acme"])
        #expect(relations("Acme vs. Globex") == ["Acme|competes_with|Globex"])
    }

    @Test func coMentionsOnlyWhereNoTypedRelationIsStated() {
        #expect(RelationFixtures.relations("Jane Roe and John Doe attended the gala.", includeCoMentions: true) == ["Jane Roe|co_mentioned|John Doe"])
        #expect(RelationFixtures.relations("Jane Roe sued Acme while John Doe watched.", includeCoMentions: true)
            == ["Jane Roe|sued|Acme", "Acme|co_mentioned|John Doe", "Jane Roe|co_mentioned|John Doe"])
    }

    @Test func evidenceKeepsTheSentenceItsOffsetsAndTheTrigger() throws {
        let text = "Héllo there. Jane Roe sued Acme."
        let analyzed = AnalyzedText(text)
        let mentions = RelationFixtures.extractor.recognizer.recognize(analyzed)
        let found = RelationExtractor().extract(from: analyzed, mentions: mentions, document: Document(name: "d", text: text, date: "2025-01-02"))
        let relation = try #require(found.first)
        #expect(found.count == 1)
        #expect(relation.evidence == Evidence(document: "d", sentence: "Jane Roe sued Acme.", start: 13, end: 32, trigger: "sued", date: "2025-01-02"))
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[relation.evidence.start..<relation.evidence.end])) == relation.evidence.sentence)
    }

    @Test func lexiconErrorsNameTheLineAndTheFix() {
        #expect(throws: RelationLexiconError.unknownKind(source: "relation-triggers.tsv", line: 1, kind: "hugs")) {
            try RelationLexicon(triggers: "hugs\tverb\t-\thug|hugs", cues: "")
        }
        #expect(throws: RelationLexiconError.unknownOption(source: "relation-triggers.tsv", line: 1, option: "loud")) {
            try RelationLexicon(triggers: "sued\tverb\tloud\tsue", cues: "")
        }
        #expect(RelationLexiconError.malformedLine(source: "t.tsv", line: 3).description
            == "relation lexicon 't.tsv' line 3: wrong number of tab-separated fields; see the header of the file")
    }

    @Test func bundledLexiconLoads() throws {
        let lexicon = try RelationLexicon.bundled()
        #expect(lexicon.rules.count > 40)
        #expect(lexicon.contains("not", .negation))
        #expect(lexicon.rules(for: ["chief", "executive"]) != nil)
    }
}

/// Random word soups from triggers, names, pronouns and punctuation: extraction never traps,
/// never relates an entity to itself, and every evidence sentence is a span of the text.
@Suite struct RelationRobustnessTests {
    private static let vocabulary = [
        "Jane Roe", "John Doe", "Acme", "Globex's", "Initech", "Widget", "he", "his", "it", "its", "the company",
        "the billionaire", "sued", "was", "by", "founded", "CEO", "of", "the", "a", "lawsuit", "against", "from",
        ",", ".", "—", "(", ")", "\"", "’s", "and", "or", "including", "like", "who", "which", "that", "not",
        "would", "if", "called", "a \"fraud\"", "hero", "partnership", "with", "between", "vs.", "offered", "to",
        "buy", "tried", "executives", "founder", "one", "its flagship product", ";", "backed", "departure",
    ]

    @Test func randomWordSoupsKeepTheInvariants() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<400 {
            let text = (0..<(5 + next(40))).map { _ in Self.vocabulary[next(Self.vocabulary.count)] }.joined(separator: " ")
            let analyzed = AnalyzedText(text)
            let mentions = RelationFixtures.extractor.recognizer.recognize(analyzed)
            let scalars = Array(text.unicodeScalars)
            for relation in RelationExtractor().extract(from: analyzed, mentions: mentions, document: Document(name: "soup", text: text)) {
                #expect(relation.source != relation.target, "\(text)")
                let evidence = relation.evidence
                #expect(evidence.start <= evidence.end && evidence.end <= scalars.count, "\(text)")
                #expect(evidence.trigger.isEmpty == (relation.kind == .coMentioned), "\(text)")
            }
        }
    }
}
