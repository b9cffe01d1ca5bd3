/// A reliability (calibration) plot: mean predicted probability against the observed rate per bin, with each
/// observed rate's interval and the diagonal of perfect calibration, on equal axes.
public struct SVGReliabilityChart: Sendable {
    /// One bin.
    public struct Bin: Sendable, Equatable {
        public var predicted: Double
        public var observed: Double
        public var lower: Double
        public var upper: Double
        /// Rows in the bin (shown in the point's tooltip).
        public var count: Double
        public init(predicted: Double, observed: Double, lower: Double, upper: Double, count: Double) {
            self.predicted = predicted
            self.observed = observed
            self.lower = lower
            self.upper = upper
            self.count = count
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var bins: [Bin]
    /// Legend names: the observed points, their intervals, the diagonal.
    public var observedName: String
    public var intervalName: String
    public var diagonalName: String
    public var width: Double
    public var height: Double

    public init(
        title: String, xTitle: String, yTitle: String, bins: [Bin], observedName: String, intervalName: String,
        diagonalName: String, width: Double = 480, height: Double = 420
    ) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.bins = bins
        self.observedName = observedName
        self.intervalName = intervalName
        self.diagonalName = diagonalName
        self.width = width
        self.height = height
    }

    /// The chart as an `<svg>` element; both axes run from 0 to the largest prediction or interval end.
    public func svg(standalone: Bool = false) -> String {
        let frame = SVGChartFrame(width: width, height: height)
        let highest = bins.map { max($0.predicted, $0.upper) }.max() ?? 1
        let x = SVGAxis(
            lower: 0, upper: min(1, max(highest, 0.01)), start: frame.left, end: frame.right, format: .percent)
        let y = SVGAxis(lower: 0, upper: x.upper, start: frame.bottom, end: frame.top, format: .percent)
        var svg = SVGWriter()
        frame.drawTitle(title, into: &svg)
        frame.drawXAxis(x, title: xTitle, into: &svg)
        frame.drawYAxis(y, title: yTitle, into: &svg)
        svg.line(
            x1: x.position(0), y1: y.position(0), x2: x.position(x.upper), y2: y.position(x.upper), stroke: "#999",
            width: 1.5, dashed: true)
        let color = SVGChartFrame.palette[1]
        svg.polyline(bins.map { (x.position($0.predicted), y.position($0.observed)) }, stroke: color, width: 1)
        for bin in bins {
            let px = x.position(bin.predicted)
            svg.line(x1: px, y1: y.position(bin.lower), x2: px, y2: y.position(bin.upper), stroke: "#222", width: 1.5)
            svg.circle(
                x: px, y: y.position(bin.observed), radius: 4, fill: color,
                title: "\(SVGWriter.number(bin.count)): \(SVGWriter.number(100 * bin.predicted))% → "
                    + "\(SVGWriter.number(100 * bin.observed))%")
        }
        frame.drawLegend(
            [
                .init(name: observedName, color: color), .init(name: intervalName, color: "#222"),
                .init(name: diagonalName, color: "#999", dashed: true),
            ], into: &svg)
        return svg.document(width: width, height: height, title: title, standalone: standalone)
    }
}
