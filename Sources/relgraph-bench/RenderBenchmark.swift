import Foundation
import RelGraphCore
import RelGraphRendering

/// `make bench` section: DOT writing and Graphviz rendering time, for the corpus graph and a
/// generated 1,000-entity graph. Layout alone (parse + layout, no output) is timed separately to
/// show that what `render` adds to Graphviz's own work is small.
/// `layout(dot:engine:)` exists for the same purpose; the stage times here come from one call.
enum RenderBenchmark {
    /// Rows of (measure, value), best of a few runs each (fastest whole render).
    static func run(corpus: String = "Corpus") -> [(String, String)] {
        var rows: [(String, String)] = []
        if let graph = corpusGraph(corpus) {
            rows += measure(graph, name: "corpus graph")
        } else {
            rows.append(("render: corpus graph", "skipped: cannot read '\(corpus)'"))
        }
        rows += measure(generatedGraph(entities: 1_000, relationsPerEntity: 3), name: "1,000-entity graph")
        return rows
    }

    private static func measure(_ graph: RelationGraph, name: String) -> [(String, String)] {
        let writer = DOTWriter()
        let renderer = GraphvizRenderer()
        let engine = GraphvizRenderer.suggestedEngine(for: graph)
        let label = "render: \(name) (\(graph.entities.count) entities, \(graph.relations.count) relations, \(engine))"
        var dot = ""
        let write = best(of: 5) { dot = writer.write(graph) }
        let runs = graph.entities.count > 200 ? 3 : 10
        var fastest: TimedRender?
        for _ in 0..<runs {
            guard let timed = try? renderer.renderTimed(dot: dot, engine: engine, format: "svg") else { continue }
            if fastest.map({ total($0) > total(timed) }) ?? true { fastest = timed }
        }
        guard let timed = fastest else { return [(label, "failed: Graphviz could not render it")] }
        let layout = timed.layout
        let ours = write + timed.setup + timed.parse + timed.output
        return [
            ("\(label): DOT writing", "\(milliseconds(write)) (\(dot.utf8.count / 1024) KiB)"),
            ("\(label): context + parse", milliseconds(timed.setup + timed.parse)),
            ("\(label): Graphviz layout", milliseconds(layout)),
            ("\(label): SVG output", "\(milliseconds(timed.output)) (\(timed.data.count / 1024) KiB)"),
            ("\(label): total DOT + render", milliseconds(write + total(timed))),
            ("\(label): share besides layout", String(format: "%.0f%%", 100 * seconds(ours) / seconds(write + total(timed)))),
        ]
    }

    private static func total(_ timed: TimedRender) -> Duration {
        timed.setup + timed.parse + timed.layout + timed.output
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func corpusGraph(_ path: String) -> RelationGraph? {
        guard let documents = try? CorpusReader(path: path).readAll(), let lexicon = try? Lexicon.bundled() else { return nil }
        return Extractor(recognizer: Recognizer(lexicon: lexicon)).graph(of: documents)
    }

    /// A deterministic graph: entity `i` relates to `relationsPerEntity` others chosen by a
    /// linear congruential sequence, kinds and weights cycling.
    static func generatedGraph(entities count: Int, relationsPerEntity: Int) -> RelationGraph {
        let names = (0..<count).map { "Entity \($0)" }
        let entities = names.enumerated().map { index, name in
            Entity(name: name, type: EntityType.allCases[index % EntityType.allCases.count], mentions: 1 + index % 7)
        }
        var relations: [RelationKey: Relation] = [:]
        var state: UInt64 = 42
        for source in 0..<count {
            for step in 0..<relationsPerEntity {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let target = Int((state >> 33) % UInt64(count))
                guard target != source else { continue }
                let kind = RelationKind.allCases[(source + step) % RelationKind.allCases.count]
                let evidence = (0..<(1 + (source + step) % 3)).map {
                    Evidence(document: "doc\(source)", sentence: "s", start: $0 * 100, end: $0 * 100 + 50)
                }
                let relation = Relation(source: names[source], target: names[target], kind: kind, evidence: evidence)
                relations[relation.key] = Relation(source: relation.key.source, target: relation.key.target, kind: kind, evidence: evidence)
            }
        }
        return RelationGraph(entities: entities, relations: Array(relations.values))
    }

    private static func best(of runs: Int, _ body: () -> Void) -> Duration {
        var fastest = Duration.seconds(1_000_000)
        for _ in 0..<runs {
            let start = ContinuousClock.now
            body()
            fastest = min(fastest, ContinuousClock.now - start)
        }
        return fastest
    }

    private static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f ms", seconds(duration) * 1_000)
    }
}
