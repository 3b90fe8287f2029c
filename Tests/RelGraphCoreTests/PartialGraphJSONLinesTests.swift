import Foundation
import Testing
@testable import RelGraphCore

@Suite struct PartialGraphJSONLinesTests {
    private typealias Record = PartialGraphJSONLines.Record

    private func record(_ kind: String, _ fill: (inout Record) -> Void) -> Record {
        var record = Record(record: kind)
        fill(&record)
        return record
    }

    private func referenceEncoding(_ partial: PartialGraph) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        func emit(_ record: Record) throws {
            data.append(try encoder.encode(record))
            data.append(UInt8(ascii: "\n"))
        }
        try emit(record("header") { $0.format = PartialGraphJSONLines.formatName; $0.version = PartialGraphJSONLines.schemaVersion })
        let documents = partial.documents, entities = partial.entities, relations = partial.relations
        for name in documents.keys.sorted() { try emit(record("document") { $0.name = name; $0.date = documents[name]!.date }) }
        for name in entities.keys.sorted() {
            let entity = entities[name]!
            try emit(record("entity") {
                $0.name = name
                $0.types = Dictionary(uniqueKeysWithValues: entity.typeVotes.map { ($0.key.rawValue, $0.value) })
                $0.aliases = entity.aliases.sorted()
                $0.mentions = entity.mentions
                $0.documents = entity.documents.sorted()
            })
        }
        for key in relations.keys.sorted() {
            try emit(record("relation") {
                $0.source = key.source
                $0.target = key.target
                $0.type = key.kind
                $0.evidence = relations[key]!.sorted()
            })
        }
        return data
    }

    @Test func bytesMatchJSONEncoder() throws {
        for partial in [ScaleFixture.whole, ScaleFixture.merged([3, 1, 4, 1, 5]), PartialGraph()] {
            #expect(PartialGraphJSONLines.encode(partial) == (try referenceEncoding(partial)))
        }
        // Awkward strings: escapes, slashes, non-ASCII, empty trigger, no date.
        var partial = PartialGraph()
        partial.addDocument(DocumentInfo(name: "a/b \"c\".txt", date: nil))
        partial.addMention(of: "Zoë \\ Roe", type: .person, surface: "Zoë", document: "a/b \"c\".txt")
        partial.addRelation(RelationKey(source: "Zoë \\ Roe", target: "Acme\tCo", kind: .sued),
                            evidence: Evidence(document: "a/b \"c\".txt", sentence: "Line\nbreak \u{1} “quote” 🚀", start: 3, end: 40))
        #expect(PartialGraphJSONLines.encode(partial) == (try referenceEncoding(partial)))
    }

    @Test func roundTripsExactly() throws {
        let partial = ScaleFixture.whole
        let data = PartialGraphJSONLines.encode(partial)
        #expect(try PartialGraphJSONLines.decode(data, source: "whole.jsonl") == partial)
        // Re-encoding gives the same bytes: the format is deterministic.
        #expect(PartialGraphJSONLines.encode(try PartialGraphJSONLines.decode(data, source: "x")) == data)
    }

    @Test func writesOneSortedRecordPerLine() throws {
        let partial = ScaleFixture.merged([0, 1, 2])
        let lines = String(decoding: PartialGraphJSONLines.encode(partial), as: UTF8.self).split(separator: "\n")
        #expect(lines.first == #"{"format":"relgraph-partial","record":"header","version":1}"#)
        #expect(lines.count == 1 + partial.documents.count + partial.entities.count + partial.relations.count)
        let entityNames = try lines.filter { $0.contains(#""record":"entity""#) }.map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["name"] as? String
        }
        #expect(entityNames == partial.entities.keys.sorted())
    }

    @Test func concatenatedPartsReadAsTheirMerge() throws {
        let a = ScaleFixture.merged(0..<10), b = ScaleFixture.merged(5..<20)
        let data = PartialGraphJSONLines.encode(a) + PartialGraphJSONLines.encode(b)
        #expect(try PartialGraphJSONLines.decode(data, source: "cat.jsonl") == a.merging(b))
    }

    @Test func linesInAnyOrderReadTheSame() throws {
        // Hadoop Streaming sorts map output line by line before a reducer sees it.
        let a = ScaleFixture.merged(0..<10), b = ScaleFixture.merged(10..<20)
        let text = String(decoding: PartialGraphJSONLines.encode(a) + PartialGraphJSONLines.encode(b), as: UTF8.self)
        let sorted = text.split(separator: "\n").sorted().joined(separator: "\n")
        #expect(try PartialGraphJSONLines.decode(Data(sorted.utf8), source: "sorted") == a.merging(b))
    }

    @Test func streamsFromAFileHandle() throws {
        let directory = ScaleFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("part.jsonl")
        try PartialGraphJSONLines.encode(ScaleFixture.whole).write(to: URL(fileURLWithPath: path))
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        var partial = PartialGraph()
        try PartialGraphJSONLines.read(handle, source: path, into: &partial)
        #expect(partial == ScaleFixture.whole)
    }

    @Test func rejectsFilesThatAreNotPartialGraphs() {
        #expect(throws: PartialGraphFileError.notAPartialGraph(path: "g.json")) {
            try PartialGraphJSONLines.decode(Data(#"{"record":"document","name":"a"}"#.utf8), source: "g.json")
        }
        #expect(throws: PartialGraphFileError.notAPartialGraph(path: "docs.jsonl")) {
            try PartialGraphJSONLines.decode(Data(#"{"id":"a","text":"Acme sued Initech."}"#.utf8), source: "docs.jsonl")
        }
        let header = #"{"format":"relgraph-partial","record":"header","version":1}"#
        #expect(throws: PartialGraphFileError.badLine(path: "p.jsonl", line: 2)) {
            try PartialGraphJSONLines.decode(Data("\(header)\n{\"record\":\"entity\",\"name\":".utf8), source: "p.jsonl")
        }
        #expect(throws: PartialGraphFileError.newerVersion(path: "p.jsonl", version: 9, supported: 1)) {
            try PartialGraphJSONLines.decode(Data(#"{"format":"relgraph-partial","record":"header","version":9}"#.utf8), source: "p.jsonl")
        }
    }
}
