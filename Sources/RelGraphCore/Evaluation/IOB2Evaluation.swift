import Foundation

/// Span-level exact-match scoring on IOB2 data (CoNLL-style columns: index, token, tag),
/// such as the UNER English-PUD benchmark.
///
/// The recognizer runs on each sentence's raw `# text` line; its mentions are mapped back to
/// the gold tokens by byte offsets, and a mention counts only when both boundaries and the
/// type match a gold span. PERSON maps to `PER`, ORGANIZATION to `ORG`, LOCATION to `LOC`;
/// products have no gold label and are ignored.
public struct IOB2Evaluation {
    public struct Sentence: Hashable, Sendable {
        public var id: String
        /// The `# newdoc id` this sentence belongs to (empty when the file has none).
        public var document: String = ""
        public var text: String
        public var tokens: [String]
        public var tags: [String]
    }

    struct Span: Hashable, Comparable {
        var sentence: Int
        var label: String
        var first: Int
        var last: Int

        static func < (lhs: Span, rhs: Span) -> Bool {
            (lhs.sentence, lhs.first, lhs.last, lhs.label) < (rhs.sentence, rhs.first, rhs.last, rhs.label)
        }
    }

    public let sentences: [Sentence]

    public init(sentences: [Sentence]) { self.sentences = sentences }

    public static func load(path: String) throws(EvaluationError) -> IOB2Evaluation {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse(String(decoding: data, as: UTF8.self), source: path)
    }

    public static func parse(_ content: String, source: String) throws(EvaluationError) -> IOB2Evaluation {
        var sentences: [Sentence] = []
        var document = ""
        var current = Sentence(id: "", text: "", tokens: [], tags: [])
        var lineNumber = 0
        func finish() {
            current.document = document
            if !current.tokens.isEmpty { sentences.append(current) }
            current = Sentence(id: "", text: "", tokens: [], tags: [])
        }
        for line in fieldLines(content) {
            lineNumber += 1
            if trimmedField(line).isEmpty { finish(); continue }
            if line.hasPrefix("# newdoc id = ") { document = String(line.dropFirst(14)); continue }
            if line.hasPrefix("# sent_id = ") { current.id = String(line.dropFirst(12)); continue }
            if line.hasPrefix("# text = ") { current.text = String(line.dropFirst(9)); continue }
            if line.hasPrefix("#") { continue }
            let fields = splitFields(line, on: 0x09, omittingEmptySubsequences: false)
            guard fields.count >= 3 else { throw .malformedIOB2(path: source, line: lineNumber) }
            current.tokens.append(String(fields[1]))
            current.tags.append(String(fields[2]))
        }
        finish()
        // Scores over no sentences read as perfect (1.000), which hides a file read wrongly.
        guard !sentences.isEmpty else { throw .emptyIOB2(path: source) }
        return IOB2Evaluation(sentences: sentences)
    }

    /// How much text the recognizer sees at once.
    public enum Context: String, Sendable, CaseIterable {
        /// Each sentence alone, as the published scores are computed.
        case sentence
        /// The sentences of one `newdoc` joined by blank lines, so a surname can resolve to a
        /// full name given in another sentence of the same article.
        case document
    }

    /// The mentions of each sentence (by index), recognized with the given context.
    private func mentions(_ recognizer: Recognizer, indices: [Int], context: Context) -> [Int: [Mention]] {
        var result: [Int: [Mention]] = [:]
        var groups: [[Int]] = []
        for index in indices {
            if context == .document, let last = groups.last?.last, sentences[last].document == sentences[index].document, !sentences[index].document.isEmpty {
                groups[groups.count - 1].append(index)
            } else {
                groups.append([index])
            }
        }
        // One set of the rules' buffers for all groups, as an extraction worker keeps one: made
        // per call, its cue-answer cache alone costs more than recognizing a short sentence.
        let scratch = NameRulesScratch()
        for group in groups {
            var joined = ""
            var starts: [Int] = []
            for index in group {
                if !joined.isEmpty { joined += "\n\n" }
                starts.append(joined.utf8.count)
                joined += sentences[index].text
            }
            for mention in recognizer.recognizeWithNames(AnalyzedText(joined), scratch: scratch).mentions {
                guard let position = starts.lastIndex(where: { $0 <= mention.start }) else { continue }
                var shifted = mention
                shifted.start -= starts[position]
                shifted.end -= starts[position]
                result[group[position], default: []].append(shifted)
            }
        }
        return result
    }

    /// Scores `recognizer` on the sentences whose id starts with `prefix` (all when empty).
    public func evaluate(_ recognizer: Recognizer, idPrefix prefix: String = "", context: Context = .sentence, title: String) -> EvaluationReport {
        var gold = Set<Span>()
        var predicted = Set<Span>()
        var errorLines: [Span: String] = [:]
        let selected = sentences.indices.filter { sentences[$0].id.hasPrefix(prefix) }
        let found = mentions(recognizer, indices: selected, context: context)
        for index in selected {
            let sentence = sentences[index]
            gold.formUnion(Self.goldSpans(sentence, index: index))
            let offsets = Self.tokenOffsets(sentence)
            for mention in found[index] ?? [] {
                guard let label = Self.label(mention.type) else { continue }
                guard let first = offsets.firstIndex(where: { $0 != nil && $0!.upperBound > mention.start }),
                      let last = offsets.lastIndex(where: { $0 != nil && $0!.lowerBound < mention.end }), first <= last else { continue }
                let span = Span(sentence: index, label: label, first: first, last: last)
                predicted.insert(span)
                errorLines[span] = "\(sentence.id)\t\(label)\t\(mention.surface)"
            }
            for span in gold where span.sentence == index {
                errorLines[span] = errorLines[span] ?? "\(sentence.id)\t\(span.label)\t\(sentence.tokens[span.first...span.last].joined(separator: " "))"
            }
        }
        var rows: [EvaluationReport.Row] = []
        for label in ["PER", "ORG", "LOC"] {
            rows.append(.init(label: label, score: Score(predicted: predicted.filter { $0.label == label }, gold: gold.filter { $0.label == label })))
        }
        let personOrganization: Set<String> = ["PER", "ORG"]
        rows.append(.init(label: "PER+ORG", score: Score(predicted: predicted.filter { personOrganization.contains($0.label) },
                                                          gold: gold.filter { personOrganization.contains($0.label) })))
        rows.append(.init(label: "PER+ORG+LOC", score: Score(predicted: predicted, gold: gold)))
        let errors = predicted.subtracting(gold).sorted().map { "FP \(errorLines[$0] ?? "")" }
            + gold.subtracting(predicted).sorted().map { "FN \(errorLines[$0] ?? "")" }
        let count = sentences.filter { $0.id.hasPrefix(prefix) }.count
        return EvaluationReport(title: "\(title): \(count) sentences, \(gold.count) gold spans", rows: rows, errors: errors)
    }

    static func label(_ type: MentionType) -> String? {
        switch type {
        case .person: "PER"
        case .organization: "ORG"
        case .location: "LOC"
        case .product, .date, .money: nil
        }
    }

    static func goldSpans(_ sentence: Sentence, index: Int) -> [Span] {
        var spans: [Span] = []
        for (position, tag) in sentence.tags.enumerated() {
            if tag.hasPrefix("B-") {
                spans.append(Span(sentence: index, label: String(tag.dropFirst(2)), first: position, last: position))
            } else if tag.hasPrefix("I-"), !spans.isEmpty, spans[spans.count - 1].last == position - 1 {
                spans[spans.count - 1].last = position
            }
        }
        return spans
    }

    /// The byte range of each gold token in the sentence text, found left to right.
    static func tokenOffsets(_ sentence: Sentence) -> [Range<Int>?] {
        let bytes = Array(sentence.text.utf8)
        var cursor = 0
        return sentence.tokens.map { token in
            let needle = Array(token.utf8)
            guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
            var start = cursor
            while start + needle.count <= bytes.count {
                if bytes[start] == needle[0], bytes[start..<(start + needle.count)].elementsEqual(needle) {
                    cursor = start + needle.count
                    return start..<cursor
                }
                start += 1
            }
            return nil
        }
    }
}
