/// One line of the `make bench` table.
struct BenchmarkRow: Sendable {
    var section: String
    var metric: String
    var value: String
    var unit: String

    init(_ section: String, _ metric: String, _ value: String, _ unit: String = "") {
        self.section = section
        self.metric = metric
        self.value = value
        self.unit = unit
    }

    /// Renders rows as an aligned plain-text table.
    static func table(_ rows: [BenchmarkRow]) -> String {
        let header = BenchmarkRow("section", "metric", "value", "unit")
        let all = [header] + rows
        let widths = [\BenchmarkRow.section, \.metric, \.value].map { path in all.map { $0[keyPath: path].count }.max() ?? 0 }
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, width - text.count))
            return right ? space + text : text + space
        }
        var lines: [String] = []
        for (index, row) in all.enumerated() {
            lines.append("\(pad(row.section, widths[0]))  \(pad(row.metric, widths[1]))  \(pad(row.value, widths[2], right: true))  \(row.unit)")
            if index == 0 { lines.append(String(repeating: "-", count: widths.reduce(6, +) + 4)) }
        }
        return lines.joined(separator: "\n")
    }
}
