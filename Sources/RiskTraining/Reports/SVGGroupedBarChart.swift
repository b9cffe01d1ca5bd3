/// Grouped horizontal bars: one row per category (a dimension, an indicator), one bar per series in each row
/// (expert vs learned weights).
public struct SVGGroupedBarChart: Sendable {
    /// One series: its name and a value per category, in the categories' order.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double]
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var xTitle: String
    public var categories: [String]
    public var series: [Series]
    public var xFormat: SVGAxis.Format
    public var width: Double

    public init(
        title: String, xTitle: String, categories: [String], series: [Series], xFormat: SVGAxis.Format = .percent,
        width: Double = 720
    ) {
        self.title = title
        self.xTitle = xTitle
        self.categories = categories
        self.series = series
        self.xFormat = xFormat
        self.width = width
    }

    /// Pixels per bar within a category's row.
    static let barHeight = 9.0

    /// The drawing's height: grows with the categories and series.
    public var height: Double {
        let row = Self.barHeight * Double(max(1, series.count)) + 8
        return 36 + row * Double(categories.count) + 66
    }

    /// The chart as an `<svg>` element; a series missing a category's value draws no bar there.
    public func svg(standalone: Bool = false) -> String {
        let labelWidth = categories.map { SVGWriter.textWidth($0, size: 11) }.max() ?? 0
        let frame = SVGChartFrame(width: width, height: height, leftMargin: min(width / 2, labelWidth + 14))
        let highest = series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        let x = SVGAxis(
            lower: 0, upper: max(highest, 1e-9), start: frame.left, end: frame.right, format: xFormat, tickCount: 6)
        var svg = SVGWriter()
        frame.drawTitle(title, into: &svg)
        frame.drawXAxis(x, title: xTitle, into: &svg)
        let row = (frame.bottom - frame.top) / Double(max(1, categories.count))
        for (index, category) in categories.enumerated() {
            let rowTop = frame.top + row * Double(index)
            svg.text(category, x: frame.left - 6, y: rowTop + row / 2 + 4, anchor: .end, size: 11)
            for (s, series) in series.enumerated() where index < series.values.count {
                let value = series.values[index]
                let barTop = rowTop + 4 + Self.barHeight * Double(s)
                svg.rect(
                    x: frame.left, y: barTop, width: x.position(value) - frame.left, height: Self.barHeight - 1,
                    fill: SVGChartFrame.palette[s % SVGChartFrame.palette.count],
                    title: "\(category) · \(series.name): \(x.label(value))")
            }
        }
        svg.line(x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.bottom, stroke: SVGChartFrame.axisColor)
        frame.drawLegend(
            series.enumerated().map {
                .init(name: $1.name, color: SVGChartFrame.palette[$0 % SVGChartFrame.palette.count])
            }, into: &svg)
        return svg.document(width: width, height: height, title: title, standalone: standalone)
    }
}
