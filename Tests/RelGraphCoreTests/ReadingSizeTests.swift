import Foundation
import Testing
@testable import RelGraphCore

/// `ArticleFile.readBytes` given a regular file's `fstat` size (`sizeIsExact`) stops after
/// reading that many bytes, and still reads a file to its end when the size is stale: the
/// file grew (more bytes than the size) or shrank (fewer).
@Suite struct ReadingSizeTests {
    @Test func aStaleSizeStillReadsTheWholeFile() throws {
        let folder = try TestPaths.makeTemporaryFolder("relgraph-readsize")
        defer { try? FileManager.default.removeItem(at: folder) }
        for length in [1, 2, 100, 4095, 4096, 4097, 70_000, 200_000] {
            let content = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = folder.appendingPathComponent("file-\(length).txt").path
            try Data(content).write(to: URL(fileURLWithPath: path))
            for hint in Set([1, length / 2, length - 1, length, length + 1, 2 * length + 3]) where hint > 0 {
                for exact in [false, true] {
                    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                    try #require(descriptor >= 0)
                    defer { close(descriptor) }
                    let bytes = ArticleFile.readBytes(descriptor, sizeHint: hint, sizeIsExact: exact)
                    #expect(bytes == content, "length \(length), size hint \(hint), exact \(exact)")
                }
            }
        }
    }
}
