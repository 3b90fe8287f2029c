import Testing
@testable import RelGraphCore

/// Each rule family on sentences written for these tests (none from Corpus/).
@Suite struct RecognitionTests {
    private let recognizer = Recognizer(lexicon: Lexicon(entries: [
        Lexicon.Entry(canonical: "Elon Musk", type: .person, aliases: ["Musk", "Elon"]),
        Lexicon.Entry(canonical: "X", type: .organization, aliases: ["Twitter"]),
        Lexicon.Entry(canonical: "Grok", type: .product),
        Lexicon.Entry(canonical: "Claude", type: .product),
        Lexicon.Entry(canonical: "The Wall Street Journal", type: .organization, aliases: ["Wall Street Journal"]),
        Lexicon.Entry(canonical: "Paris", type: .location),
    ]))

    private func found(_ text: String) -> [String] {
        recognizer.recognize(AnalyzedText(text)).map { "\($0.canonical)/\($0.type.rawValue)" }
    }

    private func surfaces(_ text: String) -> [String] {
        recognizer.recognize(AnalyzedText(text)).map(\.surface)
    }

    @Test func lexiconAliasesMapToCanonicalNames() {
        #expect(found("Users left Twitter after Musk bought it.") == ["X/organization", "Elon Musk/person"])
    }

    @Test func connectorsJoinNameParts() {
        #expect(found("The painting went to Ludwig van Beethoven and Maria de la Cruz.") ==
            ["Ludwig van Beethoven/person", "Maria de la Cruz/person"])
        #expect(found("She studied at the University of Tromsø.") == ["University of Tromsø/organization"])
    }

    @Test func initialsMakePeople() {
        #expect(found("A letter from J. R. Hartley arrived.") == ["J. R. Hartley/person"])
        #expect(found("We met Kevin A. Boone there.") == ["Kevin A. Boone/person"])
    }

    @Test func loneWordsArePeopleOnlyWhenTheyAreSurnames() {
        #expect(found("The report quoted Hernandez at length.") == ["Hernandez/person"])
        #expect(found("The tour stopped near Vostrakovo by train.") == ["Vostrakovo/location"])
        #expect(found("Exports reached Zlotavia last spring.") == [])
    }

    @Test func aFirstNameBeforeAKnownSurnameIsAnotherPerson() {
        #expect(found("Kimbal Musk praised his brother.") == ["Kimbal Musk/person"])
    }

    @Test func multiWordRunsEndingInCommonWordsAreNotPeople() {
        #expect(found("Delegates signed the Halvorsen Accord and watched the Brackley Trophy.") == [])
    }

    @Test func titlesAndRolesMarkPeople() {
        #expect(found("The memo from Mr. Okonkwo was short.") == ["Okonkwo/person"])
        #expect(found("Yesterday the chief engineer Tomasz Wrzesniewski resigned.") == ["Tomasz Wrzesniewski/person"])
        #expect(found("Acme shares rose after CEO Priya Ramaswamy spoke.").contains("Priya Ramaswamy/person"))
    }

    @Test func organizationCuesMarkOrganizations() {
        #expect(found("Investors backed Quorvex Labs and Halden Bank this year.") ==
            ["Quorvex Labs/organization", "Halden Bank/organization"])
        #expect(found("Funding went to the startup Zyphera last week.") == ["Zyphera/organization"])
    }

    @Test func organizationContextAfterALoneName() {
        #expect(found("A Zyphera spokesperson declined to comment.") == ["Zyphera/organization"])
    }

    @Test func possessivesAreNotPartOfTheName() {
        #expect(surfaces("Quorvex Labs’ rival and Musk’s startup met Halden Bank's lawyers.") .contains("Halden Bank"))
        #expect(surfaces("Musk’s plan and Twitter's policy changed.") == ["Musk", "Twitter"])
    }

    @Test func acronymsAndBrandsAreOrganizations() {
        #expect(found("Regulators at the FDDA questioned ZenPay about it.") == ["FDDA/organization", "ZenPay/organization"])
        #expect(found("They offered it for FREE to NEW users.") == [])
    }

    @Test func headlinesKeepOnlyNameLikeWords() {
        #expect(found("Regulators Sink Merger As Quorvex Labs Walks Away") == ["Quorvex Labs/organization"])
        #expect(found("Jane Kowalski Sues Rival Over Patent") == ["Jane Kowalski/person"])
    }

    @Test func sentenceInitialAndGenericWordsAreNotNames() {
        #expect(found("However, the plan failed. Representatives declined to comment.") == [])
        #expect(found("The Tech sector and AI investments grew in March and on Monday.") == [])
    }

    @Test func placesAreRecognizedButTyped() {
        #expect(found("She flew from Paris to meet Ana Lindqvist.") == ["Paris/location", "Ana Lindqvist/person"])
    }

    @Test func aKnownNameThatIsAGivenNameStartsAPersonBeforeAnUnknownSurname() {
        #expect(found("Claude Vantongerloo wrote to Claude yesterday.") == ["Claude Vantongerloo/person", "Claude/product"])
    }

    @Test func productVersionsAreProducts() {
        #expect(found("The Grok 3 model beat its rivals.") == ["Grok 3/product"])
    }

    @Test func surnamesAndFirstNamesResolveWithinTheDocument() {
        let text = "Tomasz Wrzesniewski joined in May. Later, Wrzesniewski said Tomasz had no regrets."
        #expect(found(text) == ["Tomasz Wrzesniewski/person", "Tomasz Wrzesniewski/person", "Tomasz Wrzesniewski/person"])
    }

    @Test func theShortFormOfAnOrganizationResolves() {
        #expect(found("The Wall Street Journal reported it first; the Journal later corrected it.") ==
            ["The Wall Street Journal/organization", "The Wall Street Journal/organization"])
        #expect(found("Halvard Project members met. Halvard later grew.").last == "Halvard Project/organization")
    }

    @Test func mentionsCarrySentenceAndTokenRanges() throws {
        let text = AnalyzedText("Nobody came. Then Ana Lindqvist left.")
        let mention = try #require(recognizer.recognize(text).first)
        #expect(mention.sentence == 1)
        #expect(text.string(text.tokens[mention.tokens.lowerBound].start, text.tokens[mention.tokens.upperBound - 1].end) == "Ana Lindqvist")
    }

    @Test func crossDocumentShortNamesJoinTheOnlyFullName() {
        let names = CrossDocumentResolver.canonicalNames([
            "Jane Kowalski": .init(type: .person, mentions: 2),
            "Kowalski": .init(type: .person, mentions: 1),
            "Lee": .init(type: .person, mentions: 1),
            "Ann Lee": .init(type: .person, mentions: 1),
            "Bo Lee": .init(type: .person, mentions: 1),
            "The Acme Project": .init(type: .organization, mentions: 1),
            "Acme Project": .init(type: .organization, mentions: 3),
        ])
        #expect(names == ["Kowalski": "Jane Kowalski", "The Acme Project": "Acme Project"])
    }

    @Test func mergedShardsResolveLikeTheWhole() {
        let extractor = Extractor(recognizer: recognizer)
        let first = Document(name: "a.txt", text: "Jane Kowalski met Bob Nakamura.")
        let second = Document(name: "b.txt", text: "Later, Kowalski and Nakamura spoke.")
        let whole = extractor.graph(of: [first, second])
        let merged = extractor.extract(second).merging(extractor.extract(first)).finalized()
        #expect(whole.entities.map(\.name).sorted() == ["Bob Nakamura", "Jane Kowalski"])
        #expect(merged.entities == whole.entities)
    }
}
