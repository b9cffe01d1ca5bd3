import RiskScoring
import Testing

@testable import RiskTraining

@Suite("SVG charts: escaping, fixed numbers, axes, known coordinates, element counts, determinism")
struct SVGChartTests {
    @Test("text and attributes are XML-escaped; numbers have one fixed format")
    func escapingAndNumbers() {
        #expect(SVGWriter.escape("A<B & \"C\" 'D'>") == "A&lt;B &amp; &quot;C&quot; &#39;D&#39;&gt;")
        #expect(SVGWriter.escape("风险 <script>") == "风险 &lt;script&gt;")
        #expect(SVGWriter.number(12.5) == "12.5" && SVGWriter.number(3) == "3")
        #expect(SVGWriter.number(1.0 / 3) == "0.33" && SVGWriter.number(-0.001) == "0")
        #expect(SVGWriter.number(.nan) == "0" && SVGWriter.number(-2.25) == "-2.25")
        var svg = SVGWriter()
        svg.text("x < y & \"z\"", x: 1, y: 2)
        svg.rect(x: 0, y: 0, width: 1, height: 1, fill: "#fff", title: "a>b")
        #expect(svg.body.contains(">x &lt; y &amp; &quot;z&quot;</text>"))
        #expect(svg.body.contains("<title>a&gt;b</title>"))
        #expect(!svg.body.contains("x < y"))
    }

    @Test("axes: nice ticks, positions and labels")
    func axes() {
        let x = SVGAxis(lower: 0, upper: 1, start: 0, end: 100, format: .percent)
        #expect(x.ticks.count == 6 && x.ticks.first == 0 && abs((x.ticks.last ?? 0) - 1) < 1e-12)
        #expect(x.position(0.5) == 50 && x.position(2) == 100)
        #expect(x.label(0.2) == "20%")
        let y = SVGAxis(lower: 0, upper: 0.23, start: 300, end: 0, format: .percent)
        #expect(y.upper == 0.25 && y.ticks.count == 6 && y.label(y.ticks[1]) == "5%")
        #expect(y.position(0) == 300 && y.position(0.25) == 0)
        #expect(SVGAxis.niceStep(0.23) == 0.5 && SVGAxis.niceStep(3) == 5 && SVGAxis.niceStep(0.001) == 0.001)
        let n = SVGAxis(lower: 0, upper: 3.4, start: 0, end: 1, format: .number)
        #expect(n.upper == 4 && n.label(1) == "1")
    }

    @Test("a line chart puts a known point at its pixel, draws the diagonal, and is byte-identical when redrawn")
    func lineChart() {
        let chart = SVGLineChart(
            title: "ROC <test>", xTitle: "FPR", yTitle: "TPR",
            series: [.init(name: "model", points: [.init(x: 0, y: 0), .init(x: 0.5, y: 0.8), .init(x: 1, y: 1)])],
            diagonal: "random")
        let svg = chart.svg()
        // Frame 480 × 420: plot x from 64 to 460, y from 354 (bottom) to 36 (top).
        // x(0.5) = 64 + 0.5·396 = 262, y(0.8) = 354 − 0.8·318 = 99.6.
        #expect(svg.contains("points=\"64,354 262,99.6 460,36\""))
        #expect(MarkupChecker.count("<polyline", in: svg) == 1)
        #expect(svg.contains("<line x1=\"64\" y1=\"354\" x2=\"460\" y2=\"36\" stroke=\"#999\" stroke-width=\"1.5\""))
        #expect(svg.contains("<title>ROC &lt;test&gt;</title>") && !svg.contains("<test>"))
        // Six ticks per axis: six labels each, and the two axis titles and the legend.
        #expect(svg.contains(">20%</text>") && svg.contains(">FPR</text>") && svg.contains(">random</text>"))
        #expect(MarkupChecker.balanced(svg).ok)
        #expect(svg == chart.svg())
        #expect(!svg.contains("http") && chart.svg(standalone: true).contains("xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test("interval bars: one bar and three lines of error bar per interval, a reference line")
    func intervalBars() {
        let bars = [0.05, 0.1, 0.2, 0.5].enumerated().map { index, rate in
            SVGIntervalBarChart.Bar(
                label: ["A", "B", "C", "D"][index], value: rate, lower: rate / 2, upper: rate * 1.2,
                caption: "\(rate)")
        }
        let chart = SVGIntervalBarChart(
            title: "t", xTitle: "Grade", yTitle: "Rate", bars: bars, barName: "rate", intervalName: "Wilson",
            reference: ("overall", 0.1))
        let svg = chart.svg()
        // 4 bars + 2 legend swatches; y axis 0 … 0.8 (0.5·1.2·1.08 = 0.648, in steps of 0.2).
        #expect(MarkupChecker.count("<rect", in: svg) == 6)
        #expect(MarkupChecker.count("stroke=\"#222\" stroke-width=\"1.5\"", in: svg) == 12)
        #expect(MarkupChecker.count("stroke-dasharray", in: svg) == 2)
        // Bar D's top: value 0.5 on an axis 0 … 0.8 from 294 to 36: 294 − 0.5/0.8·258 = 132.75.
        #expect(svg.contains("<rect x=\"380.8\" y=\"132.75\" width=\"59.4\" height=\"161.25\""))
        #expect(MarkupChecker.balanced(svg).ok && svg == chart.svg())
    }

    @Test("grouped bars, the reliability plot and the heat map draw one mark per value")
    func otherCharts() {
        let grouped = SVGGroupedBarChart(
            title: "weights", xTitle: "weight", categories: ["basic", "supervision & co", "社会评价"],
            series: [.init(name: "expert", values: [0.2, 0.5, 0.3]), .init(name: "learned", values: [0.4, 0.4, 0.2])])
        let groupedSVG = grouped.svg()
        #expect(MarkupChecker.count("<rect", in: groupedSVG) == 8)
        #expect(groupedSVG.contains(">supervision &amp; co</text>") && groupedSVG.contains(">社会评价</text>"))
        #expect(MarkupChecker.balanced(groupedSVG).ok)

        let reliability = SVGReliabilityChart(
            title: "calibration", xTitle: "predicted", yTitle: "observed",
            bins: [
                .init(predicted: 0.05, observed: 0.04, lower: 0.02, upper: 0.07, count: 100),
                .init(predicted: 0.15, observed: 0.2, lower: 0.1, upper: 0.3, count: 20),
            ], observedName: "observed", intervalName: "Wilson", diagonalName: "diagonal")
        let reliabilitySVG = reliability.svg()
        #expect(MarkupChecker.count("<circle", in: reliabilitySVG) == 2)
        #expect(MarkupChecker.balanced(reliabilitySVG).ok)

        let counts: [[Double]] = (0..<5).map { r in (0..<5).map { c in r == c ? 100 : Double(r + c) } }
        let heat = SVGHeatMap(
            title: "migration", rowLabels: ["A", "B", "C", "D", "excluded"],
            columnLabels: ["A", "B", "C", "D", "excluded"],
            rowTitle: "champion", columnTitle: "challenger", values: counts, scaleName: "enterprises")
        let heatSVG = heat.svg()
        // 25 cells and 5 swatches of the colour scale; the largest cells in the full colour, 0 in white.
        #expect(MarkupChecker.count("<rect", in: heatSVG) == 30)
        #expect(SVGHeatMap.fill(share: 1) == "#0072b2" && SVGHeatMap.fill(share: 0) == "#ffffff")
        #expect(MarkupChecker.count("fill=\"#0072b2\"", in: heatSVG) == 5 + 1)
        #expect(heatSVG.contains("<title>B → C: 3</title>") && heatSVG.contains(">100</text>"))
        #expect(MarkupChecker.balanced(heatSVG).ok && heatSVG == heat.svg())
    }

    @Test("a migration matrix's heat map labels each cell with its count and row share")
    func migrationHeatMap() throws {
        let before: [Grade?] = [.a, .a, .a, .b, .d, nil]
        let after: [Grade?] = [.a, .a, .b, .b, .c, nil]
        let migration = try GradeMigration(before: before, after: after)
        let svg = SVGHeatMap(migration: migration, title: "迁移", rowTitle: "champion", columnTitle: "challenger").svg()
        #expect(MarkupChecker.count("<rect", in: svg) == 30)
        #expect(svg.contains("<title>A → A: 2 · 67%</title>") && svg.contains("<title>A → B: 1 · 33%</title>"))
        #expect(svg.contains("<title>excluded → excluded: 1 · 100%</title>"))
        #expect(svg.contains("<title>C → C: 0 · 0%</title>"))
        #expect(MarkupChecker.balanced(svg).ok)
    }
}
