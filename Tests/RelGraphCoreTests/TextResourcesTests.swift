import Foundation
import Testing
@testable import RelGraphCore

/// Where the data folder is looked for, on folders made for each test.
@Suite struct TextResourcesTests {
    /// A data folder with the one file the lookup checks for.
    private func makeDataFolder(at folder: URL) throws {
        let resources = folder.appendingPathComponent("Resources", isDirectory: true)
        try FileManager.default.createDirectory(at: resources, withIntermediateDirectories: true)
        try Data("# lexicon\n".utf8).write(to: resources.appendingPathComponent("lexicon.tsv"))
    }

    private func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-resources")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    @Test func theFolderBesideTheExecutableIsFound() throws {
        try withFolder { root in
            let bin = root.appendingPathComponent("bin", isDirectory: true)
            try makeDataFolder(at: bin.appendingPathComponent(TextResources.bundleName))
            let found = try TextResources.locate(environment: [:], executableFolder: bin).get()
            #expect(found.standardizedFileURL.path == bin.appendingPathComponent(TextResources.bundleName).standardizedFileURL.path)
        }
    }

    @Test func theInstalledShareFolderIsFound() throws {
        try withFolder { root in
            let bin = root.appendingPathComponent("bin", isDirectory: true)
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let share = root.appendingPathComponent("share/relgraph/\(TextResources.bundleName)")
            try makeDataFolder(at: share)
            let found = try TextResources.locate(environment: [:], executableFolder: bin).get()
            #expect(found.standardizedFileURL.path == share.standardizedFileURL.path)
        }
    }

    @Test func theEnvironmentVariableIsTheOnlyPlaceLookedAtWhenSet() throws {
        try withFolder { root in
            let bin = root.appendingPathComponent("bin", isDirectory: true)
            try makeDataFolder(at: bin.appendingPathComponent(TextResources.bundleName))
            let explicit = root.appendingPathComponent("data")
            try makeDataFolder(at: explicit)
            let found = try TextResources.locate(environment: [TextResources.environmentVariable: explicit.path], executableFolder: bin).get()
            #expect(found.standardizedFileURL.path == explicit.standardizedFileURL.path)

            let wrong = root.appendingPathComponent("nowhere").path
            let result = TextResources.locate(environment: [TextResources.environmentVariable: wrong], executableFolder: bin)
            guard case .failure(let missing) = result else { Issue.record("a wrong RELGRAPH_RESOURCES must not fall back"); return }
            #expect(missing.description == "the data folder \(wrong) named by RELGRAPH_RESOURCES holds no Resources/lexicon.tsv")
        }
    }

    @Test func aMissingFolderNamesEveryPlaceSearched() throws {
        try withFolder { root in
            let bin = root.appendingPathComponent("bin", isDirectory: true)
            let result = TextResources.locate(environment: [:], executableFolder: bin)
            guard case .failure(let missing) = result else { Issue.record("nothing to find"); return }
            #expect(missing.searched.count == 2)
            #expect(missing.searched[0].hasSuffix("bin/\(TextResources.bundleName)"))
            #expect(missing.searched[1].hasSuffix("share/relgraph/\(TextResources.bundleName)"))
            #expect(!missing.description.contains("\n"))
        }
    }

    @Test func thisProcessFindsTheBundledFiles() throws {
        _ = try TextResources.folder.get()
        #expect(TextResources.url("lexicon.tsv") != nil)
        #expect(TextResources.url("no-such-file.tsv") == nil)
    }
}
