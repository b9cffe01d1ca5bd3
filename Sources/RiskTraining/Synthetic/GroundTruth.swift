/// What `ground_truth.json` holds: the true-risk model, each indicator's true importance, and the discovery
/// rates the generated inspections show.
public struct GroundTruth: Codable, Sendable, Equatable {
    /// One additive term of the true logit.
    public struct Term: Codable, Sendable, Equatable {
        /// The indicators the term reads (two for an interaction).
        public var indicators: [String]
        /// The term as a formula of the indicator value `x`.
        public var formula: String
        /// Standard deviation of the term's value over all snapshot rows.
        public var standardDeviation: Double
        /// Mean |SHAP value| over all snapshot rows of each indicator the term reads (``TermSpread`` has the
        /// formulas): the term's mean absolute deviation for a main effect, each indicator's Shapley share for
        /// an interaction.
        public var meanAbsoluteShap: [Double]
    }

    /// An indicator's or a dimension's true importance.
    public struct Importance: Codable, Sendable, Equatable {
        /// The indicator's or dimension's name.
        public var name: String
        /// The dimension (for an indicator).
        public var dimension: String?
        /// Its share of the summed mean |SHAP values| of the observable true logit (``Term/meanAbsoluteShap``
        /// summed over the terms it appears in); shares add up to 1. This is the quantity a learner's mean |SHAP|
        /// shares estimate.
        public var importance: Double
    }

    /// Discovery on random inspections within one grade by true risk.
    public struct GradeRate: Codable, Sendable, Equatable {
        /// The grade, A (lowest true risk) to D.
        public var grade: String
        /// Share of snapshot rows in the grade.
        public var share: Double
        /// Mean true risk of the grade's snapshot rows: the discovery rate a uniform inspection would expect.
        public var expectedDiscoveryRate: Double
        /// Random inspections (in the quarter after a snapshot) of enterprises in the grade.
        public var randomInspections: Int
        /// Of those, how many found a problem.
        public var randomHits: Int
        /// `randomHits / randomInspections` (0 when there were none).
        public var discoveryRate: Double
    }

    /// Counts and rates of the generated inspections.
    public struct Discovery: Codable, Sendable, Equatable {
        /// Random inspections in the quarters after the snapshots (the feature table's labels).
        public var randomInspections: Int
        public var randomHits: Int
        /// Hits per random inspection: the unbiased discovery rate.
        public var randomDiscoveryRate: Double
        public var targetedInspections: Int
        public var targetedHits: Int
        /// Hits per targeted inspection; biased upward by targeting, never to be mixed with the random rate.
        public var targetedDiscoveryRate: Double
        /// Grades by true risk with the shares of `SyntheticProvince.trueGradeShares`.
        public var byTrueRiskGrade: [GradeRate]
        /// Expected discovery rate of grade D over grade A.
        public var expectedDOverA: Double
    }

    /// The parameters the province was generated with.
    public var parameters: SyntheticProvince.Parameters
    /// The toolkit version that generated it.
    public var toolkitVersion: String
    /// The logit's intercept.
    public var intercept: Double
    /// The scale of everything but the intercept: `logit = intercept + scale·(terms + hidden parts)`.
    public var scale: Double
    /// Hidden parts of the logit: frailty and noise standard deviations, the distress weight.
    public var frailtyStandardDeviation: Double
    public var distressWeight: Double
    public var noiseStandardDeviation: Double
    /// The observable terms of the logit.
    public var terms: [Term]
    /// True importance per indicator, in indicator order.
    public var indicators: [Importance]
    /// True importance per dimension.
    public var dimensions: [Importance]
    /// Discovery rates of the generated inspections.
    public var discovery: Discovery
}
