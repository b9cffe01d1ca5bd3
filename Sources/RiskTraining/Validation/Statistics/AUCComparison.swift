/// DeLong's paired test of two correlated AUCs: two models scored on the same rows.
public struct AUCComparison: Equatable, Sendable, Codable {
    /// The first model's AUC with its own interval.
    public var first: AUCEstimate
    /// The second model's AUC with its own interval.
    public var second: AUCEstimate
    /// `first.auc − second.auc`.
    public var difference: Double
    /// The standard error of the difference, which accounts for the correlation of the two AUCs.
    public var standardError: Double
    /// `difference ± z · standardError`.
    public var interval: ConfidenceInterval
    /// `difference / standardError` (0 when both are 0, ±∞ when only the error is 0).
    public var z: Double
    /// The two-sided p-value of `z` under the standard normal: `erfc(|z| / √2)`.
    public var pValue: Double

    /// The paired DeLong test (DeLong et al. 1988) of `AUC₁ − AUC₂` on the same rows and labels:
    ///
    /// ```
    /// Var(AUC₁ − AUC₂) = Var(AUC₁) + Var(AUC₂) − 2 Cov(AUC₁, AUC₂)
    /// Cov(AUC₁, AUC₂) = S₁₀(1,2) / W₁ + S₀₁(1,2) / W₀     (structural components of both models, same rows)
    /// z = (AUC₁ − AUC₂) / √Var,   p = 2 (1 − Φ(|z|)),   interval = AUC₁ − AUC₂ ± Φ⁻¹(1 − α/2) √Var
    /// ```
    /// The formula of pROC's `roc.test(method = "delong", paired = TRUE)`. Weights are frequency weights as in
    /// `AUCEstimate.delong`. Identical rankings give variance 0, `z = 0` and `p = 1`.
    /// - Throws: `StatisticsError` as `AUCEstimate.delong`, and `.lengthMismatch` when the two score arrays differ
    ///   in length.
    /// - Complexity: O(n log n).
    public static func delong(
        first: [Double], second: [Double], labels: [Double], weights: [Double]? = nil, level: Double = 0.95
    ) throws -> AUCComparison {
        try StatisticsInput.length(second, "second scores", count: first.count)
        let a = try AUCEstimate.checkedComponents(scores: first, labels: labels, weights: weights, level: level)
        let b = try AUCEstimate.checkedComponents(scores: second, labels: labels, weights: weights, level: level)
        let firstEstimate = AUCEstimate.estimate(a, level: level)
        let secondEstimate = AUCEstimate.estimate(b, level: level)
        let variance = max(0, firstEstimate.variance + secondEstimate.variance - 2 * a.covariance(with: b))
        let standardError = variance.squareRoot()
        let difference = a.auc - b.auc
        let z: Double =
            standardError > 0
            ? difference / standardError : difference == 0 ? 0 : difference > 0 ? .infinity : -.infinity
        let critical = ConfidenceInterval.z(level: level)
        return AUCComparison(
            first: firstEstimate, second: secondEstimate, difference: difference, standardError: standardError,
            interval: ConfidenceInterval(
                lower: difference - critical * standardError, upper: difference + critical * standardError, level: level
            ),
            z: z, pValue: NormalDistribution.twoSidedPValue(z))
    }
}
