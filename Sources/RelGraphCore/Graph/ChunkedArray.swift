/// An append-only array stored in fixed blocks of 65,536 elements.
///
/// Why not `Array`: growing an `Array` of millions of records reallocates and copies it,
/// so for a moment the old and the new buffer are both resident — 1.5 to 2 times the data.
/// Blocks never move, so a partial graph's evidence and relation tables cost their size.
struct ChunkedArray<Element> {
    private var blocks: [[Element]] = []
    private(set) var count = 0

    private static var shift: Int { 16 }
    private static var blockSize: Int { 1 << shift }

    init() {}

    mutating func append(_ element: Element) {
        if count & (Self.blockSize - 1) == 0 {
            var block: [Element] = []
            block.reserveCapacity(Self.blockSize)
            blocks.append(block)
        }
        blocks[blocks.count - 1].append(element)
        count += 1
    }

    /// Appends `elements` a block's run at a time: one copy per run, not a uniqueness check
    /// and a store per element.
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        var rest = elements[...]
        while !rest.isEmpty {
            if count & (Self.blockSize - 1) == 0 {
                var block: [Element] = []
                block.reserveCapacity(Self.blockSize)
                blocks.append(block)
            }
            let run = rest.prefix(Self.blockSize - (count & (Self.blockSize - 1)))
            blocks[blocks.count - 1].append(contentsOf: run)
            count += run.count
            rest = rest.dropFirst(run.count)
        }
    }

    subscript(index: Int) -> Element {
        get { blocks[index >> Self.shift][index & (Self.blockSize - 1)] }
        set { blocks[index >> Self.shift][index & (Self.blockSize - 1)] = newValue }
    }

    var indices: Range<Int> { 0..<count }

    /// Calls `body` with the elements in order, a block at a time: a pass over them all without
    /// the subscript's two bounds checks per element.
    @inline(__always)
    func forEachBlock(_ body: (UnsafeBufferPointer<Element>) throws -> Void) rethrows {
        for block in blocks { try block.withUnsafeBufferPointer(body) }
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}
