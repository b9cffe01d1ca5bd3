import Foundation

/// How a model's output is recalibrated to the probability of a hit on a **random** inspection.
///
/// ```
/// identity:  p = link(margin)
/// platt:     p = 1 / (1 + e^(−(slope·margin + intercept)))        (Platt scaling on the margin)
/// isotonic:  p = f(link(margin)), f piecewise linear through (thresholds[i], values[i]),
///            constant values[0] below thresholds[0] and values[last] above thresholds[last]
/// ```
/// Every calibration is monotone non-decreasing in the margin, so it never reorders enterprises. The kind's
/// name (`identity`, `platt`, `isotonic`) is what configs and model files store; format 1.0 files carry the
/// string `"identity"` (or nothing), format 1.1 files an object for the fitted kinds.
public enum Calibration: Sendable, Equatable {
    /// The link's probability as it is.
    case identity
    /// Platt scaling: a logistic function of the margin.
    case platt(PlattScaling)
    /// Isotonic regression: a monotone piecewise-linear map of the link's probability.
    case isotonic(IsotonicCalibration)

    /// The stable name of the kind.
    public var kind: String {
        switch self {
        case .identity: "identity"
        case .platt: "platt"
        case .isotonic: "isotonic"
        }
    }

    /// Every kind's name, for messages.
    public static let kinds = ["identity", "platt", "isotonic"]

    /// The calibrated probability of a margin whose link probability is `linked`.
    @inline(__always)
    public func probability(margin: Double, linked: Double) -> Double {
        switch self {
        case .identity: linked
        case .platt(let platt): platt.probability(margin: margin)
        case .isotonic(let isotonic): isotonic.probability(linked)
        }
    }
}

/// Platt scaling, `p = 1 / (1 + e^(−(slope·margin + intercept)))`, with the random inspections it was fitted on.
public struct PlattScaling: Sendable, Equatable {
    /// The margin's coefficient; positive, so the order of margins is kept.
    public var slope: Double
    /// The intercept.
    public var intercept: Double

    /// Platt scaling from its parameters.
    public init(slope: Double, intercept: Double) {
        self.slope = slope
        self.intercept = intercept
    }

    /// The calibrated probability of a margin.
    @inline(__always)
    public func probability(margin: Double) -> Double { TreeEnsemble.logistic(slope * margin + intercept) }
}

/// A monotone piecewise-linear map of probabilities, as isotonic regression (pool adjacent violators) fits it.
///
/// `thresholds` increase strictly and `values` do not decrease; each pooled block of the fit contributes its
/// lowest and highest input (one point when they are equal), so the map is flat inside a block and linear
/// between blocks, as scikit-learn's `IsotonicRegression(out_of_bounds="clip")` predicts.
public struct IsotonicCalibration: Sendable, Equatable {
    /// Input probabilities, strictly increasing, each in `[0, 1]`.
    public var thresholds: [Double]
    /// Calibrated probabilities at the thresholds, non-decreasing, each in `[0, 1]`.
    public var values: [Double]

    /// A map from its points; ``isValid`` says whether they satisfy the invariants.
    public init(thresholds: [Double], values: [Double]) {
        self.thresholds = thresholds
        self.values = values
    }

    /// Whether the points are finite, in `[0, 1]`, at least one, equally many, with strictly increasing
    /// thresholds and non-decreasing values.
    public var isValid: Bool { problem == nil }

    /// What breaks the invariants, for error messages; nil when the points are valid.
    public var problem: String? {
        guard !thresholds.isEmpty else { return "no points" }
        guard thresholds.count == values.count else {
            return "\(thresholds.count) thresholds but \(values.count) values"
        }
        for (i, x) in thresholds.enumerated() {
            guard x.isFinite, (0...1).contains(x) else { return "thresholds[\(i)] = \(x) is not in [0, 1]" }
            guard i == 0 || thresholds[i - 1] < x else {
                return "thresholds[\(i)] = \(x) does not exceed thresholds[\(i - 1)] = \(thresholds[i - 1])"
            }
        }
        for (i, y) in values.enumerated() {
            guard y.isFinite, (0...1).contains(y) else { return "values[\(i)] = \(y) is not in [0, 1]" }
            guard i == 0 || values[i - 1] <= y else {
                return "values[\(i)] = \(y) is below values[\(i - 1)] = \(values[i - 1])"
            }
        }
        return nil
    }

    /// The calibrated probability of `p`: clipped to the end values outside the thresholds, linear between
    /// neighbouring points (clamped to their values, so rounding never breaks monotonicity).
    ///
    /// - Complexity: O(log points).
    @inline(__always)
    public func probability(_ p: Double) -> Double {
        let n = thresholds.count
        if p.isNaN { return values[0] }
        if p <= thresholds[0] { return values[0] }
        if p >= thresholds[n - 1] { return values[n - 1] }
        // The last threshold ≤ p: thresholds[low] ≤ p < thresholds[low + 1].
        var low = 0
        var high = n - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if thresholds[middle] <= p { low = middle } else { high = middle }
        }
        let y0 = values[low]
        let y1 = values[low + 1]
        let fraction = (p - thresholds[low]) / (thresholds[low + 1] - thresholds[low])
        return min(max(y0 + (y1 - y0) * fraction, y0), y1)
    }
}
