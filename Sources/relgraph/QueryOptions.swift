import ArgumentParser
import Foundation
import RelGraphCore

/// Options shared by the query commands (path, neighbors, rank, stats).
struct QueryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use only these relation types (comma-separated, e.g. founded,works_for).", valueName: "types"))
    var only: String?

    @Option(name: .long, help: ArgumentHelp("Never use these relation types (comma-separated).", valueName: "types"))
    var avoid: String?

    @Flag(name: .customLong("no-co-mentions"), help: "Ignore co-mentions (entities named in the same sentence).")
    var noCoMentions = false

    @Flag(name: .long, help: "Follow relations only from subject to object (symmetric ones both ways).")
    var directed = false

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        _ = try kinds(only)
        _ = try kinds(avoid)
    }

    /// The filter these options and the date window of `graph` describe.
    func filter(_ graph: GraphOptions) throws -> GraphFilter {
        var filter = graph.dateFilter
        filter.kinds = try kinds(only)
        filter.excludedKinds = try kinds(avoid) ?? []
        filter.includeCoMentions = !noCoMentions
        return filter
    }

    /// Relation types from `founded,works_for`; labels (`works for`) and `-` also work.
    private func kinds(_ list: String?) throws -> Set<RelationKind>? {
        guard let list else { return nil }
        var kinds: Set<RelationKind> = []
        for item in list.split(separator: ",") {
            let key = item.trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            guard let kind = RelationKind(rawValue: key) else {
                let known = RelationKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown relation type '\(item)'; known types: \(known)")
            }
            kinds.insert(kind)
        }
        return kinds
    }

    /// Loads the graph and indexes it with these options.
    func index(_ graph: GraphOptions, corpus: CorpusOptions) throws -> GraphIndex {
        let filter = try filter(graph)
        // Without a filter, evidence can stay in the cache until a step prints it.
        let loaded = try graph.loadForQuery(corpus: corpus, lazyEvidence: filter == GraphFilter())
        return GraphIndex(
            loaded.graph, filter: filter, directed: directed, weights: loaded.weights,
            endpoints: loaded.endpoints, evidence: loaded.evidence
        )
    }

    /// Prints an answer as JSON (sorted keys) or text.
    func emit<Answer: Encodable>(_ answer: Answer, text: String) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let data = (try? encoder.encode(answer)) ?? Data()
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text, terminator: "")
        }
    }
}

/// Resolves a command-line entity name, failing with the lookup's message.
func resolve(_ name: String, in index: GraphIndex) throws -> Int {
    do {
        return try index.node(named: name)
    } catch {
        throw fail(error)
    }
}
