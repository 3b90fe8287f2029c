extension PartialGraph {
    /// The relations one document states, added to the graph at once (`addRelations(_:)`):
    /// a packed key and an evidence record per relation, in raw memory.
    ///
    /// Why raw memory: as two arrays, each relation's two appends tested each array's buffer
    /// for uniqueness (a runtime call) and its capacity (`PartialGraphRelationSink.add`, about
    /// 40 instructions a relation). Here an append is a capacity test and two stores.
    ///
    /// A batch owns its buffers and is moved, not copied (`takeRelationBatch`,
    /// `addRelations`): a copy shares them, so only one of the copies may append.
    /// `takeRelationBatch` gives the buffers only to a batch that is their sole owner.
    struct RelationBatch: @unchecked Sendable {
        /// Frees the buffers; a new one is made whenever they grow.
        private final class Owner {
            let keys: UnsafeMutablePointer<UInt64>
            let records: UnsafeMutablePointer<StoredEvidence>

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

        private var owner: Owner?
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

        /// Evidence records, `next` unset: `addRelations` threads them.
        var records: UnsafeMutableBufferPointer<StoredEvidence> { UnsafeMutableBufferPointer(start: recordBase, count: count) }

        /// Appends a relation: its packed key (`pack`) and its evidence record.
        @inline(__always)
        mutating func append(_ key: UInt64, _ record: StoredEvidence) {
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
            let grown = Owner(capacity: newCapacity)
            if let keyBase, let recordBase {
                grown.keys.update(from: keyBase, count: count)
                grown.records.update(from: recordBase, count: count)
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
