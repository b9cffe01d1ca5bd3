/// Vertical bars with interval error bars (discovery rate by grade with Wilson 95% intervals, lift by decile),
/// and an optional dashed reference line (the overall rate).
public struct SVGIntervalBarChart: Sendable {
    /// One bar: its category label, its value and, optionally, an interval drawn as an error bar.
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double
        public var lower: Double?
        public var upper: Double?
        /// The text written above the bar (e.g. `12.3%`); nil writes none.
        public var caption: String?
        public init(label: String, value: Double, lower: Double? = nil, upper: Double? = nil, caption: String? = nil) {
            self.label = label
            self.value = value
            self.lower = lower
            self.upper = upper
            self.caption = caption
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var bars: [Bar]
    /// The legend names of the bars and of their intervals.
    public var barName: String
    public var intervalName: String?
    /// A horizontal reference line and its legend name.
    public var reference: (name: String, value: Double)?
    public var yFormat: SVGAxis.Format
    public var width: Double
    public var height: Double

    /// A bar chart whose y axis starts at 0 and reaches the highest bar or interval.
    public init(
        title: String, xTitle: String, yTitle: String, bars: [Bar], barName: String, intervalName: String? = nil,
        reference: (name: String, value: Double)? = nil, yFormat: SVGAxis.Format = .percent, width: Double = 480,
        height: Double = 360
    ) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.bars = bars
        self.barName = barName
        self.intervalName = intervalName
        self.reference = reference
        self.yFormat = yFormat
        self.width = width
        self.height = height
    }

    /// The chart as an `<svg>` element.
    public func svg(standalone: Bool = false) -> String {
        let frame = SVGChartFrame(width: width, height: height)
        let highest = bars.map { max($0.value, $0.upper ?? 0) }.max() ?? 0
        let y = SVGAxis(
            lower: 0, upper: max(highest * 1.08, reference?.value ?? 0, 1e-9), start: frame.bottom, end: frame.top,
            format: yFormat)
        var svg = SVGWriter()
        frame.drawTitle(title, into: &svg)
        frame.drawYAxis(y, title: yTitle, into: &svg)
        let slot = (frame.right - frame.left) / Double(max(1, bars.count))
        let barColor = SVGChartFrame.palette[0]
        for (index, bar) in bars.enumerated() {
            let center = frame.left + slot * (Double(index) + 0.5)
            let top = y.position(bar.value)
            svg.rect(
                x: center - slot * 0.3, y: top, width: slot * 0.6, height: frame.bottom - top, fill: barColor,
                title: bar.label + ": " + (bar.caption ?? SVGWriter.number(bar.value)))
            if let lower = bar.lower, let upper = bar.upper {
                let low = y.position(lower), high = y.position(upper)
                svg.line(x1: center, y1: low, x2: center, y2: high, stroke: "#222", width: 1.5)
                svg.line(x1: center - 6, y1: low, x2: center + 6, y2: low, stroke: "#222", width: 1.5)
                svg.line(x1: center - 6, y1: high, x2: center + 6, y2: high, stroke: "#222", width: 1.5)
            }
            if let caption = bar.caption {
                let above = min(top, bar.upper.map(y.position) ?? top) - 5
                svg.text(
                    caption, x: center + (bar.upper == nil ? 0 : 8), y: above,
                    anchor: bar.upper == nil ? .middle : .start, size: 11)
            }
            svg.text(bar.label, x: center, y: frame.bottom + 16, anchor: .middle, size: 12)
        }
        svg.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, stroke: SVGChartFrame.axisColor)
        svg.text(xTitle, x: (frame.left + frame.right) / 2, y: frame.bottom + 34, anchor: .middle, size: 12)
        var legend = [SVGChartFrame.LegendEntry(name: barName, color: barColor)]
        if let intervalName { legend.append(.init(name: intervalName, color: "#222")) }
        if let reference {
            let py = y.position(reference.value)
            svg.line(
                x1: frame.left, y1: py, x2: frame.right, y2: py, stroke: SVGChartFrame.palette[1], width: 1.5,
                dashed: true)
            legend.append(.init(name: reference.name, color: SVGChartFrame.palette[1], dashed: true))
        }
        frame.drawLegend(legend, into: &svg)
        return svg.document(width: width, height: height, title: title, standalone: standalone)
    }
}
