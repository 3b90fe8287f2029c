import Testing
@testable import RelGraphCore

/// `PartialGraph` keeps each document's date in an array by the name's string id: documents
/// added again or merged keep the later date whatever the order, strings that name no
/// document are not documents, and the finished graph lists documents in name order.
@Suite struct DocumentDatesTests {
    static let additions: [DocumentInfo] = [
        DocumentInfo(name: "b.txt", date: "2024-03-01"),
        DocumentInfo(name: "a.txt", date: nil),
        DocumentInfo(name: "c.txt", date: "2023-01-01"),
        DocumentInfo(name: "b.txt", date: "2024-01-01"),
        DocumentInfo(name: "a.txt", date: "2022-05-05"),
        DocumentInfo(name: "c.txt", date: nil),
    ]

    static let expected = [
        DocumentInfo(name: "a.txt", date: "2022-05-05"),
        DocumentInfo(name: "b.txt", date: "2024-03-01"),
        DocumentInfo(name: "c.txt", date: "2023-01-01"),
    ]

    static func graph(_ documents: some Sequence<DocumentInfo>) -> PartialGraph {
        var graph = PartialGraph()
        // A mention interns strings that name no document, before and between the documents.
        graph.addMention(of: "Ada Lovelace", type: .person, surface: "Lovelace", document: "a.txt")
        for document in documents { graph.addDocument(document) }
        return graph
    }

    @Test(arguments: 0..<6) func theLaterDateIsKeptInAnyOrder(rotation: Int) {
        let documents = Self.additions[rotation...] + Self.additions[..<rotation]
        let graph = Self.graph(documents)
        #expect(graph.documentCount == 3)
        #expect(graph.documents == Dictionary(uniqueKeysWithValues: Self.expected.map { ($0.name, $0) }))
        #expect(graph.finalized().documents == Self.expected)
    }

    @Test func mergedGraphsKeepTheLaterDate() {
        let first = Self.graph(Self.additions[..<3]), second = Self.graph(Self.additions[3...])
        for merged in [first.merging(second), second.merging(first)] {
            #expect(merged.documentCount == 3)
            #expect(merged.finalized().documents == Self.expected)
            #expect(merged.documents == Self.graph(Self.additions).documents)
        }
    }

    @Test func aGraphWithoutDocumentsHasNone() {
        var graph = PartialGraph()
        graph.addMention(of: "Ada Lovelace", type: .person, surface: "Ada Lovelace", document: "a.txt")
        #expect(graph.documentCount == 0)
        #expect(graph.documents.isEmpty)
        #expect(graph.finalized().documents.isEmpty)
    }
}
