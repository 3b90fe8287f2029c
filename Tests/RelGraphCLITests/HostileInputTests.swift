import Foundation
import Testing

/// Every command on hostile input: no crash, no hang, one line per problem on stderr naming the
/// file, the documented exit status (0 ok, 1 usage, 2 input problem, 3 output not written),
/// and no half-written output.
@Suite struct HostileInputTests {
    static let hostile = CLI.repositoryRoot.appendingPathComponent("Tests/Hostile/corpus").path
    static let goodGraph = CLI.repositoryRoot.appendingPathComponent("Graphs/corpus.json")

    /// Every stderr line is one `relgraph:` message.
    private func expectOneLinePerMessage(_ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in stderr.split(separator: "\n") {
            #expect(line.hasPrefix("relgraph: "), "stray stderr line: \(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func buildOnTheHostileCorpusWarnsPerFileAndSucceeds() throws {
        try withTemporaryFolder { folder in
            let output = folder.appendingPathComponent("g.json").path
            let result = try CLI.run(["build", "--corpus", Self.hostile, "-o", output, "--threads", "2"])
            #expect(result.status == 0, "\(result.stderr)")
            expectOneLinePerMessage(result.stderr)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            let path = { (name: String) in (Self.hostile as NSString).appendingPathComponent(name) }
            #expect(lines.contains("relgraph: warning: '\(path("binary.txt"))' looks binary (control bytes in its first 8 KB) and was skipped"))
            #expect(lines.contains("relgraph: note: '\(path("empty.txt"))' is empty and was skipped"))
            #expect(lines.contains("relgraph: note: '\(path("whitespace-only.md"))' is empty and was skipped"))
            #expect(lines.contains { $0.hasPrefix("relgraph: note: '\(path("invalid-utf8.txt"))' has ") && $0.hasSuffix("read as U+FFFD") })
            #expect(lines.contains("relgraph: note: '\(path("nul-byte.txt"))' has 1 control byte (NUL or similar), read as space"))
            let graph = try String(contentsOfFile: output, encoding: .utf8)
            for name in ["Nvidia", "Reid Hoffman", "Sam Altman", "Satya Nadella", "Lisa Su"] {
                #expect(graph.contains("\"name\" : \"\(name)\""), "\(name) missing")
            }
            // --quiet drops notes, never warnings.
            let quiet = try CLI.run(["build", "--corpus", Self.hostile, "-o", output, "--quiet"])
            #expect(quiet.status == 0)
            #expect(quiet.stderr == "relgraph: warning: '\(path("binary.txt"))' looks binary (control bytes in its first 8 KB) and was skipped\n")
        }
    }

    @Test(arguments: [["entities", "--corpus", hostile], ["rank", "--corpus", hostile, "--graph", "GRAPH"]])
    func corpusCommandsWarnTheSameWay(arguments: [String]) throws {
        // rank rebuilds the missing graph from the corpus, through the streamed reader.
        let graph = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-test-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: graph) }
        let result = try CLI.run(arguments.map { $0 == "GRAPH" ? graph : $0 } + ["--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("binary.txt' looks binary"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func unreadableEntriesAreWarningsNotFailures() throws {
        try withTemporaryFolder { folder in
            let corpus = folder.appendingPathComponent("corpus")
            let manager = FileManager.default
            try manager.createDirectory(at: corpus.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try Data("Satya Nadella leads Microsoft.".utf8).write(to: corpus.appendingPathComponent("good.txt"))
            try manager.createSymbolicLink(atPath: corpus.appendingPathComponent("sub/up").path, withDestinationPath: "..")
            try manager.createSymbolicLink(atPath: corpus.appendingPathComponent("gone.txt").path, withDestinationPath: "missing.txt")
            #expect(mkfifo(corpus.appendingPathComponent("pipe.txt").path, 0o644) == 0)
            let output = folder.appendingPathComponent("g.json").path
            let result = try CLI.run(["build", "--corpus", corpus.path, "-o", output, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            expectOneLinePerMessage(result.stderr)
            #expect(result.stderr.split(separator: "\n").count == 3, "\(result.stderr)")
            #expect(result.stderr.contains("cannot read '\(corpus.path)/gone.txt'"))
            #expect(result.stderr.contains("'\(corpus.path)/pipe.txt' is not a regular file"))
            #expect(result.stderr.contains("'\(corpus.path)/sub/up' leads to a folder already read"))
            #expect(FileManager.default.fileExists(atPath: output))
        }
    }

    @Test func nothingReadableIsExitTwoAndNoOutput() throws {
        try withTemporaryFolder { folder in
            let corpus = folder.appendingPathComponent("corpus")
            try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: (Self.hostile as NSString).appendingPathComponent("binary.txt"), toPath: corpus.appendingPathComponent("binary.txt").path)
            try Data().write(to: corpus.appendingPathComponent("empty.md"))
            let output = folder.appendingPathComponent("g.json")
            try Data("previous".utf8).write(to: output)
            let result = try CLI.run(["build", "--corpus", corpus.path, "-o", output.path])
            #expect(result.status == 2)
            #expect(result.stderr.hasSuffix("relgraph: error: corpus '\(corpus.path)' has no readable document (see the warnings above)\n"))
            #expect(result.stderr.split(separator: "\n").count == 3)
            #expect(try String(contentsOf: output, encoding: .utf8) == "previous")
        }
    }

    @Test func unwritableOutputIsExitThreeAndLeavesNoTemporaryFile() throws {
        try withTemporaryFolder { folder in
            let result = try CLI.run(["build", "--corpus", "Corpus", "-o", folder.appendingPathComponent("no/such/g.json").path, "--quiet"])
            #expect(result.status == 3)
            #expect(result.stderr == "relgraph: error: cannot write '\(folder.path)/no/such/g.json': its folder does not exist\n")
            // A folder where the file should go: the rename fails, the temporary file is removed.
            let blocked = folder.appendingPathComponent("blocked.json")
            try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
            let second = try CLI.run(["export", "--graph", Self.goodGraph.path, "--format", "dot", "-o", blocked.path])
            #expect(second.status == 3, "\(second.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["blocked.json"])
        }
    }

    /// Bad graph files, made from the committed graph.
    private func badGraphs(in folder: URL) throws -> [(kind: String, path: String, message: String)] {
        let good = try Data(contentsOf: Self.goodGraph)
        let truncated = folder.appendingPathComponent("truncated.json")
        try good.prefix(good.count / 2).write(to: truncated)
        let newer = folder.appendingPathComponent("newer.json")
        let text = String(decoding: good, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 99").utf8).write(to: newer)
        let png = folder.appendingPathComponent("image.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]).write(to: png)
        let other = folder.appendingPathComponent("other.json")
        try Data(#"{"format": "something else", "version": 1}"#.utf8).write(to: other)
        return [
            ("truncated", truncated.path, "graph file '\(truncated.path)' is not valid JSON (truncated or not a graph); rebuild it with 'relgraph build'"),
            ("newer", newer.path, "graph file '\(newer.path)' has schema version 99; this relgraph reads up to 1: upgrade relgraph or rebuild the graph"),
            ("png", png.path, "graph file '\(png.path)' is not valid JSON (truncated or not a graph); rebuild it with 'relgraph build'"),
            ("other", other.path, "'\(other.path)' is not a relgraph graph file (no \"format\": \"relgraph\" header)"),
            ("missing", folder.appendingPathComponent("none.json").path, "graph file '\(folder.appendingPathComponent("none.json").path)' does not exist: run 'relgraph build' first or pass --graph"),
        ]
    }

    static let graphCommands: [[String]] = [
        ["path", "Elon Musk", "OpenAI"], ["neighbors", "Elon Musk"], ["rank"], ["stats"],
        ["render", "--format", "svg", "-o", "OUT"], ["export", "--format", "dot", "-o", "OUT"],
    ]

    @Test(arguments: graphCommands)
    func badGraphFileIsOneLineExitTwoAndNoOutput(command: [String]) throws {
        try withTemporaryFolder { folder in
            // No Corpus/ in the working folder, so queries cannot rebuild the graph instead.
            let output = folder.appendingPathComponent("out")
            let arguments = command.map { $0 == "OUT" ? output.path : $0 }
            for bad in try badGraphs(in: folder) {
                let result = try CLI.run(arguments + ["--graph", bad.path], in: folder)
                #expect(result.status == 2, "\(command[0]) on \(bad.kind): \(result.stderr)")
                #expect(result.stderr == "relgraph: error: \(bad.message)\n", "\(command[0]) on \(bad.kind)")
                #expect(result.stdout.isEmpty)
                #expect(!FileManager.default.fileExists(atPath: output.path))
            }
        }
    }

    @Test(arguments: [["path", "Elon Musk", "OpenAI"], ["neighbors", "Elon Musk"]])
    func dotWithASyntaxErrorIsExitTwo(command: [String]) throws {
        try withTemporaryFolder { folder in
            let dot = folder.appendingPathComponent("broken.dot")
            try Data("digraph G { \"Elon Musk\" -> ; {{ }\n".utf8).write(to: dot)
            let result = try CLI.run(command + ["--graph", dot.path], in: folder)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("relgraph: error: "))
            #expect(result.stderr.contains(dot.path))
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    @Test(arguments: [["path", "Nobody Atall", "OpenAI"], ["path", "Elon Musk", "Zzyzx Qqq"], ["neighbors", "Nobody Atall"]])
    func unknownEntityIsExitTwo(command: [String]) throws {
        let result = try CLI.run(command + ["--graph", Self.goodGraph.path, "--corpus", "no-corpus-here"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("relgraph: error: "))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["build", "--threads", "0"], ["path", "only-one"], ["render", "--format", "gif"], ["neighbors", "x", "--depth", "0"],
        ["export", "--since", "yesterday"], ["no-such-command"],
    ])
    func badArgumentsAreUsageErrors(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test func tenThousandEntitiesInOneSentenceFinishWithoutCoMentions() throws {
        try withTemporaryFolder { folder in
            let corpus = folder.appendingPathComponent("list.txt")
            try Data(HostileText.longList(entities: 10_000).utf8).write(to: corpus)
            let output = folder.appendingPathComponent("g.json").path
            let result = try CLI.run(["build", "--corpus", corpus.path, "-o", output, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any]
            let entities = graph?["entities"] as? [Any] ?? []
            let relations = graph?["relations"] as? [Any] ?? []
            #expect(entities.count > 1_000)
            #expect(relations.isEmpty, "a 10,000-name list gives no co-mention pairs")
        }
    }

    /// 50 MB when `RELGRAPH_LARGE_TESTS=1` (about a minute in a debug build), 4 MB otherwise.
    @Test func hugeSingleLineDocumentFinishes() throws {
        let megabytes = ProcessInfo.processInfo.environment["RELGRAPH_LARGE_TESTS"] == "1" ? 50 : 4
        try withTemporaryFolder { folder in
            let corpus = folder.appendingPathComponent("huge.txt")
            try HostileText.singleLine(megabytes: megabytes).write(to: corpus)
            let output = folder.appendingPathComponent("g.json").path
            let result = try CLI.run(["build", "--corpus", corpus.path, "-o", output, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            let size = (try FileManager.default.attributesOfItem(atPath: output)[.size] as? NSNumber)?.intValue ?? 0
            #expect(size > 0)
            #expect(size < 1_000_000, "evidence must not repeat the whole line per relation: \(size) bytes")
        }
    }
}

/// Large hostile documents, generated at test time (never committed).
enum HostileText {
    /// One sentence naming `entities` distinct organizations: "Xab Corp, Xac Corp, … and Xzz Corp."
    static func longList(entities: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var names: [String] = []
        names.reserveCapacity(entities)
        for index in 0..<entities {
            var n = index
            var word = "Q"
            for _ in 0..<3 {
                word.append(letters[n % 26])
                n /= 26
            }
            names.append("\(word) Corp")
        }
        return "The list names " + names.joined(separator: ", ") + " today.\n"
    }

    /// About `megabytes` MB of text on one line, with no line break at all: filler sentences,
    /// one naming entities every 256 KB, and a 1 MB run with no sentence end at all.
    static func singleLine(megabytes: Int) -> Data {
        let filler = Data("the quick brown fox jumps over the lazy dog and keeps running. ".utf8)
        let named = Data("Satya Nadella said Microsoft would keep working with OpenAI, and Sam Altman agreed. ".utf8)
        let endless = Data("and on and on ".utf8)
        var data = Data(capacity: megabytes << 20 + (1 << 20))
        while data.count < megabytes << 20 {
            data.append(named)
            let next = data.count + (1 << 18)
            while data.count < next { data.append(filler) }
        }
        let runEnd = data.count + (1 << 20)
        while data.count < runEnd { data.append(endless) }
        return data
    }
}
