import Foundation
import RelGraphCore

/// stderr messages and stdout output for the commands.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("relgraph: error: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("relgraph: warning: \(message)\n".utf8))
    }

    static func note(_ message: String, quiet: Bool) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data("relgraph: \(message)\n".utf8))
    }

    /// One line per skipped or repaired corpus file: warnings (files skipped) always, notes
    /// (repairs, empty files) unless `quiet`.
    static func report(_ notes: [CorpusNote], quiet: Bool) {
        for note in notes {
            if note.isWarning { warning("\(note)") } else { self.note("note: \(note)", quiet: quiet) }
        }
    }

    /// True when stderr is a terminal, so progress lines are worth drawing.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
