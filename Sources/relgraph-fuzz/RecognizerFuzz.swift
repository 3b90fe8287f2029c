// libFuzzer entry point (`make fuzz`): random bytes through the whole per-document pipeline —
// decoding, tokens, sentences, recognition, relations — and the DOT writer, checking the
// invariants every later stage relies on. Built with `-sanitize=fuzzer,address`: our `main`
// hands control to libFuzzer's driver (SwiftPM names every executable's entry point itself,
// so libFuzzer's own `main` cannot be used).
import Foundation
import RelGraphCore

private typealias FuzzerDriver = @convention(c) (
    UnsafeMutablePointer<CInt>,
    UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct RelGraphFuzz {
    static func main() {
        // Looked up at run time so that a plain `swift build` (without libFuzzer) still links.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerRunDriver") else {
            FileHandle.standardError.write(Data("relgraph-fuzz: not built with libFuzzer; run 'make fuzz'\n".utf8))
            exit(1)
        }
        let driver = unsafeBitCast(symbol, to: FuzzerDriver.self)
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(driver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    }
}

private let extractor: Extractor = {
    guard let lexicon = try? Lexicon.bundled() else { fatalError("bundled lexicon missing") }
    return Extractor(recognizer: Recognizer(lexicon: lexicon))
}()

/// Also exported under libFuzzer's conventional name, which its archive's own `main` refers to.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let analyzed = AnalyzedText(text)
    var previousEnd = 0
    for token in analyzed.tokens {
        precondition(token.start >= previousEnd && token.end > token.start && token.end <= analyzed.bytes.count, "token out of order or bounds")
        previousEnd = token.end
    }
    var nextToken = 0
    for sentence in analyzed.sentences {
        precondition(sentence.tokens.lowerBound == nextToken && !sentence.tokens.isEmpty, "sentences must tile the tokens")
        nextToken = sentence.tokens.upperBound
    }
    precondition(nextToken == analyzed.tokens.count, "sentences must cover every token")
    let mentions = extractor.recognizer.recognize(analyzed)
    for mention in mentions {
        precondition(mention.start < mention.end && mention.end <= analyzed.bytes.count, "mention out of bounds")
        precondition(analyzed.sentences.indices.contains(mention.sentence), "mention in no sentence")
        precondition(!mention.canonical.isEmpty, "empty canonical name")
    }
    let graph = extractor.extract(Document(name: "fuzz", text: text)).finalized()
    _ = DOTWriter().write(graph)
    return 0
}
