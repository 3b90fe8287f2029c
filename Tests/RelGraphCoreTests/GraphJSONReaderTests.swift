import Foundation
import Testing
@testable import RelGraphCore

/// `GraphJSONReader` (behind `GraphJSON.decode`) must read every graph file exactly as the
/// `Decodable` path did: the same graph, or an error of the same `GraphFileError` case.
@Suite struct GraphJSONReaderTests {
    // MARK: Comparing with Foundation

    /// The error case without its reason: `.invalid` reasons are the reader's own.
    private enum Outcome: Equatable {
        case graph(RelationGraph)
        case error(GraphFileError)
        case invalid
    }

    private static func outcome(_ read: () throws(GraphFileError) -> RelationGraph) -> Outcome {
        do {
            return .graph(try read())
        } catch {
            if case .invalid = error { return .invalid }
            return .error(error)
        }
    }

    private static func fast(_ data: Data) -> Outcome { outcome { () throws(GraphFileError) in try GraphJSON.decode(data, source: "g.json") } }
    private static func foundation(_ data: Data) -> Outcome { outcome { () throws(GraphFileError) in try GraphJSON.decodeWithFoundation(data, source: "g.json") } }

    private static func expectSame(_ data: Data, _ label: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
        let mine = fast(data), reference = foundation(data)
        if mine != reference {
            let text = String(decoding: data.prefix(400), as: UTF8.self)
            Issue.record("\(label()): reader gave \(describe(mine)), Foundation \(describe(reference)) for:\n\(text)", sourceLocation: sourceLocation)
        }
    }

    private static func describe(_ outcome: Outcome) -> String {
        switch outcome {
        case .graph(let graph): "a graph of \(graph.entities.count) entities and \(graph.relations.count) relations"
        case .error(let error): "\(error)"
        case .invalid: ".invalid"
        }
    }

    @Test func readsTheCommittedGraphAsFoundationDoes() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Graphs/corpus.json")
        let data = try Data(contentsOf: url)
        let graph = try GraphJSON.decode(data, source: url.path)
        #expect(graph == (try GraphJSON.decodeWithFoundation(data, source: url.path)))
        #expect(graph.relations.count > 0)
        #expect(try GraphJSON.read(path: url.path) == graph)
        // What relgraph writes it reads back byte for byte.
        #expect(GraphJSON.encode(graph) == data)
    }

    @Test func readsRandomGraphsAsWritten() throws {
        for seed in 0..<300 as Range<UInt64> {
            let graph = RandomRelationGraph.make(seed: seed)
            let data = GraphJSON.encode(graph)
            let read = try GraphJSON.decode(data, source: "g.json")
            #expect(read == graph, "seed \(seed)")
            #expect(read == (try GraphJSON.decodeWithFoundation(data, source: "g.json")), "seed \(seed)")
        }
    }

    @Test func fileReadsLikeData() throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-reader")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("g.json").path
        let graph = RandomRelationGraph.make(seed: 7)
        try GraphJSON.encode(graph).write(to: URL(fileURLWithPath: path))
        #expect(try GraphJSON.read(path: path) == graph)
        #expect(throws: GraphFileError.missing(path: path + "x")) { try GraphJSON.read(path: path + "x") }
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(throws: GraphFileError.notJSON(path: path)) { try GraphJSON.read(path: path) }
    }

    // MARK: Other writers

    /// Writes a JSON value (as `JSONSerialization` reads it) in a random but valid form:
    /// shuffled keys, random blank space, escaped characters, numbers as `2.0` or `20e-1`,
    /// unknown keys, trailing commas.
    private struct Rewriter {
        var random: SplitMix64
        var out: [UInt8] = []

        mutating func space() {
            out.append(contentsOf: random.pick(["", "", " ", "\n", "\t", "\r\n  "]).utf8)
        }

        mutating func string(_ text: String) {
            out.append(UInt8(ascii: "\""))
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out.append(contentsOf: "\\\"".utf8)
                case "\\": out.append(contentsOf: "\\\\".utf8)
                case "\n" where random.below(2) == 0: out.append(contentsOf: "\\n".utf8)
                case "/" where random.below(2) == 0: out.append(contentsOf: "\\/".utf8)
                default:
                    if scalar.value < 0x20 || random.below(4) == 0 {
                        var units: [UInt16] = []
                        units.append(contentsOf: UTF16.encode(scalar)!)
                        for unit in units {
                            let hex = String(unit, radix: 16, uppercase: random.below(2) == 0)
                            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                        }
                    } else {
                        out.append(contentsOf: String(scalar).utf8)
                    }
                }
            }
            out.append(UInt8(ascii: "\""))
        }

        mutating func number(_ value: NSNumber) {
            let double = value.doubleValue
            guard double == double.rounded(), double.magnitude < 0x1p53 else {
                out.append(contentsOf: "\(value)".utf8)
                return
            }
            let integer = Int(double)
            let forms = ["\(integer)", "\(integer).0", "\(integer)e0", integer == 0 ? "0" : "\(integer)0e-1", "\(integer)E+0", "\(integer).000e00"]
            out.append(contentsOf: random.pick(forms).utf8)
        }

        mutating func junk(depth: Int) {
            switch random.below(depth > 3 ? 4 : 6) {
            case 0: out.append(contentsOf: random.pick(["true", "false", "null", "-0.5e-3", "1E400", "01", "-"]).utf8)
            case 1: out.append(contentsOf: random.pick(["\"\\ud800 lone\"", "\"\\q\"", "\"\u{1}\"", "\"x\""]).utf8)
            case 2: out.append(contentsOf: [0x22, 0xFF, 0xC0, 0x22])  // invalid UTF-8, never decoded
            case 3: out.append(contentsOf: "{\"\\ud800\": 1, \"a\": 2, \"a\": [3,],}".utf8)
            default:
                out.append(UInt8(ascii: "["))
                for index in 0..<random.below(3) {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    junk(depth: depth + 1)
                }
                out.append(UInt8(ascii: "]"))
            }
        }

        mutating func value(_ value: Any, depth: Int = 0) {
            space()
            switch value {
            case let object as [String: Any]:
                out.append(UInt8(ascii: "{"))
                var members = object.map { ($0.key, $0.value as Any?) }
                if random.below(3) == 0 { members.append(("x-unknown\(depth)", nil)) }
                members.shuffle(using: &random)
                for (index, member) in members.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    space()
                    string(member.0)
                    space()
                    out.append(UInt8(ascii: ":"))
                    if let child = member.1 { self.value(child, depth: depth + 1) } else { junk(depth: 0) }
                }
                if !members.isEmpty && random.below(4) == 0 { out.append(UInt8(ascii: ",")) }
                space()
                out.append(UInt8(ascii: "}"))
            case let array as [Any]:
                out.append(UInt8(ascii: "["))
                for (index, element) in array.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    self.value(element, depth: depth + 1)
                }
                if !array.isEmpty && random.below(4) == 0 { out.append(UInt8(ascii: ",")) }
                space()
                out.append(UInt8(ascii: "]"))
            case let text as String:
                string(text)
            case let value as NSNumber:
                number(value)
            default:
                out.append(contentsOf: "null".utf8)
            }
            space()
        }
    }

    @Test func readsReformattedGraphsAsFoundationDoes() throws {
        for seed in 0..<200 as Range<UInt64> {
            let graph = RandomRelationGraph.make(seed: seed)
            let object = try JSONSerialization.jsonObject(with: GraphJSON.encode(graph))
            // Minified, in JSONSerialization's own key order.
            let minified = try JSONSerialization.data(withJSONObject: object)
            // JSONSerialization drops a byte-order mark that starts a string: compare with the
            // graph only without one (Foundation's decoder is the judge either way).
            let exact = !graph.entities.contains { $0.name.contains("\u{FEFF}") || $0.aliases.contains { $0.contains("\u{FEFF}") } }
                && !graph.relations.contains { $0.evidence.contains { $0.sentence.contains("\u{FEFF}") || $0.trigger.contains("\u{FEFF}") } }
            if exact { #expect(try GraphJSON.decode(minified, source: "g.json") == graph, "seed \(seed), minified") }
            Self.expectSame(minified, "seed \(seed), minified")
            var rewriter = Rewriter(random: SplitMix64(seed: seed))
            rewriter.value(object)
            let rewritten = Data(rewriter.out)
            if exact { #expect(try GraphJSON.decode(rewritten, source: "g.json") == graph, "seed \(seed), rewritten") }
            Self.expectSame(rewritten, "seed \(seed), rewritten")
        }
    }

    @Test func readsUTF16AndByteOrderMarks() throws {
        let graph = RandomRelationGraph.make(seed: 3)
        let text = String(decoding: GraphJSON.encode(graph), as: UTF8.self)
        for data in [Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), try #require(text.data(using: .utf16LittleEndian)), try #require(text.data(using: .utf16))] {
            #expect(try GraphJSON.decode(data, source: "g.json") == graph)
        }
    }

    /// A UTF-8 byte-order mark is skipped as Foundation skips it, only at the very start, and
    /// a damaged or partial one fails as it does.
    @Test func utf8ByteOrderMarkReadsAsWithFoundation() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        for seed in 0..<20 as Range<UInt64> {
            let data = Data(bom) + GraphJSON.encode(RandomRelationGraph.make(seed: seed))
            #expect(try GraphJSON.decode(data, source: "g.json") == (try GraphJSON.decodeWithFoundation(data, source: "g.json")), "seed \(seed)")
        }
        let small = Array(Self.small.utf8)
        let variants: [[UInt8]] = [
            bom, [0xEF], [0xEF, 0xBB], bom + bom + small, [0xEF, 0xBB] + small, [0xEF] + small, bom + [0x20] + small,
            [0x20] + bom + small, bom + [0xEF, 0xBB] + small, bom + small + bom, [0xBF, 0xBB, 0xEF] + small,
        ]
        for (index, bytes) in variants.enumerated() { Self.expectSame(Data(bytes), "variant \(index)") }
        for length in 0..<8 { Self.expectSame(Data(bom + small).prefix(length), "BOM prefix \(length)") }
        // Through the file reader too.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("relgraph-bom-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = Data(bom + small)
        try data.write(to: URL(fileURLWithPath: path))
        #expect(try GraphJSON.read(path: path) == (try GraphJSON.decodeWithFoundation(data, source: path)))
    }

    // MARK: Damaged files

    private static let small = """
        {"documents":[{"date":"2024-01-02","name":"a.txt"},{"name":"b.txt"}],
         "entities":[{"aliases":["Ann"],"documents":["a.txt"],"mentions":3,"name":"Ann Lee","type":"person"},
                     {"aliases":[],"documents":["a.txt","b.txt"],"mentions":1,"name":"Zeta Corp","type":"organization"}],
         "format":"relgraph",
         "relations":[{"evidence":[{"date":"2024-01-02","document":"a.txt","end":40,"sentence":"Ann Lee leads Zeta Corp.","start":0,"trigger":"leads"}],
                       "polarity":"neutral","source":"Ann Lee","target":"Zeta Corp","type":"leads","weight":1}],
         "version":1}
        """

    @Test func damagedFilesFailAsWithFoundation() throws {
        let cases: [String] = [
            "", " ", "nul", "null", "[]", "\"relgraph\"", "{}", "{\"format\":\"relgraph\"}", "{\"format\":\"relgraph\",\"version\":1}",
            "{\"format\":\"relgraph\",\"version\":2}", "{\"format\":\"relgraph\",\"version\":0,\"documents\":[],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1.5}", "{\"format\":\"relgraph\",\"version\":\"1\"}", "{\"format\":3,\"version\":1}",
            "{\"format\":null,\"version\":1}", "{\"format\":\"relgraph\",\"version\":null}", "{\"format\":\"RELGRAPH\",\"version\":1}",
            "{\"format\":\"relgraph\",\"version\":1e400}", "{\"format\":\"relgraph\",\"version\":-9223372036854775809}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[],}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[]} x",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[]}\u{0}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":null,\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[null],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":1}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"a\",\"date\":2}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"a\",\"name\":2}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":2,\"name\":\"a\"}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"n\\u0061me\":\"a\"}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"\\ud83d\"}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"\\ude00\"}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"\\ud83d\\ude00\"}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"\\ud83d\\u0041\"}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"a\\x\"}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"a\\u12\"}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"a\tb\"}],\"entities\":[],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[{\"aliases\":[],\"documents\":[],\"mentions\":1.0,\"name\":\"A\",\"type\":\"person\"}],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[{\"aliases\":[],\"documents\":[],\"mentions\":1.5,\"name\":\"A\",\"type\":\"person\"}],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[{\"aliases\":[],\"documents\":[],\"mentions\":01,\"name\":\"A\",\"type\":\"person\"}],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[{\"aliases\":[],\"documents\":[],\"mentions\":9007199254740993.0,\"name\":\"A\",\"type\":\"person\"}],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[{\"aliases\":[],\"documents\":[],\"mentions\":9007199254740993.5,\"name\":\"A\",\"type\":\"person\"}],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[{\"aliases\":[],\"documents\":[],\"mentions\":1e-400,\"name\":\"A\",\"type\":\"person\"}],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[{\"aliases\":[],\"documents\":[],\"mentions\":1,\"name\":\"A\",\"type\":\"robot\"}],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[{\"aliases\":[1],\"documents\":[],\"mentions\":1,\"name\":\"A\",\"type\":\"person\"}],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[{\"documents\":[],\"mentions\":1,\"name\":\"A\",\"type\":\"person\"}],\"relations\":[]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[{\"evidence\":[],\"source\":\"A\",\"target\":\"B\",\"type\":\"leads\",\"weight\":\"x\",\"polarity\":[}]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[{\"evidence\":[],\"source\":\"A\",\"target\":\"B\",\"type\":\"leads\",\"weight\":\"x\",\"polarity\":7}]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[{\"evidence\":[{}],\"source\":\"A\",\"target\":\"B\",\"type\":\"leads\"}]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[{\"evidence\":[],\"source\":\"A\",\"target\":\"B\",\"type\":\"hates\"}]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[{\"evidence\":[],\"source\":\"A\",\"target\":\"B\"}]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[{\"evidence\":[],\"source\":\"Z\",\"target\":\"B\",\"type\":\"leads\"},{\"evidence\":[],\"source\":\"A\",\"target\":\"B\",\"type\":\"leads\"}]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[{\"name\":\"b\"},{\"name\":\"a\"}],\"entities\":[],\"relations\":[],\"relations\":7}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"\\ud800\": 1}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"x\": {\"\\ud800\": 1}}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"x\": [,]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"x\": [1,,]}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"x\": 1x}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"x\": tru}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"x\": \"\\u00\"\"}",
            "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"x\": \"\\",
            Self.small, Self.small + "\n\n", Self.small + "]",
        ]
        for (index, text) in cases.enumerated() { Self.expectSame(Data(text.utf8), "case \(index)") }
        // Invalid UTF-8 where it is decoded and where it is not.
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xEF, 0xBF, 0xBF]]
        for bytes in bad {
            for (marker, _) in [("Ann Lee leads", 0), ("\"a.txt\"", 0), ("\"neutral", 0), ("\"format", 0)] {
                var text = Array(Self.small.utf8)
                let range = try #require(Self.small.range(of: marker))
                let at = Self.small.utf8.distance(from: Self.small.startIndex, to: range.lowerBound) + 2
                text.insert(contentsOf: bytes, at: at)
                Self.expectSame(Data(text), "bytes \(bytes) in \(marker)")
            }
        }
    }

    @Test func deepNestingFailsAsWithFoundation() {
        for depth in [100, 510, 511, 512, 513, 5000] {
            let text = "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"x\": "
                + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            Self.expectSame(Data(text.utf8), "depth \(depth)")
            let objects = "{\"format\":\"relgraph\",\"version\":1,\"documents\":[],\"entities\":[],\"relations\":[], \"x\": "
                + String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth) + "}"
            Self.expectSame(Data(objects.utf8), "object depth \(depth)")
        }
    }

    @Test func everyTruncationFailsAsWithFoundation() {
        for data in [Data(Self.small.utf8), GraphJSON.encode(RandomRelationGraph.make(seed: 11))] {
            for length in 0..<data.count { Self.expectSame(data.prefix(length), "truncated at \(length)") }
        }
    }

    @Test func randomByteDamageFailsAsWithFoundation() {
        let sources = [Data(Self.small.utf8), GraphJSON.encode(RandomRelationGraph.make(seed: 5))]
        let interesting: [UInt8] = Array("\"\\{}[],:n0-.eEu 1a".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xED, 0xF4, 0xFF]
        var random = SplitMix64(seed: 42)
        for round in 0..<4000 {
            var bytes = Array(random.pick(sources))
            for _ in 0..<(1 + random.below(3)) {
                let at = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes[at] = random.pick(interesting)
                case 1: bytes.insert(random.pick(interesting), at: at)
                default: bytes.remove(at: at)
                }
            }
            Self.expectSame(Data(bytes), "round \(round)")
        }
    }

    @Test func damageNamesTheFileAndPlace() throws {
        let text = "{\"format\":\"relgraph\",\"version\":1,\n\"documents\":[{\"name\":3}],\"entities\":[],\"relations\":[]}"
        let error = try #require(throws: GraphFileError.self) { try GraphJSON.decode(Data(text.utf8), source: "g.json") }
        #expect(error.description == "graph file 'g.json' is damaged: .documents[0].name: expected a string but found number (byte 55, line 2)")
    }

    @Test func integersReadAsJSONDecoderReadsThem() throws {
        struct Box: Decodable { var v: Int }
        let numbers = [
            "0", "-0", "7", "-7", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
            "1.0", "1e2", "1E+2", "0.1e1", "10e-1", "1.5", "15e-1", "1e400", "-1e-400", "1e18", "1e19", "2.5e0",
            "9007199254740993", "9007199254740993.0", "9007199254740993.5", "9223372036854775807.0", "-9223372036854775808.0",
            "1.000000000000000000001", "100000000000000000000e-5", "01", "-01", "1.", ".5", "-", "1e", "1e+", "1--2", "1.e5",
            "00", "0.0", "-0.0e-0", "123456789012345678901234567890",
        ]
        for number in numbers {
            let expected = try? JSONDecoder().decode(Box.self, from: Data("{\"v\":\(number)}".utf8)).v
            let bytes = Array(number.utf8)
            let mine = bytes.withUnsafeBufferPointer { JSONNumber.int($0) }
            #expect(mine == expected, "\(number)")
        }
    }

    /// Where a string's UTF-8 is stored: equal for two `String`s that share one buffer.
    private static func storage(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test func internerSharesEqualStrings() throws {
        var interner = StringInterner()
        var made: [String] = []
        for index in 0..<20_000 {
            let text = "a name long enough to be shared \(index % 5000) ünïcode"
            let interned = try #require(Array(text.utf8).withUnsafeBufferPointer { interner.intern($0) })
            #expect(Array(interned.utf8) == Array(text.utf8))
            if index < 5000 {
                made.append(interned)
            } else {
                // The very string made the first time, not an equal copy.
                let first = try #require(Self.storage(made[index % 5000]))
                #expect(Self.storage(interned) == first, "\(index)")
            }
        }
        // Different bytes are different strings, even when `==` calls them equal.
        let composed = try #require(Array("caf\u{E9} of some length".utf8).withUnsafeBufferPointer { interner.intern($0) })
        let decomposed = try #require(Array("cafe\u{301} of some length".utf8).withUnsafeBufferPointer { interner.intern($0) })
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        #expect([0xFF, 0x41].withUnsafeBufferPointer { interner.intern($0) } == nil)
        #expect([0xC3].withUnsafeBufferPointer { interner.intern($0) } == nil)
        #expect(Array("short".utf8).withUnsafeBufferPointer { interner.intern($0) } == "short")
    }
}
