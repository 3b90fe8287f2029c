/// Encodes text for the three places it goes in a DOT file: node IDs, `label` strings and
/// HTML-like labels.
///
/// The rules are those of Graphviz's own scanner (cgraph, checked on 2.43 by round-trip
/// tests through `agmemread`), which differ from what one would guess:
/// - In a quoted string only `\"` is an escape (it becomes `"`) and `\` followed by a line
///   feed is a line continuation (both vanish); a line feed alone between two quotes or
///   backslashes is dropped. Every other backslash is kept as is —
///   `\\` stays two backslashes. So an ID keeps its backslashes verbatim, but a run of an
///   odd number of backslashes right before a `"`, a line feed or the end of the name cannot be
///   written in a quoted string at all. Such names are written as HTML-like IDs `<…>`, whose
///   text cgraph keeps byte for byte, provided their `<` and `>` nest.
/// - Labels are then interpreted once more by the layout: `\n`, `\l`, `\r` break lines, `\N`,
///   `\G`, `\E`… substitute names, and `\\` is one backslash. So label text doubles every
///   backslash and writes line breaks as `\n`.
public enum DOTString {
    /// A node or graph ID for `name`: bare when it is a plain identifier that is not a keyword,
    /// otherwise quoted (or, in the rare case above, HTML-like).
    ///
    /// Names that no DOT syntax can carry exactly — a NUL character, or an odd run of
    /// backslashes before a quote, line feed or the end *and* `<`/`>` that do not nest — are
    /// written in the closest valid form (NUL becomes U+FFFD, the run gets one more backslash);
    /// `isExact(_:)` tells them apart.
    ///
    /// - Complexity: O(n) in the length of `name`.
    public static func id(_ name: String) -> String {
        if isPlainIdentifier(name) { return name }
        let cleaned = name.contains("\0") ? name.replacingOccurrences(of: "\0", with: "\u{FFFD}") : name
        if quotable(cleaned) { return quoted(cleaned) }
        if anglesNest(cleaned) { return "<" + cleaned + ">" }
        return quoted(evenedBackslashes(cleaned))
    }

    /// True when `id(name)` reads back as exactly `name`.
    public static func isExact(_ name: String) -> Bool {
        !name.contains("\0") && (quotable(name) || anglesNest(name))
    }

    /// True when the node needs an explicit `label`: Graphviz's default label `\N` would
    /// interpret backslashes in the name, and an HTML-like ID would be drawn as HTML.
    public static func needsLabel(_ name: String) -> Bool {
        name.utf8.contains { $0 == UInt8(ascii: "\\") || $0 == 0x0A || $0 == 0x0D || $0 == 0 }
    }

    /// A quoted `label` value showing `text` literally, line breaks included.
    ///
    /// - Complexity: O(n).
    public static func label(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\r": out += "\\n"
            case "\n": if !afterCarriageReturn { out += "\\n" }
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Text for the inside of an HTML-like label, with XML's special characters as entities.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\r": out += "<br/>"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let keywords: Set<String> = ["node", "edge", "graph", "digraph", "subgraph", "strict"]

    /// `[A-Za-z_][A-Za-z0-9_]*`, ASCII only, and not a keyword (keywords are case-insensitive).
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        for byte in name.utf8 {
            let lower = byte | 0x20
            let letter = lower >= 0x61 && lower <= 0x7A
            let digit = byte >= 0x30 && byte <= 0x39
            guard letter || digit || byte == UInt8(ascii: "_") else { return false }
        }
        let length = name.utf8.count
        return !(4...8).contains(length) || !keywords.contains(name.lowercased())
    }

    /// False when an odd run of backslashes directly precedes a `"`, a line feed or the end, or
    /// when a line feed stands alone between quotes/backslashes (cgraph drops such a token).
    private static func quotable(_ name: String) -> Bool {
        var backslashes = 0
        // Length of the current run of characters other than `"` and `\`, and whether it is a
        // lone line feed so far.
        var plainRun = 0
        var runIsLineFeed = false
        for byte in name.utf8 {
            let isQuote = byte == UInt8(ascii: "\"")
            let isBackslash = byte == UInt8(ascii: "\\")
            if isQuote || isBackslash {
                if plainRun == 1 && runIsLineFeed { return false }
                plainRun = 0
            } else {
                plainRun += 1
                runIsLineFeed = plainRun == 1 && byte == 0x0A
            }
            if isBackslash { backslashes += 1; continue }
            if backslashes % 2 == 1 && (isQuote || byte == 0x0A) { return false }
            backslashes = 0
        }
        return backslashes % 2 == 0 && !(plainRun == 1 && runIsLineFeed)
    }

    private static func quoted(_ name: String) -> String {
        var out = "\""
        out.reserveCapacity(name.utf8.count + 2)
        for scalar in name.unicodeScalars {
            if scalar == "\"" { out += "\\\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// `<` and `>` balance and never close more than they opened (cgraph's HTML scanner).
    private static func anglesNest(_ name: String) -> Bool {
        var depth = 0
        for byte in name.utf8 {
            if byte == UInt8(ascii: "<") { depth += 1 }
            if byte == UInt8(ascii: ">") { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0
    }

    /// Adds a backslash to each odd run that precedes a quote, line feed or the end.
    private static func evenedBackslashes(_ name: String) -> String {
        var out = ""
        var run = 0
        for scalar in name.unicodeScalars {
            if scalar == "\\" { run += 1; out.unicodeScalars.append(scalar); continue }
            if run % 2 == 1 && (scalar == "\"" || scalar == "\n") { out += "\\" }
            run = 0
            out.unicodeScalars.append(scalar)
        }
        if run % 2 == 1 { out += "\\" }
        return out
    }
}
