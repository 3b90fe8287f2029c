import Foundation
import RelGraphCore

/// Query figures on a generated graph of 100,000 entities and 1,000,000 relations: index
/// build, point-to-point weighted and fewest-hop paths in-process, and `relgraph path` end
/// to end (load the saved graph through its binary cache + index + query).
///
/// Call `QueryBenchmark.run()` from `main.swift`; it returns (measure, figure) rows.
enum QueryBenchmark {
    static let entityCount = 100_000
    static let relationCount = 1_000_000
    static let queryCount = 200

    static func run(entities: Int = entityCount, relations: Int = relationCount, queries: Int = queryCount) -> [(String, String)] {
        var rows: [(String, String)] = []
        var clock = ContinuousClock.now
        func lap() -> Double {
            let now = ContinuousClock.now
            defer { clock = now }
            return seconds(clock, now)
        }
        let graph = generate(entities: entities, relations: relations)
        rows.append(("generate \(entities) entities / \(graph.relations.count) relations", format(lap())))

        let index = GraphIndex(graph)
        rows.append(("index build (CSR, \(index.linkCount) links)", format(lap())))

        var random = SplitMix64(seed: 7)
        let pairs = (0..<queries).map { _ in (Int.random(in: 0..<entities, using: &random), Int.random(in: 0..<entities, using: &random)) }
        for metric in PathMetric.allCases {
            var times: [Double] = []
            var found = 0
            for (from, to) in pairs {
                let start = ContinuousClock.now
                let path = ShortestPath.find(in: index.adjacency, from: from, to: to, metric: metric)
                times.append(seconds(start, .now))
                if path != nil { found += 1 }
            }
            times.sort()
            rows.append(("path \(metric.rawValue), median of \(queries) random pairs (\(found) connected)", format(times[times.count / 2])))
            rows.append(("path \(metric.rawValue), 95th percentile", format(times[times.count * 95 / 100])))
        }
        do {
            let start = ContinuousClock.now
            let answer = index.pathAnswer(from: pairs[0].0, to: pairs[0].1, metric: .weighted, k: 3)
            rows.append(("3 shortest paths (Yen) + evidence, one pair (\(answer.paths.count) found)", format(seconds(start, .now))))
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-query-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("graph.json").path
        _ = lap()
        let data = GraphJSON.encode(graph)
        try? data.write(to: URL(fileURLWithPath: file))
        rows.append(("write graph JSON (\(data.count / 1_000_000) MB)", format(lap())))

        // End to end, in-process: the same steps as `relgraph path --graph FILE A B`. The
        // first query after `build` decodes the JSON and writes the binary cache; later ones
        // read the cache.
        let (from, to) = (graph.entities[pairs[0].0].name, graph.entities[pairs[0].1].name)
        if (try? GraphCache.load(graphPath: file)) != nil {
            rows.append(("first query after build: JSON decode + write cache", format(lap())))
        }
        if let loaded = try? GraphCache.load(graphPath: file, lazyEvidence: true) {
            let decoded = lap()
            let fresh = GraphIndex(loaded.graph, weights: loaded.weights, endpoints: loaded.endpoints, evidence: loaded.evidence)
            let indexed = lap()
            if let a = try? fresh.node(named: from), let b = try? fresh.node(named: to) {
                _ = fresh.pathAnswer(from: a, to: b, metric: .weighted).text
            }
            let queried = lap()
            rows.append(("load+query in-process: read cache", format(decoded)))
            rows.append(("load+query in-process: index", format(indexed)))
            rows.append(("load+query in-process: resolve names + path + evidence", format(queried)))
            rows.append(("load+query in-process: total", format(decoded + indexed + queried)))
        }

        // End to end through the binary, when it was built next to this one.
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("relgraph").path
        if FileManager.default.isExecutableFile(atPath: binary) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["path", "--graph", file, "--corpus", folder.appendingPathComponent("no-corpus").path, from, to]
            process.standardOutput = FileHandle.nullDevice
            let start = ContinuousClock.now
            if (try? process.run()) != nil {
                process.waitUntilExit()
                rows.append(("relgraph path --graph FILE (process, exit \(process.terminationStatus))", format(seconds(start, .now))))
            }
        }
        return rows
    }

    /// A deterministic graph: entity `E0000042` has index 42; relations join random pairs,
    /// one in five within a small neighborhood of ids (clusters), with 1–3 sentences each and
    /// mostly co-mentions, as in news.
    static func generate(entities: Int, relations: Int) -> RelationGraph {
        var random = SplitMix64(seed: 42)
        let names = (0..<entities).map { "E" + String(repeating: "0", count: max(0, 7 - String($0).count)) + String($0) }
        let entityList = names.enumerated().map { index, name in
            Entity(name: name, type: EntityType.allCases[index % 3], aliases: [], mentions: 1, documents: [])
        }
        let kinds = RelationKind.allCases
        var seen = Set<UInt64>(minimumCapacity: relations)
        var relationList: [Relation] = []
        relationList.reserveCapacity(relations)
        var sentence = 0
        while relationList.count < relations {
            let a = Int.random(in: 0..<entities, using: &random)
            let b = Int.random(in: 0..<5, using: &random) == 0
                ? (a + Int.random(in: 1...50, using: &random)) % entities
                : Int.random(in: 0..<entities, using: &random)
            guard a != b else { continue }
            let kind = Int.random(in: 0..<3, using: &random) == 0 ? kinds.randomElement(using: &random)! : .coMentioned
            let key = RelationKey(source: names[a], target: names[b], kind: kind)
            let code = UInt64(a) << 32 | UInt64(b) << 5 | UInt64(kinds.firstIndex(of: kind)!)
            let normalized = key.source == names[a] ? code : UInt64(b) << 32 | UInt64(a) << 5 | UInt64(kinds.firstIndex(of: kind)!)
            guard seen.insert(normalized).inserted else { continue }
            let count = [1, 1, 1, 2, 3].randomElement(using: &random)!
            let evidence = (0..<count).map { _ in
                sentence += 1
                let document = "doc-\(sentence / 20).txt"
                let date = String(format: "2025-%02d-%02d", 1 + sentence % 12, 1 + sentence % 28)
                return Evidence(document: document, sentence: "\(key.source) and \(key.target) in sentence \(sentence).",
                                start: sentence * 100, end: sentence * 100 + 60, trigger: "", date: date)
            }
            relationList.append(Relation(source: key.source, target: key.target, kind: kind, evidence: evidence))
        }
        return RelationGraph(documents: [], entities: entityList, relations: relationList)
    }

    private static func seconds(_ start: ContinuousClock.Instant, _ end: ContinuousClock.Instant) -> Double {
        let duration = end - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    private static func format(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.2f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }
}
