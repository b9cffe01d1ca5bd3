/// A line chart of one or more series (ROC, gains), optionally with the diagonal `y = x` a random ordering gives.
public struct SVGLineChart: Sendable {
    /// One series of points, drawn in order.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var points: [SVGPoint]
        public init(name: String, points: [SVGPoint]) {
            self.name = name
            self.points = points
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var series: [Series]
    /// The legend name of the diagonal from (0, 0) to (1, 1); nil draws none.
    public var diagonal: String?
    /// The axes' domains; nil fits the data.
    public var xDomain: ClosedRange<Double>?
    public var yDomain: ClosedRange<Double>?
    public var xFormat: SVGAxis.Format
    public var yFormat: SVGAxis.Format
    public var width: Double
    public var height: Double

    /// A line chart; both axes default to [0, 1] in percent, which suits ROC and gains curves.
    public init(
        title: String, xTitle: String, yTitle: String, series: [Series], diagonal: String? = nil,
        xDomain: ClosedRange<Double>? = 0...1, yDomain: ClosedRange<Double>? = 0...1,
        xFormat: SVGAxis.Format = .percent, yFormat: SVGAxis.Format = .percent, width: Double = 480,
        height: Double = 420
    ) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.diagonal = diagonal
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.xFormat = xFormat
        self.yFormat = yFormat
        self.width = width
        self.height = height
    }

    /// The chart's axes in `frame`.
    func axes(_ frame: SVGChartFrame) -> (x: SVGAxis, y: SVGAxis) {
        let points = series.flatMap(\.points)
        let xs = xDomain ?? ((points.map(\.x).min() ?? 0)...(points.map(\.x).max() ?? 1))
        let ys = yDomain ?? ((points.map(\.y).min() ?? 0)...(points.map(\.y).max() ?? 1))
        return (
            SVGAxis(
                lower: xs.lowerBound, upper: xs.upperBound, start: frame.left, end: frame.right, format: xFormat),
            SVGAxis(
                lower: ys.lowerBound, upper: ys.upperBound, start: frame.bottom, end: frame.top, format: yFormat)
        )
    }

    /// The chart as an `<svg>` element.
    public func svg(standalone: Bool = false) -> String {
        let frame = SVGChartFrame(width: width, height: height)
        let (x, y) = axes(frame)
        var svg = SVGWriter()
        frame.drawTitle(title, into: &svg)
        frame.drawXAxis(x, title: xTitle, into: &svg)
        frame.drawYAxis(y, title: yTitle, into: &svg)
        var legend: [SVGChartFrame.LegendEntry] = []
        if let diagonal {
            let low = max(x.lower, y.lower), high = min(x.upper, y.upper)
            svg.line(
                x1: x.position(low), y1: y.position(low), x2: x.position(high), y2: y.position(high),
                stroke: "#999", width: 1.5, dashed: true)
            legend.append(.init(name: diagonal, color: "#999", dashed: true))
        }
        for (index, series) in series.enumerated() {
            let color = SVGChartFrame.palette[index % SVGChartFrame.palette.count]
            svg.polyline(series.points.map { (x.position($0.x), y.position($0.y)) }, stroke: color)
            legend.insert(.init(name: series.name, color: color), at: index)
        }
        frame.drawLegend(legend, into: &svg)
        return svg.document(width: width, height: height, title: title, standalone: standalone)
    }
}

/// A point of a chart, in data units.
public struct SVGPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
