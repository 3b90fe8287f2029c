import Testing
@testable import RelGraphCore

/// The trigger match's one-entry step of a trie node (`RelationLexicon.step(atNode:)`) gives
/// the node's rule range and whether a longer form continues, as the separate tables do.
@Suite struct RelationLexiconStepTests {
    @Test func stepAgreesWithTheRuleRangeAndContinuation() {
        let lexicon = RelationLexicon.shared
        var nodes: [Int32] = [0]
        var seen: Set<Int32> = [0]
        var k = 0
        while k < nodes.count {
            let node = nodes[k]
            k += 1
            let step = lexicon.step(atNode: node)
            #expect(step.rules == lexicon.ruleRange(atNode: node))
            #expect(step.continues == lexicon.continues(node))
            guard lexicon.continues(node) else { continue }
            for id in 0..<Int32(lexicon.vocabulary.count) {
                let child = lexicon.child(node, id)
                if child >= 0, seen.insert(child).inserted { nodes.append(child) }
            }
        }
        // Every form's last node was reached, and some forms continue past a shorter one.
        #expect(nodes.count > 100)
        #expect(nodes.contains { lexicon.step(atNode: $0).continues && !lexicon.step(atNode: $0).rules.isEmpty })
    }
}
