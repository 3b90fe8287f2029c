import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Show every relation between two entities with the sentences that state it.",
            discussion: "Example: relgraph explain \"Elon Musk\" OpenAI"
        )

        @OptionGroup var graph: GraphOptions
        @OptionGroup var corpus: CorpusOptions

        @Argument(help: "One entity (name or alias).")
        var first: String

        @Argument(help: "The other entity (name or alias).")
        var second: String

        @Flag(name: .long, help: "Print one JSON array instead of text.")
        var json = false

        @Flag(name: .long, help: "Leave out the co-mention.")
        var noCoMentions = false

        func run() throws {
            let loaded = graph.dateFilter.apply(to: try graph.loadForQuery(corpus: corpus).graph)
            let entities = try [first, second].map { query in
                guard let match = loaded.entityMatching(query) else { throw fail(RelationQueryError.unknownEntity(query)) }
                return match
            }
            let found = loaded.relations(between: entities[0].name, and: entities[1].name)
                .filter { !noCoMentions || $0.kind != .coMentioned }
            if json {
                FileHandle.standardOutput.write(try RelationOutput.json(found))
                return
            }
            guard !found.isEmpty else {
                print("no relation between '\(entities[0].name)' and '\(entities[1].name)'")
                return
            }
            for relation in found {
                print(RelationOutput.line(relation))
                for evidence in relation.evidence {
                    let trigger = evidence.trigger.isEmpty ? "" : ", trigger \u{201C}\(evidence.trigger)\u{201D}"
                    print("    \u{201C}\(evidence.sentence)\u{201D} (\(evidence.document) \(evidence.start)–\(evidence.end)\(trigger))")
                }
            }
        }
    }
}
