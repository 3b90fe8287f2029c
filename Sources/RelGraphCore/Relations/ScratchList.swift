/// A list refilled many times (a sentence's slots, candidates, hits, relations found) whose
/// emptying is one store: it keeps its own count over an array that only grows, so
/// `removeAll()` resets the count instead of going through `Array.replaceSubrange` (generic
/// code, about 90 instructions per call, once per list per sentence).
///
/// Entries past `count` are stale and never read. Meant for plain values (no references),
/// which stale entries then do not keep alive.
///
/// - Complexity: O(1) for `append` (amortized), `removeAll` and subscripts.
struct ScratchList<Element>: RandomAccessCollection, MutableCollection {
    private var storage: [Element] = []
    private(set) var count = 0

    init() {}

    /// Equal to an array with the same elements (for tests and literals in them).
    init(_ elements: [Element]) {
        storage = elements
        count = elements.count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "ScratchList index out of range")
            return storage[position]
        }
        _modify {
            precondition(position >= 0 && position < count, "ScratchList index out of range")
            yield &storage[position]
        }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count < storage.count {
            storage[count] = element
        } else {
            storage.append(element)
        }
        count += 1
    }

    mutating func append(contentsOf elements: [Element]) {
        for element in elements { append(element) }
    }

    mutating func reserveCapacity(_ capacity: Int) { storage.reserveCapacity(capacity) }

    /// Empties the list, keeping its storage.
    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// `body` on the elements in place (so that `sort` and `contains` run over a buffer, as
    /// they do for an array, instead of copying the elements out).
    mutating func withContiguousMutableStorageIfAvailable<Result>(
        _ body: (inout UnsafeMutableBufferPointer<Element>) throws -> Result
    ) rethrows -> Result? {
        let count = self.count
        return try storage.withUnsafeMutableBufferPointer { whole in
            var elements = UnsafeMutableBufferPointer(rebasing: whole[0..<count])
            let start = elements.baseAddress
            defer { precondition(elements.baseAddress == start && elements.count == count, "ScratchList storage replaced") }
            return try body(&elements)
        }
    }

    func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result? {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    /// The elements as an array.
    var array: [Element] { Array(storage[0..<count]) }
}

/// A short list of slot indices (a noun phrase and the items listed with it, a relation's
/// sources or targets), held inline: `conjuncts(of:rightward:)` returned an array, shared or
/// allocated, whose retain and release per call (about 90 k calls on synth10) cost more than
/// the search itself. At most `capacity` entries: `conjuncts` stops at 24.
///
/// - Complexity: O(1) for `append` and subscripts.
struct SlotList: RandomAccessCollection, ExpressibleByArrayLiteral {
    static let capacity = 24
    private var storage = InlineArray<24, Int32>(repeating: 0)
    private(set) var count = 0

    init() {}

    init(_ k: Int) {
        storage[0] = Int32(truncatingIfNeeded: k)
        count = 1
    }

    init(arrayLiteral elements: Int...) {
        for k in elements { append(k) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(position: Int) -> Int {
        precondition(position >= 0 && position < count, "SlotList index out of range")
        return Int(storage[position])
    }

    @inline(__always)
    mutating func append(_ k: Int) {
        precondition(count < Self.capacity, "SlotList full")
        storage[count] = Int32(truncatingIfNeeded: k)
        count += 1
    }

    mutating func append(contentsOf list: SlotList) {
        for k in list { append(k) }
    }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Removes the first entry (the list must not be empty).
    mutating func removeFirst() {
        precondition(count > 0, "SlotList empty")
        var k = 1
        while k < count {
            storage[k - 1] = storage[k]
            k += 1
        }
        count -= 1
    }
}
