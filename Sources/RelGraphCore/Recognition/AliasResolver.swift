/// Links short forms to the full names of the same document: a surname or a first name to
/// the person (`Soto` → `Javier Soto`), `the Journal` to `The Wall Street Journal`, and the
/// distinctive word of an organization to it (`Stargate` → `Stargate Project`).
///
/// A short form resolves only when exactly one full name of the document fits; otherwise it
/// stays as it is (or is dropped, if it was only tentatively a name).
struct AliasResolver {
    let cues: NameCues

    /// - Complexity: O(m) in the number of candidates.
    func resolve(_ candidates: inout [NameCandidate], in text: AnalyzedText) {
        var personParts: [String: Set<String>] = [:]
        var organizationLast: [String: Set<String>] = [:]
        var organizationHead: [String: Set<String>] = [:]
        for candidate in candidates where !candidate.tentative {
            let words = nameWords(candidate, text)
            guard words.count >= 2 else { continue }
            let canonical = candidate.canonical ?? surface(candidate, text)
            switch candidate.type {
            case .person:
                let parts = words.filter { $0.unicodeScalars.count > 1 }
                if let first = parts.first { personParts[first, default: []].insert(canonical) }
                if let last = parts.last { personParts[last, default: []].insert(canonical) }
            case .organization:
                var significant = words
                if significant.first == "The" { significant.removeFirst() }
                guard let head = significant.first, let last = significant.last else { continue }
                organizationLast[last, default: []].insert(canonical)
                if significant.count >= 2, significant.dropFirst().allSatisfy({ cues.orgSuffixes.contains(NameCues.normalize($0)) }) {
                    organizationHead[head, default: []].insert(canonical)
                }
            default:
                continue
            }
        }
        for index in candidates.indices {
            let candidate = candidates[index]
            guard candidate.origin != .lexicon, candidate.tokens.count == 1 else { continue }
            let word = surface(candidate, text)
            if let names = personParts[word], names.count == 1, let name = names.first, name != word {
                candidates[index].canonical = name
                candidates[index].type = .person
            } else if let names = organizationHead[word], names.count == 1 {
                candidates[index].canonical = names.first
                candidates[index].type = .organization
            } else if candidate.afterThe || candidate.origin == .weak, let names = organizationLast[word], names.count == 1 {
                candidates[index].canonical = names.first
                candidates[index].type = .organization
            } else {
                continue
            }
            candidates[index].origin = .rule
            candidates[index].tentative = false
        }
    }

    private func surface(_ candidate: NameCandidate, _ text: AnalyzedText) -> String {
        let first = text.tokens[candidate.tokens.lowerBound]
        let last = text.tokens[candidate.tokens.upperBound - 1]
        return text.collapsedString(first.start, last.end)
    }

    /// The capitalized words of a name, without connectors and periods.
    private func nameWords(_ candidate: NameCandidate, _ text: AnalyzedText) -> [String] {
        candidate.tokens.compactMap { index in
            let token = text.tokens[index]
            guard token.kind == .word else { return nil }
            let word = text.text(of: token)
            return cues.connectors.contains(NameCues.normalize(word)) && !token.isCapitalized ? nil : word
        }
    }
}
