/// The figures a scorecard training run writes to `metrics.json`.
public struct ScorecardMetrics: Codable, Sendable, Equatable {
    /// `"scorecard"` or `"weighted"`.
    public var learner: String
    /// The experiment's name.
    public var experiment: String
    /// The RiskGrade version that trained.
    public var toolkitVersion: String
    /// The training table.
    public var trainFile: String
    /// The table validated on (the training table itself when split in time).
    public var validationFile: String
    /// Quarters trained on.
    public var trainQuarters: [String]
    /// The validation quarter, when split in time.
    public var validationQuarter: String?
    /// Labelled training rows and their positives.
    public var trainRows: Int
    public var trainPositives: Int
    /// Validation values whose category the training table never had (scored in the missing bin).
    public var unseenValidationCategories: Int
    /// On random inspections of the validation set (the unbiased measure), and on every labelled row.
    public var randomValidation: TrainingMetrics.Evaluation?
    public var allValidation: TrainingMetrics.Evaluation?
    /// IRLS iterations of the logistic fit (of the WOE, or of the weighted scorecard's points).
    public var iterations: Int
    /// The weighted mean training log loss at the fit.
    public var trainLogLoss: Double
    /// The regression's columns: the indicators whose bins carry more than one WOE (`["points"]` for the
    /// weighted scorecard).
    public var indicatorsInRegression: [String]
    /// The numeric indicators of declared direction `none`, each with the direction its bins were given (the
    /// one of larger IV): `"increasing"` or `"decreasing"`.
    public var chosenDirections: [ChosenDirection]
    /// The weighted scorecard's weights: the column, the weights table (with its SHA-256) or the config, and the
    /// indicators the column gives no weight; `nil` for the logistic scorecard.
    public var weights: WeightsUsed?
    /// Seconds of binning and fitting (CSV reading excluded).
    public var trainingSeconds: Double
    /// The process's peak resident memory, when the platform reports it.
    public var peakResidentMegabytes: Double?
    /// OpenBLAS's kernel set, beside the timing.
    public var blasCore: String
    /// The settings and seed.
    public var parameters: ScorecardParameters
    public var seed: UInt64

    /// The direction chosen for one indicator of declared direction `none`.
    public struct ChosenDirection: Codable, Sendable, Equatable {
        public var indicator: String
        public var direction: String
    }

    /// Where the weighted scorecard's weights came from.
    public struct WeightsUsed: Codable, Sendable, Equatable {
        /// The weights table's column (`model.scorecard.weights`).
        public var column: String
        /// The weights table and its SHA-256; `nil` for the config's expert weights.
        public var file: String?
        public var sha256: String?
        /// Indicators the column gives no weight (scored with weight 0).
        public var unweightedIndicators: [String]

        /// The record of `weights`.
        public init(_ weights: ScorecardWeights) {
            column = weights.column
            file = weights.path
            sha256 = weights.file?.sha256
            unweightedIndicators = weights.unweighted
        }
    }
}
