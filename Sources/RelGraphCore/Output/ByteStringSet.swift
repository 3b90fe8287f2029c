#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct byte strings, numbered from 0 in order of first insertion and stored back to
/// back: looking one up hashes and compares bytes, cheaper than hashing `String`s.
///
/// The interner of `GraphJSONReader`, the string table of `GraphCache` and the per-document
/// `SpellingTable` of the relation stage are all one.
struct ByteStringSet {
    /// The strings' bytes, back to back.
    private(set) var bytes: [UInt8] = []
    /// String `i` is `bytes[ends[i]..<ends[i + 1]]`.
    private(set) var ends: [Int] = [0]
    private var table: ByteStringTable

    /// Room for about `expected` strings before the table grows.
    init(expected: Int = 1024) {
        table = ByteStringTable(expected: expected)
    }

    var count: Int { ends.count - 1 }

    /// Empties the set, keeping the capacity of its byte and end lists and, up to a bound,
    /// of its table (`ByteStringTable.removeAll(expected:)`): a set refilled for each document
    /// (`SpellingTable`) regrew them from empty every time, about 6 M instructions on the
    /// 10 MB reference corpus.
    mutating func removeAll(expected: Int) {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        ends.append(0)
        table.removeAll(expected: expected)
    }

    /// The number of `string`, or where to insert it.
    func find(_ string: UnsafeBufferPointer<UInt8>) -> ByteStringTable.Lookup {
        bytes.withUnsafeBufferPointer { bytes in
            table.find(string) { id in
                let start = ends[id], length = ends[id + 1] - start
                return length == string.count && (length == 0 || memcmp(bytes.baseAddress! + start, string.baseAddress!, length) == 0)
            }
        }
    }

    /// Adds `string`, which `find` just missed at `slot` with `tag`; returns its number.
    mutating func insert(_ string: UnsafeBufferPointer<UInt8>, slot: Int, tag: UInt32) -> Int {
        let id = count
        table.insert(id, slot: slot, tag: tag)
        bytes.append(contentsOf: string)
        ends.append(bytes.count)
        return id
    }

    /// The number of `string`, adding it when it is new.
    mutating func id(_ string: UnsafeBufferPointer<UInt8>) -> Int {
        switch find(string) {
        case .found(let id): id
        case .missing(let slot, let tag): insert(string, slot: slot, tag: tag)
        }
    }
}
