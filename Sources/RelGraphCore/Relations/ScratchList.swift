/// A list refilled many times (a sentence's slots, candidates, hits, relations found) whose
/// emptying is one store: it keeps its own count over storage that only grows, so
/// `removeAll()` resets the count instead of going through `Array.replaceSubrange` (generic
/// code, about 90 instructions per call, once per list per sentence).
///
/// The storage is a buffer of its own (`ScratchBuffer`), copied on write as an array's is, read
/// and written through a pointer the list keeps: over an array, every append checked the
/// array's bounds and count and stored the array back besides checking its uniqueness (about
/// 30 instructions each, some 25 M on synth10 with the reads' double bounds checks).
///
/// Entries past `count` are stale and never read. Meant for plain values (no references),
/// which stale entries then do not keep alive.
///
/// A list made with `init(sharingStorage:)` is not copied on write: its copies share its
/// storage, and what one writes the others may see. That is for the per-sentence lists of an
/// analysis (`SentenceRelations`) and of the extractor, which are never copied while in use
/// (an analysis is moved, not copied, in and out of its workspace): each write then skips the
/// uniqueness check, a call into the runtime that also made the hot loops spill registers
/// around it (about 6 M instructions on synth10, most of them in `buildSlotsAndHits`).
///
/// - Complexity: O(1) for `append` (amortized), `removeAll` and subscripts.
struct ScratchList<Element>: RandomAccessCollection, MutableCollection {
    private var buffer: ScratchBuffer<Element>
    /// `buffer`'s, kept here so that a read is one load from the list.
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0
    /// Whether copies share the storage (`init(sharingStorage:)`): no write checks uniqueness.
    private let sharesStorage: Bool

    init() {
        buffer = ScratchBuffer(capacity: 0)
        base = buffer.base
        capacity = 0
        sharesStorage = false
    }

    /// An empty list whose copies share its storage instead of copying it on write (see the
    /// type's comment): only for a list that is never copied while it is written.
    init(sharingStorage: Void) {
        buffer = ScratchBuffer(capacity: 0)
        base = buffer.base
        capacity = 0
        sharesStorage = true
    }

    /// Equal to an array with the same elements (for tests and literals in them).
    init(_ elements: [Element]) {
        self.init()
        append(contentsOf: elements)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(position: Int) -> Element {
        get {
            // One unsigned comparison for both bounds.
            precondition(UInt(bitPattern: position) < UInt(bitPattern: count), "ScratchList index out of range")
            return base[position]
        }
        _modify {
            precondition(UInt(bitPattern: position) < UInt(bitPattern: count), "ScratchList index out of range")
            makeUnique()
            yield &base[position]
        }
    }

    /// (Tried in session 13: standing in for the uniqueness check with a "tail" kept in the
    /// buffer, the count of the list that appended last, so that only a list at the tail appends
    /// in place. The lists hold few entries per sentence, so the first append after each
    /// `removeAll` still checked, and the tail's load and store cost more: +4.3 M instructions on
    /// synth10, with only 1.9 M of uniqueness checks saved. Not kept.)
    @inline(__always)
    mutating func append(_ element: Element) {
        // A sharing list written while a copy exists would show the copy its writes: debug builds
        // (and the tests) check that none is.
        assert(!sharesStorage || isKnownUniquelyReferenced(&buffer), "a storage-sharing ScratchList written while copied")
        if count == capacity || !(sharesStorage || isKnownUniquelyReferenced(&buffer)) { replaceBuffer(minimumCapacity: count + 1) }
        // A plain value needs no deinitializing: the buffer need not know which entries hold one.
        if _isPOD(Element.self) {
            (base + count).initialize(to: element)
        } else {
            buffer.store(element, at: count)
        }
        count &+= 1
    }

    mutating func append(contentsOf elements: [Element]) {
        for element in elements { append(element) }
    }

    mutating func reserveCapacity(_ capacity: Int) {
        if capacity > self.capacity { replaceBuffer(minimumCapacity: capacity) }
    }

    /// Empties the list, keeping its storage.
    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// `body` on the elements in place (so that `sort` and `contains` run over a buffer, as
    /// they do for an array, instead of copying the elements out).
    mutating func withContiguousMutableStorageIfAvailable<Result>(
        _ body: (inout UnsafeMutableBufferPointer<Element>) throws -> Result
    ) rethrows -> Result? {
        makeUnique()
        var elements = UnsafeMutableBufferPointer(start: base, count: count)
        defer { precondition(elements.baseAddress == base && elements.count == count, "ScratchList storage replaced") }
        return try body(&elements)
    }

    func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result? {
        try withExtendedLifetime(buffer) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }

    /// The elements as an array.
    var array: [Element] { withExtendedLifetime(buffer) { Array(UnsafeBufferPointer(start: base, count: count)) } }

    @inline(__always)
    private mutating func makeUnique() {
        assert(!sharesStorage || isKnownUniquelyReferenced(&buffer), "a storage-sharing ScratchList written while copied")
        if !(sharesStorage || isKnownUniquelyReferenced(&buffer)) { replaceBuffer(minimumCapacity: capacity) }
    }

    /// Moves the list to a buffer of its own with room for `minimumCapacity` entries (at least
    /// twice the old room when it grows), holding copies of its elements.
    @inline(never)
    private mutating func replaceBuffer(minimumCapacity: Int) {
        let newCapacity = minimumCapacity > capacity ? Swift.max(minimumCapacity, 2 * capacity, 16) : capacity
        let new = ScratchBuffer<Element>(capacity: newCapacity)
        new.base.initialize(from: base, count: count)
        new.initialized = count
        buffer = new
        base = new.base
        capacity = newCapacity
    }
}

/// The storage of a `ScratchList`: room for `capacity` entries, of which the first
/// `initialized` hold values (entries are initialized as the list first reaches them, and
/// deinitialized with the buffer).
final class ScratchBuffer<Element> {
    let base: UnsafeMutablePointer<Element>
    var initialized = 0

    init(capacity: Int) {
        base = .allocate(capacity: max(capacity, 1))
    }

    /// Stores `element` at `index` (at most `initialized`: the list's count).
    func store(_ element: Element, at index: Int) {
        if index < initialized {
            base[index] = element
        } else {
            (base + index).initialize(to: element)
            initialized = index &+ 1
        }
    }

    deinit {
        base.deinitialize(count: initialized)
        base.deallocate()
    }
}

/// A short list of slot indices (a noun phrase and the items listed with it, a relation's
/// sources or targets), held inline: `conjuncts(of:rightward:into:)` fills one, where it
/// returned an array, shared or allocated, whose retain and release per call (about 90 k calls
/// on synth10) cost more than the search itself. At most `capacity` entries: `conjuncts`
/// stops at 24.
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

    // The storage is read and written unchecked: `count` never exceeds `capacity` (`append`
    // checks it), so the one check against `count` covers the storage's own.

    @inline(__always)
    subscript(position: Int) -> Int {
        get {
            precondition(UInt(bitPattern: position) < UInt(bitPattern: count), "SlotList index out of range")
            return Int(storage[unchecked: position])
        }
        set {
            precondition(UInt(bitPattern: position) < UInt(bitPattern: count), "SlotList index out of range")
            storage[unchecked: position] = Int32(truncatingIfNeeded: newValue)
        }
    }

    @inline(__always)
    mutating func append(_ k: Int) {
        precondition(count < Self.capacity, "SlotList full")
        storage[unchecked: count] = Int32(truncatingIfNeeded: k)
        count &+= 1
    }

    mutating func append(contentsOf list: SlotList) {
        for k in list { append(k) }
    }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Removes the last `k` entries (the list must have at least `k`).
    @inline(__always)
    mutating func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= count, "SlotList has fewer entries than removed")
        count &-= k
    }

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
