import Foundation
import Testing
@testable import RelGraphCore

/// The byte-based splitting that parses the lexicon files at start-up, against the
/// `Character`-based splitting it replaced, and line ends written on Windows.
@Suite struct DataFileParsingTests {
    @Test func splitFieldsMatchesTheCharacterBasedSplit() {
        // No `\r\n` and no combining mark after a separator: there a Character differs from a byte.
        let pieces = ["a", "bc", "", " ", "\t", "|", ",", "=", "Zoë", "’", "全角", "🚀", "\u{00A0}", "x y"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            for separator in ["|", "\t", ","] as [Character] {
                let byte = separator.asciiValue!
                for omitting in [true, false] {
                    let expected = text.split(separator: separator, omittingEmptySubsequences: omitting).map(String.init)
                    let actual = splitFields(text[...], on: byte, omittingEmptySubsequences: omitting).map(String.init)
                    #expect(actual == expected, "\(text.debugDescription) split on \(separator.debugDescription)")
                }
            }
        }
    }

    @Test func fieldLinesDropOneFinalCarriageReturn() {
        #expect(fieldLines("a\r\nb\nc\r\r\n\r\nd\r").map(String.init) == ["a", "b", "c\r", "", "d"])
        #expect(fieldLines("").map(String.init) == [""])
        #expect(fieldLines("x\n").map(String.init) == ["x", ""])
    }

    /// A lexicon saved with Windows line ends once read as one line: only its first entry was
    /// kept, with the second's name inside one of its aliases.
    @Test func aLexiconWithWindowsLineEndsReadsAsWithLineFeeds() throws {
        let text = "# comment\nElon Musk\tperson\tMusk|Elon\nOpenAI\torganization\tOpen AI\n\nxAI\torganization\n"
        let windows = text.replacingOccurrences(of: "\n", with: "\r\n")
        let entries = try Lexicon(tsv: text, source: "t.tsv").entries
        #expect(entries.count == 3)
        #expect(try Lexicon(tsv: windows, source: "t.tsv").entries == entries)
    }

    @Test func theRelationLexiconWithWindowsLineEndsReadsAsWithLineFeeds() throws {
        let triggers = try #require(TextResources.url("relation-triggers.tsv").flatMap { try? String(contentsOf: $0, encoding: .utf8) })
        let cues = try #require(TextResources.url("relation-cues.tsv").flatMap { try? String(contentsOf: $0, encoding: .utf8) })
        let plain = try RelationLexicon(triggers: triggers, cues: cues)
        let windows = try RelationLexicon(triggers: triggers.replacingOccurrences(of: "\n", with: "\r\n"),
                                          cues: cues.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(windows.rules == plain.rules)
        #expect(windows.longestForm == plain.longestForm)
        for line in triggers.split(separator: "\n") where !line.hasPrefix("#") {
            for form in line.split(separator: "\t").last!.split(separator: "|") {
                let words = RelationLexicon.words(of: String(form))
                #expect(windows.rules(for: words) == plain.rules(for: words), "\(form)")
            }
        }
        for line in cues.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let cue = RelationLexicon.Cue(rawValue: String(fields[0])) else { continue }
            for word in fields[1].split(separator: "|") {
                let normalized = RelationLexicon.normalize(String(word))
                #expect(plain.contains(normalized, cue))
                #expect(windows.contains(normalized, cue))
            }
        }
    }

    /// An IOB2 file with Windows line ends read as one comment line, so `eval` scored nothing.
    @Test func anIOB2FileWithWindowsLineEndsReadsAsWithLineFeeds() throws {
        let text = """
        # newdoc id = n01
        # sent_id = s1
        # text = Elon Musk runs Tesla.
        1\tElon\tB-PER
        2\tMusk\tI-PER
        3\truns\tO
        4\tTesla\tB-ORG
        5\t.\tO

        # sent_id = s2
        # text = Hi.
        1\tHi\tO
        2\t.\tO

        """
        let plain = try IOB2Evaluation.parse(text, source: "t.iob2").sentences
        #expect(plain.count == 2)
        #expect(plain.first?.tags == ["B-PER", "I-PER", "O", "B-ORG", "O"])
        #expect(try IOB2Evaluation.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), source: "t.iob2").sentences == plain)
    }

    @Test func anIOB2FileWithoutTokensIsAnError() {
        for text in ["", "\n\n", "# sent_id = s1\n# text = nothing\n\n"] {
            #expect(throws: EvaluationError.emptyIOB2(path: "t.iob2")) { try IOB2Evaluation.parse(text, source: "t.iob2") }
        }
    }

    /// A relation gold file with Windows line ends read as one line and failed on its header.
    @Test func aRelationGoldFileWithWindowsLineEndsReadsAsWithLineFeeds() throws {
        let text = "# gold\n\(RelationEvaluation.header)\nd1\tElon Musk\tfounded\tSpaceX\n\nd2\tSam Altman\tleads\tOpenAI\n"
        let plain = try RelationEvaluation.parseGold(text, source: "g.tsv")
        #expect(plain.count == 2)
        #expect(try RelationEvaluation.parseGold(text.replacingOccurrences(of: "\n", with: "\r\n"), source: "g.tsv") == plain)
    }

    /// Notepad's UTF-8: a byte order mark first and Windows line ends.
    private func windows(_ text: String) -> String { "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n") }

    @Test func dataFilesSavedWithAByteOrderMarkReadAsWithout() throws {
        let lexicon = "Elon Musk\tperson\tMusk\nOpenAI\torganization\n"
        #expect(try Lexicon(tsv: windows(lexicon), source: "l.tsv").entries == Lexicon(tsv: lexicon, source: "l.tsv").entries)
        #expect(try Lexicon(tsv: windows(lexicon), source: "l.tsv").entries.first?.canonical == "Elon Musk")

        let iob2 = "# sent_id = s1\n1\tElon\tB-PER\n2\tMusk\tI-PER\n"
        #expect(try IOB2Evaluation.parse(windows(iob2), source: "t.iob2").sentences == IOB2Evaluation.parse(iob2, source: "t.iob2").sentences)

        let relations = "\(RelationEvaluation.header)\nd1\tElon Musk\tfounded\tSpaceX\n"
        #expect(try RelationEvaluation.parseGold(windows(relations), source: "g.tsv") == RelationEvaluation.parseGold(relations, source: "g.tsv"))

        let entities = "document\ttype\tname\tsurfaces\nd1\tperson\tElon Musk\tMusk\n"
        guard case .entities(let plain) = try GoldFile.parse(entities, source: "e.tsv"),
              case .entities(let marked) = try GoldFile.parse(windows(entities), source: "e.tsv") else {
            Issue.record("an entity gold file did not read as one")
            return
        }
        #expect(marked == plain)
    }

    @Test func pathListsKeepEveryCharacterButTheLineEnds() {
        #expect(PathList.parse("\u{FEFF}a b\r\n\r\n #c\n/x/y.txt ") == ["a b", " #c", "/x/y.txt "])
        #expect(PathList.parse("").isEmpty)
    }

    /// Comments and blank lines were dropped before the lines were counted.
    @Test func aMalformedGoldLineIsNamedByItsLineInTheFile() {
        let text = "# entities\n\ndocument\ttype\tname\tsurfaces\n# d1\nd1\tperson\tElon Musk\tMusk\n\nd2\tpanda\tPo\n"
        #expect(throws: EvaluationError.malformedGold(path: "e.tsv", line: 7)) { try GoldFile.parse(text, source: "e.tsv") }
        #expect(throws: EvaluationError.malformedGold(path: "e.tsv", line: 7)) {
            try GoldFile.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), source: "e.tsv")
        }
    }
}
