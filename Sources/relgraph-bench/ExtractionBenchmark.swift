import Foundation
import RelGraphCore

/// Extraction throughput, end to end as `relgraph build` runs it (files read → merged graph →
/// graph file written), on one task and on all cores, with the peak resident memory of each run.
/// Each run writes a new graph file, as a first `build` does.
enum ExtractionBenchmark {
    struct Result: Sendable {
        var rows: [BenchmarkRow]
        var graph: RelationGraph
    }

    static func run(corpus path: String, graphPath: String) async throws -> Result {
        let reader = try CorpusReader(path: path)
        let megabytes = Double(reader.totalBytes()) / 1e6
        let extractor = Extractor(recognizer: Recognizer(lexicon: try Lexicon.bundled()))
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var rows = [BenchmarkRow("corpus", "size", String(format: "%.1f", megabytes), "MB"),
                    BenchmarkRow("corpus", "files", "\(reader.files.count)")]

        var last = PartialGraph()
        var summary: GraphSummary?
        var single = 0.0
        for threads in [1, cores] where threads == 1 || cores > 1 {
            // The previous run's graph is released before the clock starts and before the peak
            // is reset: neither its teardown nor its memory belongs to this run.
            last = PartialGraph()
            // So is its graph file: renaming over an existing file makes ext4 write the new
            // file back and free the old one's blocks inside the `rename` (0.08–0.17 s for a
            // 245 MB graph here), which is the previous run's cleanup, not this run's work.
            try? FileManager.default.removeItem(atPath: graphPath)
            ProcessMemory.resetPeak()
            let clock = ContinuousClock()
            let start = clock.now
            let cpuStart = ProcessMemory.cpuSeconds()
            var partial = try await ParallelExtraction(extractor: extractor, threads: threads).partialGraph(of: reader)
            partial.releaseLookupTables()
            summary = try partial.writeFinalized(to: graphPath, threads: threads)
            last = partial
            let seconds = (clock.now - start).seconds
            let cpu = ProcessMemory.cpuSeconds() - cpuStart
            let rate = megabytes / seconds
            if threads == 1 { single = rate }
            let label = threads == 1 ? "1 thread" : "\(threads) threads"
            rows.append(BenchmarkRow("extraction", "throughput, \(label)", String(format: "%.1f", rate), "MB/s"))
            // Per CPU-second: what one core does, even when other processes share the machine.
            rows.append(BenchmarkRow("extraction", "throughput per CPU-second, \(label)", String(format: "%.1f", megabytes / cpu), "MB/s"))
            if threads > 1 {
                rows.append(BenchmarkRow("extraction", "parallel efficiency, \(label)", String(format: "%.2f", rate / single / Double(threads))))
            }
            if let peak = ProcessMemory.peakResidentBytes() {
                rows.append(BenchmarkRow("extraction", "peak resident memory, \(label)", "\(peak / 1_000_000)", "MB"))
            }
        }
        if let summary {
            rows.append(BenchmarkRow("graph", "documents", "\(summary.documents)"))
            rows.append(BenchmarkRow("graph", "entities", "\(summary.entities)"))
            rows.append(BenchmarkRow("graph", "relations", "\(summary.relations)"))
            rows.append(BenchmarkRow("graph", "evidence sentences", "\(summary.evidence)"))
        }
        // Outside the measured runs: the in-memory graph the query and render sections use.
        return Result(rows: rows, graph: last.finalized())
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
