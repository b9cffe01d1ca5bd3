import Foundation

/// A logistic scorecard, frozen: every indicator binned, each bin's weight of evidence (WOE), one logistic
/// coefficient per indicator, and the points per bin of the classic score scaling.
///
/// ```
/// margin = intercept + Σ_f coefficient_f · woe_f[bin_f(x_f)]            (the log-odds of a hit; f in order)
/// factor = pdo / ln 2,   offset = baseScore − factor · ln(baseOdds)
/// points_f[b] = −factor · coefficient_f · woe_f[b] + (offset − factor · intercept) / n
/// Σ_f points_f[bin_f] = offset − factor · margin                         (n features)
/// ```
/// `baseOdds` are non-hit : hit odds, so the points grow as risk falls: `pdo` more points halve the odds of a
/// hit, and `baseScore` points mean odds of `baseOdds : 1`. The points are what the scorecard table shows and
/// what reason codes report; the margin goes through the model's link and score scale like any body's.
public struct Scorecard: Sendable, Equatable {
    /// The classic points scaling.
    public struct Scaling: Sendable, Equatable {
        /// Points to double the odds, > 0.
        public var pdo: Double
        /// The points at `baseOdds`.
        public var baseScore: Double
        /// Non-hit : hit odds at `baseScore`, > 0.
        public var baseOdds: Double

        /// A scaling from its parts.
        public init(pdo: Double, baseScore: Double, baseOdds: Double) {
            self.pdo = pdo
            self.baseScore = baseScore
            self.baseOdds = baseOdds
        }

        /// Points per unit of log-odds: `pdo / ln 2`.
        public var factor: Double { pdo / log(2) }
        /// `baseScore − factor · ln(baseOdds)`.
        public var offset: Double { baseScore - factor * log(baseOdds) }
    }

    /// One indicator's part of the scorecard.
    public struct Indicator: Sendable, Equatable {
        /// Its bins.
        public var bins: IndicatorBins
        /// WOE per bin (value bins, then the missing bin): `ln(hit share / non-hit share)`, so riskier bins have
        /// larger WOE.
        public var woe: [Double]
        /// Its logistic coefficient (0 for an indicator left out of the regression).
        public var coefficient: Double
        /// Points per bin (see the type's summary).
        public var points: [Double]

        /// An indicator from its parts.
        public init(bins: IndicatorBins, woe: [Double], coefficient: Double, points: [Double]) {
            self.bins = bins
            self.woe = woe
            self.coefficient = coefficient
            self.points = points
        }
    }

    /// One per feature, in feature order.
    public var indicators: [Indicator]
    /// The regression's intercept.
    public var intercept: Double
    /// How margins become points.
    public var scaling: Scaling

    /// A scorecard from its parts; ``problems(vocabularySizes:)`` checks them.
    public init(indicators: [Indicator], intercept: Double, scaling: Scaling) {
        self.indicators = indicators
        self.intercept = intercept
        self.scaling = scaling
    }

    /// A scorecard whose points are computed from the WOE, coefficients, intercept and scaling.
    public init(bins: [IndicatorBins], woe: [[Double]], coefficients: [Double], intercept: Double, scaling: Scaling) {
        precondition(bins.count == woe.count && bins.count == coefficients.count, "one entry per feature")
        let share = bins.isEmpty ? 0 : (scaling.offset - scaling.factor * intercept) / Double(bins.count)
        indicators = bins.indices.map { f in
            Indicator(
                bins: bins[f], woe: woe[f], coefficient: coefficients[f],
                points: Self.points(woe: woe[f], coefficient: coefficients[f], share: share, factor: scaling.factor))
        }
        self.intercept = intercept
        self.scaling = scaling
    }

    /// `−factor · coefficient · woe[b] + share` per bin.
    static func points(woe: [Double], coefficient: Double, share: Double, factor: Double) -> [Double] {
        woe.map { -factor * coefficient * $0 + share }
    }

    /// Number of features it reads.
    public var featureCount: Int { indicators.count }

    /// The margin of one row (one value per feature, NaN for missing, category codes as whole numbers).
    ///
    /// - Complexity: O(features × log bins).
    @inline(__always)
    public func margin(_ row: [Float]) -> Double {
        var margin = intercept
        for (f, indicator) in indicators.enumerated() {
            margin += indicator.coefficient * indicator.woe[indicator.bins.bin(of: row[f])]
        }
        return margin
    }

    /// The margins of a row-major batch, each bitwise ``margin(_:)``.
    public func margins(rowMajor rows: [Float]) -> [Double] {
        let width = indicators.count
        guard width > 0 else { return [] }
        precondition(rows.count % width == 0, "a batch needs a multiple of \(width) values, got \(rows.count)")
        var result = [Double](repeating: 0, count: rows.count / width)
        rows.withUnsafeBufferPointer { x in
            for r in result.indices {
                var margin = intercept
                for (f, indicator) in indicators.enumerated() {
                    margin += indicator.coefficient * indicator.woe[indicator.bins.bin(of: x[r * width + f])]
                }
                result[r] = margin
            }
        }
        return result
    }

    /// The total points of one row: `Σ_f points_f[bin_f]`.
    public func points(_ row: [Float]) -> Double {
        var total = 0.0
        for (f, indicator) in indicators.enumerated() { total += indicator.points[indicator.bins.bin(of: row[f])] }
        return total
    }

    /// Reason-code contributions of a row-major batch into `phi` (the same shape): per indicator, the points
    /// lost against its best bin, `max_b points_f[b] − points_f[bin_f]` (≥ 0; larger means riskier).
    public func pointsLost(rowMajor rows: [Float], into phi: inout [Double]) {
        let width = indicators.count
        guard width > 0 else { return }
        let best = indicators.map { $0.points.max() ?? 0 }
        for start in stride(from: 0, to: rows.count, by: width) {
            for (f, indicator) in indicators.enumerated() {
                phi[start + f] = best[f] - indicator.points[indicator.bins.bin(of: rows[start + f])]
            }
        }
    }

    /// The first problem of the scorecard, as a path below `body` (`indicators[2].woe`), what was found and what
    /// was expected; nil when it is sound. `vocabularySizes` holds each feature's vocabulary size (0 for
    /// numeric features). Points must match the WOE, coefficients and scaling within 1e-6 (relative).
    public func problems(vocabularySizes: [Int]) -> (path: String, found: String, expected: String)? {
        guard scaling.pdo > 0 else { return ("scaling.pdo", "\(scaling.pdo)", "a number > 0") }
        guard scaling.baseOdds > 0 else { return ("scaling.baseOdds", "\(scaling.baseOdds)", "a number > 0") }
        let share = indicators.isEmpty ? 0 : (scaling.offset - scaling.factor * intercept) / Double(indicators.count)
        for (f, indicator) in indicators.enumerated() {
            let path = "indicators[\(f)]"
            if let problem = indicator.bins.problems(vocabularySize: vocabularySizes[f]) {
                return (path + "." + problem.field, problem.found, problem.expected)
            }
            let bins = indicator.bins.binCount
            guard indicator.woe.count == bins else {
                return (path + ".woe", "\(indicator.woe.count) values", "one per bin, the missing bin last (\(bins))")
            }
            guard indicator.points.count == bins else {
                return (
                    path + ".points", "\(indicator.points.count) values", "one per bin, the missing bin last (\(bins))"
                )
            }
            let expected = Self.points(
                woe: indicator.woe, coefficient: indicator.coefficient, share: share, factor: scaling.factor)
            for (b, (stored, computed)) in zip(indicator.points, expected).enumerated()
            where !(abs(stored - computed) <= 1e-6 * max(1, abs(computed))) {
                return (
                    path + ".points[\(b)]", "\(stored)",
                    "\(computed), the points of the WOE, coefficient, intercept and scaling"
                )
            }
        }
        return nil
    }
}
