/// The kinds of named thing that become graph nodes.
public enum EntityType: String, Codable, CaseIterable, Comparable, Sendable {
    case person
    case organization
    case product

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
