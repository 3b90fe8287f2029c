import Foundation

/// Writes output files so that readers never see a half-written file: the bytes go to a
/// temporary file in the same folder, which is then renamed over the destination.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(OutputError) {
        try write(to: path) { (sink: Sink) throws(OutputError) in
            guard data.withUnsafeBytes({ sink.put($0) }) else { throw .cannotWrite(path: path) }
        }
    }

    /// Streams a file: `body` writes through the sink into the temporary file, which is renamed
    /// over `path` only when `body` returns; on any error the temporary file is removed and
    /// `path` is untouched.
    public static func write(to path: String, _ body: (Sink) throws(OutputError) -> Void) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noSuchFolder(path: path)
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard let file = fopen(temporary.path, "wb") else { throw .cannotWrite(path: path) }
        let sink = Sink(file: file, path: path)
        do {
            try body(sink)
        } catch {
            fclose(file)
            unlink(temporary.path)
            throw error
        }
        guard fclose(file) == 0, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw .cannotWrite(path: path)
        }
    }

    /// Where `write(to:_:)`'s body writes; it empties each buffer it is given.
    public final class Sink {
        fileprivate let file: UnsafeMutablePointer<FILE>
        fileprivate let path: String

        fileprivate init(file: UnsafeMutablePointer<FILE>, path: String) {
            self.file = file
            self.path = path
        }

        /// Writes `bytes` and empties the array, keeping its capacity for the next batch.
        public func write(_ bytes: inout [UInt8]) throws(OutputError) {
            guard bytes.withUnsafeBytes({ put($0) }) else { throw .cannotWrite(path: path) }
            bytes.removeAll(keepingCapacity: true)
        }

        /// Writes `bytes`, which stay the caller's.
        public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
            guard put(bytes) else { throw .cannotWrite(path: path) }
        }

        fileprivate func put(_ bytes: UnsafeRawBufferPointer) -> Bool {
            bytes.isEmpty || fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count
        }
    }
}

public enum OutputError: Error, Equatable, CustomStringConvertible {
    case noSuchFolder(path: String)
    case cannotWrite(path: String)
    /// Evidence sentences kept in the temporary file could not be read back; the output file
    /// was not published.
    case evidenceUnreadable
    /// As `evidenceUnreadable`, for output streamed to standard output (or another sink): the
    /// bytes written before the failure cannot be taken back, so the output is incomplete.
    case evidenceUnreadableInStream

    public var description: String {
        switch self {
        case .noSuchFolder(let path): "cannot write '\(path)': its folder does not exist"
        case .cannotWrite(let path): "cannot write '\(path)': check the folder's permissions and free space"
        case .evidenceUnreadable: "cannot read evidence sentences back from the temporary file in TMPDIR (I/O error); nothing was written"
        case .evidenceUnreadableInStream: "cannot read evidence sentences back from the temporary file in TMPDIR (I/O error); standard output is incomplete"
        }
    }
}
