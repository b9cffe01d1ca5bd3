import Foundation

/// The weighted scorecard bureaus publish, frozen: each indicator mapped to a 0-100 risk score by its
/// monotone bins, a weight per indicator, and the 0-1000 points they sum to; two logistic coefficients turn
/// the points into a hit probability.
///
/// ```
/// points = 10 · Σ_f weight_f · riskScore_f[bin_f(x_f)]     (0-1000; weights ≥ 0 sum to 1, risk scores 0-100)
/// margin = intercept + slope · points                       (a logistic fit of the training labels on points)
/// ```
/// The published score is `points` (score scale ``ScoreScale/points``); the probability is the link's of the
/// margin, a two-parameter fit, so it is only as good as a straight line in the log-odds of the points.
public struct WeightedScorecard: Sendable, Equatable {
    /// One indicator's part.
    public struct Indicator: Sendable, Equatable {
        /// Its bins.
        public var bins: IndicatorBins
        /// Risk score per bin (value bins, then the missing bin), in [0, 100]: 100 for the riskiest bin.
        public var riskScores: [Double]
        /// Its weight, ≥ 0.
        public var weight: Double

        /// An indicator from its parts.
        public init(bins: IndicatorBins, riskScores: [Double], weight: Double) {
            self.bins = bins
            self.riskScores = riskScores
            self.weight = weight
        }
    }

    /// One per feature, in feature order.
    public var indicators: [Indicator]
    /// The logistic fit's intercept.
    public var intercept: Double
    /// The logistic fit's slope per point.
    public var slope: Double

    /// A weighted scorecard from its parts; ``problems(vocabularySizes:)`` checks them.
    public init(indicators: [Indicator], intercept: Double, slope: Double) {
        self.indicators = indicators
        self.intercept = intercept
        self.slope = slope
    }

    /// Number of features it reads.
    public var featureCount: Int { indicators.count }

    /// The 0-1000 points of one row (one value per feature, NaN for missing, category codes).
    ///
    /// - Complexity: O(features × log bins).
    @inline(__always)
    public func points(_ row: [Float]) -> Double {
        var sum = 0.0
        for (f, indicator) in indicators.enumerated() {
            sum += indicator.weight * indicator.riskScores[indicator.bins.bin(of: row[f])]
        }
        return 10 * sum
    }

    /// The margin of a row's points.
    @inline(__always)
    public func margin(points: Double) -> Double { intercept + slope * points }

    /// The margin of one row.
    public func margin(_ row: [Float]) -> Double { margin(points: points(row)) }

    /// The points of a row-major batch, each bitwise ``points(_:)``.
    public func points(rowMajor rows: [Float]) -> [Double] {
        let width = indicators.count
        guard width > 0 else { return [] }
        precondition(rows.count % width == 0, "a batch needs a multiple of \(width) values, got \(rows.count)")
        var result = [Double](repeating: 0, count: rows.count / width)
        rows.withUnsafeBufferPointer { x in
            for r in result.indices {
                var sum = 0.0
                for (f, indicator) in indicators.enumerated() {
                    sum += indicator.weight * indicator.riskScores[indicator.bins.bin(of: x[r * width + f])]
                }
                result[r] = 10 * sum
            }
        }
        return result
    }

    /// The margins of a row-major batch, each bitwise ``margin(_:)``.
    public func margins(rowMajor rows: [Float]) -> [Double] { points(rowMajor: rows).map { margin(points: $0) } }

    /// Reason-code contributions of a row-major batch into `phi` (the same shape): per indicator, the points
    /// lost against its best (least risky) bin, `10 · weight_f · (riskScore_f[bin_f] − min_b riskScore_f[b])`.
    public func pointsLost(rowMajor rows: [Float], into phi: inout [Double]) {
        let width = indicators.count
        guard width > 0 else { return }
        let best = indicators.map { $0.riskScores.min() ?? 0 }
        for start in stride(from: 0, to: rows.count, by: width) {
            for (f, indicator) in indicators.enumerated() {
                let bin = indicator.bins.bin(of: rows[start + f])
                phi[start + f] = 10 * indicator.weight * (indicator.riskScores[bin] - best[f])
            }
        }
    }

    /// The first problem, as a path below `body`, what was found and what was expected; nil when sound.
    /// Weights must be ≥ 0 and sum to 1 within 1e-6, risk scores lie in [0, 100], the slope is finite.
    public func problems(vocabularySizes: [Int]) -> (path: String, found: String, expected: String)? {
        for (f, indicator) in indicators.enumerated() {
            let path = "indicators[\(f)]"
            if let problem = indicator.bins.problems(vocabularySize: vocabularySizes[f]) {
                return (path + "." + problem.field, problem.found, problem.expected)
            }
            let bins = indicator.bins.binCount
            guard indicator.riskScores.count == bins else {
                return (
                    path + ".riskScores", "\(indicator.riskScores.count) values",
                    "one per bin, the missing bin last (\(bins))"
                )
            }
            for (b, score) in indicator.riskScores.enumerated() where !(0...100).contains(score) {
                return (path + ".riskScores[\(b)]", "\(score)", "a risk score in [0, 100]")
            }
            guard indicator.weight >= 0 else { return (path + ".weight", "\(indicator.weight)", "a weight ≥ 0") }
        }
        let sum = indicators.reduce(0) { $0 + $1.weight }
        guard indicators.isEmpty || abs(sum - 1) <= 1e-6 else {
            return ("indicators", "weights summing to \(sum)", "weights summing to 1 (within 1e-6)")
        }
        return nil
    }
}
