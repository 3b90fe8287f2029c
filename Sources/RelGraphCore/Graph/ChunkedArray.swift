/// An append-only array stored in fixed blocks of 65,536 elements.
///
/// Why not `Array`: growing an `Array` of millions of records reallocates and copies it,
/// so for a moment the old and the new buffer are both resident — 1.5 to 2 times the data.
/// Blocks never move, so a partial graph's evidence and relation tables cost their size.
struct ChunkedArray<Element> {
    /// The full blocks.
    private var blocks: [[Element]] = []
    /// The block appended to, until it is full and moves to `blocks`.
    ///
    /// Why apart: appending to the last of `blocks` checked that both the outer array and the
    /// block were uniquely referenced (about 70 instructions an append), and so did a store.
    /// Each new relation appends to two tables and each evidence record stores into one:
    /// `PartialGraph.addRelations` went from 22.1 M to 17.9 M instructions on a 10 MB corpus.
    private var tail: [Element] = []
    private(set) var count = 0

    private static var shift: Int { 16 }
    private static var blockSize: Int { 1 << shift }

    init() {}

    // `append` and the subscript are inlined: as calls they were about a sixth of
    // `PartialGraph.addRelations`, which makes three per evidence record.
    @inline(__always)
    mutating func append(_ element: Element) {
        if count & (Self.blockSize - 1) == 0 { tail.reserveCapacity(Self.blockSize) }
        tail.append(element)
        count += 1
        if count & (Self.blockSize - 1) == 0 { finishTail() }
    }

    /// Moves the full `tail` to `blocks` (not copied: `tail` lets go of it).
    private mutating func finishTail() {
        blocks.append(tail)
        tail = []
    }

    /// Appends `elements` a block's run at a time: one copy per run, not a uniqueness check
    /// and a store per element.
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        var rest = elements[...]
        while !rest.isEmpty {
            if count & (Self.blockSize - 1) == 0 { tail.reserveCapacity(Self.blockSize) }
            let run = rest.prefix(Self.blockSize - (count & (Self.blockSize - 1)))
            tail.append(contentsOf: run)
            count += run.count
            rest = rest.dropFirst(run.count)
            if count & (Self.blockSize - 1) == 0 { finishTail() }
        }
    }

    // An index past the tail's block would fold onto one of the tail's entries: the
    // precondition keeps such an index a trap, as the array of blocks made it before.
    subscript(index: Int) -> Element {
        @inline(__always) get {
            let block = index >> Self.shift
            if block < blocks.count { return blocks[block][index & (Self.blockSize - 1)] }
            precondition(block == blocks.count, "ChunkedArray index out of range")
            return tail[index & (Self.blockSize - 1)]
        }
        @inline(__always) set {
            let block = index >> Self.shift
            if block < blocks.count {
                blocks[block][index & (Self.blockSize - 1)] = newValue
            } else {
                precondition(block == blocks.count, "ChunkedArray index out of range")
                tail[index & (Self.blockSize - 1)] = newValue
            }
        }
    }

    var indices: Range<Int> { 0..<count }

    /// Calls `body` with the elements in order, a block at a time: a pass over them all without
    /// the subscript's two bounds checks per element.
    @inline(__always)
    func forEachBlock(_ body: (UnsafeBufferPointer<Element>) throws -> Void) rethrows {
        for block in blocks { try block.withUnsafeBufferPointer(body) }
        if !tail.isEmpty { try tail.withUnsafeBufferPointer(body) }
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}
