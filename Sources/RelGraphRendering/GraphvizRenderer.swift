import CGraphviz
import Foundation
import RelGraphCore

/// Lays out and renders DOT in-process through libgvc, and parses DOT with cgraph.
///
/// Every Graphviz object is freed on every path (`defer` right after each acquisition:
/// `gvFreeRenderData`, `gvFreeLayout`, `agclose`, `gvFreeContext`). Graphviz keeps global
/// state — its error buffer, the DOT scanner — so all calls go through one process-wide lock;
/// renderers can be used from any thread, one at a time.
///
///     let svg = try GraphvizRenderer().render(dot: dot, engine: "dot", format: "svg")
public struct GraphvizRenderer: Sendable {
    public init() {}

    /// Output formats this Graphviz build can write (its `device` plugins), sorted.
    public static func availableFormats() -> [String] { plugins.formats }

    /// Layout engines this Graphviz build has (its `layout` plugins), sorted.
    public static func availableEngines() -> [String] { plugins.engines }

    /// Asked once per process: each `gvContext` loads every plugin library (about 15 ms), and
    /// Graphviz 2.43's `gvPluginList` leaks the names it deduplicates.
    private static let plugins: (formats: [String], engines: [String]) = {
        (try? withGraphviz { () throws(RenderError) -> ([String], [String]) in
            guard let context = gvContext() else { throw .noContext }
            defer { gvFreeContext(context) }
            return (pluginNames(kind: "device", context: context), pluginNames(kind: "layout", context: context))
        }) ?? ([], [])
    }()

    /// The engine that suits a graph: `dot`'s layered drawing for small graphs (up to 150
    /// entities and 400 relations, `DOTWriter.isSmall`), `sfdp`'s multilevel force layout
    /// beyond, where `dot` becomes slow and its drawing very wide.
    public static func suggestedEngine(for graph: RelationGraph) -> String {
        DOTWriter.isSmall(graph) ? "dot" : "sfdp"
    }

    /// Renders `dot` laid out by `engine` (`dot`, `neato`, `sfdp`, …) as `format` (`svg`,
    /// `png`, `pdf`, `dot`, …).
    ///
    /// - Throws: `RenderError.unsupportedFormat`/`.unsupportedEngine` (listing what this build
    ///   has), `.invalidDOT`, `.layoutFailed` or `.renderFailed` with Graphviz's own message.
    public func render(dot: String, engine: String, format: String) throws(RenderError) -> Data {
        try renderTimed(dot: dot, engine: engine, format: format).data
    }

    /// `render`, with the time of each stage, for benchmarks.
    public func renderTimed(dot: String, engine: String, format: String) throws(RenderError) -> TimedRender {
        let clock = ContinuousClock()
        let start = clock.now
        try Self.checkPlugins(engine: engine, format: format)
        return try Self.withGraphviz { () throws(RenderError) -> TimedRender in
            guard let context = gvContext() else { throw .noContext }
            defer { gvFreeContext(context) }
            let parseStart = clock.now
            let graph = try Self.parse(dot)
            defer { agclose(graph) }
            let layoutStart = clock.now
            guard gvLayout(context, graph, engine) == 0 else {
                throw .layoutFailed(engine: engine, message: Self.lastError() ?? "no message from Graphviz")
            }
            defer { gvFreeLayout(context, graph) }
            let outputStart = clock.now
            var buffer: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            let status = gvRenderData(context, graph, format, &buffer, &length)
            defer { if let buffer { gvFreeRenderData(buffer) } }
            guard status == 0, let buffer else {
                throw .renderFailed(format: format, message: Self.lastError() ?? "no message from Graphviz")
            }
            let data = Data(bytes: buffer, count: Int(length))
            let end = clock.now
            return TimedRender(
                data: data, setup: parseStart - start, parse: layoutStart - parseStart,
                layout: outputStart - layoutStart, output: end - outputStart
            )
        }
    }

    /// Parses and lays out `dot` without rendering it: Graphviz's own share of `render`'s time,
    /// for benchmarks.
    public func layout(dot: String, engine: String) throws(RenderError) {
        try Self.checkPlugins(engine: engine, format: nil)
        try Self.withGraphviz { () throws(RenderError) in
            guard let context = gvContext() else { throw .noContext }
            defer { gvFreeContext(context) }
            let graph = try Self.parse(dot)
            defer { agclose(graph) }
            guard gvLayout(context, graph, engine) == 0 else {
                throw .layoutFailed(engine: engine, message: Self.lastError() ?? "no message from Graphviz")
            }
            gvFreeLayout(context, graph)
        }
    }

    /// The node names and edge count of a DOT text, as Graphviz's own parser reads them (nodes
    /// in order of first appearance): the reference against which `DOTWriter` is tested.
    public static func summary(ofDOT dot: String) throws(RenderError) -> DOTSummary {
        try withGraphviz { () throws(RenderError) -> DOTSummary in
            let graph = try parse(dot)
            defer { agclose(graph) }
            var names: [String] = []
            var types: [String] = []
            var node = agfstnode(graph)
            while let current = node {
                names.append(String(cString: agnameof(current)))
                let type = "type".withCString { agget(current, UnsafeMutablePointer(mutating: $0)) }
                types.append(type.map { String(cString: $0) } ?? "")
                node = agnxtnode(graph, current)
            }
            return DOTSummary(nodeNames: names, nodeTypes: types, edgeCount: Int(agnedges(graph)))
        }
    }

    // MARK: - Graphviz calls

    private static let lock = NSLock()

    /// Runs `body` holding the Graphviz lock, with Graphviz's stderr messages silenced and its
    /// error count reset so that `lastError()` reports only this call's errors.
    /// Runs `body` holding the process-wide Graphviz lock; every call into cgraph or gvc in this
    /// module (the renderer and `DOTReader`) goes through it, since Graphviz is not thread-safe.
    static func withGraphviz<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        lock.lock()
        defer { lock.unlock() }
        _ = agseterr(AGMAX)
        _ = agreseterrors()
        return try body()
    }

    private static func parse(_ dot: String) throws(RenderError) -> UnsafeMutablePointer<Agraph_t> {
        guard let graph = dot.withCString({ agmemread($0) }) else {
            throw .invalidDOT(message: lastError() ?? "Graphviz could not read it")
        }
        return graph
    }

    /// Graphviz's last error message, when this call raised one.
    private static func lastError() -> String? {
        guard agerrors() > 0, let message = aglasterr() else { return nil }
        defer { free(message) }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private static func pluginNames(kind: String, context: OpaquePointer) -> [String] {
        var count: Int32 = 0
        guard let list = gvPluginList(context, kind, &count, nil) else { return [] }
        defer { free(list) }
        var names: Set<String> = []
        for index in 0..<Int(count) {
            guard let item = list[index] else { continue }
            names.insert(String(cString: item))
            free(item)
        }
        return names.sorted()
    }

    private static func checkPlugins(engine: String, format: String?) throws(RenderError) {
        let engines = availableEngines()
        guard engines.contains(engine) else { throw .unsupportedEngine(engine, available: engines) }
        if let format {
            let formats = availableFormats()
            guard formats.contains(format) else { throw .unsupportedFormat(format, available: formats) }
        }
    }
}

/// A rendered diagram and where the time went.
public struct TimedRender: Sendable {
    public var data: Data
    /// Plugin checks and `gvContext` (plugin loading).
    public var setup: Duration
    /// `agmemread`.
    public var parse: Duration
    /// `gvLayout`: Graphviz's own work.
    public var layout: Duration
    /// `gvRenderData` and copying the bytes into `Data`.
    public var output: Duration
}

/// What Graphviz's parser saw in a DOT text.
public struct DOTSummary: Hashable, Sendable {
    /// Node names in order of first appearance.
    public var nodeNames: [String]
    /// Each node's `type` attribute (`""` when unset), parallel to `nodeNames`.
    public var nodeTypes: [String]
    public var edgeCount: Int
}

public enum RenderError: Error, Equatable, CustomStringConvertible {
    case noContext
    case unsupportedFormat(String, available: [String])
    case unsupportedEngine(String, available: [String])
    case invalidDOT(message: String)
    case layoutFailed(engine: String, message: String)
    case renderFailed(format: String, message: String)

    public var description: String {
        switch self {
        case .noContext:
            "Graphviz could not start (gvContext failed): check that its plugins are installed (libgraphviz-dev)"
        case .unsupportedFormat(let format, let available):
            "this Graphviz build cannot write '\(format)'; it can write: \(available.joined(separator: ", "))"
        case .unsupportedEngine(let engine, let available):
            "this Graphviz build has no layout engine '\(engine)'; it has: \(available.joined(separator: ", "))"
        case .invalidDOT(let message):
            "Graphviz cannot parse the DOT text: \(message)"
        case .layoutFailed(let engine, let message):
            "Graphviz layout with '\(engine)' failed: \(message)"
        case .renderFailed(let format, let message):
            "Graphviz could not render '\(format)': \(message)"
        }
    }
}
