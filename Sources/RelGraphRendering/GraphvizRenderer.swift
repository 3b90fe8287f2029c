import CGraphviz
import Foundation

/// Lays out and renders DOT in-process through libgvc.
public struct GraphvizRenderer: Sendable {
    public init() {}

    /// Renders `dot` with `engine` (`dot`, `neato`, …) to `format` (`svg`, `png`, …).
    public func render(dot: String, engine: String, format: String) throws(RenderError) -> Data {
        guard let context = gvContext() else { throw .graphviz(message: "cannot create a Graphviz context") }
        defer { gvFreeContext(context) }
        _ = agseterr(AGMAX)
        guard let graph = dot.withCString({ agmemread($0) }) else {
            throw .graphviz(message: lastError() ?? "cannot parse the DOT input")
        }
        defer { agclose(graph) }
        guard gvLayout(context, graph, engine) == 0 else {
            throw .graphviz(message: lastError() ?? "layout with engine '\(engine)' failed")
        }
        defer { gvFreeLayout(context, graph) }
        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        guard gvRenderData(context, graph, format, &buffer, &length) == 0, let buffer else {
            throw .graphviz(message: lastError() ?? "rendering to '\(format)' failed")
        }
        defer { gvFreeRenderData(buffer) }
        return Data(bytes: buffer, count: Int(length))
    }

    private func lastError() -> String? {
        guard let message = aglasterr() else { return nil }
        defer { free(message) }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

public enum RenderError: Error, Equatable, CustomStringConvertible {
    case graphviz(message: String)

    public var description: String {
        switch self {
        case .graphviz(let message): "Graphviz: \(message)"
        }
    }
}
