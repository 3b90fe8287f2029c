import Foundation
import Testing
@testable import RelGraphCore

@Suite struct DataLinesTests {
    /// The reference: the Character-based definition the fast path must match.
    private func reference(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
        }
    }

    @Test(arguments: [
        "a\nb\r\nc\rd", "  # comment\n\t x y \t\n\n", "Zoë\u{00A0}\nJosé  \n", "one\u{2028}two\u{85}three",
        "", "\n\n", "x\u{0B}y\u{0C}z", "  \u{3000}全角\u{3000} \n#x", "end without newline ",
    ])
    func matchesTheCharacterBasedDefinition(_ text: String) {
        #expect(dataLines(text) == reference(text))
    }

    @Test func matchesOnTheBundledFiles() throws {
        for name in ["surnames.txt", "given-names.txt", "abbreviations.txt", "lexicon.tsv"] {
            let url = try #require(TextResources.url(name))
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(dataLines(text) == reference(text), "\(name)")
        }
    }
}
