import Foundation

/// Data files shipped with the library (see `Resources/README.md` for their sources and licenses).
///
/// SwiftPM copies them into the folder `relgraph_RelGraphCore.resources` beside the executable.
/// Its generated `Bundle.module` stops the process with a fatal error when that folder is
/// missing (a binary copied without it), so relgraph looks for the folder itself and lets the
/// CLI report a missing one as a one-line error.
public enum TextResources {
    /// The name of the folder holding the data files.
    public static let bundleName = "relgraph_RelGraphCore.resources"

    /// The environment variable naming the data folder explicitly (the `.resources` folder).
    public static let environmentVariable = "RELGRAPH_RESOURCES"

    /// The data files could not be found.
    public struct MissingError: Error, CustomStringConvertible {
        /// The folders searched, in order.
        public let searched: [String]
        /// Whether the first searched folder came from `RELGRAPH_RESOURCES`.
        public let fromEnvironment: Bool

        public var description: String {
            fromEnvironment
                ? "the data folder \(searched[0]) named by \(environmentVariable) holds no Resources/lexicon.tsv"
                : "cannot find relgraph's data files (\(bundleName)) in \(searched.joined(separator: " or ")); "
                    + "copy that folder beside the binary or name it with \(environmentVariable)"
        }
    }

    /// Where the data folder is looked for: `RELGRAPH_RESOURCES` alone when it is set, else beside
    /// the executable (SwiftPM's build folder, `cp -R` of both) and in `../share/relgraph`
    /// (`make install`).
    static func candidates(environment: [String: String], executableFolder: URL) -> (folders: [URL], fromEnvironment: Bool) {
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            return ([URL(fileURLWithPath: explicit, isDirectory: true)], true)
        }
        return ([
            executableFolder.appendingPathComponent(bundleName, isDirectory: true),
            executableFolder.deletingLastPathComponent()
                .appendingPathComponent("share/relgraph", isDirectory: true)
                .appendingPathComponent(bundleName, isDirectory: true),
        ], false)
    }

    /// The first candidate folder holding the data files.
    static func locate(environment: [String: String], executableFolder: URL) -> Result<URL, MissingError> {
        let (folders, fromEnvironment) = candidates(environment: environment, executableFolder: executableFolder)
        for folder in folders
        where FileManager.default.isReadableFile(atPath: folder.appendingPathComponent("Resources/lexicon.tsv").path) {
            return .success(folder)
        }
        return .failure(MissingError(searched: folders.map(\.path), fromEnvironment: fromEnvironment))
    }

    /// The data folder of this process, looked up once.
    public static let folder: Result<URL, MissingError> = locate(
        environment: ProcessInfo.processInfo.environment,
        executableFolder: Bundle.main.bundleURL
    )

    /// The URL of a bundled resource file, or nil when the data folder is missing (which the
    /// CLI reports before any command runs) or holds no such file.
    public static func url(_ name: String) -> URL? {
        guard case .success(let folder) = folder else { return nil }
        let url = folder.appendingPathComponent("Resources", isDirectory: true).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Non-comment, non-empty lines of a bundled text file.
    public static func lines(_ name: String) -> [String] {
        dataLines(String(decoding: contents(name), as: UTF8.self))
    }

    /// The bytes of a bundled file. The bundled files are tested and the CLI checks the data
    /// folder before any command runs, so a missing file is a packaging bug, not an input error:
    /// the message says which file and where relgraph looked.
    static func contents(_ name: String) -> Data {
        switch folder {
        case .failure(let missing): fatalError("\(missing)")
        case .success(let folder):
            guard let url = url(name), let data = try? Data(contentsOf: url) else {
                fatalError("cannot read the bundled data file \(name) in \(folder.path)/Resources")
            }
            return data
        }
    }

    static let abbreviations: Set<String> = Set(lines("abbreviations.txt"))
}

/// Lines of a data file, trimmed, without blank lines and `#` comments.
///
/// Works on UTF-8 bytes: the bundled name lists are over a megabyte and are read at every
/// start, so the Character-based split and Foundation trimming (0.5 s per start, measured with
/// callgrind) matter to short-lived processes such as one `relgraph extract` per Spark task.
/// Lines with non-ASCII bytes are trimmed by Foundation, so the result is the same.
public func dataLines(_ text: String) -> [String] {
    let utf8 = Array(text.utf8)
    // U+0085, U+2028, U+2029 also end lines; files using them take the general path.
    if utf8.indices.contains(where: { (utf8[$0] == 0xC2 && $0 + 1 < utf8.count && utf8[$0 + 1] == 0x85)
        || (utf8[$0] == 0xE2 && $0 + 2 < utf8.count && utf8[$0 + 1] == 0x80 && (utf8[$0 + 2] == 0xA8 || utf8[$0 + 2] == 0xA9)) }) {
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
        }
    }
    var lines: [String] = []
    var start = 0
    func take(_ end: Int) {
        var lo = start, hi = end
        var ascii = true
        for index in lo..<hi where utf8[index] >= 0x80 { ascii = false; break }
        if !ascii {
            let trimmed = String(decoding: utf8[lo..<hi], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") { lines.append(trimmed) }
            return
        }
        while lo < hi, utf8[lo] == 0x20 || utf8[lo] == 0x09 { lo += 1 }
        while hi > lo, utf8[hi - 1] == 0x20 || utf8[hi - 1] == 0x09 { hi -= 1 }
        if lo < hi, utf8[lo] != UInt8(ascii: "#") { lines.append(String(decoding: utf8[lo..<hi], as: UTF8.self)) }
    }
    for (index, byte) in utf8.enumerated() where byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C {
        take(index)
        start = index + 1
    }
    take(utf8.count)
    return lines
}

/// `trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines`), with ASCII text
/// trimmed on its bytes: Foundation's character sets cost microseconds per field, and the bundled
/// lexicons' fields are trimmed at every start.
func trimmedField(_ text: Substring, newlines: Bool = false) -> String {
    let utf8 = text.utf8
    guard utf8.allSatisfy({ $0 < 0x80 }) else {
        return text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
    func isTrimmed(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || newlines && (0x0A...0x0D).contains(byte)
    }
    var start = utf8.startIndex
    var end = utf8.endIndex
    while start < end, isTrimmed(utf8[start]) { start = utf8.index(after: start) }
    while end > start, isTrimmed(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
    return String(text[start..<end])
}

/// The pieces of `text` between occurrences of the ASCII byte `separator`, like
/// `split(separator:omittingEmptySubsequences:)`, on UTF-8 bytes: splitting by `Character`
/// walks grapheme clusters, which made parsing the bundled relation lexicon a quarter of every
/// start. A `\r\n` line end is split after the `\r`, which `fieldLines` removes.
func splitFields(_ text: Substring, on separator: UInt8, omittingEmptySubsequences: Bool = true) -> [Substring] {
    text.utf8.split(separator: separator, omittingEmptySubsequences: omittingEmptySubsequences).map { Substring($0) }
}

/// The lines of a data file, each without its line feed and a final carriage return, and the
/// first without a byte order mark.
func fieldLines(_ text: String) -> [Substring] {
    splitFields(withoutByteOrderMark(text), on: 0x0A, omittingEmptySubsequences: false).map { line in
        line.utf8.last == 0x0D ? Substring(line.utf8.dropLast()) : line
    }
}

/// `text` without a leading byte order mark, which Windows editors write at the start of UTF-8
/// files: left in, it becomes part of the first field (a lexicon's first name, a gold header).
func withoutByteOrderMark(_ text: String) -> Substring {
    text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? Substring(text.utf8.dropFirst(3)) : text[...]
}
