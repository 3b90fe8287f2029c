import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge partial graphs written by 'relgraph extract' into one graph.",
            discussion: """
                Merging is associative and commutative: parts can be merged in any order and grouping, \
                and concatenated (or line-sorted) parts read as their merge.

                Example: relgraph merge part-*.jsonl -o Graphs/corpus.json
            """
        )

        @Argument(help: "Partial-graph files ('-' reads standard input).")
        var parts: [String]

        @Option(name: [.short, .long], help: "Where to save the graph ('-' for standard output).")
        var output: String = "Graphs/corpus.json"

        @Flag(name: .long, help: "Write the merged partial graph (JSON Lines) instead of the final graph, to merge again later.")
        var partial = false

        @Flag(name: .long, help: "Print no notes on stderr.")
        var quiet = false

        func validate() throws {
            guard !parts.isEmpty else { throw ValidationError("give at least one partial-graph file, or '-' for standard input") }
        }

        func run() throws {
            var merged = PartialGraph()
            for part in parts {
                let handle: FileHandle
                if part == "-" {
                    handle = .standardInput
                } else {
                    guard let file = FileHandle(forReadingAtPath: part) else {
                        throw fail(PartialGraphFileError.unreadable(path: part))
                    }
                    handle = file
                }
                defer { if part != "-" { try? handle.close() } }
                do {
                    try PartialGraphJSONLines.read(handle, source: part == "-" ? "<stdin>" : part, into: &merged)
                } catch {
                    throw fail(error)
                }
            }
            merged.releaseLookupTables()
            if partial {
                try writePartial(merged, to: output)
            } else {
                let summary = try writeFinished(merged, to: output, threads: nil, quiet: quiet)
                Console.note("\(summary.documents) documents, \(summary.entities) entities, \(summary.relations) relations → \(output)", quiet: quiet || output == "-")
            }
        }
    }
}
