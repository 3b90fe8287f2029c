/// Finds mentions of people, organizations and products in a document.
///
/// Three stages, all linear in the number of tokens:
/// 1. the lexicon (canonical names and aliases) is matched with a token trie, longest match
///    first, in one left-to-right pass;
/// 2. `NameRules` finds unknown names among the remaining tokens: capitalized sequences with
///    connectors and initials, typed by titles, organization suffixes, cue nouns, a given-name
///    list and the shape of the words, while sentence-initial and generic words are dropped;
/// 3. `AliasResolver` maps short forms (`Musk`, `Elon`, `the Journal`) to the full names the
///    same document introduces.
public struct Recognizer: Sendable {
    public let lexicon: Lexicon
    public let cues: NameCues
    let trie: TokenTrie<LexiconHit>
    /// All of `cues`' lists in one table, so a token's lists are found with one probe.
    let cueIndex: CueIndex
    /// Made once: making it per document copied `NameCues` (fourteen tables retained and released).
    let aliasResolver: AliasResolver

    struct LexiconHit: Sendable {
        var canonical: String
        var type: MentionType
    }

    public init(lexicon: Lexicon, cues: NameCues = .bundled) {
        self.lexicon = lexicon
        self.cues = cues
        self.cueIndex = CueIndex(cues)
        self.aliasResolver = AliasResolver(cues: cues)
        var trie = TokenTrie<LexiconHit>()
        for entry in lexicon.entries {
            trie.insert(entry.canonical, LexiconHit(canonical: entry.canonical, type: entry.type))
            for alias in entry.aliases { trie.insert(alias, LexiconHit(canonical: entry.canonical, type: entry.type)) }
        }
        self.trie = trie
    }

    /// Mentions in document order, non-overlapping, with `canonical` resolved within the document.
    ///
    /// - Complexity: O(n) in the number of tokens (each lexicon lookup is bounded by the longest
    ///   lexicon entry, each rule looks at a bounded window).
    public func recognize(_ text: AnalyzedText) -> [Mention] {
        recognizeWithNames(text).mentions
    }

    /// `recognize(_:)` together with, per mention, the indices of its surface and canonical
    /// name among the document's distinct strings (`MentionNames`), which the pipeline's later
    /// stages look up once per string instead of once per mention.
    ///
    /// - Complexity: O(n) in the number of tokens, as `recognize(_:)`.
    ///
    /// - Parameter scratch: The rules' buffers kept by a worker from its previous document.
    func recognizeWithNames(_ text: AnalyzedText, scratch: NameRulesScratch? = nil) -> (mentions: [Mention], names: MentionNames) {
        NameRules.withRules(for: text, cueIndex: cueIndex, trie: trie, scratch: scratch) { rules in
            rules.scanSentences()
            // Resolved and read in the rules' own buffer: no array of the candidates is made.
            return rules.withCandidates { items, strings in
                var surfaces = SurfaceTable()
                aliasResolver.resolve(items, strings: &strings, surfaces: &surfaces, in: text)
                var kept = scratch?.takeMentionArrays() ?? NameRulesScratch.MentionArrays()
                return mentions(of: UnsafeBufferPointer(items), strings: &strings, surfaces: &surfaces, in: text, into: &kept)
            }
        }
    }

    /// The mentions of resolved candidates `items` (the tentative ones left out), and their names:
    /// `strings` (which surfaces built here join) moved into them; the mentions and the names'
    /// indices written into `arrays`' (kept from an earlier document, or empty), which are
    /// moved into the result.
    private func mentions(of items: UnsafeBufferPointer<NameCandidate>, strings: inout [String], surfaces: inout SurfaceTable,
                          in text: AnalyzedText, into arrays: inout NameRulesScratch.MentionArrays) -> (mentions: [Mention], names: MentionNames) {
        // The three arrays are written in place, each made at its final size at once (at most
        // one mention per candidate) instead of appended to, through specialized code
        // (`replaceWithSpecializedUninitialized(capacity:initializingWith:)`).
        let capacity = items.count
        var written = 0
        var names = MentionNames()
        var surfaceIndices: [Int32] = []
        var canonicalIndices: [Int32] = []
        var mentions: [Mention] = []
        swap(&mentions, &arrays.mentions)
        swap(&surfaceIndices, &arrays.surfaces)
        swap(&canonicalIndices, &arrays.canonicals)
        mentions.replaceWithSpecializedUninitialized(capacity: capacity) { mentionBuffer, mentionCount in
        surfaceIndices.replaceWithSpecializedUninitialized(capacity: capacity) { surfaceBuffer, surfaceCount in
        canonicalIndices.replaceWithSpecializedUninitialized(capacity: capacity) { canonicalBuffer, canonicalCount in
            text.withBuffers { view in
                // (Wrapping arithmetic: a candidate covers at least one token, and
                // `written` counts candidates.)
                for index in items.indices where !items[index].tentative {
                    let candidate = items[index]
                    let first = view.tokens[candidate.tokens.lowerBound]
                    let last = view.tokens[candidate.tokens.upperBound &- 1]
                    // Copied, not moved: a full name's surface is also the canonical name of its
                    // aliases, and a surface written again shares the string of the first.
                    let surfaceIndex = candidate.surface >= 0 ? candidate.surface
                        : surfaces.index(of: candidate.tokens, in: text, tokens: view.tokens, keys: view.keys,
                                         bytes: view.bytes, strings: &strings)
                    let canonicalIndex = candidate.canonical >= 0 ? candidate.canonical : surfaceIndex
                    (mentionBuffer.baseAddress! + written).initialize(to: Mention(
                        start: first.start, end: last.end, tokens: candidate.tokens, sentence: candidate.sentence,
                        type: candidate.type, surface: strings[Int(surfaceIndex)], canonical: strings[Int(canonicalIndex)]
                    ))
                    (surfaceBuffer.baseAddress! + written).initialize(to: surfaceIndex)
                    (canonicalBuffer.baseAddress! + written).initialize(to: canonicalIndex)
                    written &+= 1
                }
            }
            (mentionCount, surfaceCount, canonicalCount) = (written, written, written)
        }
        }
        }
        names.surfaces = surfaceIndices
        names.canonicals = canonicalIndices
        swap(&names.strings, &strings)
        return (mentions, names)
    }
}
