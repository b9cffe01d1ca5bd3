import Foundation

/// Confidence intervals for a binomial proportion `k / n`, such as a grade's discovery rate (hits / inspections).
///
/// Counts are `Double` so weighted or effective counts work too; for a plain discovery rate they are integers.
public enum BinomialInterval {
    /// The Wilson score interval (Wilson 1927): the proportions `p` whose score test `|p̂ − p| / √(p(1−p)/n) ≤ z`
    /// accepts, with `p̂ = k/n` and `z = Φ⁻¹(1 − α/2)`:
    ///
    /// ```
    /// centre = (k + z²/2) / (n + z²),   half-width = z / (n + z²) · √(k(n−k)/n + z²/4)
    /// ```
    /// With `continuityCorrection` it is Newcombe's (1998, method 4) continuity-corrected form, limited to [0, 1],
    /// lower limit 0 at k = 0 and upper limit 1 at k = n:
    ///
    /// ```
    /// lower = (2np̂ + z² − 1 − z √(z² − 2 − 1/n + 4p̂(n(1−p̂) + 1))) / (2(n + z²))
    /// upper = (2np̂ + z² + 1 + z √(z² + 2 − 1/n + 4p̂(n(1−p̂) − 1))) / (2(n + z²))
    /// ```
    /// The interval always contains `p̂`.
    /// - Throws: `StatisticsError.outOfRange` unless `0 ≤ successes ≤ trials`, `trials > 0` and `level` in (0, 1).
    /// - Complexity: O(1).
    public static func wilson(
        successes: Double, trials: Double, level: Double = 0.95, continuityCorrection: Bool = false
    ) throws -> ConfidenceInterval {
        try StatisticsInput.counts(successes: successes, trials: trials)
        try StatisticsInput.level(level)
        let z = ConfidenceInterval.z(level: level)
        let n = trials
        let k = successes
        let z2 = z * z
        guard continuityCorrection else {
            let centre = (k + z2 / 2) / (n + z2)
            let half = z / (n + z2) * (k * (n - k) / n + z2 / 4).squareRoot()
            // Clamp the rounding at k = 0 and k = n, where the exact limits are 0 and 1.
            return ConfidenceInterval(
                lower: k == 0 ? 0 : max(0, centre - half), upper: k == n ? 1 : min(1, centre + half), level: level)
        }
        let p = k / n
        let denominator = 2 * (n + z2)
        let lowerRoot = max(0, z2 - 2 - 1 / n + 4 * p * (n * (1 - p) + 1)).squareRoot()
        let upperRoot = max(0, z2 + 2 - 1 / n + 4 * p * (n * (1 - p) - 1)).squareRoot()
        let lower = k == 0 ? 0 : max(0, (2 * n * p + z2 - 1 - z * lowerRoot) / denominator)
        let upper = k == n ? 1 : min(1, (2 * n * p + z2 + 1 + z * upperRoot) / denominator)
        return ConfidenceInterval(lower: min(lower, p), upper: max(upper, p), level: level)
    }

    /// The Clopper-Pearson "exact" interval: the limits are beta quantiles, with `α = 1 − level`,
    ///
    /// ```
    /// lower = B⁻¹(α/2; k, n − k + 1)          (0 when k = 0)
    /// upper = B⁻¹(1 − α/2; k + 1, n − k)      (1 when k = n)
    /// ```
    /// computed by inverting the regularised incomplete beta function (continued fraction and a safeguarded
    /// Newton root finder), the upper limit on the complement `1 − I_x(k + 1, n − k) = α/2` so a small limit keeps
    /// its relative precision.
    /// At the edges the limits are closed forms: `k = 0` gives `[0, 1 − (α/2)^{1/n}]`, `k = n` gives
    /// `[(α/2)^{1/n}, 1]`. Its coverage is at least `level` for every true proportion (it is conservative).
    /// The limits' relative error grows like √n · 1e-16 (the incomplete beta function's prefactor), about 1e-12 at
    /// 10⁸ inspections.
    /// - Throws: `StatisticsError.outOfRange` for counts or a level out of range; `.noConvergence` if the
    ///   incomplete beta function does not converge (the tests reach n = 10⁸).
    /// - Complexity: O(√n) per continued fraction, a few dozen of them.
    public static func clopperPearson(successes: Double, trials: Double, level: Double = 0.95) throws
        -> ConfidenceInterval
    {
        try StatisticsInput.counts(successes: successes, trials: trials)
        try StatisticsInput.level(level)
        let n = trials
        let k = successes
        let tail = (1 - level) / 2
        let edge = pow(tail, 1 / n)
        let lower: Double
        if k == 0 {
            lower = 0
        } else if k == n {
            lower = edge
        } else {
            guard let x = BetaDistribution.quantile(tail, k, n - k + 1) else {
                throw StatisticsError.noConvergence(computation: "the Clopper-Pearson lower limit of \(k)/\(n)")
            }
            lower = x
        }
        let upper: Double
        if k == n {
            upper = 1
        } else if k == 0 {
            upper = 1 - edge
        } else {
            guard let x = BetaDistribution.quantile(tail, k + 1, n - k, upperTail: true) else {
                throw StatisticsError.noConvergence(computation: "the Clopper-Pearson upper limit of \(k)/\(n)")
            }
            upper = x
        }
        return ConfidenceInterval(lower: lower, upper: upper, level: level)
    }
}
