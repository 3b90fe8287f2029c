import ArgumentParser
import Foundation
import RelGraphCore

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
        // Each subcommand sets its `commandName`: without it ArgumentParser derives every
        // subcommand's name by reflection for each argument it parses, about 0.1 ms per
        // argument (`relgraph extract` with thousands of files).
        subcommands: [
            Build.self, Entities.self, Relations.self, Explain.self, Path.self, Neighbors.self, Rank.self,
            Stats.self, Render.self, Export.self, Eval.self, Synth.self, Extract.self, Merge.self,
        ]
    )

    /// Maps errors to the documented exit statuses (see `ExitStatus`).
    static func main() {
        do {
            var command = try parseAsRoot()
            // Every command may extract (a stale graph is rebuilt from its corpus), so a binary
            // copied without its data folder stops here with one line instead of SwiftPM's trap.
            if case .failure(let missing) = TextResources.folder {
                Console.error("\(missing)")
                Foundation.exit(ExitStatus.failure)
            }
            try command.run()
        } catch let code as ExitCode {
            // Thrown by `fail`, which has already printed the one-line message.
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)  // --help, --version
            }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            // Anything else is a failure no command anticipated: still one line, never a trap.
            Console.error(fullMessage(for: error).isEmpty ? "\(error)" : fullMessage(for: error))
            Foundation.exit(ExitStatus.failure)
        }
    }
}

/// The exit statuses of every command (documented in the README):
/// 0 done (possibly with warnings about skipped input on stderr), 1 usage, 2 input problem,
/// 3 output could not be written, 4 an unexpected internal failure or an incomplete installation
/// (the data files missing).
enum ExitStatus {
    static let usage: Int32 = 1
    static let input: Int32 = 2
    static let output: Int32 = 3
    static let failure: Int32 = 4
}

/// Reports a domain error as one line on stderr and stops with `status` (by default the
/// input-problem status).
func fail(_ error: some Error, status: Int32 = ExitStatus.input) -> ExitCode {
    Console.error("\(error)")
    return ExitCode(status)
}
