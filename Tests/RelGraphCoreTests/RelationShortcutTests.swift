import Foundation
import Testing
@testable import RelGraphCore

/// Relation extraction skips the pattern passes of a sentence whose slots give fewer than two
/// candidates. That shortcut must change nothing: the relations, their evidence and order, and
/// (through later sentences) the pronoun memory must be exactly what the full passes give.
@Suite struct RelationShortcutTests {
    /// The relations of `documents` with the shortcut and without.
    private static func expectShortcutChangesNothing(_ documents: [Document], recognizer: Recognizer, sourceLocation: SourceLocation = #_sourceLocation) {
        var slow = RelationExtractor()
        slow.skipsBarrenSentences = false
        expectSameRelations(documents, recognizer: recognizer, fast: RelationExtractor(), slow: slow, sourceLocation: sourceLocation)
        // The lists of a sentence, always searched through hash sets and never.
        var hashing = RelationExtractor()
        hashing.hashingThreshold = 0
        var linear = RelationExtractor()
        linear.hashingThreshold = .max
        expectSameRelations(documents, recognizer: recognizer, fast: hashing, slow: slow, sourceLocation: sourceLocation)
        expectSameRelations(documents, recognizer: recognizer, fast: linear, slow: slow, sourceLocation: sourceLocation)
    }

    /// The relations of `documents` by `fast` and by `slow`.
    private static func expectSameRelations(
        _ documents: [Document], recognizer: Recognizer, fast: RelationExtractor, slow: RelationExtractor,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var relations = 0
        for document in documents {
            let text = AnalyzedText(document.text)
            let mentions = recognizer.recognize(text)
            let expected = slow.extract(from: text, mentions: mentions, document: document)
            let actual = fast.extract(from: text, mentions: mentions, document: document)
            if actual != expected {
                let first = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count)
                Issue.record("\(document.name): \(actual.count) relations instead of \(expected.count), first difference at \(first)", sourceLocation: sourceLocation)
            }
            relations += expected.count
        }
        #expect(relations > 0, sourceLocation: sourceLocation)
    }

    @Test func syntheticCorpusGivesTheSameRelations() {
        let corpus = SyntheticCorpus(seed: 11, megabytes: 0.3)
        Self.expectShortcutChangesNothing(Array(corpus.documents()), recognizer: Recognizer(lexicon: corpus.lexicon))
    }

    @Test func corpusArticlesGiveTheSameRelations() throws {
        let documents = try CorpusReader(path: TestPaths.corpus).readAll()
        Self.expectShortcutChangesNothing(documents, recognizer: Recognizer(lexicon: try Lexicon.bundled()))
    }

    /// A sentence that relates and names more entities than the hashing threshold: its long
    /// lists give what short ones searched linearly give.
    @Test func longListsGiveTheSameRelations() {
        let people = (0..<24).map { "Person\(Character(UnicodeScalar(UInt8(65 + $0)))) Roe" }
        let companies = (0..<24).map { "Company\(Character(UnicodeScalar(UInt8(65 + $0))))" }
        var texts: [String] = []
        texts.append(people.joined(separator: ", ") + " and John Doe joined " + companies.joined(separator: ", ") + " and Acme.")
        texts.append(people.joined(separator: " and ") + " sued " + companies.joined(separator: " and ") + ".")
        texts.append("Jane Roe founded Acme. " + companies.map { "Jane Roe invested in \($0)" }.joined(separator: ", ") + ".")
        texts.append(zip(people, companies).map { "\($0) met \($1)" }.joined(separator: ", ") + ", and they praised it.")
        var entries: [Lexicon.Entry] = people.map { .init(canonical: $0, type: .person) }
        entries += companies.map { .init(canonical: $0, type: .organization) }
        entries += [.init(canonical: "John Doe", type: .person), .init(canonical: "Jane Roe", type: .person), .init(canonical: "Acme", type: .organization)]
        let recognizer = Recognizer(lexicon: Lexicon(entries: entries))
        let documents = texts.enumerated().map { Document(name: "long-\($0.offset)", text: $0.element) }
        // The lists really are long: some sentence states more than the threshold.
        let relations = RelationExtractor().extract(from: AnalyzedText(texts[1]), mentions: recognizer.recognize(AnalyzedText(texts[1])), document: documents[1])
        #expect(relations.filter { $0.kind != .coMentioned }.count > 16)
        #expect(relations.filter { $0.kind == .coMentioned }.count > 16)
        Self.expectShortcutChangesNothing(documents, recognizer: recognizer)
    }

    /// Random word salad from every word the patterns know, names, pronouns and punctuation:
    /// sentences the templates never produce (a lone name with role words, descriptions and
    /// pronouns without antecedents, triggers with one argument).
    @Test(arguments: [1, 2, 3, 4])
    func randomSentencesGiveTheSameRelations(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let names = ["Elon Musk", "Musk", "Sam Altman", "Altman", "OpenAI", "xAI", "Tesla", "Microsoft", "ChatGPT", "Grok",
                     "Jane Roe", "Roe", "John Doe", "Acme", "Globex", "Initech", "Widget", "The Wall Street Journal", "Stargate Project"]
        let words = RelationLexicon.shared.vocabulary.words
        let extra = ["he", "she", "his", "her", "it", "its", "they", "the company", "the billionaire", "the project", "the startup",
                     "'s", ",", ",", ".", "and", "the", "CEO", "founder", "of", "by", "was", "said", "who", "Acme CEO", "Musk's", "OpenAI's"]
        var documents: [Document] = []
        for index in 0..<60 {
            var text = ""
            for _ in 0..<(8 + Int(generator.next() % 16)) {
                var sentence: [String] = []
                for _ in 0..<(3 + Int(generator.next() % 18)) {
                    switch generator.next() % 10 {
                    case 0, 1, 2: sentence.append(names[Int(generator.next() % UInt64(names.count))])
                    case 3, 4: sentence.append(extra[Int(generator.next() % UInt64(extra.count))])
                    default: sentence.append(words[Int(generator.next() % UInt64(words.count))])
                    }
                }
                if var first = sentence.first, let letter = first.first {
                    first.replaceSubrange(first.startIndex...first.startIndex, with: String(letter).uppercased())
                    sentence[0] = first
                }
                text += sentence.joined(separator: " ") + ". "
            }
            documents.append(Document(name: "random-\(index)", text: text))
        }
        Self.expectShortcutChangesNothing(documents, recognizer: RelationFixtures.extractor.recognizer)
    }
}
