import Foundation
@testable import RelGraphCore

/// A lexicon for relation tests, so they do not depend on the recognizer's coverage.
/// Names from the corpus articles plus invented ones for sentences that are not from it.
enum RelationFixtures {
    static let lexicon = Lexicon(entries: [
        .init(canonical: "Elon Musk", type: .person, aliases: ["Musk", "Elon"]),
        .init(canonical: "Sam Altman", type: .person, aliases: ["Altman"]),
        .init(canonical: "Donald Trump", type: .person, aliases: ["Trump"]),
        .init(canonical: "Javier Soto", type: .person, aliases: ["Soto"]),
        .init(canonical: "Igor Babuschkin", type: .person, aliases: ["Babuschkin"]),
        .init(canonical: "Greg Brockman", type: .person, aliases: ["Brockman"]),
        .init(canonical: "Ilya Sutskever", type: .person, aliases: ["Sutskever"]),
        .init(canonical: "Reid Hoffman", type: .person, aliases: ["Hoffman"]),
        .init(canonical: "Lex Fridman", type: .person),
        .init(canonical: "Kara Swisher", type: .person),
        .init(canonical: "Chris Porter", type: .person),
        .init(canonical: "OpenAI", type: .organization),
        .init(canonical: "xAI", type: .organization),
        .init(canonical: "X", type: .organization, aliases: ["Twitter"]),
        .init(canonical: "Tesla", type: .organization),
        .init(canonical: "SpaceX", type: .organization),
        .init(canonical: "Microsoft", type: .organization),
        .init(canonical: "Google", type: .organization),
        .init(canonical: "DeepMind", type: .organization),
        .init(canonical: "Anthropic", type: .organization),
        .init(canonical: "Oracle", type: .organization),
        .init(canonical: "SoftBank", type: .organization),
        .init(canonical: "Nvidia", type: .organization),
        .init(canonical: "LinkedIn", type: .organization),
        .init(canonical: "The Wall Street Journal", type: .organization, aliases: ["Journal", "Wall Street Journal"]),
        .init(canonical: "Business Insider", type: .organization),
        .init(canonical: "Stargate Project", type: .organization, aliases: ["The Stargate Project", "Stargate"]),
        .init(canonical: "ChatGPT", type: .product),
        .init(canonical: "Grok", type: .product, aliases: ["Grok 3", "Grok 1"]),
        // Invented names for sentences that are not from the corpus.
        .init(canonical: "Jane Roe", type: .person, aliases: ["Roe"]),
        .init(canonical: "John Doe", type: .person, aliases: ["Doe"]),
        .init(canonical: "Mary Major", type: .person, aliases: ["Major"]),
        .init(canonical: "Acme", type: .organization, aliases: ["Acme Corp."]),
        .init(canonical: "Globex", type: .organization),
        .init(canonical: "Initech", type: .organization),
        .init(canonical: "Umbrella", type: .organization),
        .init(canonical: "Widget", type: .product),
    ])

    static let extractor = Extractor(recognizer: Recognizer(lexicon: lexicon))

    /// Typed relations of a text as `source|kind|target` strings.
    static func relations(_ text: String, includeCoMentions: Bool = false) -> Set<String> {
        let document = Document(name: "test", text: text)
        let analyzed = AnalyzedText(text)
        let mentions = extractor.recognizer.recognize(analyzed)
        let found = RelationExtractor().extract(from: analyzed, mentions: mentions, document: document)
        return Set(found.filter { includeCoMentions || $0.kind != .coMentioned }.map { "\($0.key.source)|\($0.kind.rawValue)|\($0.key.target)" })
    }
}
