/// Joins the short names of one corpus to full names found in other documents: a bare
/// `Musk` in an article that never says `Elon Musk` is Elon Musk when exactly one person of
/// the corpus has that surname (or first name); `The Stargate Project` and `Stargate Project`
/// are one organization.
///
/// It is a pure function of the entity table, so `PartialGraph.finalized()` can call it after
/// merging shards in any order and still give the same graph.
public enum CrossDocumentResolver {
    public struct Entry: Sendable {
        public var type: EntityType
        public var mentions: Int

        public init(type: EntityType, mentions: Int) {
            self.type = type
            self.mentions = mentions
        }
    }

    /// For each name that is a short form of another entity, that entity's name.
    ///
    /// ASCII names (nearly all) are split and tested on their UTF-8 bytes; others take the
    /// `String` path of `canonicalNamesByCharacters`, whose answers these equal (an ASCII byte
    /// is one `Character`, so a byte split on spaces is the `Character` split).
    ///
    /// - Complexity: O(n) in the number of entities (plus sorting the names).
    public static func canonicalNames(_ entities: [String: Entry]) -> [String: String] {
        // Part → the one full name holding it, or nil once two do (a `Set` would only be
        // asked "exactly one?"; dictionary keys are distinct, so one name repeats only when
        // its first and last word are the same).
        var byPart: [String: String?] = [:]
        for (name, entry) in entities where entry.type == .person {
            guard let (first, last) = outerWords(name) else { continue }
            note(first, name, in: &byPart)
            note(last, name, in: &byPart)
        }
        var result: [String: String] = [:]
        for (name, entry) in entities where entry.type == .person && !containsSpace(name) {
            if let single = byPart[name], let target = single { result[name] = target }
        }
        for (name, entry) in entities {
            guard let bare = withoutThe(name) else { continue }
            guard let other = entities[bare], other.type == entry.type else { continue }
            // The more frequent form wins; ties go to the shorter, bare form.
            if entry.mentions > other.mentions { result[bare] = name } else { result[name] = bare }
        }
        return result
    }

    @inline(__always)
    private static func note(_ part: String, _ name: String, in byPart: inout [String: String?]) {
        if let existing = byPart[part] {
            if let single = existing, single != name { byPart[part] = .some(nil) }
        } else {
            byPart[part] = .some(name)
        }
    }

    /// The bytes of `name` when all are ASCII.
    @inline(__always)
    private static func asciiBytes<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        var name = name
        return name.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 { return nil }
            return body(bytes)
        }
    }

    /// The first and last of a person name's space-separated words, leaving out initials
    /// (`J.`); nil with fewer than two words.
    static func outerWords(_ name: String) -> (String, String)? {
        let answer: (String, String)?? = asciiBytes(name) { bytes in
            var first: Range<Int>?
            var last: Range<Int>?
            var kept = 0
            var index = 0
            let count = bytes.count
            while index < count {
                if bytes[index] == 0x20 { index += 1; continue }
                let start = index
                while index < count && bytes[index] != 0x20 { index += 1 }
                // Same filter as the `String` path: longer than two, or not ending in `.`.
                guard index - start > 2 || bytes[index - 1] != UInt8(ascii: ".") else { continue }
                if first == nil { first = start..<index }
                last = start..<index
                kept += 1
            }
            guard kept >= 2, let first, let last else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[first]), as: UTF8.self),
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[last]), as: UTF8.self))
        }
        if let answer { return answer }
        let words = name.split(separator: " ").map(String.init).filter { $0.unicodeScalars.count > 2 || !$0.hasSuffix(".") }
        guard words.count >= 2 else { return nil }
        return (words[0], words[words.count - 1])
    }

    static func containsSpace(_ name: String) -> Bool {
        asciiBytes(name) { $0.contains(0x20) } ?? name.contains(" ")
    }

    /// `name` without a leading `The `, or nil when it has none.
    static func withoutThe(_ name: String) -> String? {
        let answer: String?? = asciiBytes(name) { bytes in
            guard bytes.count >= 4, bytes[0] == UInt8(ascii: "T"), bytes[1] == UInt8(ascii: "h"),
                  bytes[2] == UInt8(ascii: "e"), bytes[3] == 0x20 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[4...]), as: UTF8.self)
        }
        if let answer { return answer }
        return name.hasPrefix("The ") ? String(name.dropFirst(4)) : nil
    }

    /// `canonicalNames` on `String` operations alone: the reference the byte path is tested
    /// against.
    static func canonicalNamesByCharacters(_ entities: [String: Entry]) -> [String: String] {
        var byPart: [String: Set<String>] = [:]
        for (name, entry) in entities where entry.type == .person {
            let words = name.split(separator: " ").map(String.init).filter { $0.unicodeScalars.count > 2 || !$0.hasSuffix(".") }
            guard words.count >= 2 else { continue }
            byPart[words[0], default: []].insert(name)
            byPart[words[words.count - 1], default: []].insert(name)
        }
        var result: [String: String] = [:]
        for (name, entry) in entities where entry.type == .person && !name.contains(" ") {
            if let full = byPart[name], full.count == 1, let target = full.first { result[name] = target }
        }
        for (name, entry) in entities where name.hasPrefix("The ") {
            let bare = String(name.dropFirst(4))
            guard let other = entities[bare], other.type == entry.type else { continue }
            // The more frequent form wins; ties go to the shorter, bare form.
            if entry.mentions > other.mentions { result[bare] = name } else { result[name] = bare }
        }
        return result
    }
}
