import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Build the graph of a corpus and save it as JSON.",
            discussion: "Example: relgraph build --corpus Corpus/ -o Graphs/corpus.json"
        )

        @OptionGroup var corpus: CorpusOptions

        @Option(name: [.short, .long], help: "Where to save the graph ('-' for standard output).")
        var output: String = "Graphs/corpus.json"

        func run() throws {
            let summary = try extractAndWrite()
            if output != "-" && summary.evidence <= Self.cacheLimit {
                // The binary cache beside the graph makes the first query fast. It is made from
                // the file just written (read back in a few milliseconds at this size), once the
                // partial graph is gone, so the graph is never finished twice nor held twice.
                // A larger graph gets its cache from the first query instead, keeping `build`'s
                // memory flat.
                do { try GraphCache.write(graphPath: output) } catch { Console.warning("\(error)") }
            }
            Console.note("\(summary.documents) documents, \(summary.entities) entities, \(summary.relations) relations → \(output)", quiet: corpus.quiet)
        }

        /// Extracts the corpus and writes its graph; the partial graph is released on return.
        private func extractAndWrite() throws -> GraphSummary {
            var partial = try corpus.extractPartialGraph()
            guard partial.documentCount > 0 else { throw fail(CorpusError.nothingReadable(path: corpus.corpus)) }
            partial.releaseLookupTables()
            // Streamed from the partial graph: the finished graph is never held in memory twice.
            return try writeFinished(partial, to: output, threads: corpus.parallel.threads, quiet: corpus.quiet)
        }

        /// Evidence records up to which `build` also writes the query cache.
        static let cacheLimit = 50_000
    }
}
