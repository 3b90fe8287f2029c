import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how two entities are connected, with the evidence for each hop.",
            discussion: "Example: relgraph path \"Elon Musk\" Microsoft"
        )

        @OptionGroup var graph: GraphOptions

        @Argument(help: "The entity to start from (name or alias).")
        var from: String

        @Argument(help: "The entity to reach (name or alias).")
        var to: String

        func run() throws {
            let loaded = try graph.load()
            let names = Set(loaded.entities.map(\.name))
            for name in [from, to] where !names.contains(name) {
                throw fail(ValidationError("no entity named '\(name)'"))
            }
            var neighbors: [String: [(String, Relation)]] = [:]
            for relation in loaded.relations {
                neighbors[relation.source, default: []].append((relation.target, relation))
                neighbors[relation.target, default: []].append((relation.source, relation))
            }
            var previous: [String: (String, Relation)] = [:]
            var queue = [from]
            var seen: Set<String> = [from]
            while !queue.isEmpty {
                let node = queue.removeFirst()
                for (next, relation) in neighbors[node, default: []] where !seen.contains(next) {
                    seen.insert(next)
                    previous[next] = (node, relation)
                    queue.append(next)
                }
            }
            guard seen.contains(to) else {
                print("'\(from)' and '\(to)' are not connected")
                return
            }
            var hops: [(String, String, Relation)] = []
            var node = to
            while let (before, relation) = previous[node] {
                hops.append((before, node, relation))
                node = before
            }
            for (a, b, relation) in hops.reversed() {
                print("\(a) —\(relation.kind.label)→ \(b)")
                if let evidence = relation.evidence.first { print("    “\(evidence.sentence)” (\(evidence.document))") }
            }
        }
    }
}
