/// The figures of one training run that scripts read from `metrics.json`.
public struct TrainingMetrics: Codable, Sendable, Equatable {
    /// Scores of the trained model on one set of validation rows.
    public struct Evaluation: Codable, Sendable, Equatable {
        /// Rows scored.
        public var rows: Int
        /// Of those, rows with a hit.
        public var positives: Int
        /// Area under the ROC curve.
        public var auc: Double
        /// Mean log loss.
        public var logLoss: Double
    }

    /// The experiment's name.
    public var experiment: String
    /// The toolkit version that trained the model.
    public var toolkitVersion: String
    /// The training table.
    public var trainFile: String
    /// The table validated on (the training table itself when split in time).
    public var validationFile: String
    /// Quarters of the training rows.
    public var trainQuarters: [String]
    /// The validation quarter when split in time.
    public var validationQuarter: String?
    /// Labelled training rows and how many were hits.
    public var trainRows: Int
    public var trainPositives: Int
    /// Categorical validation values the training table never had (scored as missing).
    public var unseenValidationCategories: Int
    /// On random inspections of the validation set: the unbiased measure early stopping watches.
    public var randomValidation: Evaluation?
    /// On every labelled row of the validation set (random and targeted), as peer libraries score a file.
    public var allValidation: Evaluation?
    /// Trees in the model, and the round early stopping chose.
    public var rounds: Int
    public var bestRound: Int
    /// Wall seconds of training (binning and boosting, or refitting; reading the CSV excluded).
    public var trainingSeconds: Double
    /// Peak resident memory of the process, in MiB.
    public var peakResidentMegabytes: Double?
    /// The boosting parameters used.
    public var parameters: BoostingParameters
    /// The seed.
    public var seed: UInt64
    /// The earlier model the run started from (warm start or refit); absent for a run from scratch.
    public var earlierModel: EarlierModelUse?

    /// How a run used an earlier model.
    public struct EarlierModelUse: Codable, Sendable, Equatable {
        /// The earlier model's file.
        public var path: String
        /// `warm_start` (trees added on top of the earlier ones) or `refit` (the earlier trees with leaf values
        /// re-estimated).
        public var kind: String
        /// Trees of the earlier model.
        public var trees: Int
    }
}
