import Foundation

/// Writes output files so that readers never see a half-written file: the bytes go to a
/// temporary file in the same folder, which is then renamed over the destination.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noSuchFolder(path: path)
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: path)
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: path)
        }
    }
}

public enum OutputError: Error, Equatable, CustomStringConvertible {
    case noSuchFolder(path: String)
    case cannotWrite(path: String)

    public var description: String {
        switch self {
        case .noSuchFolder(let path): "cannot write '\(path)': its folder does not exist"
        case .cannotWrite(let path): "cannot write '\(path)': check the folder's permissions and free space"
        }
    }
}
