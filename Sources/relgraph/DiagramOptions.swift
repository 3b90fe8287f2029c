import ArgumentParser
import Foundation
import RelGraphCore

/// What part of the graph `render` and `export` show: relation filters (`GraphFilter`), then
/// entity selection (`GraphSelection`).
struct DiagramOptions: ParsableArguments {
    /// Relation polarities, as command-line choices.
    enum PolarityChoice: String, ExpressibleByArgument, CaseIterable {
        case hostile, friendly, neutral
    }

    @Option(help: "Keep the N entities with the most weighted relations.")
    var top: Int?

    @Option(name: .customLong("min-weight"), help: "Drop relations supported by fewer than W sentences.")
    var minWeight: Double?

    @Option(help: ArgumentHelp(
        "Relation types to keep, comma-separated or repeated (e.g. sued,criticized).",
        discussion: "Types: \(RelationKind.allCases.map(\.rawValue).joined(separator: ", "))."))
    var types: [String] = []

    @Option(help: "Keep only relations of this polarity (repeatable).")
    var polarity: [PolarityChoice] = []

    @Option(help: "Centre on this entity, by name or alias (repeatable): its ego network.")
    var focus: [String] = []

    @Option(help: "Hops around --focus entities.")
    var depth: Int = 1

    @Flag(name: .customLong("no-co-mentions"), help: "Drop co-mention relations (entities merely named in one sentence).")
    var noCoMentions = false

    @Flag(name: .customLong("keep-isolated"), help: "Keep entities whose relations were all filtered out.")
    var keepIsolated = false

    @Flag(name: .customLong("no-legend"), help: "Leave the legend out of DOT and diagrams.")
    var noLegend = false

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1 (got \(top))") }
        if depth < 0 { throw ValidationError("--depth must be 0 or more (got \(depth))") }
        if let minWeight, minWeight < 0 { throw ValidationError("--min-weight must be 0 or more (got \(minWeight))") }
        _ = try kinds()
    }

    /// The relation kinds `--types` and `--polarity` allow, or `nil` for all.
    func kinds() throws -> Set<RelationKind>? {
        var allowed: Set<RelationKind>?
        let names = types.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !names.isEmpty {
            allowed = try Set(names.map { name in
                let normalized = name.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
                guard let kind = RelationKind(rawValue: normalized) else {
                    throw ValidationError("unknown relation type '\(name)'; use one of: \(RelationKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return kind
            })
        }
        if !polarity.isEmpty {
            let polarities = Set(polarity.map(\.rawValue))
            let byPolarity = Set(RelationKind.allCases.filter { polarities.contains($0.polarity.rawValue) })
            allowed = allowed.map { $0.intersection(byPolarity) } ?? byPolarity
        }
        return allowed
    }

    /// The relation filter, with the date window of `--since`/`--until` (from `GraphOptions`).
    func filter(dates: GraphOptions) throws -> GraphFilter {
        GraphFilter(kinds: try kinds(), includeCoMentions: !noCoMentions, minimumWeight: minWeight ?? 0, since: dates.since, until: dates.until)
    }

    /// True when a relation filter is set, so entities it leaves without relations are hidden.
    func filtersRelations(dates: GraphOptions) -> Bool {
        !types.isEmpty || !polarity.isEmpty || minWeight != nil || noCoMentions || dates.since != nil || dates.until != nil
    }

    func selection(dates: GraphOptions) -> GraphSelection {
        GraphSelection(focus: focus, depth: depth, top: top, dropsIsolated: filtersRelations(dates: dates) && !keepIsolated)
    }

    var dotOptions: DOTWriter.Options { DOTWriter.Options(legend: !noLegend) }

    /// The graph restricted to the relations and entities asked for.
    func apply(to graph: RelationGraph, dates: GraphOptions) throws -> RelationGraph {
        let filtered = try filter(dates: dates).apply(to: graph)
        do {
            return try selection(dates: dates).apply(to: filtered)
        } catch {
            throw fail(error)
        }
    }

}
