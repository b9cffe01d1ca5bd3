import Foundation

/// The frame every chart shares: the title, a plot area with axes, grid lines, tick labels and axis titles, and a
/// legend row under the x axis.
///
/// ```
/// ┌ title ─────────────────────────────┐
/// │ y ticks │ plot area (grid lines)    │
/// │         └──── x ticks ──────────────│
/// │              x axis title           │
/// │ ■ legend  ■ legend                  │
/// └─────────────────────────────────────┘
/// ```
public struct SVGChartFrame: Sendable {
    /// The whole drawing's size.
    public var width: Double
    public var height: Double
    /// The plot area.
    public var left: Double
    public var top: Double
    public var right: Double
    public var bottom: Double

    /// The palette charts draw series with, in order (colour-blind safe, after Okabe and Ito).
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    /// The colour of grid lines, axes and reference lines.
    public static let gridColor = "#e3e3e3"
    public static let axisColor = "#666"

    /// A frame of `width × height` whose plot area leaves `leftMargin` for tick labels and room for the title,
    /// the x axis and a legend row.
    public init(width: Double, height: Double, leftMargin: Double = 64, legend: Bool = true) {
        self.width = width
        self.height = height
        left = leftMargin
        top = 36
        right = width - 20
        bottom = height - (legend ? 66 : 44)
    }

    /// One entry of a legend.
    public struct LegendEntry: Sendable, Equatable {
        public var name: String
        public var color: String
        /// Drawn as a dashed line rather than a filled square.
        public var dashed: Bool
        public init(name: String, color: String, dashed: Bool = false) {
            self.name = name
            self.color = color
            self.dashed = dashed
        }
    }

    /// Draws the title.
    public func drawTitle(_ title: String, into svg: inout SVGWriter) {
        svg.text(title, x: left, y: 20, size: 14, fill: "#111", bold: true)
    }

    /// Draws the vertical grid lines and tick labels of `x` along the bottom, and its title.
    public func drawXAxis(_ x: SVGAxis, title: String, into svg: inout SVGWriter) {
        for tick in x.ticks {
            let px = x.position(tick)
            svg.line(x1: px, y1: top, x2: px, y2: bottom, stroke: Self.gridColor)
            svg.text(x.label(tick), x: px, y: bottom + 16, anchor: .middle, size: 11, fill: "#555")
        }
        svg.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: Self.axisColor)
        svg.text(title, x: (left + right) / 2, y: bottom + 34, anchor: .middle, size: 12)
    }

    /// Draws the horizontal grid lines and tick labels of `y` along the left, and its title (rotated).
    public func drawYAxis(_ y: SVGAxis, title: String, into svg: inout SVGWriter) {
        for tick in y.ticks {
            let py = y.position(tick)
            svg.line(x1: left, y1: py, x2: right, y2: py, stroke: Self.gridColor)
            svg.text(y.label(tick), x: left - 6, y: py + 4, anchor: .end, size: 11, fill: "#555")
        }
        svg.line(x1: left, y1: top, x2: left, y2: bottom, stroke: Self.axisColor)
        svg.text(title, x: 14, y: (top + bottom) / 2, anchor: .middle, size: 12, rotate: -90)
    }

    /// Draws the legend entries in a row under the x axis title.
    public func drawLegend(_ entries: [LegendEntry], into svg: inout SVGWriter) {
        var x = left
        let y = height - 16
        for entry in entries {
            if entry.dashed {
                svg.line(x1: x, y1: y - 4, x2: x + 18, y2: y - 4, stroke: entry.color, width: 2, dashed: true)
            } else {
                svg.rect(x: x, y: y - 10, width: 18, height: 10, fill: entry.color)
            }
            svg.text(entry.name, x: x + 24, y: y, size: 12)
            x += 24 + SVGWriter.textWidth(entry.name) + 18
        }
    }
}
