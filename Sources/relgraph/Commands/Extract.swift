import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Extract a shard of a corpus into a partial graph (JSON Lines), for 'relgraph merge'.",
            discussion: """
                Reads JSON Lines documents ({"id": …, "text": …, "date": …}) on standard input, or the \
                given folders and files (or those listed with --files-from), and writes the partial \
                graph as JSON Lines on standard output. \
                Any split of a corpus, extracted shard by shard and merged, gives the graph of the whole.

                Example: cat shard-1.jsonl | relgraph extract > part-1.jsonl
            """
        )

        @Argument(help: "Folders of articles, article files or .jsonl files; none or '-' reads JSON Lines on stdin.")
        var inputs: [String] = []

        @Option(name: .customLong("files-from"), help: ArgumentHelp(
            "A file that lists inputs, one path a line, read as if given as arguments.",
            discussion: "For more files than a command line holds; given alone, standard input is not read.",
            valueName: "list"))
        var filesFrom: String?

        @Option(name: .long, help: "A lexicon TSV file to use instead of the bundled one.")
        var lexicon: String?

        @OptionGroup var parallel: ParallelOptions

        @Option(name: [.short, .long], help: "Output file, or '-' for standard output.")
        var output: String = "-"

        @Flag(name: .long, help: "Print no progress or notes on stderr.")
        var quiet = false

        func run() throws {
            let extractor: Extractor
            do {
                extractor = Extractor(recognizer: Recognizer(lexicon: try lexicon.map(Lexicon.load) ?? Lexicon.bundled()))
            } catch {
                throw fail(error)
            }
            var partial = PartialGraph()
            do {
                let listed = try filesFrom.map(PathList.read) ?? []
                let sources = inputs.isEmpty && filesFrom == nil ? ["-"] : inputs + listed
                // The files and folders in one extraction: a graph and a merge per argument
                // cost time in proportion to the graph so far (thousands of files).
                let readers = try sources.filter { $0 != "-" }.map { path throws(CorpusError) in try CorpusReader(path: path) }
                if !readers.isEmpty { partial = try parallel.extract(readers, with: extractor, quiet: quiet) }
                if sources.contains("-") {
                    let chunks = JSONLinesChunker(handle: .standardInput, source: "<stdin>")
                    let extraction = ParallelExtraction(extractor: extractor, threads: parallel.threads)
                    partial.merge(try runBlocking { () async throws(CorpusError) -> PartialGraph in
                        try await extraction.partialGraph(of: chunks)
                    })
                }
            } catch {
                throw fail(error)
            }
            partial.releaseLookupTables()
            try writePartial(partial, to: output)
            Console.note("\(partial.documentCount) documents, \(partial.entityCount) entities, \(partial.relationCount) relations", quiet: quiet || output == "-")
        }
    }
}
