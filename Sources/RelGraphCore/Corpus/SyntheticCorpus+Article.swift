/// Writes one synthetic news article from sentence patterns.
///
/// A document picks a small cast — a few people, organizations and maybe a product, popular
/// ones more often — and tells a story about them: a headline, then paragraphs mixing
/// relation sentences with background sentences that name no one.
struct ArticleWriter {
    let corpus: SyntheticCorpus
    private var cast: [String] = []
    private var companies: [String] = []
    private var product: String?
    private var introduced: Set<String> = []

    init(corpus: SyntheticCorpus) {
        self.corpus = corpus
    }

    /// A skewed index in `0..<count`: low indexes (the "famous" entities) come up far more often.
    private static func popular(_ count: Int, _ generator: inout SplitMix64) -> Int {
        let u = generator.unit()
        return min(count - 1, Int(Double(count) * u * u * u))
    }

    private static func distinct(_ pool: [String], _ count: Int, _ generator: inout SplitMix64) -> [String] {
        var chosen: [String] = []
        var attempts = 0
        while chosen.count < count, attempts < count * 10 {
            attempts += 1
            let name = pool[popular(pool.count, &generator)]
            if !chosen.contains(name) { chosen.append(name) }
        }
        return chosen
    }

    /// The first mention of a person is the full name; later ones the family name.
    private mutating func person(_ name: String) -> String {
        if introduced.insert(name).inserted { return name }
        return String(name[name.index(after: name.firstIndex(of: " ")!)...])
    }

    mutating func article(using g: inout SplitMix64) -> (date: String, body: String) {
        cast = Self.distinct(corpus.people, 2 + g.below(4), &g)
        companies = Self.distinct(corpus.organizations, 2 + g.below(3), &g)
        product = g.below(3) == 0 ? corpus.products[Self.popular(corpus.products.count, &g)] : nil
        introduced = []
        let year = 2015 + g.below(11)
        let date = "\(year)-\(twoDigits(1 + g.below(12)))-\(twoDigits(1 + g.below(28)))"
        let targetLength = 2000 + g.below(4000)
        var body = headline(&g) + "\n\n"
        body.reserveCapacity(targetLength + 600)
        while body.utf8.count < targetLength {
            let sentences = 2 + g.below(3)
            for index in 0..<sentences {
                if index > 0 { body += " " }
                body += g.below(3) == 0 ? Self.background(&g) : relationSentence(&g)
            }
            body += "\n\n"
        }
        return (date, body)
    }

    private func headline(_ g: inout SplitMix64) -> String {
        let a = companies[0], b = companies[1]
        switch g.below(5) {
        case 0: return "\(a) Sues \(b) Over \(g.pick(Self.topicsTitle))"
        case 1: return "\(a) and \(b) Announce Partnership"
        case 2: return "\(cast[0]) Steps Down at \(a)"
        case 3: return "\(a) Bets Big on \(g.pick(Self.topicsTitle))"
        default: return "Inside the Rivalry Between \(a) and \(b)"
        }
    }

    private mutating func relationSentence(_ g: inout SplitMix64) -> String {
        let p1 = cast[g.below(cast.count)]
        var p2 = cast[g.below(cast.count)]
        if p2 == p1 { p2 = cast[(cast.firstIndex(of: p1)! + 1) % cast.count] }
        let o1 = companies[g.below(companies.count)]
        var o2 = companies[g.below(companies.count)]
        if o2 == o1 { o2 = companies[(companies.firstIndex(of: o1)! + 1) % companies.count] }
        switch g.below(20) {
        case 0: return "\(person(p1)), the chief executive of \(o1), said on \(g.pick(Self.weekdays)) that the company would \(g.pick(Self.plans))."
        case 1: return "\(o1) sued \(o2) over \(g.pick(Self.topics)), according to a complaint filed in federal court."
        case 2: return "\(person(p1)) founded \(o1) in \(2000 + g.below(24)) with money from \(g.pick(Self.backers))."
        case 3: return "\(person(p1)) criticized \(person(p2)) in a post on \(g.pick(Self.weekdays)), calling the plan \(g.pick(Self.adjectives))."
        case 4: return "\(o1) agreed to acquire \(o2) for $\(1 + g.below(90)).\(g.below(10)) billion in cash and stock."
        case 5: return "\(o1) and \(o2) announced a partnership to \(g.pick(Self.plans))."
        case 6: return "\(person(p1)) joined \(o1) as \(g.pick(Self.roles)) last year."
        case 7: return "\(person(p1)) left \(o1) in \(g.pick(Self.months)) after \(2 + g.below(9)) years at the company."
        case 8: return "\(o1) invested $\(10 + g.below(900)) million in \(o2), people familiar with the matter said."
        case 9:
            if let product { return "\(person(p1)) praised the \(product), which \(o1) released in \(g.pick(Self.months))." }
            return "\(person(p1)) praised \(o1) for its work on \(g.pick(Self.topics))."
        case 10: return "\(person(p1)) met with \(person(p2)) on \(g.pick(Self.weekdays)) to discuss \(g.pick(Self.topics))."
        case 11: return "\(o2) rejected the offer from \(o1), saying it undervalued the company."
        case 12: return "\(o1) hired \(person(p1)) away from \(o2) to lead its \(g.pick(Self.units)) unit."
        case 13: return "\(person(p1)) sits on the board of \(o1) and advises \(o2)."
        case 14: return "\(o1) competes with \(o2) in the market for \(g.pick(Self.topics))."
        case 15: return "\"We are not going to \(g.pick(Self.plans)),\" \(person(p1)) told reporters."
        case 16: return "\(person(p1)), who leads \(o1), declined to comment."
        case 17: return "\(o1) owns a \(10 + g.below(80)) percent stake in \(o2)."
        case 18: return "According to \(person(p1)), \(o1) is \(g.pick(Self.states))."
        default: return "\(person(p1)) said \(person(p2)) had \(g.pick(Self.claims))."
        }
    }

    private static func background(_ g: inout SplitMix64) -> String {
        switch g.below(8) {
        case 0: return "Shares fell \(1 + g.below(12)) percent in early trading."
        case 1: return "The company did not respond to a request for comment."
        case 2: return "Analysts expect the deal to close in the \(g.pick(["first", "second", "third", "fourth"])) quarter."
        case 3: return "The dispute has drawn the attention of regulators in several countries."
        case 4: return "Revenue rose \(2 + g.below(40)) percent from a year earlier, to $\(1 + g.below(50)) billion."
        case 5: return "The move comes as the industry races to \(g.pick(plans))."
        case 6: return "Critics say the plan could raise prices for consumers."
        default: return "Details of the agreement were not disclosed."
        }
    }

    private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]
    private static let plans = ["cut its workforce by a tenth", "build a new data center", "expand into Europe",
                                "double its research budget", "spin off its hardware business", "go public next year",
                                "stop selling older models", "open a factory in the south"]
    private static let topics = ["patent licensing", "battery technology", "cloud contracts", "chip supply",
                                 "customer data", "advertising revenue", "self-driving software", "trade secrets"]
    private static let topicsTitle = ["Patents", "Chips", "Cloud Deal", "Trade Secrets", "Batteries"]
    private static let adjectives = ["reckless", "misguided", "dangerous", "a distraction", "short-sighted"]
    private static let backers = ["two former colleagues", "a group of angel investors", "his own savings",
                                  "a venture fund", "her family"]
    private static let roles = ["chief financial officer", "chief technology officer", "president", "head of research",
                                "general counsel"]
    private static let units = ["cloud", "chip", "consumer", "research", "advertising"]
    private static let states = ["losing money on every sale", "preparing a bid", "under investigation",
                                 "ahead of schedule", "in talks with lenders"]
    private static let claims = ["misled investors", "broken a promise", "copied the design", "won the contract fairly",
                                 "underestimated the risks"]
}

private func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
}
