import Foundation

/// The package's own files that tests read (`Corpus/`, `Tests/Gold/`, `Tests/Hostile/`), found
/// from this file's path so that tests run from any working directory.
enum TestPaths {
    /// The package root: the nearest folder above this file that holds `Package.swift`.
    static let packageRoot: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }()

    /// The real articles of `Corpus/`.
    static var corpus: String { packageRoot.appendingPathComponent("Corpus").path }

    /// A new, empty folder in the temporary folder, named `prefix-UUID`; the caller removes it
    /// (`defer { try? FileManager.default.removeItem(at: folder) }`).
    static func makeTemporaryFolder(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
