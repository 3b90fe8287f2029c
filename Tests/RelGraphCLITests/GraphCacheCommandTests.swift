import Foundation
import Testing

/// `build` leaves the binary cache beside the graph, and queries answer the same with it
/// or without it.
@Suite struct GraphCacheCommandTests {
    @Test func buildWritesTheCacheThatQueriesUse() throws {
        try withTemporaryFolder { folder in
            let graph = folder.appendingPathComponent("g.json").path
            let cache = graph + ".cache"
            let build = try CLI.run(["build", "--corpus", "Corpus", "-o", graph, "--quiet"])
            #expect(build.status == 0, "\(build.stderr)")
            #expect(FileManager.default.fileExists(atPath: cache))
            let cached = try CLI.run(["stats", "--graph", graph])
            #expect(cached.status == 0, "\(cached.stderr)")
            try FileManager.default.removeItem(atPath: cache)
            let fromJSON = try CLI.run(["stats", "--graph", graph])
            #expect(fromJSON.status == 0, "\(fromJSON.stderr)")
            #expect(fromJSON.stdout == cached.stdout)
            #expect(!cached.stdout.isEmpty)
            // The first query without a cache writes it again.
            #expect(FileManager.default.fileExists(atPath: cache))
        }
    }
}
