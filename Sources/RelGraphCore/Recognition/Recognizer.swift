/// Finds mentions of people, organizations and products in a document.
///
/// Stage one matches the lexicon (canonical names and aliases) with a token trie, longest
/// match first; later stages add rule-based discovery of unknown names and alias resolution.
public struct Recognizer: Sendable {
    public let lexicon: Lexicon
    private let trie: TokenTrie<LexiconHit>

    struct LexiconHit: Sendable {
        var canonical: String
        var type: MentionType
    }

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        var trie = TokenTrie<LexiconHit>()
        for entry in lexicon.entries {
            trie.insert(entry.canonical, LexiconHit(canonical: entry.canonical, type: entry.type))
            for alias in entry.aliases { trie.insert(alias, LexiconHit(canonical: entry.canonical, type: entry.type)) }
        }
        self.trie = trie
    }

    /// Mentions in document order, non-overlapping.
    public func recognize(_ text: AnalyzedText) -> [Mention] {
        var mentions: [Mention] = []
        for (sentenceIndex, sentence) in text.sentences.enumerated() {
            var index = sentence.tokens.lowerBound
            while index < sentence.tokens.upperBound {
                if let match = trie.longestMatch(in: text, from: index, limit: sentence.tokens.upperBound) {
                    let first = text.tokens[index]
                    let last = text.tokens[index + match.length - 1]
                    mentions.append(Mention(
                        start: first.start, end: last.end, tokens: index..<(index + match.length),
                        sentence: sentenceIndex, type: match.value.type,
                        surface: text.string(first.start, last.end), canonical: match.value.canonical
                    ))
                    index += match.length
                } else {
                    index += 1
                }
            }
        }
        return mentions
    }
}
