// `make bench` entry point: `relgraph-bench CORPUS [GRAPH_OUT]`.
// Each section lives in its own file and returns table rows; main prints one table.
import Foundation
import RelGraphCore

let arguments = CommandLine.arguments.dropFirst()
guard let corpus = arguments.first else {
    FileHandle.standardError.write(Data("usage: relgraph-bench CORPUS [GRAPH_OUT]\n  (make bench writes a synthetic corpus and runs this)\n".utf8))
    exit(1)
}
let graphPath = arguments.dropFirst().first ?? "bench-out/graph.json"

// `RELGRAPH_BENCH_ONLY=extraction` stops after the extraction rows (for quick comparisons).
let extractionOnly = ProcessInfo.processInfo.environment["RELGRAPH_BENCH_ONLY"] == "extraction"

var rows: [BenchmarkRow] = []
do {
    let extraction = try await ExtractionBenchmark.run(corpus: corpus, graphPath: graphPath)
    rows += extraction.rows
    if extractionOnly {
        print(BenchmarkRow.table(rows))
        exit(0)
    }
    rows += try StageBenchmark.run(corpus: corpus)
    rows += ResultBenchmark.run(graph: extraction.graph)
    rows += RenderBenchmark.run().map { BenchmarkRow("render", $0.0, $0.1) }
    rows += QueryBenchmark.run().map { BenchmarkRow("queries", $0.0, $0.1) }
} catch {
    FileHandle.standardError.write(Data("relgraph-bench: error: \(error)\n".utf8))
    exit(2)
}

let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?
    .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
print("relgraph bench — \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), load average \(ProcessMemory.loadAverage())")
print(BenchmarkRow.table(rows))
