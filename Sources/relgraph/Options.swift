import ArgumentParser
import Foundation
import RelGraphCore

/// Options of every command that reads a corpus.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: "A folder of .txt/.md articles, one article file, or a .jsonl file.")
    var corpus: String = CorpusOptions.defaultCorpus

    static let defaultCorpus = "Corpus"

    @Option(name: .long, help: "A lexicon TSV file to use instead of the bundled one.")
    var lexicon: String?

    @Flag(name: .long, help: "Print no progress or notes on stderr.")
    var quiet = false

    @OptionGroup var parallel: ParallelOptions

    func loadLexicon() throws -> Lexicon {
        do {
            if let lexicon { return try Lexicon.load(path: lexicon) }
            return try Lexicon.bundled()
        } catch {
            throw fail(error)
        }
    }

    func readDocuments() throws -> [Document] {
        do {
            let (documents, notes) = try CorpusReader(path: corpus).readAllNoting()
            Console.report(notes, quiet: quiet)
            guard !documents.isEmpty else { throw CorpusError.nothingReadable(path: corpus) }
            return documents
        } catch {
            throw fail(error)
        }
    }

    /// Extracts the corpus in parallel, streaming it (see `ParallelExtraction`).
    func buildGraph() throws -> RelationGraph {
        let partial = try extractPartialGraph()
        guard !partial.documents.isEmpty else { throw fail(CorpusError.nothingReadable(path: corpus)) }
        do {
            return try partial.finalizedChecked()
        } catch {
            throw fail(error, status: ExitStatus.output)
        }
    }

    func extractPartialGraph() throws -> PartialGraph {
        let extractor = Extractor(recognizer: Recognizer(lexicon: try loadLexicon()))
        do {
            let reader = try CorpusReader(path: corpus)
            return try parallel.extract(reader, with: extractor, quiet: quiet)
        } catch {
            throw fail(error)
        }
    }
}

/// `--threads`, shared by every command that extracts a corpus.
struct ParallelOptions: ParsableArguments {
    @Option(name: .long, help: "Extraction tasks to run at once (default: one per core). The output is the same for any value.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    /// Extracts every document of `reader` on `threads` tasks, with a progress line on a terminal.
    func extract(_ reader: CorpusReader, with extractor: Extractor, quiet: Bool) throws(CorpusError) -> PartialGraph {
        try extract([reader], with: extractor, quiet: quiet)
    }

    /// Extracts every document of `readers` in one extraction on `threads` tasks, with one
    /// progress line on a terminal.
    func extract(_ readers: [CorpusReader], with extractor: Extractor, quiet: Bool) throws(CorpusError) -> PartialGraph {
        let extraction = ParallelExtraction(extractor: extractor, threads: threads)
        // After the progress line is finished (defers run last to first).
        defer { for reader in readers { Console.report(reader.notes.sorted, quiet: quiet) } }
        let printer = ProgressPrinter.make(quiet: quiet, totalBytes: readers.reduce(0) { $0 + $1.totalBytes() })
        defer { printer?.finish() }
        var progress: (@Sendable (ExtractionProgress) -> Void)?
        if let printer { progress = { printer.update($0) } }
        let report = progress
        return try runBlocking { () async throws(CorpusError) -> PartialGraph in
            if readers.count == 1 { return try await extraction.partialGraph(of: readers[0], progress: report) }
            return try await extraction.partialGraph(of: readers, progress: report)
        }
    }
}

/// Options of every command that reads a saved graph.
struct GraphOptions: ParsableArguments {
    @Option(name: .long, help: "The graph file written by 'relgraph build', or a DOT file (.dot, .gv).")
    var graph: String = GraphOptions.defaultGraph

    static let defaultGraph = "Graphs/corpus.json"

    @Option(name: .long, help: "Only evidence from documents dated on or after this day (YYYY-MM-DD).")
    var since: String?

    @Option(name: .long, help: "Only evidence from documents dated on or before this day (YYYY-MM-DD).")
    var until: String?

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, !isISODate(value) { throw ValidationError("\(flag) '\(value)' is not a date: use YYYY-MM-DD") }
        }
        if let since, let until, since > until { throw ValidationError("--since '\(since)' is after --until '\(until)'") }
    }

    /// The date window as a filter (relation types are chosen by each command).
    var dateFilter: GraphFilter { GraphFilter(since: since, until: until) }
}

/// `-o FILE`, with `-` for stdout.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Output file, or '-' for standard output.")
    var output: String = "-"

    func write(_ data: Data) throws { try writeOutput(data, to: output) }

    func write(_ text: String) throws { try writeOutput(Data(text.utf8), to: output) }
}

/// Finishes a partial graph straight into a graph file (or standard output for `-`), never
/// holding the finished graph in memory.
func writeFinished(_ partial: PartialGraph, to path: String, threads: Int?, quiet: Bool) throws -> GraphSummary {
    if !quiet && Console.stderrIsTerminal {
        // Finishing a large graph takes a while after the extraction progress line ends.
        Console.note("finishing the graph: \(partial.entityCount) names, \(partial.relationCount) relations, \(partial.evidenceCount) evidence records", quiet: false)
    }
    do {
        if path == "-" {
            return try partial.writeFinalized(threads: threads) { (bytes: inout [UInt8]) throws(OutputError) in
                FileHandle.standardOutput.write(Data(bytes))
                bytes.removeAll(keepingCapacity: true)
            }
        }
        return try partial.writeFinalized(to: path, threads: threads)
    } catch {
        throw fail(error, status: ExitStatus.output)
    }
}

/// Saves a partial graph as JSON Lines, streamed (standard output for `-`).
func writePartial(_ partial: PartialGraph, to path: String) throws {
    do {
        if path == "-" {
            try PartialGraphJSONLines.write(partial) { FileHandle.standardOutput.write($0) }
        } else {
            try PartialGraphJSONLines.write(partial, toFile: path)
        }
    } catch {
        throw fail(error, status: ExitStatus.output)
    }
}

/// Saves a graph file, streaming it to disk (or standard output for `-`).
func writeGraph(_ graph: RelationGraph, to path: String) throws {
    if path == "-" {
        FileHandle.standardOutput.write(GraphJSON.encode(graph))
        return
    }
    do {
        try GraphJSON.write(graph, to: path)
    } catch {
        throw fail(error, status: ExitStatus.output)
    }
}

/// Writes to stdout for `-`, otherwise atomically to the file (exit status 3 when it cannot).
func writeOutput(_ data: Data, to path: String) throws {
    if path == "-" {
        FileHandle.standardOutput.write(data)
        return
    }
    do {
        try AtomicFile.write(data, to: path)
    } catch {
        throw fail(error, status: ExitStatus.output)
    }
}
