import Foundation
import RiskScoring

/// Indicator importance of a trained ensemble, per indicator and per dimension: total split gain, split count
/// and mean |SHAP| over a sample of rows, each also as a share of its total.
public struct ImportanceTable: Codable, Sendable, Equatable {
    /// One indicator's or dimension's importance.
    public struct Row: Codable, Sendable, Equatable {
        /// The indicator's or dimension's name.
        public var name: String
        /// The indicator's dimension; `nil` on a dimension row.
        public var dimension: String?
        /// Sum of split gains.
        public var gain: Double
        /// `gain` over the total gain.
        public var gainShare: Double
        /// Number of splits.
        public var splits: Int
        /// Mean absolute TreeSHAP contribution (log-odds) over the sample.
        public var meanAbsoluteSHAP: Double
        /// `meanAbsoluteSHAP` over the total.
        public var shapShare: Double
    }

    /// Per indicator, in config order.
    public var indicators: [Row]
    /// Per dimension, in config order.
    public var dimensions: [Row]
    /// Rows the SHAP values were averaged over.
    public var sampleRows: Int

    /// The importance of `ensemble`, whose features are `encoding`'s, with SHAP over `sample` (one column per
    /// feature).
    public init(ensemble: TreeEnsemble, encoding: FeatureEncoding, sample: [[Float]], threads: Int) {
        let features = encoding.features
        let rowCount = sample.first?.count ?? 0
        var rowMajor = [Float](repeating: 0, count: rowCount * features.count)
        for (f, column) in sample.enumerated() {
            for (r, value) in column.enumerated() { rowMajor[r * features.count + f] = value }
        }
        let importance = ensemble.importance(rowMajor: rowMajor, threads: threads)
        func share(_ value: Double, _ total: Double) -> Double { total > 0 ? value / total : 0 }
        let totalGain = importance.gain.reduce(0, +)
        let totalSHAP = importance.meanAbsoluteContribution.reduce(0, +)
        indicators = features.indices.map { f in
            Row(
                name: features[f].name, dimension: features[f].dimension, gain: importance.gain[f],
                gainShare: share(importance.gain[f], totalGain), splits: importance.splitCount[f],
                meanAbsoluteSHAP: importance.meanAbsoluteContribution[f],
                shapShare: share(importance.meanAbsoluteContribution[f], totalSHAP))
        }
        var order: [String] = []
        for feature in features where !order.contains(feature.dimension) { order.append(feature.dimension) }
        let indicatorRows = indicators
        dimensions = order.map { dimension in
            let members = indicatorRows.filter { $0.dimension == dimension }
            return Row(
                name: dimension, dimension: nil, gain: members.reduce(0) { $0 + $1.gain },
                gainShare: members.reduce(0) { $0 + $1.gainShare }, splits: members.reduce(0) { $0 + $1.splits },
                meanAbsoluteSHAP: members.reduce(0) { $0 + $1.meanAbsoluteSHAP },
                shapShare: members.reduce(0) { $0 + $1.shapShare })
        }
        sampleRows = rowCount
    }

    /// The table as CSV: indicator rows, then dimension rows (`level` tells them apart).
    public func csv() -> [UInt8] {
        var encoder = CSVRowEncoder()
        encoder.record(["level", "name", "dimension", "gain", "gain_share", "splits", "mean_abs_shap", "shap_share"])
        for (level, rows) in [("indicator", indicators), ("dimension", dimensions)] {
            for row in rows {
                encoder.field(level)
                encoder.field(row.name)
                encoder.field(row.dimension ?? "")
                encoder.field(row.gain, decimals: 6)
                encoder.field(row.gainShare, decimals: 6)
                encoder.field(row.splits)
                encoder.field(row.meanAbsoluteSHAP, decimals: 6)
                encoder.field(row.shapShare, decimals: 6)
                encoder.endRecord()
            }
        }
        return encoder.bytes
    }

    /// The table as Markdown, indicators sorted by SHAP share, then dimensions.
    public func markdown() -> String {
        func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        var lines = [
            "| Indicator | Dimension | SHAP share | Gain share | Splits |", "|---|---|---:|---:|---:|",
        ]
        for row in indicators.sorted(by: { ($0.shapShare, $1.name) > ($1.shapShare, $0.name) }) {
            lines.append(
                "| \(row.name) | \(row.dimension ?? "") | \(percent(row.shapShare)) | \(percent(row.gainShare)) | \(row.splits) |"
            )
        }
        lines += ["", "| Dimension | SHAP share | Gain share | Splits |", "|---|---:|---:|---:|"]
        for row in dimensions {
            lines.append("| \(row.name) | \(percent(row.shapShare)) | \(percent(row.gainShare)) | \(row.splits) |")
        }
        return lines.joined(separator: "\n") + "\n\nSHAP over \(sampleRows) rows.\n"
    }
}
