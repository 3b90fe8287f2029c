import Foundation
import Testing

/// `relgraph extract` and `relgraph merge` end to end, as a distributed job runs them: shards
/// extracted apart and merged in any order give the bytes `relgraph build` writes for the whole.
@Suite struct ShardCommandTests {
    private static let articles = ["01-openai-engineer-rebuffs-xai.txt", "02-openai-publishes-musk-emails.txt",
                                   "03-musk-criticizes-openai-open-source.txt", "04-altman-rejects-musk-buyout.txt",
                                   "05-musk-altman-stargate-feud.txt"].map { "Corpus/" + $0 }

    private func build(_ corpus: String, to output: URL) throws -> Data {
        let result = try CLI.run(["build", "--corpus", corpus, "-o", output.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return try Data(contentsOf: output)
    }

    private func extract(_ arguments: [String], stdin: Data? = nil, to output: URL) throws {
        let result = try CLI.run(["extract", "--quiet", "-o", output.path] + arguments, stdin: stdin)
        #expect(result.status == 0, "\(result.stderr)")
    }

    private func merge(_ parts: [URL], to output: URL) throws -> Data {
        let result = try CLI.run(["merge", "--quiet", "-o", output.path] + parts.map(\.path))
        #expect(result.status == 0, "\(result.stderr)")
        return try Data(contentsOf: output)
    }

    @Test func shardsExtractedApartAndMergedGiveTheBuildOfTheWhole() throws {
        try withTemporaryFolder { folder in
            let whole = try build("Corpus", to: folder.appendingPathComponent("whole.json"))
            let first = folder.appendingPathComponent("first.jsonl")
            let second = folder.appendingPathComponent("second.jsonl")
            try extract(Array(Self.articles[3...]), to: first)
            try extract(["--threads", "2"] + Self.articles[..<3], to: second)
            #expect(try merge([first, second], to: folder.appendingPathComponent("a.json")) == whole)
            #expect(try merge([second, first], to: folder.appendingPathComponent("b.json")) == whole)
        }
    }

    @Test func jsonLinesOnStandardInputGiveTheBuildOfTheFile() throws {
        try withTemporaryFolder { folder in
            let lines = [#"{"id":"a","text":"Elon Musk founded SpaceX in 2002. Musk leads Tesla.","date":"2024-01-02"}"#,
                         #"{"id":"b","text":"Sam Altman leads OpenAI. OpenAI competes with xAI."}"#,
                         #"{"id":"c","text":"Musk sued OpenAI and Sam Altman in March."}"#]
            let file = folder.appendingPathComponent("docs.jsonl")
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
            let whole = try build(file.path, to: folder.appendingPathComponent("whole.json"))
            let first = folder.appendingPathComponent("first.jsonl")
            let second = folder.appendingPathComponent("second.jsonl")
            try extract([], stdin: Data((lines[0] + "\n").utf8), to: first)
            try extract(["-"], stdin: Data((lines[1...].joined(separator: "\r\n")).utf8), to: second)
            #expect(try merge([second, first], to: folder.appendingPathComponent("m.json")) == whole)
        }
    }

    @Test func aFileListReadsAsTheSameArguments() throws {
        try withTemporaryFolder { folder in
            let direct = folder.appendingPathComponent("direct.jsonl")
            try extract(Self.articles, to: direct)
            let list = folder.appendingPathComponent("list.txt")
            let root = CLI.repositoryRoot.path
            // Written on Windows: a byte order mark, CRLF line ends, a blank line.
            let text = "\u{FEFF}" + Self.articles.map { root + "/" + $0 }.joined(separator: "\r\n") + "\r\n\r\n"
            try Data(text.utf8).write(to: list)
            let listed = folder.appendingPathComponent("listed.jsonl")
            // Given alone, the list replaces standard input: the document there must not be read.
            try extract(["--files-from", list.path], stdin: Data(#"{"id":"z","text":"Jeff Bezos founded Amazon."}"#.utf8), to: listed)
            #expect(try Data(contentsOf: listed) == Data(contentsOf: direct))
            let mixed = folder.appendingPathComponent("mixed.jsonl")
            try Data((Self.articles[2...].map { root + "/" + $0 }.joined(separator: "\n")).utf8).write(to: list)
            try extract([Self.articles[0], Self.articles[1], "--files-from", list.path], to: mixed)
            #expect(try Data(contentsOf: mixed) == Data(contentsOf: direct))
        }
    }

    @Test(arguments: [
        (["Corpus/no-such-article.txt"], "corpus 'Corpus/no-such-article.txt' does not exist"),
        (["--files-from", "no-such-list.txt"], "file list 'no-such-list.txt' does not exist"),
    ])
    func aMissingInputFailsWithOneLineAndNoOutput(arguments: [String], message: String) throws {
        try withTemporaryFolder { folder in
            let output = folder.appendingPathComponent("part.jsonl")
            let result = try CLI.run(["extract", "--quiet", "-o", output.path, Self.articles[0]] + arguments)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("relgraph: error: " + message), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }
}
