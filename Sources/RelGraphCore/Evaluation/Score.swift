/// Counts of one comparison between predicted and gold items, with the usual ratios.
public struct Score: Hashable, Sendable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// Scores two sets: items in both are true positives.
    public init<Item: Hashable>(predicted: Set<Item>, gold: Set<Item>) {
        truePositives = predicted.intersection(gold).count
        falsePositives = predicted.count - truePositives
        falseNegatives = gold.count - truePositives
    }

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double {
        let sum = precision + recall
        return sum == 0 ? 0 : 2 * precision * recall / sum
    }

    public static func + (lhs: Score, rhs: Score) -> Score {
        Score(truePositives: lhs.truePositives + rhs.truePositives, falsePositives: lhs.falsePositives + rhs.falsePositives,
              falseNegatives: lhs.falseNegatives + rhs.falseNegatives)
    }

    private func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }
}

/// Named scores, in the order they are reported (per type, then micro averages).
public struct EvaluationReport: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var label: String
        public var score: Score
    }

    public var title: String
    public var rows: [Row]
    /// Items the recognizer got wrong, for finding where rules fail (`FP …`, `FN …`), sorted.
    public var errors: [String]

    public init(title: String, rows: [Row], errors: [String] = []) {
        self.title = title
        self.rows = rows
        self.errors = errors
    }

    public func score(_ label: String) -> Score? { rows.first { $0.label == label }?.score }

    /// A fixed-width table: label, P, R, F1, TP, FP, FN.
    public var table: String {
        var lines = [title, "type              P      R      F1     TP    FP    FN"]
        for row in rows {
            let score = row.score
            lines.append(row.label.padding(toLength: 14, withPad: " ", startingAt: 0)
                + [score.precision, score.recall, score.f1].map { format($0) }.joined()
                + [score.truePositives, score.falsePositives, score.falseNegatives].map { pad(String($0), 6) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func format(_ value: Double) -> String {
        let scaled = Int((value * 1000).rounded())
        let text = "\(scaled / 1000).\(String(scaled % 1000).leftPadded(to: 3))"
        return pad(text, 7)
    }

    private func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
