import ArgumentParser
import Foundation
import RelGraphCore

/// Options of every command that reads a corpus.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: "A folder of .txt/.md articles, one article file, or a .jsonl file.")
    var corpus: String = "Corpus"

    @Option(name: .long, help: "A lexicon TSV file to use instead of the bundled one.")
    var lexicon: String?

    @Flag(name: .long, help: "Print no progress or notes on stderr.")
    var quiet = false

    func loadLexicon() throws -> Lexicon {
        do {
            if let lexicon { return try Lexicon.load(path: lexicon) }
            return try Lexicon.bundled()
        } catch {
            throw fail(error)
        }
    }

    func readDocuments() throws -> [Document] {
        do {
            let (documents, notes) = try CorpusReader(path: corpus).readAllNoting()
            for note in notes { Console.note("note: \(note)", quiet: quiet) }
            return documents
        } catch {
            throw fail(error)
        }
    }

    func buildGraph() throws -> RelationGraph {
        let extractor = Extractor(recognizer: Recognizer(lexicon: try loadLexicon()))
        let documents = try readDocuments()
        guard !documents.isEmpty else { throw fail(CorpusError.noDocuments(path: corpus)) }
        return extractor.graph(of: documents)
    }
}

/// Options of every command that reads a saved graph.
struct GraphOptions: ParsableArguments {
    @Option(name: .long, help: "The graph file written by 'relgraph build'.")
    var graph: String = "Graphs/corpus.json"

    func load() throws -> RelationGraph {
        guard let data = FileManager.default.contents(atPath: graph) else {
            throw fail(GraphFileError.missing(path: graph))
        }
        do {
            return try GraphJSON.decode(data, source: graph)
        } catch {
            throw fail(error)
        }
    }
}

/// `-o FILE`, with `-` for stdout.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Output file, or '-' for standard output.")
    var output: String = "-"

    func write(_ data: Data) throws { try writeOutput(data, to: output) }

    func write(_ text: String) throws { try writeOutput(Data(text.utf8), to: output) }
}

/// Writes to stdout for `-`, otherwise atomically to the file.
func writeOutput(_ data: Data, to path: String) throws {
    if path == "-" {
        FileHandle.standardOutput.write(data)
        return
    }
    do {
        try AtomicFile.write(data, to: path)
    } catch {
        throw fail(error)
    }
}
