import Foundation
import Testing
@testable import RelGraphCore

/// `FolderOpener` opens a chunk's files relative to their open folder: it must open the same
/// files as `open` of their whole paths, and fail where that fails.
@Suite struct CorpusFolderOpenerTests {
    /// Paths in a temporary folder: files in two folders (one reached through a symlink),
    /// names with spaces and non-ASCII, a missing file, a folder, a dangling symlink, a path
    /// ending in `/`, and the folders alternating so that the open folder changes.
    private func withPaths(_ body: (URL, [String]) throws -> Void) throws {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("relgraph-opener-\(UUID().uuidString)")
        try manager.createDirectory(at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: root) }
        for (index, name) in ["a/one.txt", "a/two words.txt", "a/b/Zürich.txt", "a/b/four.md"].enumerated() {
            try Data("Lisa Su leads AMD. \(index)".utf8).write(to: root.appendingPathComponent(name))
        }
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("linked").path, withDestinationPath: "a/b")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("a/dangling.txt").path, withDestinationPath: "nowhere.txt")
        let base = root.path
        let paths = [
            "a/one.txt", "a/two words.txt", "a/b/Zürich.txt", "a/one.txt", "linked/four.md", "a/b/four.md",
            "a/missing.txt", "missing/one.txt", "a/b", "a/dangling.txt", "a/", "linked/Zürich.txt", "a/two words.txt",
        ].map { base + "/" + $0 }
        try body(root, paths)
    }

    /// Device and inode of an open descriptor.
    private func identity(_ descriptor: Int32) -> [UInt64] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return [] }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    @Test func opensWhatOpenOpens() throws {
        try withPaths { _, paths in
            var opener = FolderOpener()
            defer { opener.close() }
            for path in paths {
                let whole = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
                let relative = opener.open(path)
                defer {
                    if whole >= 0 { close(whole) }
                    if relative >= 0 { close(relative) }
                }
                #expect((whole >= 0) == (relative >= 0), "\(path)")
                if whole >= 0 && relative >= 0 { #expect(identity(whole) == identity(relative), "\(path)") }
            }
        }
    }

    @Test func chunkReadsAsFileByFile() throws {
        try withPaths { root, paths in
            let files = paths.map { CorpusFile(path: $0, name: String($0.dropFirst(root.path.count + 1))) }
            let chunkNotes = CorpusNoteLog(), fileNotes = CorpusNoteLog()
            let chunk = try CorpusChunk.files(files.map { CorpusFile(path: $0.path, name: $0.name, notes: chunkNotes) }).documents()
            let oneByOne = files.flatMap { ArticleFile.read($0, notes: fileNotes) }
            #expect(chunk == oneByOne)
            #expect(chunk.count == 8)
            #expect(chunkNotes.sorted == fileNotes.sorted)
        }
    }
}
