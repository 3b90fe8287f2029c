import Foundation
@testable import RelGraphCore

/// A small synthetic corpus (about 40 documents) and an extractor whose lexicon knows all of
/// its names, so that every test sees many entities and relations.
enum ScaleFixture {
    static let corpus = SyntheticCorpus(seed: 42, megabytes: 0.15)
    static let documents: [Document] = Array(corpus.documents())
    static let extractor = Extractor(recognizer: Recognizer(lexicon: corpus.lexicon))
    /// The partial graph of each document on its own.
    static let perDocument: [PartialGraph] = documents.map { extractor.extract($0) }
    static let whole: PartialGraph = perDocument.reduce(into: PartialGraph()) { $0.merge($1) }

    /// The merge of the documents at `indexes`, in that order.
    static func merged(_ indexes: some Sequence<Int>) -> PartialGraph {
        indexes.reduce(into: PartialGraph()) { $0.merge(perDocument[$1]) }
    }

    /// A scratch folder, removed by the caller.
    static func temporaryDirectory() -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("relgraph-scale-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
