import Foundation

/// Reads a graph file straight from its UTF-8 bytes into a `RelationGraph`, about ten times
/// faster than `JSONDecoder` and without its intermediate map of the whole document.
///
/// It accepts and refuses exactly what `GraphJSON.decodeWithFoundation` (the `Decodable`
/// path, kept as the tests' oracle) accepts and refuses, with the same `GraphFileError`
/// case; the reasons of `.invalid` errors are its own and name the byte offset and line.
/// Foundation's scanner is lenient in a few places this reader copies on purpose: a comma
/// may end an array or object (`[1,]`), duplicate keys keep the first value, and values the
/// graph does not use (unknown keys, `polarity`, `weight`) are only checked for structure
/// (brackets, quotes, nesting of at most 512 containers), not for their escapes, numbers or
/// UTF-8. Every value the graph uses is checked strictly: UTF-8, escapes, paired surrogates,
/// integers as `Int` (`1.0` and `1e2` are integers too).
///
/// Names, documents, dates and triggers are interned: each distinct one is one `String`.
///
/// - Complexity: O(n) in the size of the file, plus the sort of `RelationGraph.init` when
///   the file is not in graph order.
struct GraphJSONReader {
    /// Why the strict reading of a value stopped; the caller rescans the value leniently to
    /// decide between a syntax error (`.notJSON`) and damage (`.invalid`).
    struct Failure: Error {
        var reason: String
        var offset: Int
    }

    /// A JSON syntax error: the whole file is `.notJSON`.
    struct SyntaxError: Error {}

    /// Whom to tell every `step` bytes how far reading got (to give back the memory of the
    /// text already read).
    struct Progress {
        var step: Int
        var report: (Int) -> Void
    }

    private let bytes: UnsafePointer<UInt8>
    private let count: Int
    private var position = 0
    private var interner = StringInterner()
    private var scratch: [UInt8] = []
    /// Where the first damage was found (the value is then skipped), `nil` while there is none.
    private var damage: Failure?
    private let progress: Progress?
    /// Where `progress` is told next (never when there is none).
    private var nextProgress: Int

    /// Foundation's nesting limit: at most 512 arrays and objects open at once.
    static let maximumDepth = 512

    private init(_ buffer: UnsafeRawBufferPointer, progress: Progress?) {
        precondition(progress.map { $0.step > 0 } ?? true, "a progress step must be positive")
        // A non-nil pointer even for an empty buffer; `count` keeps every read inside.
        bytes = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = buffer.count
        self.progress = progress
        nextProgress = progress?.step ?? .max
    }

    /// Whether `buffer` may be UTF-16 or UTF-32, which `JSONDecoder` detects and converts:
    /// it starts with a UTF-16 byte-order mark or has a zero byte among its first 4 bytes.
    /// Such files take Foundation's path, whatever they hold (a damaged file too).
    static func needsTranscoding(_ buffer: UnsafeRawBufferPointer) -> Bool {
        let head = buffer.prefix(4)
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) { return true }
        return head.contains(0)
    }

    /// The graph in `buffer` (UTF-8, an optional byte-order mark first).
    ///
    /// - Parameter progress: Told every `step` bytes, between values, how far reading got:
    ///   the text before that offset is not looked at again unless reading fails.
    /// - Throws: `GraphFileError` naming `source`.
    static func read(_ buffer: UnsafeRawBufferPointer, source: String, progress: Progress? = nil) throws(GraphFileError) -> RelationGraph {
        var reader = GraphJSONReader(buffer, progress: progress)
        return try reader.readGraph(source: source)
    }

    // MARK: The document

    private enum TopKey { case format, version, documents, entities, relations, other }

    private mutating func readGraph(source: String) throws(GraphFileError) -> RelationGraph {
        var format: String?, version: Int?
        var seenFormat = false, seenVersion = false
        var documents: [DocumentInfo]?, entities: [Entity]?, relations: [Relation]?
        do {
            if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
            guard try whitespace() == UInt8(ascii: "{") else {
                // Any other top-level value is either not JSON or not an object: both `.notJSON`.
                throw SyntaxError()
            }
            position += 1
            if try whitespace() == UInt8(ascii: "}") {
                position += 1
            } else {
                members: while true {
                    // Foundation decodes every top-level key before reading the header.
                    let key: TopKey
                    do { key = try topKey() } catch { throw SyntaxError() }
                    guard try whitespace() == UInt8(ascii: ":") else { throw SyntaxError() }
                    position += 1
                    _ = try whitespace()
                    let start = position
                    switch key {
                    case .format where !seenFormat:
                        seenFormat = true
                        do { format = try optionalString() } catch { throw SyntaxError() }
                    case .version where !seenVersion:
                        seenVersion = true
                        do { version = try optionalInt() } catch { throw SyntaxError() }
                    case .documents where documents == nil:
                        documents = []
                        try member(from: start, at: ".documents") { (reader: inout Self) throws(Failure) in documents = try reader.documents() }
                    case .entities where entities == nil:
                        entities = []
                        try member(from: start, at: ".entities") { (reader: inout Self) throws(Failure) in entities = try reader.entities() }
                    case .relations where relations == nil:
                        relations = []
                        try member(from: start, at: ".relations") { (reader: inout Self) throws(Failure) in relations = try reader.relations() }
                    default:
                        try skipValue(depth: 1)
                    }
                    switch try whitespace() {
                    case UInt8(ascii: ","):
                        position += 1
                        if try whitespace() == UInt8(ascii: "}") { position += 1; break members }
                    case UInt8(ascii: "}"):
                        position += 1
                        break members
                    default:
                        throw SyntaxError()
                    }
                }
            }
            while position < count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: throw SyntaxError()
                }
            }
        } catch {
            throw .notJSON(path: source)
        }
        guard format == RelationGraph.formatName, let version else { throw .notAGraph(path: source) }
        guard version <= RelationGraph.schemaVersion else {
            throw .newerVersion(path: source, version: version, supported: RelationGraph.schemaVersion)
        }
        if let damage { throw .invalid(path: source, reason: describe(damage)) }
        guard let documents else { throw .invalid(path: source, reason: "missing field 'documents' at top level") }
        guard let entities else { throw .invalid(path: source, reason: "missing field 'entities' at top level") }
        guard let relations else { throw .invalid(path: source, reason: "missing field 'relations' at top level") }
        return Self.graph(documents: documents, entities: entities, relations: relations)
    }

    /// The graph of the members as read: already in graph order (as relgraph writes them),
    /// they are kept as they are; otherwise sorted as `RelationGraph.init` sorts them.
    private static func graph(documents: [DocumentInfo], entities: [Entity], relations: [Relation]) -> RelationGraph {
        func isSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> Bool {
            items.indices.dropFirst().allSatisfy { !less(items[$0], items[$0 - 1]) }
        }
        if isSorted(documents, by: { NameOrder.precedes($0.name, $1.name) }), isSorted(entities, by: { NameOrder.precedes($0.name, $1.name) }),
           isSorted(relations, by: { $0.key < $1.key }) {
            // Nothing to sort. Items with equal keys keep the file's order here, where a sort
            // might swap them: either order is in graph order, so the result is right either way.
            return RelationGraph(presortedDocuments: documents, entities: entities, relations: relations)
        }
        return RelationGraph(documents: documents, entities: entities, relations: relations)
    }

    /// Reads one graph member with `read`; when it is damaged, remembers the first damage and
    /// rescans the member from `start` for syntax only.
    private mutating func member(from start: Int, at path: String, _ read: (inout Self) throws(Failure) -> Void) throws(SyntaxError) {
        if damage == nil {
            do {
                try read(&self)
                return
            } catch {
                damage = Failure(reason: path + error.reason, offset: error.offset)
                position = start
            }
        }
        try skipValue(depth: 1)
    }

    private func describe(_ failure: Failure) -> String {
        let offset = min(failure.offset, count)
        var line = 1
        for index in 0..<offset where bytes[index] == 0x0A { line += 1 }
        return "\(failure.reason) (byte \(offset), line \(line))"
    }

    private mutating func topKey() throws(Failure) -> TopKey {
        let (start, length) = try keyBytes()
        switch length {
        case 6 where equal(start, "format"): return .format
        case 7 where equal(start, "version"): return .version
        case 8 where equal(start, "entities"): return .entities
        case 9 where equal(start, "documents"): return .documents
        case 9 where equal(start, "relations"): return .relations
        default: return .other
        }
    }

    // MARK: Graph members

    private mutating func documents() throws(Failure) -> [DocumentInfo] {
        var documents: [DocumentInfo] = []
        try array { (reader: inout Self) throws(Failure) in documents.append(try reader.document()) }
        return documents
    }

    private mutating func document() throws(Failure) -> DocumentInfo {
        var name: String?, date: String??
        try object { (reader: inout Self, start: Int, length: Int) throws(Failure) in
            switch length {
            case 4 where reader.equal(start, "name") && name == nil: name = try reader.field("name") { (r: inout Self) throws(Failure) in try r.internedString() }
            case 4 where reader.equal(start, "date") && date == nil: date = .some(try reader.field("date") { (r: inout Self) throws(Failure) in try r.optionalString(interned: true) })
            default: try reader.skipUnused(depth: 3)
            }
        }
        guard let name else { throw missing("name") }
        return DocumentInfo(name: name, date: date ?? nil)
    }

    private mutating func entities() throws(Failure) -> [Entity] {
        var entities: [Entity] = []
        try array { (reader: inout Self) throws(Failure) in entities.append(try reader.entity()) }
        return entities
    }

    private mutating func entity() throws(Failure) -> Entity {
        var name: String?, type: EntityType?, aliases: [String]?, mentions: Int?, documents: [String]?
        try object { (reader: inout Self, start: Int, length: Int) throws(Failure) in
            switch length {
            case 4 where reader.equal(start, "name") && name == nil:
                name = try reader.field("name") { (r: inout Self) throws(Failure) in try r.internedString() }
            case 4 where reader.equal(start, "type") && type == nil:
                type = try reader.field("type") { (r: inout Self) throws(Failure) in try r.enumeration(EntityType.self) }
            case 7 where reader.equal(start, "aliases") && aliases == nil:
                aliases = try reader.field("aliases") { (r: inout Self) throws(Failure) in try r.strings() }
            case 8 where reader.equal(start, "mentions") && mentions == nil:
                mentions = try reader.field("mentions") { (r: inout Self) throws(Failure) in try r.int() }
            case 9 where reader.equal(start, "documents") && documents == nil:
                documents = try reader.field("documents") { (r: inout Self) throws(Failure) in try r.strings() }
            default:
                try reader.skipUnused(depth: 3)
            }
        }
        guard let name else { throw missing("name") }
        guard let type else { throw missing("type") }
        guard let aliases else { throw missing("aliases") }
        guard let mentions else { throw missing("mentions") }
        guard let documents else { throw missing("documents") }
        return Entity(name: name, type: type, aliases: aliases, mentions: mentions, documents: documents)
    }

    private mutating func relations() throws(Failure) -> [Relation] {
        var relations: [Relation] = []
        try array { (reader: inout Self) throws(Failure) in relations.append(try reader.relation()) }
        return relations
    }

    private mutating func relation() throws(Failure) -> Relation {
        var source: String?, target: String?, kind: RelationKind?, evidence: [Evidence]?
        try object { (reader: inout Self, start: Int, length: Int) throws(Failure) in
            switch length {
            case 4 where reader.equal(start, "type") && kind == nil:
                kind = try reader.field("type") { (r: inout Self) throws(Failure) in try r.enumeration(RelationKind.self) }
            case 6 where reader.equal(start, "source") && source == nil:
                source = try reader.field("source") { (r: inout Self) throws(Failure) in try r.internedString() }
            case 6 where reader.equal(start, "target") && target == nil:
                target = try reader.field("target") { (r: inout Self) throws(Failure) in try r.internedString() }
            case 8 where reader.equal(start, "evidence") && evidence == nil:
                var records: [Evidence] = []
                try reader.field("evidence") { (r: inout Self) throws(Failure) in
                    try r.array { (r: inout Self) throws(Failure) in records.append(try r.evidence()) }
                }
                evidence = records
            default:
                try reader.skipUnused(depth: 3)
            }
        }
        guard let source else { throw missing("source") }
        guard let target else { throw missing("target") }
        guard let kind else { throw missing("type") }
        guard let evidence else { throw missing("evidence") }
        return Relation(source: source, target: target, kind: kind, evidence: evidence)
    }

    private mutating func evidence() throws(Failure) -> Evidence {
        var document: String?, sentence: String?, start: Int?, end: Int?, trigger: String?, date: String??
        try object { (reader: inout Self, key: Int, length: Int) throws(Failure) in
            switch length {
            case 3 where reader.equal(key, "end") && end == nil:
                end = try reader.field("end") { (r: inout Self) throws(Failure) in try r.int() }
            case 4 where reader.equal(key, "date") && date == nil:
                date = .some(try reader.field("date") { (r: inout Self) throws(Failure) in try r.optionalString(interned: true) })
            case 5 where reader.equal(key, "start") && start == nil:
                start = try reader.field("start") { (r: inout Self) throws(Failure) in try r.int() }
            case 7 where reader.equal(key, "trigger") && trigger == nil:
                trigger = try reader.field("trigger") { (r: inout Self) throws(Failure) in try r.internedString() }
            case 8 where reader.equal(key, "document") && document == nil:
                document = try reader.field("document") { (r: inout Self) throws(Failure) in try r.internedString() }
            case 8 where reader.equal(key, "sentence") && sentence == nil:
                sentence = try reader.field("sentence") { (r: inout Self) throws(Failure) in try r.string() }
            default:
                try reader.skipUnused(depth: 5)
            }
        }
        guard let document else { throw missing("document") }
        guard let sentence else { throw missing("sentence") }
        guard let start else { throw missing("start") }
        guard let end else { throw missing("end") }
        guard let trigger else { throw missing("trigger") }
        // Decoding sets the sentence as saved: it is not clipped again.
        var item = Evidence(document: document, sentence: "", start: start, end: end, trigger: trigger, date: date ?? nil)
        item.sentence = sentence
        return item
    }

    private func missing(_ key: String) -> Failure {
        Failure(reason: ": missing field '\(key)'", offset: position)
    }

    /// Reads the value of field `key`, prefixing the path of its failure.
    @inline(__always)
    private mutating func field<T>(_ key: StaticString, _ read: (inout Self) throws(Failure) -> T) throws(Failure) -> T {
        do { return try read(&self) } catch { throw Failure(reason: ".\(key)" + error.reason, offset: error.offset) }
    }

    // MARK: Containers, read strictly

    /// An array whose elements `element` reads, prefixing the path of a failure with the
    /// element's index; `progress` is told after each element.
    ///
    /// The reader's arrays and objects are at most five deep, far from Foundation's limit of
    /// `maximumDepth`: only `skipValue` needs to count depth.
    private mutating func array(_ element: (inout Self) throws(Failure) -> Void) throws(Failure) {
        guard position < count, bytes[position] == UInt8(ascii: "[") else { throw mismatch(expected: "an array") }
        position += 1
        guard try strictWhitespace() != UInt8(ascii: "]") else { position += 1; return }
        var index = 0
        while true {
            do { try element(&self) } catch { throw Failure(reason: "[\(index)]" + error.reason, offset: error.offset) }
            index += 1
            reportProgress()
            switch try strictWhitespace() {
            case UInt8(ascii: ","):
                position += 1
                if try strictWhitespace() == UInt8(ascii: "]") { position += 1; return }
            case UInt8(ascii: "]"):
                position += 1
                return
            default:
                throw Failure(reason: ": expected ',' or ']'", offset: position)
            }
        }
    }

    /// An object whose members `member` reads, given the key as `keyBytes` gives it.
    private mutating func object(_ member: (inout Self, Int, Int) throws(Failure) -> Void) throws(Failure) {
        guard position < count, bytes[position] == UInt8(ascii: "{") else { throw mismatch(expected: "a dictionary") }
        position += 1
        guard try strictWhitespace() != UInt8(ascii: "}") else { position += 1; return }
        while true {
            let (start, length) = try keyBytes()
            guard try strictWhitespace() == UInt8(ascii: ":") else { throw Failure(reason: ": expected ':'", offset: position) }
            position += 1
            _ = try strictWhitespace()
            try member(&self, start, length)
            switch try strictWhitespace() {
            case UInt8(ascii: ","):
                position += 1
                if try strictWhitespace() == UInt8(ascii: "}") { position += 1; return }
            case UInt8(ascii: "}"):
                position += 1
                return
            default:
                throw Failure(reason: ": expected ',' or '}'", offset: position)
            }
        }
    }

    /// Skips a value the graph does not use, for syntax only (as Foundation does).
    private mutating func skipUnused(depth: Int) throws(Failure) {
        do { try skipValue(depth: depth) } catch { throw Failure(reason: ": not valid JSON", offset: position) }
    }

    /// Skips blank space; returns the next byte, failing at the end of the file.
    @inline(__always)
    private mutating func strictWhitespace() throws(Failure) -> UInt8 {
        do { return try whitespace() } catch { throw Failure(reason: ": unexpected end of file", offset: position) }
    }

    /// A key, strictly: where its bytes start in the file and their length when it has no
    /// escapes; else its decoded bytes are in `scratch` and `start` is -1 (`equal` then
    /// compares with `scratch`). Either way the key is valid UTF-8.
    private mutating func keyBytes() throws(Failure) -> (start: Int, length: Int) {
        guard position < count, bytes[position] == UInt8(ascii: "\"") else { throw Failure(reason: ": expected a key", offset: position) }
        let (start, end, simple) = try stringExtent()
        if simple {
            // ASCII is valid UTF-8 (and every key the reader knows is ASCII).
            if !isASCII(start, end - start) {
                guard validatedString(UnsafeBufferPointer(start: bytes + start, count: end - start)) != nil else {
                    throw Failure(reason: ": key is not valid UTF-8", offset: start)
                }
            }
            return (start, end - start)
        }
        try unescape(start, end)
        guard scratch.withUnsafeBufferPointer(validatedString) != nil else { throw Failure(reason: ": key is not valid UTF-8", offset: start) }
        return (-1, scratch.count)
    }

    /// Whether the bytes `start..<start + length` are all ASCII (then they need no UTF-8 check).
    private func isASCII(_ start: Int, _ length: Int) -> Bool {
        for index in start..<(start + length) where bytes[index] >= 0x80 { return false }
        return true
    }

    /// Whether the key at `start` (from `keyBytes`) is `text`; lengths are compared first by the caller.
    @inline(__always)
    private func equal(_ start: Int, _ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        if start < 0 {
            guard scratch.count == length else { return false }
            return scratch.withUnsafeBufferPointer { memcmp($0.baseAddress!, text.utf8Start, length) == 0 }
        }
        return memcmp(bytes + start, text.utf8Start, length) == 0
    }

    // MARK: Values, read strictly

    private func mismatch(expected: String) -> Failure {
        guard position < count else { return Failure(reason: ": unexpected end of file", offset: position) }
        let found: String
        switch bytes[position] {
        case UInt8(ascii: "n"): return Failure(reason: ": found null instead of \(expected)", offset: position)
        case UInt8(ascii: "\""): found = "a string"
        case UInt8(ascii: "{"): found = "a dictionary"
        case UInt8(ascii: "["): found = "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): found = "bool"
        default: found = "number"
        }
        return Failure(reason: ": expected \(expected) but found \(found)", offset: position)
    }

    /// A string value (a sentence): its own `String`.
    private mutating func string() throws(Failure) -> String {
        guard position < count, bytes[position] == UInt8(ascii: "\"") else { throw mismatch(expected: "a string") }
        let (start, end, simple) = try stringExtent()
        if simple {
            guard let text = validatedString(UnsafeBufferPointer(start: bytes + start, count: end - start)) else {
                throw Failure(reason: ": string is not valid UTF-8", offset: start)
            }
            return text
        }
        try unescape(start, end)
        guard let text = scratch.withUnsafeBufferPointer(validatedString) else { throw Failure(reason: ": string is not valid UTF-8", offset: start) }
        return text
    }

    /// A string value shared with every equal one read before.
    private mutating func internedString() throws(Failure) -> String {
        guard position < count, bytes[position] == UInt8(ascii: "\"") else { throw mismatch(expected: "a string") }
        let (start, end, simple) = try stringExtent()
        if simple {
            guard let text = interner.intern(UnsafeBufferPointer(start: bytes + start, count: end - start)) else {
                throw Failure(reason: ": string is not valid UTF-8", offset: start)
            }
            return text
        }
        try unescape(start, end)
        let text = scratch.withUnsafeBufferPointer { interner.intern($0) }
        guard let text else { throw Failure(reason: ": string is not valid UTF-8", offset: start) }
        return text
    }

    /// A string or `null`.
    private mutating func optionalString(interned: Bool = false) throws(Failure) -> String? {
        if position < count, bytes[position] == UInt8(ascii: "n") {
            try null()
            return nil
        }
        return interned ? try internedString() : try string()
    }

    private mutating func null() throws(Failure) {
        guard position + 4 <= count, memcmp(bytes + position, "null", 4) == 0 else { throw Failure(reason: ": not valid JSON", offset: position) }
        position += 4
    }

    private mutating func strings() throws(Failure) -> [String] {
        var strings: [String] = []
        try array { (reader: inout Self) throws(Failure) in strings.append(try reader.internedString()) }
        return strings
    }

    private mutating func enumeration<T: RawRepresentable>(_: T.Type) throws(Failure) -> T where T.RawValue == String {
        let start = position
        let raw = try internedString()
        guard let value = T(rawValue: raw) else {
            throw Failure(reason: ": cannot initialize \(T.self) from invalid String value \(raw)", offset: start)
        }
        return value
    }

    /// An `Int` or `null`.
    private mutating func optionalInt() throws(Failure) -> Int? {
        if position < count, bytes[position] == UInt8(ascii: "n") {
            try null()
            return nil
        }
        return try int()
    }

    /// An integer as `JSONDecoder` reads `Int`: digits exactly; any other JSON number when
    /// it is an integer (`1.0`, `1e2`, `1e-400` is 0).
    private mutating func int() throws(Failure) -> Int {
        guard position < count else { throw mismatch(expected: "Int") }
        let first = bytes[position]
        guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { throw mismatch(expected: "Int") }
        let start = position
        skipNumber()
        let number = UnsafeBufferPointer(start: bytes + start, count: position - start)
        guard let value = JSONNumber.int(number) else {
            throw Failure(reason: ": number \(String(decoding: number, as: UTF8.self)) is not an Int", offset: start)
        }
        return value
    }

    // MARK: Strings

    /// The content of the string at `position` (which is a quote) by Foundation's scanning
    /// rules, moving past its closing quote; `simple` when it has neither escapes nor
    /// control characters.
    @inline(__always)
    private mutating func stringExtent() throws(Failure) -> (start: Int, end: Int, simple: Bool) {
        let start = position + 1
        var index = start
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return (start, index, true)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            index += 1
        }
        position = start - 1
        do { try skipString() } catch { throw Failure(reason: ": not valid JSON", offset: start) }
        return (start, position - 1, false)
    }

    /// Decodes the escapes of the string content `start..<end` into `scratch`, strictly.
    private mutating func unescape(_ start: Int, _ end: Int) throws(Failure) {
        scratch.removeAll(keepingCapacity: true)
        var index = start
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= end else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = bytes[at + offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < end {
            let byte = bytes[index]
            if byte < 0x20 { throw Failure(reason: ": unescaped control character in string", offset: index) }
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                index += 1
                continue
            }
            guard index + 1 < end else { throw Failure(reason: ": bad escape", offset: index) }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex(index) else { throw Failure(reason: ": bad \\u escape", offset: index - 2) }
                index += 4
                var scalarValue = unit
                if (0xD800...0xDBFF).contains(unit) {
                    guard index + 2 <= end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                          let low = hex(index + 2), (0xDC00...0xDFFF).contains(low)
                    else { throw Failure(reason: ": high surrogate without a low surrogate", offset: index - 6) }
                    index += 6
                    scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(scalarValue) else { throw Failure(reason: ": lone low surrogate", offset: index - 6) }
                scratch.append(contentsOf: UTF8.encode(scalar)!)
            default:
                throw Failure(reason: ": bad escape", offset: index - 2)
            }
        }
    }

    /// Tells `progress` how far reading got, once every `step` bytes; only called between
    /// values, where nothing before `position` is needed again unless reading fails.
    @inline(__always)
    private mutating func reportProgress() {
        guard position >= nextProgress, let progress else { return }
        nextProgress = position + progress.step
        progress.report(position)
    }

    // MARK: Lenient scanning (Foundation's JSONScanner)

    /// Skips blank space; returns the next byte, failing at the end of the file.
    @inline(__always)
    private mutating func whitespace() throws(SyntaxError) -> UInt8 {
        while position < count {
            let byte = bytes[position]
            switch byte {
            case 0x20, 0x0A, 0x09, 0x0D: position += 1
            default: return byte
            }
        }
        throw SyntaxError()
    }

    /// Skips one value as Foundation's scanner does: structure, literals and the extent of
    /// strings and numbers; `depth` containers enclose it.
    private mutating func skipValue(depth: Int) throws(SyntaxError) {
        reportProgress()
        switch try whitespace() {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw SyntaxError() }
            position += 1
            if try whitespace() == UInt8(ascii: "}") { position += 1; return }
            while true {
                guard try whitespace() == UInt8(ascii: "\"") else { throw SyntaxError() }
                try skipString()
                guard try whitespace() == UInt8(ascii: ":") else { throw SyntaxError() }
                position += 1
                try skipValue(depth: depth + 1)
                switch try whitespace() {
                case UInt8(ascii: ","):
                    position += 1
                    if try whitespace() == UInt8(ascii: "}") { position += 1; return }
                case UInt8(ascii: "}"):
                    position += 1
                    return
                default:
                    throw SyntaxError()
                }
            }
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw SyntaxError() }
            position += 1
            if try whitespace() == UInt8(ascii: "]") { position += 1; return }
            while true {
                try skipValue(depth: depth + 1)
                switch try whitespace() {
                case UInt8(ascii: ","):
                    position += 1
                    if try whitespace() == UInt8(ascii: "]") { position += 1; return }
                case UInt8(ascii: "]"):
                    position += 1
                    return
                default:
                    throw SyntaxError()
                }
            }
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): skipNumber()
        default: throw SyntaxError()
        }
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(SyntaxError) {
        let length = literal.utf8CodeUnitCount
        guard position + length <= count, memcmp(bytes + position, literal.utf8Start, length) == 0 else { throw SyntaxError() }
        position += length
    }

    /// A number's extent: a sign or digit, then digits, signs, points and exponent letters.
    @inline(__always)
    private mutating func skipNumber() {
        position += 1
        while position < count {
            switch bytes[position] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "e"), UInt8(ascii: "E"):
                position += 1
            default:
                return
            }
        }
    }

    /// Skips the string at `position` (a quote): any byte but an unescaped quote, a backslash
    /// taking the next byte, and `\u` four more that are not quotes.
    private mutating func skipString() throws(SyntaxError) {
        var index = position + 1
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                position = index + 1
                return
            case UInt8(ascii: "\\"):
                guard index + 1 < count else { throw SyntaxError() }
                if bytes[index + 1] == UInt8(ascii: "u") {
                    guard index + 6 <= count else { throw SyntaxError() }
                    for offset in 2..<6 where bytes[index + offset] == UInt8(ascii: "\"") { throw SyntaxError() }
                    index += 6
                } else {
                    index += 2
                }
            default:
                index += 1
            }
        }
        throw SyntaxError()
    }
}
