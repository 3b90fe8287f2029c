import Foundation
import Testing
@testable import RelGraphCore

/// `GraphJSON` writes its bytes by hand for speed and streaming; these tests hold it to the
/// exact bytes `JSONEncoder` produced for the same graph, which earlier files were written with.
@Suite struct GraphJSONWriterTests {
    private struct Reference: Encodable {
        var format = RelationGraph.formatName
        var version = RelationGraph.schemaVersion
        var documents: [DocumentInfo]
        var entities: [Entity]
        var relations: [Relation]
    }

    private func referenceBytes(_ graph: RelationGraph) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(Reference(documents: graph.documents, entities: graph.entities, relations: graph.relations))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Strings with every kind of character JSON treats specially.
    private static let awkward = [
        "plain", "", "quote \" and backslash \\", "slash / stays", "tab\there", "line\nbreak", "\r\u{8}\u{C}",
        "\u{0}\u{1}\u{1F}\u{7F}", "café ’s", "𝄞 emoji 🚀", "\u{2028}\u{2029}", "O'Brien & Co.",
    ]

    private func randomGraph(seed: UInt64) -> RelationGraph {
        var random = SplitMix64(seed: seed)
        func text() -> String {
            (0..<random.below(3)).map { _ in random.pick(Self.awkward) }.joined(separator: " ") + "\(random.below(50))"
        }
        let documents = (0..<random.below(4)).map { index in
            DocumentInfo(name: "doc\(index)-\(text())", date: random.below(2) == 0 ? nil : "2024-0\(1 + random.below(9))-01")
        }
        let names = (0..<(2 + random.below(6))).map { "\($0) \(text())" }
        let entities = names.map { name in
            Entity(
                name: name, type: random.pick(EntityType.allCases),
                aliases: (0..<random.below(3)).map { _ in text() }.sorted(),
                mentions: random.below(100_000), documents: documents.map(\.name).filter { _ in random.below(2) == 0 }
            )
        }
        let relations = (0..<random.below(8)).map { _ in
            Relation(
                source: random.pick(names), target: random.pick(names), kind: random.pick(RelationKind.allCases),
                evidence: (0..<random.below(4)).map { _ in
                    Evidence(
                        document: documents.isEmpty ? "d" : random.pick(documents).name, sentence: text(),
                        start: random.below(10_000), end: 10_000 + random.below(10_000),
                        trigger: random.below(2) == 0 ? "" : text(), date: random.below(2) == 0 ? nil : "2025-12-31"
                    )
                }.sorted()
            )
        }
        return RelationGraph(documents: documents, entities: entities, relations: relations)
    }

    @Test func bytesMatchJSONEncoderOnRandomGraphs() throws {
        for seed in 0..<300 as Range<UInt64> {
            let graph = randomGraph(seed: seed)
            let mine = GraphJSON.encode(graph), reference = try referenceBytes(graph)
            guard mine != reference else { continue }
            let index = zip(mine, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(mine.count, reference.count)
            let context = { (data: Data) in String(decoding: data[max(0, index - 60)..<min(data.count, index + 60)], as: UTF8.self) }
            Issue.record("seed \(seed): first difference at byte \(index):\n\(context(mine))\n---\n\(context(reference))")
        }
    }

    @Test func emptyGraphMatchesJSONEncoder() throws {
        #expect(GraphJSON.encode(RelationGraph()) == (try referenceBytes(RelationGraph())))
    }

    @Test func streamedFileEqualsInMemoryBytesAndRoundTrips() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Big enough to flush several times.
        let graphs = (0..<400 as Range<UInt64>).map { randomGraph(seed: $0) }
        let graph = RelationGraph(
            documents: graphs.flatMap(\.documents), entities: graphs.flatMap(\.entities), relations: graphs.flatMap(\.relations)
        )
        let path = folder.appendingPathComponent("graph.json").path
        try GraphJSON.write(graph, to: path)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == GraphJSON.encode(graph))
        #expect(try GraphJSON.decode(written, source: path) == graph)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["graph.json"])
    }

    @Test func failedStreamLeavesDestinationUntouched() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: OutputError.cannotWrite(path: path)) {
            try AtomicFile.write(to: path) { (sink: AtomicFile.Sink) throws(OutputError) in
                var bytes = Array("partial".utf8)
                try sink.write(&bytes)
                throw .cannotWrite(path: path)
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
    }
}
