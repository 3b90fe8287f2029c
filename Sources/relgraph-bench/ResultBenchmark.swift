import Foundation
import RelGraphCore
import RelGraphRendering

/// `make bench` section on the graph the extraction section just built: point-to-point path
/// latency between random entities, and the time to write and render the top 200 entities.
enum ResultBenchmark {
    static func run(graph: RelationGraph, queries: Int = 200) -> [BenchmarkRow] {
        var rows: [BenchmarkRow] = []
        let indexStart = ContinuousClock.now
        let index = GraphIndex(graph)
        rows.append(BenchmarkRow("result", "index build", milliseconds(since: indexStart), "ms"))
        let count = graph.entities.count
        if count > 1 {
            var random = SplitMix64(seed: 11)
            var times: [Double] = []
            for _ in 0..<queries {
                let from = Int.random(in: 0..<count, using: &random)
                let to = Int.random(in: 0..<count, using: &random)
                let start = ContinuousClock.now
                _ = ShortestPath.find(in: index.adjacency, from: from, to: to, metric: .weighted)
                times.append(seconds(since: start))
            }
            times.sort()
            rows.append(BenchmarkRow("result", "weighted path, median of \(queries) random pairs", String(format: "%.2f", times[times.count / 2] * 1000), "ms"))
            rows.append(BenchmarkRow("result", "weighted path, 95th percentile", String(format: "%.2f", times[times.count * 95 / 100] * 1000), "ms"))
        }
        do {
            let start = ContinuousClock.now
            let top = try GraphSelection(top: 200, dropsIsolated: true).apply(to: GraphFilter(includeCoMentions: false).apply(to: graph))
            let dot = DOTWriter().write(top)
            let engine = GraphvizRenderer.suggestedEngine(for: top)
            _ = try GraphvizRenderer().render(dot: dot, engine: engine, format: "svg")
            rows.append(BenchmarkRow("result", "render top 200 entities, typed relations (\(top.relations.count) edges, \(engine), svg)", milliseconds(since: start), "ms"))
        } catch {
            rows.append(BenchmarkRow("result", "render top 200 entities", "failed: \(error)"))
        }
        return rows
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> String {
        String(format: "%.0f", seconds(since: start) * 1000)
    }
}
