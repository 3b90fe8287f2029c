import Testing
@testable import RelGraphCore

/// The role memory's linear list (and its move into a dictionary past
/// `ReferenceMemory.linearRoleLimit` entries) answers as the dictionary it stands in for.
@Suite struct ReferenceMemoryRoleListTests {
    @Test(arguments: [0, 1, 2, 3])
    func rolesAnswerAsADictionary(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        // Few organizations and rows, so that keys repeat; seed 3 stays below the limit.
        let organizations = seed == 3 ? 3 : 12
        var memory = ReferenceMemory()
        var expected: [Int: Referent] = [:]
        for step in 0..<400 {
            let identity = Int32(generator.next() % UInt64(organizations))
            // The key is the organization's identity, whatever its type.
            let keyed = Referent(spelling: identity, identity: identity, type: step % 3 == 0 ? .product : .organization)
            let row = Int(generator.next() % 4)
            if generator.next() % 2 == 0 {
                let holder = Referent(spelling: Int32(step), identity: Int32(step), type: .person)
                memory.remember(holder: holder, organization: keyed, row: row)
                expected[Int(keyed.identity) * 16 + row] = holder
            } else {
                #expect(memory.holder(organization: keyed, row: row) == expected[Int(keyed.identity) * 16 + row])
            }
        }
        for identity in 0..<Int32(organizations) {
            for row in 0..<4 {
                let organization = Referent(spelling: identity, identity: identity, type: .organization)
                #expect(memory.holder(organization: organization, row: row) == expected[Int(identity) * 16 + row])
            }
        }
        if seed == 3 { #expect(expected.count <= ReferenceMemory.linearRoleLimit) } else { #expect(expected.count > ReferenceMemory.linearRoleLimit) }
    }

    /// A small deterministic generator (the tests must not depend on the system's).
    private struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
