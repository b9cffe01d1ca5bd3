import RiskScoring

/// A champion and a challenger scored on the same enterprises and the same random inspections: the figures side
/// by side, how grades migrate, how far the distributions moved, which indicators gained weight, the enterprises
/// whose grade moved most, and the verdict of the config's gates.
///
/// Both models score the same rows (rows either cannot read are left out of everything and counted); their
/// figures are on the random inspections both grade, the unbiased measure:
/// ```
/// AUC difference = AUC(challenger) − AUC(champion)    paired DeLong test, its interval and p-value
/// rate difference_g = rate_g(challenger) − rate_g(champion)    Newcombe's interval
/// migration[f][t] = enterprises graded f by the champion and t by the challenger (A-D, excluded)
/// score PSI = PSI(champion's scores → challenger's scores) over the deciles of the champion's scores
/// ```
public struct ModelComparison: Codable, Sendable, Equatable {
    /// One model of the pair.
    public struct Side: Codable, Sendable, Equatable {
        /// `name@version`.
        public var model: String
        /// The body kind: trees, network, scorecard or weighted.
        public var body: String
        /// Rows of the compared quarters the model could not read (left out of the comparison).
        public var rejected: Int
        /// Compared rows a hard rule excluded from grading.
        public var excluded: Int
        /// The `indicatorWeights` source its learned weights are read from; nil when it carries none.
        public var weightSource: String?
    }

    /// Discrimination and calibration of one model on the random inspections.
    public struct Figures: Codable, Sendable, Equatable {
        /// AUC of the score with DeLong's 95% interval.
        public var auc: AUCEstimate
        public var gini: Double
        public var kolmogorovSmirnov: Discrimination.KolmogorovSmirnov
        public var brier: Double
        public var logLoss: Double
    }

    /// The paired DeLong test of `AUC(challenger) − AUC(champion)` on the same inspections.
    public struct AUCDifference: Codable, Sendable, Equatable {
        public var difference: Double
        public var standardError: Double
        /// The 95% interval of the difference.
        public var interval: ConfidenceInterval
        /// `difference / standardError`; nil when the error is 0 (identical rankings give difference 0, p 1).
        public var z: Double?
        /// The two-sided p-value.
        public var pValue: Double
    }

    /// Both models' figures and the test of their AUCs.
    public struct Metrics: Codable, Sendable, Equatable {
        public var champion: Figures
        public var challenger: Figures
        public var aucDifference: AUCDifference
    }

    /// One grade's discovery-rate difference, challenger minus champion, with Newcombe's 95% interval (nil when
    /// either model has no inspection in the grade). The two rates share inspections, so the interval, which
    /// treats them as independent, is conservative.
    public struct GradeDifference: Codable, Sendable, Equatable {
        public var grade: Grade
        public var difference: ProportionDifference?
    }

    /// Discovery by grade of both models on the same random inspections.
    public struct DiscoveryComparison: Codable, Sendable, Equatable {
        public var champion: ModelValidation.Discovery
        public var challenger: ModelValidation.Discovery
        public var differences: [GradeDifference]
    }

    /// How the grade distribution moved: the migration matrix and the PSIs of scores and grades.
    public struct Stability: Codable, Sendable, Equatable {
        /// Champion's grade (rows) to challenger's grade (columns) over A, B, C, D and excluded.
        public var migration: GradeMigration
        /// Enterprises graded the same by both (the diagonal, excluded included).
        public var sameGrade: Int
        /// The inner bin edges of the score PSI: the deciles of the champion's scores.
        public var scoreEdges: [Double]
        /// PSI of the challenger's scores against the champion's.
        public var score: PopulationStability
        /// PSI of the challenger's grade distribution (A-D, excluded) against the champion's.
        public var grade: PopulationStability
    }

    /// One indicator's characteristic stability between the two models' populations.
    public struct IndicatorStability: Codable, Sendable, Equatable {
        public var indicator: String
        /// `numeric` (bins at the deciles of the champion's population) or `categorical` (one bin a category).
        public var kind: String
        /// The bins' labels: `≤ 3`, `(3, 7]`, `> 12`, a category, `(missing)`.
        public var bins: [String]
        public var stability: PopulationStability
    }

    /// CSI per indicator: each model's population (the quarter its grade policy was fitted on, else its version
    /// quarter) in the table, the champion's as the reference.
    public struct CharacteristicStability: Codable, Sendable, Equatable {
        public var championPopulation: String
        public var challengerPopulation: String
        public var indicators: [IndicatorStability]
    }

    /// One indicator's learned weight share under each model and the change.
    public struct WeightChange: Codable, Sendable, Equatable {
        public var indicator: String
        /// Shares of each model's learned weights (summing to 1 over its indicators); nil when it has none.
        public var champion: Double?
        public var challenger: Double?
        /// `challenger − champion` (a missing share counts 0); nil when neither model has weights.
        public var difference: Double?
    }

    /// One reason code: an indicator that raised the risk, the value read, its contribution.
    public struct Reason: Codable, Sendable, Equatable {
        public var indicator: String
        public var value: String?
        public var contribution: Double
    }

    /// One model's view of a moved enterprise.
    public struct MoverSide: Codable, Sendable, Equatable {
        public var score: Double
        public var grade: Grade
        /// Its top reason codes (the runtime's `Scorer` reasons).
        public var reasons: [Reason]
    }

    /// An enterprise whose grade moved.
    public struct Mover: Codable, Sendable, Equatable {
        /// The enterprise and quarter of the row.
        public var enterprise: String
        public var quarter: String
        public var champion: MoverSide
        public var challenger: MoverSide
        /// `rank(challenger's grade) − rank(champion's grade)`: positive is riskier.
        public var gradeChange: Int
        public var scoreChange: Double
    }

    /// One gate of the verdict.
    public struct Gate: Codable, Sendable, Equatable {
        /// The config key: `max_auc_drop`, `require_monotone` or `max_score_psi`.
        public var name: String
        /// The observed value: the AUC drop, 1 or 0 for rising rates, the score PSI; nil when not computable.
        public var value: Double?
        /// The gate's setting (for `require_monotone`, 1 required, 0 not).
        public var threshold: Double
        public var passed: Bool
    }

    /// The champion/challenger verdict.
    public struct Verdict: Codable, Sendable, Equatable {
        public var gates: [Gate]
        /// Every gate passed.
        public var promote: Bool
    }

    public var champion: Side
    public var challenger: Side
    /// The data and the quarters compared.
    public var data: String
    public var quarters: [String]
    /// Rows both models scored.
    public var rows: Int
    /// Random inspections both models grade, and their hits.
    public var inspections: Int
    public var hits: Int
    /// The figures on those inspections; nil when they hold a single class.
    public var metrics: Metrics?
    public var discovery: DiscoveryComparison
    public var stability: Stability
    /// CSI per indicator; nil with `characteristicNote` saying why.
    public var characteristicStability: CharacteristicStability?
    public var characteristicNote: String?
    public var weights: [WeightChange]
    /// The enterprises whose grade moved most, at most ``moverLimit``.
    public var movers: [Mover]
    public var gates: ComparisonGates
    public var verdict: Verdict
}

/// One row both models scored.
public struct ComparedRow: Sendable {
    /// The enterprise and quarter.
    public var enterprise: String
    public var quarter: String
    /// The inspection's outcome (1 hit, 0 none), nil for an uninspected row, and its kind.
    public var label: Double?
    public var kind: InspectionKind?
    /// Each model's probability, score and grade (nil when excluded).
    public var champion: (probability: Double, score: Double, grade: Grade?)
    public var challenger: (probability: Double, score: Double, grade: Grade?)

    public init(
        enterprise: String, quarter: String, label: Double?, kind: InspectionKind?,
        champion: (probability: Double, score: Double, grade: Grade?),
        challenger: (probability: Double, score: Double, grade: Grade?)
    ) {
        self.enterprise = enterprise
        self.quarter = quarter
        self.label = label
        self.kind = kind
        self.champion = champion
        self.challenger = challenger
    }
}
