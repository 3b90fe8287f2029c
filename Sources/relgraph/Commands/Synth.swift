import ArgumentParser
import Foundation
import RelGraphCore

extension RelGraph {
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "synth",
            abstract: "Write a deterministic synthetic news corpus, for benchmarks and scale tests.",
            discussion: """
                The names are generated, not real; the same seed always gives the same files.
                Example: relgraph synth --megabytes 100 --seed 1 -o bench-out/corpus
                """
        )

        @Option(name: .long, help: "Approximate size in megabytes (10^6 bytes).")
        var megabytes: Double = 10

        @Option(name: .long, help: "Selects the corpus; the same seed gives the same bytes.")
        var seed: UInt64 = 1

        @Option(name: [.short, .long], help: "The folder to write (article files in numbered subfolders).")
        var output: String

        @Flag(name: .long, help: "Write one corpus.jsonl file instead of article files.")
        var jsonl = false

        @Flag(name: .long, help: "Print no notes on stderr.")
        var quiet = false

        func validate() throws {
            guard megabytes > 0 else { throw ValidationError("--megabytes must be positive, got \(megabytes)") }
        }

        func run() throws {
            let corpus = SyntheticCorpus(seed: seed, megabytes: megabytes)
            do {
                let written = try corpus.write(to: output, jsonLines: jsonl)
                Console.note("\(written.documents) documents, \(written.bytes) bytes, up to \(corpus.people.count) people, \(corpus.organizations.count) organizations, \(corpus.products.count) products → \(output)", quiet: quiet)
            } catch {
                throw fail(error)
            }
        }
    }
}
