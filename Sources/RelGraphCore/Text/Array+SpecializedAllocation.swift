extension Array where Element: BitwiseCopyable {
    /// `init(unsafeUninitializedCapacity:initializingWith:)` for the arrays made once per
    /// document (tokens, word keys, the relation stage's words, a file's bytes), allocated
    /// through code specialized for `Element`.
    ///
    /// The standard initializer allocates in `Array._allocateBufferUninitialized`, which is not
    /// inlinable: it runs unspecialized and looks the storage class up in the runtime's generic
    /// metadata cache. `reserveCapacity` and `append(contentsOf:)` are inlinable, so they are
    /// specialized here and find the storage class's metadata in one load. Measured on an
    /// array of 16–31 `UInt64`s, allocation, writes and release: 491 instructions against 769.
    ///
    /// `initializer` gets a buffer of at least `capacity` elements and sets how many it wrote
    /// from the start; `append(contentsOf: Claimed(count:))` then adds those to the array
    /// (still empty, so in place) without copying them. `BitwiseCopyable`: elements written
    /// past that count need no deinitialization.
    ///
    /// What it relies on beyond the standard library's promises: that `append(contentsOf:)` of
    /// an empty array with room fills that room in place. Checked on every call (one compare):
    /// if a future standard library moved the storage instead, this traps rather than return
    /// elements never written. (A library that stopped calling `_copyContents` would trap in
    /// `append` itself, on its "underestimatedCount" check.)
    ///
    /// - Precondition: `initializer` keeps the buffer it is given and sets a count no larger than
    ///   it (at least `capacity` elements).
    @inline(__always)
    init(specializedUninitializedCapacity capacity: Int,
         initializingWith initializer: (inout UnsafeMutableBufferPointer<Element>, inout Int) -> Void) {
        self.init()
        reserveCapacity(capacity)
        fillSpareCapacity(initializer)
    }
}

extension Array {
    /// `init(specializedUninitializedCapacity:initializingWith:)` into this array's storage:
    /// the elements are removed and `initializer` writes the new ones where they were, when
    /// the storage is this array's alone and has room for `capacity` (otherwise new storage is
    /// allocated first, as `removeAll(keepingCapacity:)` and `reserveCapacity` do, so a copy of
    /// the array made before never sees the new elements).
    ///
    /// For any element, not only `BitwiseCopyable` ones (`SentenceSpan` is trivial but cannot
    /// say so: `Range` is not `BitwiseCopyable`; `Mention` holds strings).
    ///
    /// - Precondition: as for the initializer, and `initializer` initializes no element past
    ///   the count it sets unless `Element` is trivial (such an element would never be
    ///   deinitialized).
    @inline(__always)
    mutating func replaceWithSpecializedUninitialized(capacity: Int,
                                                      initializingWith initializer: (inout UnsafeMutableBufferPointer<Element>, inout Int) -> Void) {
        removeAll(keepingCapacity: true)
        reserveCapacity(capacity)
        fillSpareCapacity(initializer)
    }

    /// Empties the array and fills it with `count` copies of `value`, written in place
    /// (`replaceWithSpecializedUninitialized`): `append(contentsOf: repeatElement(value,
    /// count:))` went element by element through the standard library's generic append (about
    /// 180 instructions a call for the relation stage's per-document lists).
    @inline(__always)
    mutating func refill(repeating value: Element, count: Int) {
        replaceWithSpecializedUninitialized(capacity: count) { buffer, written in
            UnsafeMutableBufferPointer(rebasing: buffer[..<count]).initialize(repeating: value)
            written = count
        }
    }

    /// Lengthens the array to `count` elements, the new ones `value` (none if it has as many),
    /// written in place after the kept ones, for the same reason as `refill(repeating:count:)`.
    /// Storage that is too small at least doubles, as `append` grows it.
    @inline(__always)
    mutating func extend(repeating value: Element, to count: Int) {
        let old = self.count
        guard old < count else { return }
        // Also gives the array storage of its own, so a copy made before keeps its elements.
        reserveCapacity(count <= capacity ? count : Swift.max(count, 2 * capacity))
        fillSpareCapacity { buffer, written in
            UnsafeMutableBufferPointer(rebasing: buffer[..<(count &- old)]).initialize(repeating: value)
            written = count &- old
        }
    }

    /// The shared part of all: `initializer` writes into the room past this array's elements,
    /// in storage that `reserveCapacity` has just made its own.
    @inline(__always)
    fileprivate mutating func fillSpareCapacity(_ initializer: (inout UnsafeMutableBufferPointer<Element>, inout Int) -> Void) {
        let old = self.count, room = self.capacity &- old
        let (count, start) = withUnsafeMutableBufferPointer { elements in
            // The array's storage past its elements, `room` of them.
            let spare = elements.baseAddress.map { $0 + old }
            var buffer = UnsafeMutableBufferPointer(start: spare, count: room)
            var count = 0
            initializer(&buffer, &count)
            precondition(buffer.baseAddress == spare && buffer.count == room, "initializer replaced its buffer")
            precondition(count >= 0 && count <= room, "initializer's count is out of its buffer")
            return (count, spare)
        }
        append(contentsOf: Claimed(count: count))
        precondition(count == 0 || withUnsafeBufferPointer { $0.baseAddress.map { $0 + old } } == UnsafePointer(start), "append(contentsOf:) moved the storage")
    }
}

/// For `Array.init(specializedUninitializedCapacity:initializingWith:)` and the methods after
/// it: a sequence that `append(contentsOf:)` copies by claiming the first `count` elements of
/// the array's spare capacity, which are already written; they are not written again.
private struct Claimed<Element>: Sequence {
    let count: Int

    var underestimatedCount: Int { count }

    func makeIterator() -> EmptyCollection<Element>.Iterator { EmptyCollection<Element>.Iterator() }

    /// The hook `append(contentsOf:)` copies through (`UnsafeMutableBufferPointer.initialize(from:)`):
    /// `buffer` starts at the array's first spare slot, where the elements already are.
    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Element>) -> (EmptyCollection<Element>.Iterator, Int) {
        precondition(count <= buffer.count)
        return (makeIterator(), count)
    }
}
