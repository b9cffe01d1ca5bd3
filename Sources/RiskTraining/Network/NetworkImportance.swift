import Foundation
import RiskScoring

/// Indicator importance of a trained network, per indicator and per dimension: mean |integrated gradients|
/// (log-odds, from the training-mean baseline) over a sample of rows, and its share of the total.
///
/// ``indicatorShares`` is the network's column of learned indicator weights (the weights table's
/// `learned_network` source): one share per indicator in config order, summing to 1.
public struct NetworkImportance: Codable, Sendable, Equatable {
    /// One indicator's or dimension's importance.
    public struct Row: Codable, Sendable, Equatable {
        /// The indicator's or dimension's name.
        public var name: String
        /// The indicator's dimension; `nil` on a dimension row.
        public var dimension: String?
        /// Mean absolute integrated gradient over the sample.
        public var meanAbsoluteAttribution: Double
        /// `meanAbsoluteAttribution` over the total.
        public var share: Double
    }

    /// Per indicator, in config order.
    public var indicators: [Row]
    /// Per dimension, in config order.
    public var dimensions: [Row]
    /// Rows the attributions were averaged over.
    public var sampleRows: Int
    /// Integration steps per row.
    public var steps: Int

    /// The learned weights: per indicator (config order), its share of mean |integrated gradients|.
    public var indicatorShares: [Double] { indicators.map(\.share) }

    /// The importance of `network`, whose features are `encoding`'s, over `sample` (one column per feature).
    public init(network: NeuralNetwork, encoding: FeatureEncoding, sample: [[Float]], steps: Int = 32, threads: Int) {
        let features = encoding.features
        let means = Self.meanAbsoluteIntegratedGradients(
            network: network, sample: sample, steps: steps, threads: threads)
        let total = means.reduce(0, +)
        indicators = features.indices.map { f in
            Row(
                name: features[f].name, dimension: features[f].dimension, meanAbsoluteAttribution: means[f],
                share: total > 0 ? means[f] / total : 0)
        }
        var order: [String] = []
        for feature in features where !order.contains(feature.dimension) { order.append(feature.dimension) }
        let indicatorRows = indicators
        dimensions = order.map { dimension in
            let members = indicatorRows.filter { $0.dimension == dimension }
            return Row(
                name: dimension, dimension: nil,
                meanAbsoluteAttribution: members.reduce(0) { $0 + $1.meanAbsoluteAttribution },
                share: members.reduce(0) { $0 + $1.share })
        }
        sampleRows = sample.first?.count ?? 0
        self.steps = steps
    }

    /// Per feature, the mean over the sample rows (one column per feature) of |integrated gradients|
    /// (``NeuralNetwork/integratedGradients(_:steps:)``). Rows are split into fixed blocks whose sums are
    /// added in block order, so the result does not depend on `threads`.
    ///
    /// - Complexity: O(rows × steps × Σ inputs × outputs).
    public static func meanAbsoluteIntegratedGradients(
        network: NeuralNetwork, sample: [[Float]], steps: Int = 32, threads: Int
    ) -> [Double] {
        let features = network.featureCount
        let rows = sample.first?.count ?? 0
        guard rows > 0 else { return [Double](repeating: 0, count: features) }
        let blockSize = 64
        let blocks = (rows + blockSize - 1) / blockSize
        let sums = Parallel.map(blocks, threads: threads) { block in
            var sum = [Double](repeating: 0, count: features)
            for r in (block * blockSize)..<min(rows, (block + 1) * blockSize) {
                let row = sample.map { $0[r] }
                let attribution = network.integratedGradients(row, steps: steps)
                for f in 0..<features { sum[f] += abs(attribution.contributions[f]) }
            }
            return sum
        }
        var total = [Double](repeating: 0, count: features)
        for sum in sums {
            for f in 0..<features { total[f] += sum[f] }
        }
        return total.map { $0 / Double(rows) }
    }

    /// The table as CSV: indicator rows, then dimension rows (`level` tells them apart).
    public func csv() -> [UInt8] {
        var encoder = CSVRowEncoder()
        encoder.record(["level", "name", "dimension", "mean_abs_integrated_gradients", "share"])
        for (level, rows) in [("indicator", indicators), ("dimension", dimensions)] {
            for row in rows {
                encoder.field(level)
                encoder.field(row.name)
                encoder.field(row.dimension ?? "")
                encoder.field(row.meanAbsoluteAttribution, decimals: 6)
                encoder.field(row.share, decimals: 6)
                encoder.endRecord()
            }
        }
        return encoder.bytes
    }

    /// The table as Markdown, indicators sorted by share, then dimensions.
    public func markdown() -> String {
        func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        var lines = ["| Indicator | Dimension | Integrated-gradients share |", "|---|---|---:|"]
        for row in indicators.sorted(by: { ($0.share, $1.name) > ($1.share, $0.name) }) {
            lines.append("| \(row.name) | \(row.dimension ?? "") | \(percent(row.share)) |")
        }
        lines += ["", "| Dimension | Integrated-gradients share |", "|---|---:|"]
        for row in dimensions { lines.append("| \(row.name) | \(percent(row.share)) |") }
        return lines.joined(separator: "\n")
            + "\n\nMean |integrated gradients| from the training means, \(steps) steps, over \(sampleRows) rows.\n"
    }
}
