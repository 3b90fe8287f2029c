import Foundation
import Testing

@Suite struct BuildCommandTests {
    @Test func buildsTheShippedCorpusAndSavesAGraph() throws {
        try withTemporaryFolder { folder in
            let output = folder.appendingPathComponent("g.json").path
            let result = try CLI.run(["build", "--corpus", "Corpus", "-o", output, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.isEmpty)
            let text = try String(contentsOfFile: output, encoding: .utf8)
            #expect(text.contains("\"format\" : \"relgraph\""))
            #expect(text.contains("\"name\" : \"Elon Musk\""))
        }
    }

    @Test(arguments: [
        ("missing", "relgraph: error: corpus 'MISSING' does not exist: pass a folder of .txt/.md files, a file, or a .jsonl file\n"),
        ("empty", "relgraph: error: corpus 'MISSING' has no .txt, .md or .jsonl files\n"),
        ("no-text", "relgraph: error: corpus 'MISSING' has no .txt, .md or .jsonl files\n"),
    ])
    func badCorpusIsOneLineExitTwoAndNoOutput(kind: String, expected: String) throws {
        try withTemporaryFolder { folder in
            var corpus = folder.appendingPathComponent("corpus")
            switch kind {
            case "empty":
                try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
            case "no-text":
                try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
                try Data([0x89, 0x50, 0x4E, 0x47]).write(to: corpus.appendingPathComponent("image.png"))
            default:
                corpus = folder.appendingPathComponent("nothing-here")
            }
            let output = folder.appendingPathComponent("g.json")
            try Data("previous".utf8).write(to: output)
            let result = try CLI.run(["build", "--corpus", corpus.path, "-o", output.path])
            #expect(result.status == 2)
            #expect(result.stderr == expected.replacingOccurrences(of: "MISSING", with: corpus.path))
            #expect(try String(contentsOf: output, encoding: .utf8) == "previous")
        }
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try CLI.run(["build", "--no-such-option"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Unknown option '--no-such-option'"))
    }
}
