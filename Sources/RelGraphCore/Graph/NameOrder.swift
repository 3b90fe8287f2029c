import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The order of names (entities, documents) in a graph, in memory and in its file: the
/// writer ranks by it, readers check and search by it, so a graph read back is in the order
/// it was written.
///
/// It is `String`'s order wherever that is a strict weak order: ASCII names by their bytes,
/// others by the Unicode scalars of their NFC form. `String`'s own `<` is not one around some
/// singleton decompositions and conjoining jamo (`"W\u{212A}" < "WK45"` and
/// `"WK45" < "W\u{212A}"` are both false, though `"W\u{212A}" == "WK"`), so sorting with it can
/// leave names in the order they came, which follows the thread count. Names equal as
/// `String`s but different in bytes are ordered by their bytes.
public enum NameOrder {
    /// Whether `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        if let ascii = asciiPrecedes(a, b) { return ascii }
        return precedes(a, key(a), b, key(b))
    }

    /// The comparison key of a name: the scalars of its NFC form, or `nil` when it is ASCII
    /// (its bytes are its scalars).
    static func key(_ name: String) -> [UInt32]? {
        guard name.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        return name.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
    }

    /// `precedes(_:_:)` with the names' keys computed once (`key(_:)`), for sorting.
    static func precedes(_ a: String, _ aKey: [UInt32]?, _ b: String, _ bKey: [UInt32]?) -> Bool {
        switch (aKey, bKey) {
        case (nil, nil):
            return asciiPrecedes(a, b) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
        case let (first?, second?):
            if first != second { return first.lexicographicallyPrecedes(second) }
        case let (nil, second?):
            let first = a.utf8.lazy.map(UInt32.init)
            if !first.elementsEqual(second) { return first.lexicographicallyPrecedes(second) }
        case let (first?, nil):
            let second = b.utf8.lazy.map(UInt32.init)
            if !first.elementsEqual(second) { return first.lexicographicallyPrecedes(second) }
        }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// `items` in the order of their names, each name's key computed once.
    ///
    /// - Complexity: O(n log n) comparisons.
    static func sorted<Item>(_ items: [Item], by name: (Item) -> String) -> [Item] {
        let names = items.map(name)
        let keys = names.map(key)
        return items.indices.sorted { precedes(names[$0], keys[$0], names[$1], keys[$1]) }.map { items[$0] }
    }

    /// The answer for two ASCII names (by their bytes, one `memcmp`), `nil` when either is not
    /// ASCII or not stored contiguously.
    @inline(__always)
    private static func asciiPrecedes(_ a: String, _ b: String) -> Bool? {
        let answer = a.utf8.withContiguousStorageIfAvailable { first in
            b.utf8.withContiguousStorageIfAvailable { second -> Bool? in
                guard isASCII(first), isASCII(second) else { return nil }
                let common = min(first.count, second.count)
                let order = common == 0 ? 0 : memcmp(first.baseAddress!, second.baseAddress!, common)
                return order != 0 ? order < 0 : first.count < second.count
            }
        }
        // Outer level: `a` contiguous; middle: `b` contiguous; inner: both ASCII.
        guard case .some(.some(.some(let precedes))) = answer else { return nil }
        return precedes
    }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        return any < 0x80
    }
}
