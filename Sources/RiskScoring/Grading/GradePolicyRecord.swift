/// How a model's cut-offs were chosen and what they achieved on the data they were chosen on: the grade policy
/// of the experiment config, frozen into the model file as `grading.policy` (format 1.1).
///
/// Shares are of the population's enterprises the hard rules leave graded; discovery rates are hits over
/// random inspections, graded after the hard rules exactly as the runtime grades.
public struct GradePolicyRecord: Sendable, Equatable {
    /// One grade's figures.
    public struct GradeFigures: Sendable, Equatable {
        /// The grade.
        public var grade: Grade
        /// Enterprises of the population in the grade.
        public var enterprises: Int
        /// Their share of the population's graded (not excluded) enterprises.
        public var share: Double
        /// Random inspections of enterprises in the grade.
        public var inspections: Int
        /// Of those, inspections that found a problem.
        public var hits: Int

        /// Grade figures from their parts.
        public init(grade: Grade, enterprises: Int, share: Double, inspections: Int, hits: Int) {
            self.grade = grade
            self.enterprises = enterprises
            self.share = share
            self.inspections = inspections
            self.hits = hits
        }

        /// Hits over inspections; NaN when there are no inspections.
        public var discoveryRate: Double { inspections > 0 ? Double(hits) / Double(inspections) : .nan }
    }

    /// The policy's stable name: `cutoffs`, `fixed_shares` or `optimised`.
    public var kind: String
    /// `fixed_shares`: the target share of each grade, A-D.
    public var shares: [Double]?
    /// `optimised`: the least share of each grade, A-D.
    public var minShares: [Double]?
    /// `optimised`: the largest share of each grade, A-D.
    public var maxShares: [Double]?
    /// `optimised`: the significance level of the one-sided two-proportion test between adjacent grades.
    public var alpha: Double?
    /// `optimised`: the separation reached, the weighted between-grade variance of discovery rates.
    public var separation: Double?
    /// Which enterprises the shares are of, e.g. `2026Q2` (every enterprise of the latest training quarter).
    public var population: String
    /// Enterprises of the population that a hard rule excluded.
    public var excluded: Int
    /// Which random inspections the discovery rates are of: `validation_random` or `training_random`.
    public var inspections: String
    /// Per grade A-D, the population's enterprises and the random inspections.
    public var grades: [GradeFigures]

    /// The stable names of the policies.
    public static let kinds = ["cutoffs", "fixed_shares", "optimised"]

    /// A record from its parts.
    public init(
        kind: String, shares: [Double]? = nil, minShares: [Double]? = nil, maxShares: [Double]? = nil,
        alpha: Double? = nil, separation: Double? = nil, population: String, excluded: Int, inspections: String,
        grades: [GradeFigures]
    ) {
        self.kind = kind
        self.shares = shares
        self.minShares = minShares
        self.maxShares = maxShares
        self.alpha = alpha
        self.separation = separation
        self.population = population
        self.excluded = excluded
        self.inspections = inspections
        self.grades = grades
    }
}
