import Foundation
import Testing
@testable import RelGraphCore

/// The corpus walk's byte-level path checks, held to Foundation's path rules.
@Suite struct CorpusPathShortcutTests {
    @Test func jsonLinesPathCheckAgreesWithFoundation() {
        let paths = ["a.jsonl", "A.JSONL", "x/y.NdJson", "b.json", "c.txt", "jsonl", ".jsonl", "d.jsonl/", "e.jsonl//", "f.ndjson.txt",
                     "g.xjsonl", "dir.jsonl/h.md", "", "/", "i.jsonl ", "ünï.jsonl", "j.jsonL", "k.nd json"]
        for path in paths {
            #expect(CorpusReader.isJSONLinesPath(path) == CorpusReader.jsonLinesExtensions.contains((path as NSString).pathExtension.lowercased()), "\(path)")
        }
    }

    @Test func folderEntryExtensionsAgreeWithFoundation() {
        let names = ["a.txt", "B.TXT", "c.Md", ".txt", "d.", "e", "f.tar.GZ", "g..txt", "h.jsonl", "i.NDJSON", "..", ".", "", "j. txt",
                     "k\r\n.txt", "ü.txt", "\u{600}.txt", "l.tx\u{301}t", "m.t\u{301}xt", "n.ÜXT", "o/p.txt", "q.txt/"]
        for name in names {
            #expect(CorpusWalk.lowercasedExtension(ofName: name) == (name as NSString).pathExtension.lowercased(), "\(name.debugDescription)")
        }
    }
}
