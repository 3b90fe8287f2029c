import Foundation

/// Extracts a corpus on several cores with structured concurrency, streaming it.
///
/// `threads` worker tasks run in one task group. Each pulls the next chunk of the corpus
/// (a few files, or about a megabyte of JSON Lines) from a shared, lazily read queue,
/// extracts its documents into the worker's own `PartialGraph`, and asks for more; at the
/// end the group merges the workers' partial graphs. At most `threads` chunks are in memory
/// at once, never the corpus. Which worker gets which chunk varies from run to run, but
/// `PartialGraph.merge` is associative and commutative and `finalized()` sorts, so the graph
/// is the same for any thread count and any schedule.
///
///     let extraction = ParallelExtraction(extractor: extractor, threads: 4)
///     let graph = try await extraction.partialGraph(of: reader).finalized()
///
/// - Complexity: O(corpus) work spread over `threads` tasks, plus a final merge of
///   `threads` partial graphs, O(graph size × threads).
public struct ParallelExtraction: Sendable {
    public let extractor: Extractor
    public let threads: Int

    /// - Parameter threads: worker tasks; default, one per active core.
    public init(extractor: Extractor, threads: Int? = nil) {
        self.extractor = extractor
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The partial graph of every document of `reader`'s corpus.
    public func partialGraph(of reader: CorpusReader, progress: (@Sendable (ExtractionProgress) -> Void)? = nil) async throws(CorpusError) -> PartialGraph {
        let queue = ChunkQueue(reader.chunks())
        let partial = try await partialGraph(from: queue, progress: progress)
        if let error = queue.sourceError { throw error }
        return partial
    }

    /// The partial graph of every document of several corpora (`relgraph extract FILE…`), in
    /// one extraction: the same graph as merging each reader's, without one graph (and one
    /// merge, whose cost grows with the graph so far) per reader.
    public func partialGraph(of readers: [CorpusReader], progress: (@Sendable (ExtractionProgress) -> Void)? = nil) async throws(CorpusError) -> PartialGraph {
        try await partialGraph(from: ChunkQueue(ReaderChunks(readers: readers)), progress: progress)
    }

    /// The partial graph of every document in `chunks`, which is consumed lazily, one chunk
    /// per idle worker.
    public func partialGraph<Chunks: IteratorProtocol<CorpusChunk> & Sendable>(of chunks: Chunks, progress: (@Sendable (ExtractionProgress) -> Void)? = nil) async throws(CorpusError) -> PartialGraph {
        try await partialGraph(from: ChunkQueue(chunks), progress: progress)
    }

    private func partialGraph(from queue: some ChunkSource, progress: (@Sendable (ExtractionProgress) -> Void)?) async throws(CorpusError) -> PartialGraph {
        let extractor = self.extractor
        do {
            return try await withThrowingTaskGroup(of: PartialGraph.self) { group in
                for _ in 0..<threads {
                    group.addTask {
                        var partial = PartialGraph()
                        // The task's own: never shared with another worker.
                        var state = Extractor.WorkerState()
                        while let chunk = queue.next() {
                            try Task.checkCancellation()
                            let documents = try chunk.documents()
                            var bytes = 0
                            for document in documents {
                                extractor.extract(document, into: &partial, state: &state)
                                bytes += document.utf8Count
                            }
                            let total = queue.finished(documents: documents.count, bytes: bytes)
                            progress?(total)
                        }
                        return partial
                    }
                }
                var merged = PartialGraph()
                // `while var`, not `for … in` and a `var` copy: the copy left the graph
                // shared, so merging into it after the swap copied all its tables.
                while var partial = try await group.next() {
                    // Merge the smaller into the larger: same result, less copying. The smaller
                    // one's lookup tables are not read by `merge`; dropping them first lowers
                    // the peak, when both graphs and the growing result are resident.
                    if partial.evidenceCount + partial.entityCount > merged.evidenceCount + merged.entityCount {
                        swap(&partial, &merged)
                    }
                    partial.releaseLookupTables()
                    merged.merge(partial)
                }
                releaseFreedMemory()
                return merged
            }
        } catch let error as CorpusError {
            throw error
        } catch {
            // Only cancellation reaches here; it yields what cancellation always yields: nothing.
            return PartialGraph()
        }
    }
}

/// Hands memory freed by the workers' partial graphs back to the system, so it does not stay
/// resident while the merged graph is finished (glibc keeps freed blocks in per-thread arenas).
/// `malloc_trim` is glibc's and not in Swift's Glibc module, so it is looked up at run time
/// (and skipped on other C libraries).
private func releaseFreedMemory() {
    #if os(Linux)
    typealias MallocTrim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    #endif
}

/// Running totals of a parallel extraction, reported after each chunk.
public struct ExtractionProgress: Hashable, Sendable {
    public var documents: Int
    /// Bytes of document text extracted so far.
    public var bytes: Int

    public init(documents: Int = 0, bytes: Int = 0) {
        self.documents = documents
        self.bytes = bytes
    }
}

/// The chunks of several readers, one reader after another.
struct ReaderChunks: IteratorProtocol {
    private let readers: [CorpusReader]
    private var index = 0
    private var current: CorpusChunks?

    init(readers: [CorpusReader]) {
        self.readers = readers
    }

    mutating func next() -> CorpusChunk? {
        while true {
            if current == nil {
                guard index < readers.count else { return nil }
                current = readers[index].chunks()
                index += 1
            }
            if let chunk = current!.next() { return chunk }
            current = nil
        }
    }
}

protocol ChunkSource: Sendable {
    func next() -> CorpusChunk?
    func finished(documents: Int, bytes: Int) -> ExtractionProgress
}

/// A lock around a chunk iterator, shared by the workers. Reading the next chunk is short
/// (file names, or one block of a JSON Lines stream); parsing and extraction happen outside.
final class ChunkQueue<Chunks: IteratorProtocol<CorpusChunk>>: ChunkSource, @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: Chunks
    private var progress = ExtractionProgress()

    init(_ chunks: Chunks) {
        self.chunks = chunks
    }

    func next() -> CorpusChunk? {
        lock.withLock { chunks.next() }
    }

    func finished(documents: Int, bytes: Int) -> ExtractionProgress {
        lock.withLock {
            progress.documents += documents
            progress.bytes += bytes
            return progress
        }
    }
}

extension ChunkQueue where Chunks == CorpusChunks {
    var sourceError: CorpusError? { lock.withLock { chunks.error } }
}
