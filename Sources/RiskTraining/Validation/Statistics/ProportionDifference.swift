/// The difference of two independent proportions, such as two models' discovery rates in one grade.
public struct ProportionDifference: Equatable, Sendable, Codable {
    /// The first proportion `p̂₁ = k₁/n₁`.
    public var first: Double
    /// The second proportion `p̂₂ = k₂/n₂`.
    public var second: Double
    /// `p̂₁ − p̂₂`.
    public var difference: Double
    /// Newcombe's interval for the difference.
    public var interval: ConfidenceInterval

    /// The difference `p̂₁ − p̂₂` with Newcombe's hybrid score interval (Newcombe 1998, method 10), built from
    /// each proportion's Wilson interval `[l₁, u₁]`, `[l₂, u₂]`:
    ///
    /// ```
    /// lower = d − √((p̂₁ − l₁)² + (u₂ − p̂₂)²),   upper = d + √((u₁ − p̂₁)² + (p̂₂ − l₂)²),   d = p̂₁ − p̂₂
    /// ```
    /// - Throws: `StatisticsError.outOfRange` unless `0 ≤ kᵢ ≤ nᵢ`, `nᵢ > 0` and `level` in (0, 1).
    /// - Complexity: O(1).
    public static func newcombe(
        successes1: Double, trials1: Double, successes2: Double, trials2: Double, level: Double = 0.95
    ) throws -> ProportionDifference {
        try StatisticsInput.counts(successes: successes1, trials: trials1, prefix: "first ")
        try StatisticsInput.counts(successes: successes2, trials: trials2, prefix: "second ")
        let p1 = successes1 / trials1
        let p2 = successes2 / trials2
        let w1 = try BinomialInterval.wilson(successes: successes1, trials: trials1, level: level)
        let w2 = try BinomialInterval.wilson(successes: successes2, trials: trials2, level: level)
        let d = p1 - p2
        let lower = d - ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
        let upper = d + ((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower)).squareRoot()
        return ProportionDifference(
            first: p1, second: p2, difference: d, interval: ConfidenceInterval(lower: lower, upper: upper, level: level)
        )
    }
}
