/// An entity's votes per `EntityType`, as three counts in place of a `[EntityType: Int]`.
///
/// Why: every entity of a partial graph held a `Dictionary` of at most three entries — a heap
/// allocation each, and a `Hasher` round per vote added. Three counts cost no allocation
/// (less memory per entity) and add with an increment.
///
/// It keeps exactly what the dictionary kept: whether a type has an entry at all, not only
/// its count, since a partial-graph file may list a type with 0 votes and must read back and
/// write out the same (`dictionary` and `init(_:)` convert both ways without loss).
struct TypeVotes: Hashable, Sendable {
    private var person = 0
    private var organization = 0
    private var product = 0
    /// Bit `rank` set: the type of that rank (its position in `EntityType.allCases`) has an entry.
    private var present: UInt8 = 0

    init() {}

    init(_ votes: [EntityType: Int]) {
        for (type, count) in votes { self[type] = count }
    }

    /// The count of `type`, nil when it has no entry.
    subscript(type: EntityType) -> Int? {
        get {
            guard present & Self.bit(type) != 0 else { return nil }
            switch type {
            case .person: return person
            case .organization: return organization
            case .product: return product
            }
        }
        set {
            let count = newValue ?? 0
            switch type {
            case .person: person = count
            case .organization: organization = count
            case .product: product = count
            }
            if newValue == nil { present &= ~Self.bit(type) } else { present |= Self.bit(type) }
        }
    }

    /// `votes[type, default: 0] += count` of the dictionary (and traps on overflow as it did).
    @inline(__always)
    mutating func add(_ count: Int, to type: EntityType) {
        switch type {
        case .person: person += count
        case .organization: organization += count
        case .product: product += count
        }
        present |= Self.bit(type)
    }

    /// `merge(_:uniquingKeysWith: +)` of the dictionary.
    mutating func merge(_ other: TypeVotes) {
        person += other.person
        organization += other.organization
        product += other.product
        present |= other.present
    }

    /// The most-voted type (no entry counts 0); ties go to the earlier case of `EntityType`,
    /// as `EntityType.majority` of the dictionary.
    var majority: EntityType {
        var best = EntityType.person, most = person
        if organization > most { best = .organization; most = organization }
        if product > most { best = .product }
        return best
    }

    /// The entries, as the dictionary held them.
    var dictionary: [EntityType: Int] {
        var result: [EntityType: Int] = [:]
        for type in EntityType.allCases { if let count = self[type] { result[type] = count } }
        return result
    }

    /// The entries in the order of the types' raw values (the order of keys in a JSON object).
    var entriesByName: [(type: EntityType, count: Int)] {
        Self.typesByName.compactMap { type in self[type].map { (type, $0) } }
    }

    private static let typesByName = EntityType.allCases.sorted { $0.rawValue < $1.rawValue }

    @inline(__always)
    private static func bit(_ type: EntityType) -> UInt8 {
        switch type {
        case .person: 1
        case .organization: 2
        case .product: 4
        }
    }
}

extension EntityType {
    /// `majority` of the dictionary form, for stored votes.
    static func majority(_ votes: TypeVotes) -> EntityType { votes.majority }
}
