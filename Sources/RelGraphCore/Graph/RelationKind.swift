import Foundation

/// Whether a relation is adversarial, cooperative or neither.
public enum Polarity: String, Codable, CaseIterable, Sendable {
    case hostile
    case friendly
    case neutral
}

/// The typed relations relgraph extracts. Every kind is directed from the subject (`source`)
/// to the object (`target`) of the sentence that states it; symmetric kinds
/// (`partnersWith`, `competesWith`, `metWith`, `coMentioned`) are stored with the
/// lexicographically smaller name as source so each pair has one edge.
public enum RelationKind: String, Codable, CaseIterable, Comparable, Sendable {
    case founded
    case leads
    case worksFor = "works_for"
    case boardMember = "board_member"
    case left
    case investedIn = "invested_in"
    case owns
    case offeredToBuy = "offered_to_buy"
    case partOf = "part_of"
    case partnersWith = "partners_with"
    case competesWith = "competes_with"
    case sued
    case criticized
    case praised
    case rejected
    case recruited
    case metWith = "met_with"
    case coMentioned = "co_mentioned"

    public var polarity: Polarity {
        switch self {
        case .sued, .criticized, .rejected, .competesWith: .hostile
        case .praised, .partnersWith, .investedIn, .founded: .friendly
        default: .neutral
        }
    }

    /// Symmetric relations have no meaningful direction.
    public var isSymmetric: Bool {
        switch self {
        case .partnersWith, .competesWith, .metWith, .coMentioned: true
        default: false
        }
    }

    /// The human-readable label used in diagrams and CLI output.
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
