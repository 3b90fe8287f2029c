extension PartialGraph {
    /// The relations one document states, added to the graph at once (`addRelations(_:)`):
    /// a packed key and an evidence record per relation, in raw memory.
    ///
    /// Why raw memory: as two arrays, each relation's two appends tested each array's buffer
    /// for uniqueness (a runtime call) and its capacity (`PartialGraphRelationSink.add`, about
    /// 40 instructions a relation). Here an append is a capacity test and two stores.
    ///
    /// Single owner: a batch owns its buffers and is moved, not copied (`takeRelationBatch`,
    /// `addRelations`). A copy shares them without copy-on-write (a uniqueness test per
    /// append is what the raw buffers save), so only a batch that is their sole owner may
    /// write them: `append` and `records` assert it in debug builds (and the tests), and
    /// `takeRelationBatch` gives the buffers only to a batch that owns them alone.
    /// `@unchecked Sendable` rests on the same rule: a batch that crosses threads is moved.
    struct RelationBatch: @unchecked Sendable {
        /// Frees the buffers; a new one is made whenever they grow. `Record: BitwiseCopyable`
        /// lets the compiler check that the records need no deinitializing (see `deinit`).
        private final class Owner<Record: BitwiseCopyable> {
            let keys: UnsafeMutablePointer<UInt64>
            let records: UnsafeMutablePointer<Record>

            init(capacity: Int) {
                keys = .allocate(capacity: capacity)
                records = .allocate(capacity: capacity)
            }

            deinit {
                // Both hold trivial values: nothing to deinitialize.
                keys.deallocate()
                records.deallocate()
            }
        }

        private var owner: Owner<StoredEvidence>?
        private var keyBase: UnsafeMutablePointer<UInt64>?
        private var recordBase: UnsafeMutablePointer<StoredEvidence>?
        /// Relations appended.
        private(set) var count = 0
        /// Relations the buffers hold before they grow.
        private(set) var capacity = 0
        /// Per key, what `addRelations` loaded from its table slots (two).
        var warmed: [Int32] = []

        /// An empty batch without buffers (it allocates none until the first append).
        init() {}

        /// Packed keys (`pack`), one per record.
        var keys: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: keyBase, count: count) }

        /// Evidence records, `next` unset: `addRelations` threads them through this mutable
        /// view, so only the buffers' sole owner may take it.
        var records: UnsafeMutableBufferPointer<StoredEvidence> {
            mutating get {
                assert(ownsBuffers(), "a RelationBatch written while copied")
                return UnsafeMutableBufferPointer(start: recordBase, count: count)
            }
        }

        /// Appends a relation: its packed key (`pack`) and its evidence record.
        @inline(__always)
        mutating func append(_ key: UInt64, _ record: StoredEvidence) {
            assert(ownsBuffers(), "a RelationBatch appended to while copied")
            if count == capacity { grow() }
            // Both are allocated for `capacity`, above `count` (after `grow`).
            keyBase.unsafelyUnwrapped[count] = key
            recordBase.unsafelyUnwrapped[count] = record
            count &+= 1
        }

        /// Doubles the buffers (16 at first), keeping what they hold.
        @inline(never)
        private mutating func grow() {
            let newCapacity = max(16, 2 * capacity)
            let grown = Owner<StoredEvidence>(capacity: newCapacity)
            if let keyBase, let recordBase {
                grown.keys.initialize(from: keyBase, count: count)
                grown.records.initialize(from: recordBase, count: count)
            }
            owner = grown
            keyBase = grown.keys
            recordBase = grown.records
            capacity = newCapacity
        }

        /// Forgets the relations, keeping the buffers.
        mutating func removeAll() {
            count = 0
            warmed.removeAll(keepingCapacity: true)
        }

        /// Whether no other batch shares the buffers (a copy of the batch, or of a graph that
        /// kept them); true without buffers.
        mutating func ownsBuffers() -> Bool {
            owner == nil || isKnownUniquelyReferenced(&owner)
        }
    }
}
