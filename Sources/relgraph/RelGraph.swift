import ArgumentParser
import Foundation

@main
struct RelGraph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relgraph",
        abstract: "Turn news articles into a relationship graph of people, organizations and products.",
        discussion: """
            Typical use:
              relgraph build --corpus Corpus/        # writes Graphs/corpus.json
              relgraph path "Elon Musk" Microsoft    # how are they connected, and how do we know?
              relgraph render --format svg -o graph.svg
            """,
        version: "0.1.0",
        subcommands: [
            Build.self, Entities.self, Relations.self, Explain.self, Path.self, Render.self, Export.self, Eval.self,
            Synth.self, Extract.self, Merge.self,
        ]
    )

    /// Maps errors to the documented exit statuses: 0 ok, 1 usage, 2 bad input or failure.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

enum ExitStatus {
    static let usage: Int32 = 1
    static let input: Int32 = 2
}

/// Reports a domain error as one line on stderr and stops with the input-problem status.
func fail(_ error: some Error) -> ExitCode {
    Console.error("\(error)")
    return ExitCode(ExitStatus.input)
}
