import Foundation

/// Data files shipped with the library (see `Resources/README.md` for their sources and licenses).
public enum TextResources {
    /// The URL of a bundled resource file.
    public static func url(_ name: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources")
    }

    /// Non-comment, non-empty lines of a bundled text file.
    public static func lines(_ name: String) -> [String] {
        guard let url = url(name), let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return dataLines(text)
    }

    static let abbreviations: Set<String> = Set(lines("abbreviations.txt"))
}

/// Lines of a data file, trimmed, without blank lines and `#` comments.
public func dataLines(_ text: String) -> [String] {
    text.split(whereSeparator: \.isNewline).compactMap { line in
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
    }
}
