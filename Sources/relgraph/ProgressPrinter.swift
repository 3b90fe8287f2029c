import Foundation
import RelGraphCore

/// Draws one self-updating progress line on stderr — documents done, MB/s, time left — while
/// a corpus is extracted. Silent unless stderr is a terminal, so pipes and logs stay clean.
final class ProgressPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let totalBytes: Int?
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A printer, or `nil` when progress should not be shown (`--quiet`, or stderr piped).
    static func make(quiet: Bool, totalBytes: @autoclosure () -> Int?) -> ProgressPrinter? {
        guard !quiet, Console.stderrIsTerminal else { return nil }
        return ProgressPrinter(totalBytes: totalBytes())
    }

    private init(totalBytes: Int?) {
        self.totalBytes = totalBytes.flatMap { $0 > 0 ? $0 : nil }
    }

    func update(_ progress: ExtractionProgress) {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
            lastDraw = now
            let seconds = max(now.timeIntervalSince(start), 1e-3)
            let rate = Double(progress.bytes) / 1e6 / seconds
            var line = "relgraph: \(progress.documents) documents, \(String(format: "%.1f", rate)) MB/s"
            if let totalBytes, rate > 0 {
                let left = max(0, Double(totalBytes - progress.bytes) / 1e6 / rate)
                let percent = min(100, 100 * progress.bytes / totalBytes)
                line += ", \(percent)%, \(Int(left.rounded())) s left"
            }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            drawn = true
        }
    }

    /// Erases the progress line.
    func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            drawn = false
        }
    }
}
