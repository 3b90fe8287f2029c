import Testing
@testable import RelGraphCore

/// A worker's `NameRulesScratch` lends the name rules the buffers of its previous document.
/// Whatever documents came before, each must be recognized exactly as with buffers of its own:
/// long and short documents in turn (the buffers are reused with stale contents, and regrown),
/// and a document of more candidates than the kept buffer holds.
@Suite struct NameRulesScratchTests {
    private typealias Recognized = (mentions: [Mention], names: MentionNames)

    /// The same mentions and names, string by string and index by index.
    private func expectSame(_ kept: Recognized, _ fresh: Recognized, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(kept.mentions == fresh.mentions, sourceLocation: sourceLocation)
        #expect(kept.names.strings == fresh.names.strings, sourceLocation: sourceLocation)
        #expect(kept.names.surfaces == fresh.names.surfaces && kept.names.canonicals == fresh.names.canonicals,
                sourceLocation: sourceLocation)
    }

    private static func documents(seed: UInt64) -> [String] {
        var texts = SyntheticCorpus(seed: seed, megabytes: 0.1).documents().map(\.text).sorted { $0.utf8.count < $1.utf8.count }
        var interleaved: [String] = []
        while !texts.isEmpty {
            interleaved.append(texts.removeLast())
            if !texts.isEmpty { interleaved.append(texts.removeFirst()) }
        }
        // More name candidates than `initialCandidateCapacity`, then a short document again.
        interleaved.insert(interleaved.joined(separator: "\n\n"), at: interleaved.count / 2)
        return interleaved
    }

    @Test func keptBuffersGiveWhatNewOnesGive() {
        let corpus = SyntheticCorpus(seed: 41, megabytes: 0.1)
        let recognizer = Recognizer(lexicon: corpus.lexicon)
        let scratch = NameRulesScratch()
        var mentions = 0
        for text in Self.documents(seed: 41) {
            let analyzed = AnalyzedText(text)
            let fresh = recognizer.recognizeWithNames(analyzed)
            let kept = recognizer.recognizeWithNames(analyzed, scratch: scratch)
            expectSame(kept, fresh)
            mentions += fresh.mentions.count
        }
        #expect(mentions > NameRulesScratch.initialCandidateCapacity)
    }

    /// Mentions and names filled into the arrays kept of the document before last (as a worker
    /// gives them back, `NameRulesScratch.keep(mentions:names:)`) equal new ones, and results
    /// still held (every one here, as a caller may hold any) are not changed by later documents.
    @Test func keptMentionArraysGiveWhatNewOnesGive() {
        let corpus = SyntheticCorpus(seed: 43, megabytes: 0.1)
        let recognizer = Recognizer(lexicon: corpus.lexicon)
        let scratch = NameRulesScratch()
        var held: [(kept: (mentions: [Mention], names: MentionNames), fresh: (mentions: [Mention], names: MentionNames))] = []
        for (index, text) in Self.documents(seed: 43).enumerated() {
            let analyzed = AnalyzedText(text)
            let fresh = recognizer.recognizeWithNames(analyzed)
            let kept = recognizer.recognizeWithNames(analyzed, scratch: scratch)
            expectSame(kept, fresh)
            scratch.keep(mentions: kept.mentions, names: kept.names)
            // Every other document's result is held: the others' arrays come back unshared.
            if index % 2 == 0 { held.append((kept, fresh)) }
        }
        for (kept, fresh) in held {
            expectSame(kept, fresh)
        }
    }

    /// Mentions and names past the kept limit are not kept, whichever array is past it.
    @Test func keepsOnlyMentionArraysWithinTheLimit() {
        let large = NameRulesScratch.keptMentionLimit + 1
        let cases: [(String, (inout [Mention], inout MentionNames) -> Void)] = [
            ("mentions", { mentions, _ in mentions.reserveCapacity(large) }),
            ("strings", { _, names in names.strings.reserveCapacity(large) }),
            ("surfaces", { _, names in names.surfaces.reserveCapacity(large) }),
            ("canonicals", { _, names in names.canonicals.reserveCapacity(large) }),
            ("string text", { _, names in names.strings = [String(repeating: "x", count: NameRulesScratch.keptNameBytes + 1)] }),
        ]
        for (label, enlarge) in cases {
            let scratch = NameRulesScratch()
            var mentions: [Mention] = []
            var names = MentionNames()
            names.surfaces.reserveCapacity(8)
            enlarge(&mentions, &names)
            scratch.keep(mentions: mentions, names: names)
            scratch.keep(mentions: [], names: MentionNames())
            let taken = scratch.takeMentionArrays()
            #expect(taken.mentions.capacity == 0 && taken.strings.capacity == 0 && taken.surfaces.capacity == 0
                && taken.canonicals.capacity == 0, "\(label)")
        }
        let scratch = NameRulesScratch()
        var small = MentionNames()
        small.surfaces.reserveCapacity(8)
        small.strings = [String(repeating: "x", count: NameRulesScratch.keptNameBytes)]
        scratch.keep(mentions: [], names: small)
        scratch.keep(mentions: [], names: MentionNames())
        #expect(scratch.takeMentionArrays().surfaces.capacity >= 8)
    }

    /// The buffer the rules grew past the kept limit is freed; a smaller one is kept.
    @Test func keepsOnlyBuffersWithinTheLimit() {
        let scratch = NameRulesScratch()
        let (small, smallCapacity) = scratch.takeCandidates(capacity: 8)
        #expect(smallCapacity >= NameRulesScratch.initialCandidateCapacity)
        scratch.keep(candidates: small, capacity: smallCapacity)
        let (again, againCapacity) = scratch.takeCandidates(capacity: 8)
        #expect(again == small && againCapacity == smallCapacity)
        let large = NameRulesScratch.keptCandidateLimit + 1
        scratch.keep(candidates: .allocate(capacity: large), capacity: large)
        again.deallocate()
        let (fresh, freshCapacity) = scratch.takeCandidates(capacity: 8)
        #expect(freshCapacity == NameRulesScratch.initialCandidateCapacity)
        scratch.keep(candidates: fresh, capacity: freshCapacity)
    }
}
