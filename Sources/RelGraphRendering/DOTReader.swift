import CGraphviz
import Foundation
import RelGraphCore

/// A graph read from a DOT file, with the edge weights the file gave.
public struct DOTGraph: Sendable {
    public var graph: RelationGraph
    /// One weight per relation of `graph` (the sum of the `weight` attributes of the DOT edges
    /// it came from; 1 for an edge without one).
    public var weights: [Double]
}

/// Reads Graphviz DOT through Graphviz's own parser (cgraph), so any DOT that Graphviz
/// accepts — exported by `relgraph export`, drawn by hand, or written by another tool — can
/// be queried.
///
/// - Nodes become entities named by their ID. The type comes from a `type` attribute
///   (`person`, `organization`, `product`), else from the shape relgraph draws it with
///   (`ellipse` person, `box` organization, `hexagon` product), else organization.
/// - Edges become relations. The kind comes from a `type` attribute, else from `label`
///   (`works for`, `works_for` and `works-for` all read as works_for); an edge with neither,
///   or an unknown one, is a co-mention. `weight` (a positive number) is honored; the
///   evidence sentence is the edge's `evidence` or `tooltip` attribute when present, its
///   `date` attribute dates it.
public struct DOTReader: Sendable {
    public init() {}

    /// Reads the DOT file at `path`.
    /// - Throws: `DOTReadError` when the file cannot be read or Graphviz rejects it.
    public func read(path: String) throws(DOTReadError) -> DOTGraph {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse(String(decoding: data, as: UTF8.self), source: path)
    }

    /// Parses DOT text; `source` names it in errors and as the evidence's document.
    public func parse(_ text: String, source: String) throws(DOTReadError) -> DOTGraph {
        try GraphvizRenderer.withGraphviz { () throws(DOTReadError) -> DOTGraph in try parseHoldingLock(text, source: source) }
    }

    private func parseHoldingLock(_ text: String, source: String) throws(DOTReadError) -> DOTGraph {
        _ = agseterr(AGMAX)
        guard let graph = text.withCString({ agmemread($0) }) else {
            throw .syntax(path: source, message: lastError() ?? "Graphviz could not parse it")
        }
        defer { agclose(graph) }
        let document = (source as NSString).lastPathComponent

        var entities: [String: EntityType] = [:]
        var evidence: [RelationKey: [Evidence]] = [:]
        var weights: [RelationKey: Double] = [:]
        var ordinal = 0
        var node = agfstnode(graph)
        while let current = node {
            let name = string(agnameof(UnsafeMutableRawPointer(current)))
            entities[name] = entityType(of: current)
            var edge = agfstout(graph, current)
            while let out = edge {
                let head = string(agnameof(UnsafeMutableRawPointer(out.pointee.node)))
                let label = attribute(out, "type") ?? attribute(out, "label") ?? ""
                let kind = relationKind(label) ?? .coMentioned
                let key = RelationKey(source: name, target: head, kind: kind)
                let sentence = attribute(out, "evidence") ?? attribute(out, "tooltip")
                    ?? "\(name) \(kind == .coMentioned && !label.isEmpty ? label : kind.label) \(head)"
                let date = attribute(out, "date").flatMap { isISODate($0) ? $0 : nil }
                evidence[key, default: []].append(Evidence(
                    document: document, sentence: sentence, start: ordinal, end: ordinal + 1,
                    trigger: label, date: date
                ))
                let weight = attribute(out, "weight").flatMap(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? 1
                weights[key, default: 0] += weight
                ordinal += 1
                edge = agnxtout(graph, out)
            }
            node = agnxtnode(graph, current)
        }
        let relationGraph = RelationGraph(
            documents: [DocumentInfo(name: document)],
            entities: entities.map { Entity(name: $0.key, type: $0.value, documents: [document]) },
            relations: evidence.map { Relation(source: $0.key.source, target: $0.key.target, kind: $0.key.kind, evidence: $0.value.sorted()) }
        )
        return DOTGraph(graph: relationGraph, weights: relationGraph.relations.map { weights[$0.key] ?? 1 })
    }

    private func entityType(of node: UnsafeMutablePointer<Agnode_t>) -> EntityType {
        if let type = attribute(node, "type").flatMap({ EntityType(rawValue: $0.lowercased()) }) { return type }
        switch attribute(node, "shape")?.lowercased() {
        case "ellipse", "oval", "circle": return .person
        case "hexagon": return .product
        default: return .organization
        }
    }

    /// A relation kind from its raw value or label, ignoring case, spaces, `_` and `-`.
    private func relationKind(_ text: String) -> RelationKind? {
        let key = text.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }
        guard !key.isEmpty else { return nil }
        return RelationKind.allCases.first { $0.rawValue.filter { $0 != "_" } == key }
    }

    /// The attribute's value, or `nil` when it is not declared or empty.
    private func attribute<Object>(_ object: UnsafeMutablePointer<Object>, _ name: String) -> String? {
        let value = name.withCString { agget(UnsafeMutableRawPointer(object), UnsafeMutablePointer(mutating: $0)) }
        guard let value else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    private func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private func lastError() -> String? {
        guard let message = aglasterr() else { return nil }
        defer { free(message) }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

public enum DOTReadError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case syntax(path: String, message: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read DOT file '\(path)': check that it exists and is readable"
        case .syntax(let path, let message): "'\(path)' is not valid DOT: \(message)"
        }
    }
}
