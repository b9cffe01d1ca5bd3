import Foundation

/// A heat map of a matrix (a grade migration matrix: rows the grade before, columns the grade after), each cell
/// shaded by its value's share of the largest and labelled with its text.
///
/// ```
/// shade(v) = v / max(values)    (white at 0, the full colour at the largest value)
/// ```
public struct SVGHeatMap: Sendable {
    public var title: String
    /// Row labels (top to bottom) and column labels (left to right).
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// The axis titles: what the rows and the columns are.
    public var rowTitle: String
    public var columnTitle: String
    /// `values[row][column]`, finite and ≥ 0 (negative values shade as 0).
    public var values: [[Double]]
    /// Each cell's text (`values` as integers when nil).
    public var cellText: [[String]]?
    /// The legend name of the colour scale.
    public var scaleName: String
    public var cellSize: Double

    public init(
        title: String, rowLabels: [String], columnLabels: [String], rowTitle: String, columnTitle: String,
        values: [[Double]], cellText: [[String]]? = nil, scaleName: String, cellSize: Double = 64
    ) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.values = values
        self.cellText = cellText
        self.scaleName = scaleName
        self.cellSize = cellSize
    }

    /// The base colour's channels (#0072B2).
    static let base = (red: 0.0, green: 114.0, blue: 178.0)

    /// The fill of a cell at `share` of the largest value: a blend of white and the base colour.
    public static func fill(share: Double) -> String {
        let t = min(max(share.isFinite ? share : 0, 0), 1)
        func channel(_ c: Double) -> Int { Int((255 - (255 - c) * t).rounded()) }
        return String(format: "#%02x%02x%02x", channel(base.red), channel(base.green), channel(base.blue))
    }

    /// The chart as an `<svg>` element.
    public func svg(standalone: Bool = false) -> String {
        let labelWidth = rowLabels.map { SVGWriter.textWidth($0) }.max() ?? 0
        let left = 40 + labelWidth + 10, top = 64.0
        let width = left + cellSize * Double(columnLabels.count) + 20
        let height = top + cellSize * Double(rowLabels.count) + 48
        let largest = values.joined().filter(\.isFinite).max() ?? 0
        var svg = SVGWriter()
        svg.text(title, x: 10, y: 20, size: 14, fill: "#111", bold: true)
        svg.text(
            columnTitle, x: left + cellSize * Double(columnLabels.count) / 2, y: 40, anchor: .middle, size: 12)
        svg.text(
            rowTitle, x: 16, y: top + cellSize * Double(rowLabels.count) / 2, anchor: .middle, size: 12, rotate: -90)
        for (c, label) in columnLabels.enumerated() {
            svg.text(label, x: left + cellSize * (Double(c) + 0.5), y: top - 8, anchor: .middle, size: 12)
        }
        for (r, label) in rowLabels.enumerated() {
            let y = top + cellSize * Double(r)
            svg.text(label, x: left - 8, y: y + cellSize / 2 + 4, anchor: .end, size: 12)
            for c in columnLabels.indices {
                let value = r < values.count && c < values[r].count ? values[r][c] : 0
                let share = largest > 0 ? max(0, value) / largest : 0
                let text =
                    cellText.flatMap { r < $0.count && c < $0[r].count ? $0[r][c] : nil }
                    ?? String(format: "%.0f", value)
                let x = left + cellSize * Double(c)
                svg.rect(
                    x: x, y: y, width: cellSize, height: cellSize, fill: Self.fill(share: share), stroke: "#fff",
                    title: "\(label) → \(columnLabels[c]): \(text)")
                svg.text(
                    text, x: x + cellSize / 2, y: y + cellSize / 2 + 4, anchor: .middle, size: 11,
                    fill: share > 0.55 ? "#fff" : "#222")
            }
        }
        // The colour scale: five swatches from 0 to the largest value.
        let legendY = height - 20
        svg.text(scaleName, x: left, y: legendY + 4, anchor: .end, size: 11)
        for step in 0...4 {
            let share = Double(step) / 4
            svg.rect(
                x: left + 6 + Double(step) * 34, y: legendY - 7, width: 34, height: 12, fill: Self.fill(share: share),
                stroke: "#ccc")
        }
        svg.text("0", x: left + 6, y: legendY + 18, anchor: .middle, size: 10)
        svg.text(
            String(format: "%.0f", largest), x: left + 6 + 5 * 34, y: legendY + 18, anchor: .middle, size: 10)
        return svg.document(width: width, height: height + 8, title: title, standalone: standalone)
    }
}

extension SVGHeatMap {
    /// The heat map of a grade migration matrix: rows the grade under the first model, columns under the second
    /// (A, B, C, D, then `excluded`), each cell shaded by its count and labelled with the count and its row share.
    public init(
        migration: GradeMigration, title: String, rowTitle: String, columnTitle: String,
        excluded: String = "excluded", scaleName: String = "enterprises"
    ) {
        let labels = GradeMigration.categories.map { $0?.rawValue ?? excluded }
        let text = migration.counts.indices.map { from in
            migration.counts[from].indices.map { to in
                String(format: "%.0f · %.0f%%", migration.counts[from][to], 100 * migration.rowShares[from][to])
            }
        }
        self.init(
            title: title, rowLabels: labels, columnLabels: labels, rowTitle: rowTitle, columnTitle: columnTitle,
            values: migration.counts, cellText: text, scaleName: scaleName)
    }
}
