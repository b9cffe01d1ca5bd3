import Foundation
import RiskScoring

/// What risk-based sampling by grade gains over uniform random sampling at the same inspection budget: the
/// expected hits per 1,000 inspections of each programme, with delta-method intervals.
///
/// The regulator's "double random" programme draws a share of each grade at random (e.g. Henan 2021: A 1%, B 2%,
/// C 10%, D 30%); a uniform programme draws the same number of inspections from the whole register. Each grade's
/// discovery rate comes from the random inspections seen in that grade, which are unbiased.
public struct InspectionEfficiency: Equatable, Sendable, Codable {
    /// One grade's population, sampling ratio and random-inspection record.
    public struct Stratum: Equatable, Sendable, Codable {
        /// The grade.
        public var grade: Grade
        /// The number of enterprises graded so (the population the ratio applies to).
        public var enterprises: Double
        /// The share of the grade the stratified programme inspects, in (0, 1].
        public var samplingRatio: Double
        /// Random inspections observed in the grade (the discovery rate's denominator).
        public var inspections: Double
        /// Hits among them.
        public var hits: Double

        /// Creates a stratum.
        public init(grade: Grade, enterprises: Double, samplingRatio: Double, inspections: Double, hits: Double) {
            self.grade = grade
            self.enterprises = enterprises
            self.samplingRatio = samplingRatio
            self.inspections = inspections
            self.hits = hits
        }
    }

    /// The number of inspections of the stratified programme, `B = Σ_g r_g N_g`; the uniform one gets the same.
    public var budget: Double
    /// The uniform programme's sampling ratio at that budget, `B / Σ_g N_g`.
    public var uniformRatio: Double
    /// Expected hits per 1,000 inspections of the stratified programme.
    public var stratifiedPerThousand: Double
    /// Its interval.
    public var stratifiedInterval: ConfidenceInterval
    /// Expected hits per 1,000 inspections of uniform random sampling.
    public var uniformPerThousand: Double
    /// Its interval.
    public var uniformInterval: ConfidenceInterval
    /// `stratifiedPerThousand − uniformPerThousand`, the extra hits per 1,000 inspections.
    public var extraPerThousand: Double
    /// Its interval.
    public var extraInterval: ConfidenceInterval
    /// `stratifiedPerThousand / uniformPerThousand`, the gain factor (DOMAIN's target: about 1.5-3).
    public var ratio: Double
    /// Its interval, from the log scale.
    public var ratioInterval: ConfidenceInterval

    /// The expected hits of both programmes at the stratified programme's budget, with `p̂_g = hits_g /
    /// inspections_g`, the stratified programme's share of inspections `s_g = r_g N_g / B` and the population
    /// share `π_g = N_g / Σ N`:
    ///
    /// ```
    /// S = Σ_g s_g p̂_g,   U = Σ_g π_g p̂_g,   per 1,000 inspections: 1000 S and 1000 U
    /// ```
    /// Intervals by the delta method, treating the grades' discovery rates as independent binomial estimates
    /// with `Var(p̂_g) = p̂_g (1 − p̂_g) / m_g` (the population counts and ratios are fixed):
    ///
    /// ```
    /// Var(S) = Σ s_g² Var(p̂_g),  Var(U) = Σ π_g² Var(p̂_g),  Var(S − U) = Σ (s_g − π_g)² Var(p̂_g)
    /// Var(log S/U) = Σ (s_g / S − π_g / U)² Var(p̂_g),  ratio interval = (S/U) exp(± z √Var(log S/U))
    /// ```
    /// A grade with no hits or only hits adds no variance, so the intervals are too narrow when a grade's
    /// inspections are few; read them beside the grades' Clopper-Pearson intervals. Deterministic: no resampling.
    /// - Throws: `StatisticsError.empty` without strata, `.outOfRange` for a non-finite or negative population,
    ///   a ratio outside (0, 1], inspections ≤ 0, hits outside [0, inspections], no hits in any grade, a grade
    ///   given twice, or a level outside (0, 1).
    /// - Complexity: O(grades).
    public init(strata: [Stratum], level: Double = 0.95) throws {
        guard !strata.isEmpty else { throw StatisticsError.empty(field: "strata") }
        try StatisticsInput.level(level)
        for (index, stratum) in strata.enumerated() {
            let name = "strata[\(index)] (\(stratum.grade.rawValue)) "
            guard stratum.enterprises.isFinite, stratum.enterprises >= 0 else {
                throw StatisticsError.outOfRange(
                    field: name + "enterprises", index: nil, value: stratum.enterprises, expected: "0 or more")
            }
            guard stratum.samplingRatio > 0, stratum.samplingRatio <= 1 else {
                throw StatisticsError.outOfRange(
                    field: name + "sampling ratio", index: nil, value: stratum.samplingRatio, expected: "in (0, 1]")
            }
            try StatisticsInput.counts(successes: stratum.hits, trials: stratum.inspections, prefix: name)
            if strata[..<index].contains(where: { $0.grade == stratum.grade }) {
                throw StatisticsError.outOfRange(
                    field: name + "grade", index: nil, value: Double(stratum.grade.rank),
                    expected: "a grade not given before (each grade once)")
            }
        }
        let population = strata.reduce(0) { $0 + $1.enterprises }
        let budget = strata.reduce(0) { $0 + $1.samplingRatio * $1.enterprises }
        self.budget = budget
        guard population > 0, budget > 0 else {
            throw StatisticsError.outOfRange(
                field: "strata enterprises", index: nil, value: population, expected: "a positive total")
        }
        uniformRatio = budget / population
        let rates = strata.map { $0.hits / $0.inspections }
        let variances = strata.indices.map { rates[$0] * (1 - rates[$0]) / strata[$0].inspections }
        let stratifiedShares = strata.map { $0.samplingRatio * $0.enterprises / budget }
        let populationShares = strata.map { $0.enterprises / population }
        var s = 0.0
        var u = 0.0
        for g in strata.indices {
            s += stratifiedShares[g] * rates[g]
            u += populationShares[g] * rates[g]
        }
        guard u > 0 else {
            throw StatisticsError.outOfRange(
                field: "strata hits", index: nil, value: 0, expected: "above 0 in some grade with enterprises")
        }
        var varianceS = 0.0
        var varianceU = 0.0
        var varianceDifference = 0.0
        var varianceLogRatio = 0.0
        for g in strata.indices {
            let (a, b) = (stratifiedShares[g], populationShares[g])
            varianceS += a * a * variances[g]
            varianceU += b * b * variances[g]
            varianceDifference += (a - b) * (a - b) * variances[g]
            varianceLogRatio += (a / s - b / u) * (a / s - b / u) * variances[g]
        }
        let z = ConfidenceInterval.z(level: level)
        func perThousand(_ value: Double, _ variance: Double) -> ConfidenceInterval {
            let half = z * variance.squareRoot()
            return ConfidenceInterval(lower: 1000 * (value - half), upper: 1000 * (value + half), level: level)
        }
        stratifiedPerThousand = 1000 * s
        stratifiedInterval = perThousand(s, varianceS)
        uniformPerThousand = 1000 * u
        uniformInterval = perThousand(u, varianceU)
        extraPerThousand = 1000 * (s - u)
        extraInterval = perThousand(s - u, varianceDifference)
        ratio = s / u
        let spread = exp(z * varianceLogRatio.squareRoot())
        ratioInterval = ConfidenceInterval(lower: ratio / spread, upper: ratio * spread, level: level)
    }
}
