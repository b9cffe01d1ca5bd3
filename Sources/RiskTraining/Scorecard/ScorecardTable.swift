import Foundation
import RiskScoring

/// The scorecard table a run writes (`scorecard.csv`, `scorecard.md`): one row per indicator and bin, with
/// its range, training count and weight, weighted event rate, WOE, IV, 0-100 risk score and points.
///
/// Points are the logistic scorecard's points of the bin, or, for the weighted scorecard, the bin's share of
/// the 0-1000 score (`10 · weight · risk score`).
public struct ScorecardTable: Sendable, Equatable {
    /// One bin of one indicator.
    public struct Row: Sendable, Equatable {
        /// The indicator's name.
        public var indicator: String
        /// The bin's index (the missing bin last).
        public var bin: Int
        /// `(-inf, 3]`, `(3, 7]`, `> 7`, the categories (`A, B`), or `missing`.
        public var range: String
        /// Training rows in the bin.
        public var count: Int
        /// Their training weight.
        public var weight: Double
        /// Weighted hits over weight; NaN (written empty) for a bin without training rows.
        public var eventRate: Double
        /// The bin's weight of evidence.
        public var woe: Double
        /// The bin's part of the indicator's information value.
        public var iv: Double
        /// The bin's 0-100 risk score (``IndicatorBinning/riskScores``).
        public var riskScore: Double
        /// The bin's points (see the type's summary).
        public var points: Double
    }

    /// The rows, indicators in feature order, bins in order.
    public var rows: [Row]

    /// The table of a run's binnings and body.
    public init(binnings: [IndicatorBinning], encoding: FeatureEncoding, body: ModelBody) {
        var rows: [Row] = []
        for (f, binning) in binnings.enumerated() {
            let feature = encoding.features[f]
            let risk = binning.riskScores
            let rates = binning.eventRates
            for b in 0..<binning.bins.binCount {
                let points: Double
                switch body {
                case .scorecard(let card): points = card.indicators[f].points[b]
                case .weighted(let card): points = 10 * card.indicators[f].weight * card.indicators[f].riskScores[b]
                default: points = 0
                }
                rows.append(
                    Row(
                        indicator: feature.name, bin: b,
                        range: Self.range(of: b, in: binning.bins, vocabulary: feature.vocabulary),
                        count: binning.counts[b], weight: binning.weights[b], eventRate: rates[b],
                        woe: binning.woe[b], iv: binning.informationValues[b], riskScore: risk[b], points: points))
            }
        }
        self.rows = rows
    }

    /// A bin's range as text.
    static func range(of bin: Int, in bins: IndicatorBins, vocabulary: [String]) -> String {
        if bin == bins.missingBin { return "missing" }
        switch bins.split {
        case .edges(let edges):
            if edges.isEmpty { return "all values" }
            if bin == 0 { return "(-inf, \(edges[0])]" }
            if bin == edges.count { return "> \(edges[bin - 1])" }
            return "(\(edges[bin - 1]), \(edges[bin])]"
        case .categories(let categories):
            return categories[bin].map { vocabulary.indices.contains($0) ? vocabulary[$0] : "\($0)" }
                .joined(separator: ", ")
        }
    }

    /// The table as CSV.
    public func csv() -> [UInt8] {
        var encoder = CSVRowEncoder()
        encoder.record([
            "indicator", "bin", "range", "count", "weight", "event_rate", "woe", "iv", "risk_score", "points",
        ])
        for row in rows {
            encoder.field(row.indicator)
            encoder.field(row.bin)
            encoder.field(row.range)
            encoder.field(row.count)
            encoder.field(row.weight, decimals: 6)
            if row.eventRate.isNaN { encoder.field("") } else { encoder.field(row.eventRate, decimals: 6) }
            encoder.field(row.woe, decimals: 6)
            encoder.field(row.iv, decimals: 6)
            encoder.field(row.riskScore, decimals: 4)
            encoder.field(row.points, decimals: 4)
            encoder.endRecord()
        }
        return encoder.bytes
    }

    /// The table as Markdown.
    public func markdown() -> String {
        var lines = [
            "| Indicator | Bin | Range | Count | Event rate | WOE | IV | Risk score | Points |",
            "|---|---:|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows {
            let rate = row.eventRate.isNaN ? "" : String(format: "%.4f", row.eventRate)
            lines.append(
                "| \(row.indicator) | \(row.bin) | \(row.range.replacingOccurrences(of: "|", with: "\\|")) | \(row.count) | "
                    + "\(rate) | \(String(format: "%.4f", row.woe)) | \(String(format: "%.4f", row.iv)) | "
                    + "\(String(format: "%.1f", row.riskScore)) | \(String(format: "%.2f", row.points)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
