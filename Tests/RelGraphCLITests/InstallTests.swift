import Foundation
import Testing

/// A binary copied away from its data folder: one line and exit status 4, not SwiftPM's trap;
/// with the folder beside it, in `../share/relgraph`, or named by `RELGRAPH_RESOURCES`, it runs.
@Suite struct InstallTests {
    static let bundleName = "relgraph_RelGraphCore.resources"
    static let bundle = CLI.executable.deletingLastPathComponent().appendingPathComponent(bundleName)

    /// A copy of the built binary in `folder/bin`, with no data folder.
    private func copyBinary(into folder: URL) throws -> URL {
        let bin = folder.appendingPathComponent("bin", isDirectory: true)
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let copy = bin.appendingPathComponent("relgraph")
        try FileManager.default.copyItem(at: CLI.executable, to: copy)
        return copy
    }

    private var environment: [String: String] {
        ProcessInfo.processInfo.environment.filter { $0.key != "RELGRAPH_RESOURCES" }
    }

    @Test func aBinaryWithoutItsDataFolderStopsWithOneLine() throws {
        try withTemporaryFolder { folder in
            let binary = try copyBinary(into: folder)
            let corpus = folder.appendingPathComponent("a.txt")
            try Data("Elon Musk founded SpaceX.\n".utf8).write(to: corpus)
            let output = folder.appendingPathComponent("g.json")
            let result = try CLI.run(["build", "--corpus", corpus.path, "-o", output.path, "--quiet"],
                                     executable: binary, environment: environment)
            #expect(result.status == 4)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("relgraph: ") == true)
            #expect(result.stderr.contains(Self.bundleName))
            #expect(result.stderr.contains("RELGRAPH_RESOURCES"))
            #expect(!FileManager.default.fileExists(atPath: output.path))

            let named = try CLI.run(["build", "--corpus", corpus.path, "-o", output.path, "--quiet"], executable: binary,
                                    environment: environment.merging(["RELGRAPH_RESOURCES": Self.bundle.path]) { $1 })
            #expect(named.status == 0, "\(named.stderr)")
            #expect(FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test func theDataFolderIsFoundBesideTheBinaryAndInShare() throws {
        try withTemporaryFolder { folder in
            let binary = try copyBinary(into: folder)
            let corpus = folder.appendingPathComponent("a.txt")
            try Data("Elon Musk founded SpaceX.\n".utf8).write(to: corpus)
            let share = folder.appendingPathComponent("share/relgraph", isDirectory: true)
            try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.bundle, to: share.appendingPathComponent(Self.bundleName))
            let viaShare = try CLI.run(["extract", "--quiet", corpus.path], executable: binary, environment: environment)
            #expect(viaShare.status == 0, "\(viaShare.stderr)")
            #expect(viaShare.stdout.contains("SpaceX"))

            try FileManager.default.moveItem(at: share.appendingPathComponent(Self.bundleName),
                                             to: binary.deletingLastPathComponent().appendingPathComponent(Self.bundleName))
            let beside = try CLI.run(["extract", "--quiet", corpus.path], executable: binary, environment: environment)
            #expect(beside.status == 0, "\(beside.stderr)")
            #expect(beside.stdout == viaShare.stdout)
        }
    }
}
