/// Finds relations between the mentions of each sentence.
///
/// Every pair of distinct entities in a sentence is at least `co-mentioned`; typed relations
/// come from trigger patterns.
public struct RelationExtractor: Sendable {
    /// Sentences naming more distinct entities than this give no co-mentions: such a
    /// "sentence" is a list or table, where co-occurrence says nothing, and its pairs grow
    /// quadratically (10,000 names would give 50 million pairs).
    public static let coMentionLimit = 64

    public init() {}

    public func extract(from text: AnalyzedText, mentions: [Mention], document: Document) -> [ExtractedRelation] {
        var results: [ExtractedRelation] = []
        var bySentence: [Int: [Mention]] = [:]
        for mention in mentions where mention.type.entityType != nil {
            bySentence[mention.sentence, default: []].append(mention)
        }
        for sentenceIndex in bySentence.keys.sorted() {
            let sentence = text.sentences[sentenceIndex]
            let names = Array(Set(bySentence[sentenceIndex]!.map(\.canonical))).sorted()
            guard names.count > 1, names.count <= Self.coMentionLimit else { continue }
            let evidence = Evidence(
                document: document.name,
                sentence: text.text(of: sentence),
                start: text.scalarOffset(ofByte: sentence.start),
                end: text.scalarOffset(ofByte: sentence.end),
                date: document.date
            )
            for (offset, first) in names.enumerated() {
                for second in names[(offset + 1)...] {
                    results.append(ExtractedRelation(source: first, target: second, kind: .coMentioned, evidence: evidence))
                }
            }
        }
        return results
    }
}
