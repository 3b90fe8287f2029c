import Foundation

/// Input paths listed in a file, one a line, for `relgraph extract --files-from`: a command line
/// holds only so many arguments, and the argument parser's cost grows with the square of their
/// number (20,000 file arguments take 11 s to parse).
public enum PathList {
    /// The paths listed in the file at `path`.
    public static func read(_ path: String) throws(CorpusError) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileManager.default.fileExists(atPath: path) ? .unreadable(path: path) : .missingList(path: path)
        }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// One path a line, in order. Line ends may be `\n` or `\r\n` and a leading byte order mark
    /// is dropped; empty lines are skipped. Nothing else is trimmed: a path may start with a
    /// space or a `#`.
    public static func parse(_ text: String) -> [String] {
        fieldLines(text).filter { !$0.isEmpty }.map(String.init)
    }
}
