import Foundation

/// A deterministic synthetic news corpus for benchmarks and property tests.
///
/// Names of people, organizations and products are built from syllables and combinatorial
/// parts, so a 100 MB corpus mentions tens of thousands of distinct entities (none of them
/// real); sentences follow the patterns of business news ("X, the chief executive of Y,
/// said…", "Y sued Z over…", "X founded Y in 2019"), with the first mention of a person in full
/// and later ones by family name. Popular entities recur far more often than rare ones (a
/// power law), as in real news, so the graph has hubs.
///
/// Everything derives from `seed`: document `i` is generated from its own SplitMix64 stream,
/// so `document(at:)` needs no other document and the same seed always gives the same bytes.
///
///     let corpus = SyntheticCorpus(seed: 7, megabytes: 100)
///     try corpus.write(to: "bench-out/corpus")      // ~25,000 files of 2–6 KB
public struct SyntheticCorpus: Sendable {
    public let seed: UInt64
    /// The total size to generate, in bytes of UTF-8 text.
    public let targetBytes: Int
    public let people: [String]
    public let organizations: [String]
    public let products: [String]

    /// Documents per folder when writing files, so no folder grows huge.
    public static let filesPerFolder = 1000

    /// - Parameters:
    ///   - seed: selects the corpus; the same seed gives the same corpus.
    ///   - megabytes: approximate size (1 MB = 1,000,000 bytes); the entity pools grow with it.
    public init(seed: UInt64, megabytes: Double) {
        self.seed = seed
        targetBytes = max(1, Int(megabytes * 1_000_000))
        var generator = SplitMix64(seed: SplitMix64.derive(seed, .max))
        let scale = max(megabytes, 1)
        people = Self.uniqueNames(count: Int(200 * scale) + 300, using: &generator, make: Self.personName)
        organizations = Self.uniqueNames(count: Int(80 * scale) + 120, using: &generator, make: Self.organizationName)
        products = Self.uniqueNames(count: Int(10 * scale) + 30, using: &generator, make: Self.productName)
    }

    /// Every person, organization and product name the corpus can mention, typed, as a
    /// lexicon (tests use it to check recognition on synthetic text).
    public var lexicon: Lexicon {
        Lexicon(entries: people.map { Lexicon.Entry(canonical: $0, type: .person) }
            + organizations.map { Lexicon.Entry(canonical: $0, type: .organization) }
            + products.map { Lexicon.Entry(canonical: $0, type: .product) })
    }

    /// The name of document `index` when written as a file: `0003/article-003141.txt`.
    public static func fileName(_ index: Int) -> String {
        let folder = String(index / filesPerFolder)
        let file = String(index)
        return String(repeating: "0", count: max(0, 4 - folder.count)) + folder + "/article-"
            + String(repeating: "0", count: max(0, 6 - file.count)) + file + ".txt"
    }

    /// The file text of document `index`: a `date YYYY-MM-DD` line, a headline, paragraphs.
    public func articleText(at index: Int) -> String {
        var generator = SplitMix64(seed: SplitMix64.derive(seed, UInt64(index)))
        var writer = ArticleWriter(corpus: self)
        let article = writer.article(using: &generator)
        return "date \(article.date)\n\n\(article.body)"
    }

    /// Document `index`, exactly as `CorpusReader` reads it back from its file.
    public func document(at index: Int) -> Document {
        Document.fromArticle(name: Self.fileName(index), text: articleText(at: index))
    }

    /// The articles, in order, until `targetBytes` of file text have been produced.
    public func articles() -> some Sequence<(name: String, text: String)> {
        var index = 0
        var produced = 0
        return AnySequence {
            AnyIterator { () -> (name: String, text: String)? in
                guard produced < targetBytes else { return nil }
                let text = self.articleText(at: index)
                let name = Self.fileName(index)
                index += 1
                produced += text.utf8.count
                return (name, text)
            }
        }
    }

    /// The documents of `articles()`, as `CorpusReader` reads them.
    public func documents() -> some Sequence<Document> {
        articles().lazy.map { Document.fromArticle(name: $0.name, text: $0.text) }
    }

    /// Writes one `.txt` file per document under `directory` (created if needed), or one
    /// JSON Lines file when `jsonLines` is set.
    /// - Returns: the number of documents and bytes written.
    @discardableResult
    public func write(to directory: String, jsonLines: Bool = false) throws(SyntheticCorpusError) -> (documents: Int, bytes: Int) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: directory)
        }
        var count = 0
        var bytes = 0
        if jsonLines {
            let path = (directory as NSString).appendingPathComponent("corpus.jsonl")
            guard manager.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw .cannotWrite(path: path)
            }
            defer { try? handle.close() }
            var buffer = Data()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            struct Line: Encodable { var id: String; var date: String?; var text: String }
            for article in articles() {
                let document = Document.fromArticle(name: article.name, text: article.text)
                buffer.append(try! encoder.encode(Line(id: document.name, date: document.date, text: document.text)))
                buffer.append(UInt8(ascii: "\n"))
                bytes += article.text.utf8.count
                count += 1
                if buffer.count > 1 << 20 {
                    handle.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            handle.write(buffer)
            return (count, bytes)
        }
        var folder = -1
        for article in articles() {
            if count / Self.filesPerFolder != folder {
                folder = count / Self.filesPerFolder
                let folderPath = (directory as NSString).appendingPathComponent((article.name as NSString).deletingLastPathComponent)
                do {
                    try manager.createDirectory(atPath: folderPath, withIntermediateDirectories: true)
                } catch {
                    throw .cannotWrite(path: folderPath)
                }
            }
            let path = (directory as NSString).appendingPathComponent(article.name)
            let data = Data(article.text.utf8)
            guard manager.createFile(atPath: path, contents: data) else { throw .cannotWrite(path: path) }
            bytes += data.count
            count += 1
        }
        return (count, bytes)
    }

    // MARK: - Names

    private static let onsets = ["B", "C", "D", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T", "V", "W", "Z",
                                 "Br", "Ch", "Cl", "Dr", "Fr", "Gr", "Kr", "Pr", "Sh", "St", "Th", "Tr", "Al", "El", "Or", "Is"]
    private static let vowels = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ia", "ou"]
    private static let middles = ["l", "r", "n", "m", "v", "s", "d", "t", "k", "th", "nd", "rl", "st", "ss", "lv"]
    private static let givenEndings = ["a", "o", "an", "en", "el", "is", "on", "ia", "ina", "us", "ie", "ard", "ette", "iel"]
    private static let familyEndings = ["son", "sen", "man", "ez", "ova", "ski", "er", "ton", "berg", "stein", "ley", "ford",
                                        "ini", "ard", "well", "ovic", "ani", "ell", "ing", "ay"]
    private static let organizationSuffixes = ["Systems", "Labs", "Holdings", "Energy", "Capital", "Motors", "Networks",
                                               "Therapeutics", "Robotics", "Media", "Bank", "Group", "Analytics", "Dynamics",
                                               "Foods", "Airlines", "Semiconductor", "Partners", "Insurance", "Logistics"]
    private static let organizationEndings = ["ex", "ia", "ix", "on", "ara", "ent", "ium", "ova", "ica", "us", "eon", "ly"]
    private static let productWords = ["Pulse", "Nova", "Edge", "Vision", "Core", "Orbit", "Spark", "Atlas", "Echo", "Vista"]

    private static func syllable(_ generator: inout SplitMix64) -> String {
        generator.pick(onsets) + generator.pick(vowels)
    }

    static func personName(_ generator: inout SplitMix64) -> String {
        let given = syllable(&generator) + generator.pick(middles) + generator.pick(givenEndings)
        var family = syllable(&generator) + generator.pick(middles)
        if generator.below(3) == 0 { family += generator.pick(vowels) + generator.pick(middles) }
        family += generator.pick(familyEndings)
        return given + " " + family
    }

    static func organizationName(_ generator: inout SplitMix64) -> String {
        let stem = syllable(&generator) + generator.pick(middles) + generator.pick(organizationEndings)
        return generator.below(4) == 0 ? stem : stem + " " + generator.pick(organizationSuffixes)
    }

    static func productName(_ generator: inout SplitMix64) -> String {
        let stem = syllable(&generator) + generator.pick(organizationEndings)
        let word = generator.pick(productWords)
        return generator.below(2) == 0 ? "\(stem) \(word)" : "\(stem) \(word) \(generator.below(9) + 2)"
    }

    private static func uniqueNames(count: Int, using generator: inout SplitMix64, make: (inout SplitMix64) -> String) -> [String] {
        var seen = Set<String>(minimumCapacity: count)
        var names: [String] = []
        names.reserveCapacity(count)
        var attempts = 0
        while names.count < count, attempts < count * 20 {
            attempts += 1
            let name = make(&generator)
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }
}

public enum SyntheticCorpusError: Error, Equatable, CustomStringConvertible {
    case cannotWrite(path: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path): "cannot write '\(path)': check that the folder is writable and the disk has space"
        }
    }
}
