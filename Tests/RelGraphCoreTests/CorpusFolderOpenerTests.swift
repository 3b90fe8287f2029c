import Foundation
import Testing
@testable import RelGraphCore

/// `FolderOpener` opens a chunk's files relative to their open folder: it must open the same
/// files as `open` of their whole paths, and fail where that fails.
@Suite struct CorpusFolderOpenerTests {
    /// Paths in a temporary folder: files in two folders (one reached through a symlink),
    /// names with spaces and non-ASCII, a missing file, a folder, a file that is a symlink, a
    /// dangling symlink, a loop of symlinks, a path ending in `/`, a folder reached through a
    /// chain of 40 symlinks (Linux's limit for one path lookup) and a file in it that is a
    /// symlink itself (its whole path needs 41 hops), and the folders alternating so that the
    /// open folder changes.
    private func withPaths(_ body: (URL, [String]) throws -> Void) throws {
        let manager = FileManager.default
        let root = manager.temporaryDirectory.appendingPathComponent("relgraph-opener-\(UUID().uuidString)")
        try manager.createDirectory(at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: root) }
        for (index, name) in ["a/one.txt", "a/two words.txt", "a/b/Zürich.txt", "a/b/four.md"].enumerated() {
            try Data("Lisa Su leads AMD. \(index)".utf8).write(to: root.appendingPathComponent(name))
        }
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("linked").path, withDestinationPath: "a/b")
        let links = [
            ("a/dangling.txt", "nowhere.txt"), ("a/linked.txt", "one.txt"), ("a/loop1.txt", "loop2.txt"),
            ("a/loop2.txt", "loop1.txt"), ("a/self.txt", "self.txt"), ("l39", "a"),
        ] + (0..<39).map { ("l\($0)", "l\($0 + 1)") }
        for (link, destination) in links {
            try manager.createSymbolicLink(atPath: root.appendingPathComponent(link).path, withDestinationPath: destination)
        }
        let base = root.path
        let paths = [
            "a/one.txt", "a/two words.txt", "a/b/Zürich.txt", "a/one.txt", "linked/four.md", "a/b/four.md",
            "a/missing.txt", "missing/one.txt", "a/b", "a/dangling.txt", "a/", "linked/Zürich.txt", "a/two words.txt",
            "a/linked.txt", "a/loop1.txt", "a/self.txt", "l0/one.txt", "l0/linked.txt", "l0/dangling.txt", "l0/loop1.txt",
            "l0/two words.txt", "l1/linked.txt", "a/linked.txt",
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
                let wholeError = whole < 0 ? errno : 0
                let relative = opener.open(path)
                let relativeError = relative < 0 ? errno : 0
                defer {
                    if whole >= 0 { close(whole) }
                    if relative >= 0 { close(relative) }
                }
                #expect((whole >= 0) == (relative >= 0), "\(path)")
                #expect(wholeError == relativeError, "\(path)")
                if whole >= 0 && relative >= 0 { #expect(identity(whole) == identity(relative), "\(path)") }
            }
        }
    }

    /// The cases the test above would pass vacuously if the file system set them up otherwise:
    /// each symlink case fails or opens as stated, through the opener as through `open`.
    @Test func symlinkCasesOpenOrFailAsOpenDoes() throws {
        try withPaths { root, _ in
            let expected: [(String, Int32)] = [
                ("a/linked.txt", 0), ("a/dangling.txt", ENOENT), ("a/loop1.txt", ELOOP), ("a/self.txt", ELOOP),
                ("l0/one.txt", 0), ("l0/linked.txt", ELOOP), ("l1/linked.txt", 0),
            ]
            var opener = FolderOpener()
            defer { opener.close() }
            for (name, error) in expected {
                let path = root.path + "/" + name
                let whole = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
                let wholeError = whole < 0 ? errno : 0
                let relative = opener.open(path)
                let relativeError = relative < 0 ? errno : 0
                if whole >= 0 { close(whole) }
                if relative >= 0 { close(relative) }
                #expect(wholeError == error, "\(name)")
                #expect(relativeError == error, "\(name)")
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
            #expect(chunk.count == 13)
            #expect(!chunk.contains { $0.name == "l0/linked.txt" })
            #expect(chunkNotes.sorted == fileNotes.sorted)
        }
    }
}
