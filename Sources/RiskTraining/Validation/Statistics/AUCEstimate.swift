/// The area under the ROC curve with DeLong's variance and a normal confidence interval.
public struct AUCEstimate: Equatable, Sendable, Codable {
    /// The AUC: the (weighted) probability that a random hit scores above a random non-hit, ties counting ½.
    public var auc: Double
    /// DeLong's variance of the AUC.
    public var variance: Double
    /// `√variance`.
    public var standardError: Double
    /// `auc ± z · standardError`, limited to [0, 1].
    public var interval: ConfidenceInterval
    /// The weight (row count when unweighted) of the rows labelled 1.
    public var positiveWeight: Double
    /// The weight of the rows labelled 0.
    public var negativeWeight: Double

    /// The AUC with DeLong, DeLong & Clarke-Pearson's (1988) variance, computed by the fast midrank method of
    /// Sun & Xu (2014) (see `StructuralComponents`):
    ///
    /// ```
    /// S₁₀ = Σ_i w_i (V₁₀(i) − AUC)² / (W₁ − 1),   S₀₁ = Σ_j w_j (V₀₁(j) − AUC)² / (W₀ − 1)
    /// Var(AUC) = S₁₀ / W₁ + S₀₁ / W₀,   interval = AUC ± Φ⁻¹(1 − α/2) √Var, clipped to [0, 1]
    /// ```
    /// Weights are frequency weights: a row of weight 2 counts as two identical rows (unweighted, `W₁` and `W₀`
    /// are the class counts, the formula of pROC's `var(roc, method = "delong")`).
    /// - Parameters:
    ///   - scores: higher means riskier; any finite values (margins, probabilities, 0-1000 scores).
    ///   - labels: 1 for a hit, 0 otherwise.
    ///   - weights: positive frequency weights, or nil for one per row.
    ///   - level: the confidence level in (0, 1).
    /// - Throws: `StatisticsError` for empty, non-finite or mismatched input, labels other than 0/1, weights ≤ 0,
    ///   a level outside (0, 1), or a class weighing 1 or less (the variance divides by `W − 1`).
    /// - Complexity: O(n log n).
    public static func delong(scores: [Double], labels: [Double], weights: [Double]? = nil, level: Double = 0.95)
        throws -> AUCEstimate
    {
        let components = try checkedComponents(scores: scores, labels: labels, weights: weights, level: level)
        return estimate(components, level: level)
    }

    /// Checks the input and computes the structural components.
    static func checkedComponents(scores: [Double], labels: [Double], weights: [Double]?, level: Double) throws
        -> StructuralComponents
    {
        try StatisticsInput.finite(scores, "scores")
        let classes = try StatisticsInput.labels(labels, count: scores.count)
        let weights = try StatisticsInput.weights(weights, count: scores.count)
        try StatisticsInput.level(level)
        let components = StructuralComponents(scores: scores, labels: classes, weights: weights)
        guard components.positiveWeight > 1, components.negativeWeight > 1 else {
            throw StatisticsError.tooFewInClass(
                positives: components.positiveWeight, negatives: components.negativeWeight, needed: 1)
        }
        return components
    }

    /// The estimate of computed components.
    static func estimate(_ components: StructuralComponents, level: Double) -> AUCEstimate {
        let variance = max(0, components.covariance(with: components))
        let standardError = variance.squareRoot()
        let z = ConfidenceInterval.z(level: level)
        let auc = components.auc
        return AUCEstimate(
            auc: auc, variance: variance, standardError: standardError,
            interval: ConfidenceInterval(
                lower: max(0, auc - z * standardError), upper: min(1, auc + z * standardError), level: level),
            positiveWeight: components.positiveWeight, negativeWeight: components.negativeWeight)
    }
}
