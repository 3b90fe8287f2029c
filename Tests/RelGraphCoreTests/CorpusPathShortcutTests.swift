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

    @Test func candidateNamesAgreeWithTheExtensionRule() {
        let names = ["a.txt", "B.TXT", "c.Md", ".txt", "d.", "e", "f.tar.GZ", "g..txt", "h.jsonl", "i.NDJSON", "..", ".", "", "j. txt",
                     "k\r\n.txt", "ü.txt", "\u{600}.txt", "l.tx\u{301}t", "m.t\u{301}xt", "n.ÜXT", "o/p.txt", "q.txt/", "r.txtx",
                     "s.tx", "t.m", "u.jsonlx", "v.JsOnL", "w.csv", "x.MD", "y.ndjson.txt"]
        for name in names {
            let ext = (name as NSString).pathExtension.lowercased()
            let expected = CorpusReader.textExtensions.contains(ext) || CorpusReader.jsonLinesExtensions.contains(ext)
            #expect(CorpusWalk.isCandidate(name: name) == expected, "\(name.debugDescription)")
        }
    }

    @Test func joinedPathsAgreeWithFoundation() {
        let roots = ["/work/ref/synth10", "/work/ref/synth10/", "a//b", "a//b//", "/", "//", ".", "./", "..", "a/./b", "~", "~/x",
                     "x/", "a/../b/", "/a/b///", "ü/é", "a b", "Corpus"]
        let relatives = ["0000/0001.txt", "x.txt", "a b/c.md", "é.md", "sub", "sub/deeper/deep.md"]
        for root in roots {
            let prefix = CorpusWalk.pathPrefix(ofRoot: root)
            for relative in relatives {
                #expect(CorpusWalk.joined(root, prefix: prefix, relative) == (root as NSString).appendingPathComponent(relative), "\(root) \(relative)")
            }
        }
    }
}
