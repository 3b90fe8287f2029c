import ArgumentParser
import Foundation
import RelGraphCore
import RelGraphRendering

/// A graph loaded for queries, with the DOT weights when it came from a DOT file.
struct LoadedGraph {
    var graph: RelationGraph
    var weights: [Double]? = nil
    /// Relation endpoints as entity positions, when the binary cache provided them.
    var endpoints: GraphCache.Endpoints? = nil
    /// The relations' evidence, when it was left in the cache.
    var evidence: GraphCache.EvidenceStore? = nil
}

extension GraphOptions {
    /// Whether `--graph` names a DOT file: by extension (`.dot`, `.gv`), else by content
    /// (`graph`, `digraph` or `strict` first, after comments and blank space).
    var isDOT: Bool {
        let ext = (graph as NSString).pathExtension.lowercased()
        if ext == "dot" || ext == "gv" { return true }
        if ext == "json" { return false }
        guard let handle = FileHandle(forReadingAtPath: graph) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        return DOTSniffer.looksLikeDOT(head)
    }

    /// Loads `--graph` for a query: a DOT file through Graphviz's parser, or the saved JSON
    /// graph, first rebuilt from the corpus (and saved) when it is missing or older than the
    /// corpus, read through its binary cache (`FILE.cache`, written on first use).
    func loadForQuery(corpus: CorpusOptions, lazyEvidence: Bool = false) throws -> LoadedGraph {
        if let streamed = try loadStream() { return streamed }
        if FileManager.default.fileExists(atPath: graph) && isDOT {
            do {
                let dot = try DOTReader().read(path: graph)
                return LoadedGraph(graph: dot.graph, weights: dot.weights)
            } catch {
                throw fail(error)
            }
        }
        // A graph is paired with a corpus only when both are the defaults or the corpus is named:
        // `--graph other.json` alone must never be overwritten with the graph of `Corpus/`.
        let paired = graph == Self.defaultGraph || corpus.corpus != CorpusOptions.defaultCorpus
        if paired, let reason = GraphFreshness.staleReason(graph: graph, corpus: corpus.corpus) {
            Console.note("\(reason): rebuilding it from '\(corpus.corpus)'", quiet: corpus.quiet)
            let built = try corpus.buildGraph()
            let folder = (graph as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try writeGraph(built, to: graph)
            try? GraphCache.write(built, graphPath: graph)
            return LoadedGraph(graph: built)
        }
        do {
            let loaded = try GraphCache.load(graphPath: graph, lazyEvidence: lazyEvidence)
            return LoadedGraph(graph: loaded.graph, weights: loaded.weights, endpoints: loaded.endpoints, evidence: loaded.evidence)
        } catch {
            throw fail(error)
        }
    }
}

extension GraphOptions {
    /// `--graph` read once and whole when it is a stream (`/dev/stdin`, a named pipe) not
    /// named by its extension: sniffing its head first would consume it. `nil` for files.
    /// A stream is only ever read: it is never rebuilt from a corpus, nor given a cache.
    private func loadStream() throws -> LoadedGraph? {
        let ext = (graph as NSString).pathExtension.lowercased()
        guard !["json", "dot", "gv"].contains(ext), GraphFileBytes.isStream(graph) else { return nil }
        do {
            let bytes = try GraphFileBytes.read(path: graph)
            if DOTSniffer.looksLikeDOT(String(decoding: bytes.prefix(4096), as: UTF8.self)) {
                let dot = try DOTReader().parse(String(decoding: bytes, as: UTF8.self), source: graph)
                return LoadedGraph(graph: dot.graph, weights: dot.weights)
            }
            return LoadedGraph(graph: try GraphJSON.decode(bytes, source: graph))
        } catch {
            throw fail(error)
        }
    }
}

enum DOTSniffer {
    static func looksLikeDOT(_ head: String) -> Bool {
        var rest = Substring(head)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("//") || rest.hasPrefix("#") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*") {
                guard let end = rest.range(of: "*/") else { return false }
                rest = rest[end.upperBound...]
            } else {
                break
            }
        }
        let word = rest.prefix { $0.isLetter }.lowercased()
        return word == "graph" || word == "digraph" || word == "strict"
    }
}

/// Decides whether the saved graph must be rebuilt from the corpus.
enum GraphFreshness {
    /// Why the graph at `graph` is out of date with the corpus at `corpus`, or `nil` when it
    /// is current or there is no corpus to rebuild it from.
    static func staleReason(graph: String, corpus: String) -> String? {
        guard let reader = try? CorpusReader(path: corpus) else { return nil }
        let manager = FileManager.default
        guard let graphDate = (try? manager.attributesOfItem(atPath: graph))?[.modificationDate] as? Date else {
            return "graph file '\(graph)' does not exist"
        }
        var paths = reader.files.map { $0.isEmpty ? corpus : (corpus as NSString).appendingPathComponent($0) }
        paths.append(corpus)
        for path in paths {
            if let date = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date, date > graphDate {
                return "graph file '\(graph)' is older than the corpus"
            }
        }
        return nil
    }
}
