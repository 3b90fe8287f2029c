import Foundation
import Testing
@testable import RelGraphCore

/// `CorpusWalk` takes the folder listing's word (`d_type`) that an entry is a regular file
/// instead of `stat`ing it. The walk must find the same files, in the same order, with the same
/// notes, as a walk that `stat`s every entry.
@Suite struct CorpusWalkShortcutTests {
    /// A folder with regular files (candidates or not, hidden, with spaces and non-ASCII in
    /// their names), symlinks to files and to folders, a dangling symlink, a symlink loop, a
    /// FIFO, a folder named like an article, and nested folders.
    private func withMixedFolder(_ body: (URL) throws -> Void) throws {
        let manager = FileManager.default
        let url = manager.temporaryDirectory.appendingPathComponent("relgraph-walk-\(UUID().uuidString)")
        try manager.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: url) }
        let text = Data("Lisa Su leads AMD.".utf8)
        for name in ["a.txt", "B.TXT", "c.md", "d.jsonl", "notes.csv", ".hidden.txt", "README.md", "with space.txt", "Zürich.txt", "e.txt"] {
            try text.write(to: url.appendingPathComponent(name))
        }
        try manager.createDirectory(at: url.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
        try text.write(to: url.appendingPathComponent("sub/inner.txt"))
        try text.write(to: url.appendingPathComponent("sub/deeper/deep.md"))
        try manager.createDirectory(at: url.appendingPathComponent("folder.txt"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: url.appendingPathComponent("link.txt").path, withDestinationPath: "a.txt")
        try manager.createSymbolicLink(atPath: url.appendingPathComponent("linked-folder").path, withDestinationPath: "sub/deeper")
        try manager.createSymbolicLink(atPath: url.appendingPathComponent("dangling.txt").path, withDestinationPath: "nowhere.txt")
        try manager.createSymbolicLink(atPath: url.appendingPathComponent("sub/loop").path, withDestinationPath: "..")
        #expect(mkfifo(url.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        try body(url)
    }

    /// The walk as it was before the shortcut: every entry `stat`ed.
    private func statEveryEntry(under root: String, notes: inout [CorpusNote]) throws -> [String] {
        struct FileID: Hashable { var device: UInt64; var inode: UInt64 }
        var visited: Set<FileID> = []
        var found: [String] = []
        var pending: [String] = [""]
        var info = stat()
        guard stat(root, &info) == 0 else { throw CorpusError.unreadable(path: root) }
        visited.insert(FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        while let folder = pending.popLast() {
            let folderPath = folder.isEmpty ? root : (root as NSString).appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: folderPath)
            for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" && name != "MANIFEST.tsv" {
                let relative = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
                let path = (root as NSString).appendingPathComponent(relative)
                let ext = (name as NSString).pathExtension.lowercased()
                let isCandidate = CorpusReader.textExtensions.contains(ext) || CorpusReader.jsonLinesExtensions.contains(ext)
                guard stat(path, &info) == 0 else {
                    if errno == ELOOP { notes.append(.symlinkLoop(path: path)) } else if isCandidate { notes.append(.unreadable(path: path)) }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    if visited.insert(FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted {
                        pending.append(relative)
                    } else {
                        notes.append(.symlinkLoop(path: path))
                    }
                case S_IFREG:
                    if isCandidate { found.append(relative) }
                default:
                    if isCandidate { notes.append(.notRegularFile(path: path)) }
                }
            }
        }
        return found
    }

    @Test func listedRegularFilesAreThoseLstatCallRegular() throws {
        try withMixedFolder { url in
            for folder in [url.path, url.appendingPathComponent("sub").path] {
                let names = try FileManager.default.contentsOfDirectory(atPath: folder)
                let regular = Set(names.filter { name in
                    var info = stat()
                    return lstat((folder as NSString).appendingPathComponent(name), &info) == 0 && info.st_mode & S_IFMT == S_IFREG
                })
                #expect(CorpusWalk.regularFileNames(in: folder) == regular, "\(folder)")
            }
            #expect(CorpusWalk.regularFileNames(in: url.appendingPathComponent("missing").path).isEmpty)
        }
    }

    @Test func walkFindsWhatStattingEveryEntryFinds() throws {
        try withMixedFolder { url in
            var expectedNotes: [CorpusNote] = []
            let expected = try statEveryEntry(under: url.path, notes: &expectedNotes)
            var notes: [CorpusNote] = []
            let found = try CorpusWalk.candidateFiles(under: url.path, notes: &notes)
            #expect(found == expected)
            #expect(notes == expectedNotes)
            // `linked-folder` sorts before `sub`, so `sub/deeper` is entered through the link.
            #expect(found.contains("a.txt") && found.contains("link.txt") && found.contains("linked-folder/deep.md"))
            #expect(!found.contains("pipe.txt") && !found.contains("dangling.txt") && !found.contains("folder.txt"))
        }
    }
}
