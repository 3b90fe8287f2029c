import Foundation
import RelGraphCore

/// Where one core's time goes, stage by stage, on a prefix of the corpus.
///
/// The end-to-end runs say how fast `build` is; this section says which stage to work on. Each
/// stage is timed cumulatively on the same documents, held in memory, on one thread — text
/// analysis; + recognition; + relation extraction and accumulation into a `PartialGraph` (the
/// whole per-document `Extractor`), each through an `ExtractionWorker` as `build` runs it —
/// and the cost of a stage is the difference from the one before. Reading and finishing
/// (ranking, sorting, writing the graph file) are timed on their own. Times are process CPU
/// seconds, best of `repeats`, so other load on a shared machine matters less than for
/// wall-clock figures.
enum StageBenchmark {
    static func run(corpus path: String, megabytes limit: Double = 20, repeats: Int = 2) throws -> [BenchmarkRow] {
        let reader = try CorpusReader(path: path)
        var documents: [Document] = []
        var bytes = 0
        let readSeconds = try best(of: repeats) {
            documents = []
            bytes = 0
            for chunk in reader.chunks() {
                let read = try chunk.documents()
                documents += read
                bytes += read.reduce(0) { $0 + $1.utf8Count }
                if Double(bytes) >= limit * 1e6 { break }
            }
        }
        guard bytes > 0 else { return [] }
        let extractor = Extractor(recognizer: Recognizer(lexicon: try Lexicon.bundled()))
        // Each closure returns a count derived from its work so the optimizer cannot drop it.
        var sink = 0
        let analyzing = ExtractionWorker(extractor: extractor)
        let text = best(of: repeats) {
            for document in documents { sink &+= analyzing.analyze(document).tokens.count }
        }
        // Recognition and extraction as `build`'s workers run them: through a worker that
        // keeps its buffers, word memo and caches from one document to the next (the public
        // per-document `extract` starts them anew each time, which `build` never does), and
        // recognition with the same name-rule buffers, so that the subtraction below leaves
        // the relation stage of that path.
        let recognizing = ExtractionWorker(extractor: extractor)
        let recognition = best(of: repeats) {
            for document in documents { sink &+= recognizing.recognize(document).count }
        }
        var partial = PartialGraph()
        var accumulation = Double.infinity
        for _ in 0..<max(1, repeats) {
            // The previous run's graph is freed before the clock starts, not inside the stage.
            partial = PartialGraph()
            // A new worker per run, as each extraction task starts with one.
            let worker = ExtractionWorker(extractor: extractor)
            accumulation = min(accumulation, best(of: 1) {
                for document in documents { worker.extract(document, into: &partial) }
            })
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-bench-stages-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let finishing = try best(of: 1) {
            partial.releaseLookupTables()
            sink &+= try partial.writeFinalized(to: output, threads: 1).relations
        }
        let stages: [(String, Double)] = [
            ("reading files", readSeconds),
            ("text analysis (tokens, sentences)", text),
            ("recognition", recognition - text),
            // One stage: the pipeline hands relations to the graph by id as it finds them, so
            // timing extraction alone would mean the public `[ExtractedRelation]` path, which
            // builds Strings the pipeline never makes (and made this split come out negative).
            ("relation extraction + accumulation into the graph", accumulation - recognition),
            ("finishing + writing the graph file (one run: it consumes the graph)", finishing),
        ]
        let total = stages.reduce(0) { $0 + $1.1 }
        let megabytes = Double(bytes) / 1e6
        blackHole(sink)
        var rows = [BenchmarkRow("stages", "corpus prefix timed on 1 thread (CPU seconds, best of \(repeats))", String(format: "%.1f", megabytes), "MB")]
        for (name, seconds) in stages {
            let nanosecondsPerByte = seconds * 1e9 / Double(bytes)
            rows.append(BenchmarkRow("stages", "\(name): \(String(format: "%.0f", seconds / total * 100))% of the time", String(format: "%.1f", nanosecondsPerByte), "ns/byte"))
        }
        rows.append(BenchmarkRow("stages", "all stages: MB per CPU-second", String(format: "%.1f", megabytes / total), "MB/s"))
        return rows
    }

    /// Keeps the stages' results observable, so no stage is optimized away.
    @inline(never)
    private static func blackHole(_ value: Int) {
        if value == Int.min { print("") }
    }

    /// The smallest CPU time of `repeats` runs of `body`.
    private static func best(of repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var fastest = Double.infinity
        for _ in 0..<max(1, repeats) {
            let start = ProcessMemory.cpuSeconds()
            try body()
            fastest = min(fastest, ProcessMemory.cpuSeconds() - start)
        }
        return fastest
    }
}
