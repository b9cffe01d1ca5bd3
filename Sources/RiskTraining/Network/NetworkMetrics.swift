/// The figures a network training run writes to `metrics.json`.
public struct NetworkMetrics: Codable, Sendable, Equatable {
    /// `"network"`.
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
    /// Validation values whose category the training table never had (scored as missing).
    public var unseenValidationCategories: Int
    /// On random inspections of the validation set (what early stopping watches), and on every labelled row.
    public var randomValidation: TrainingMetrics.Evaluation?
    public var allValidation: TrainingMetrics.Evaluation?
    /// Network inputs after encoding (standardised values, missing indicators, one-hot inputs).
    public var inputWidth: Int
    /// Trainable parameters.
    public var parameterCount: Int
    /// Epochs run, and the epoch whose weights were kept.
    public var epochs: Int
    public var bestEpoch: Int
    /// Per epoch, the weighted training log loss and the validation log loss.
    public var trainLogLoss: [Double]
    public var validLogLoss: [Double]
    /// Seconds of fitting the input encoding, encoding the rows and training (CSV reading excluded).
    public var trainingSeconds: Double
    /// The process's peak resident memory, when the platform reports it.
    public var peakResidentMegabytes: Double?
    /// OpenBLAS's kernel set, beside the timing.
    public var blasCore: String
    /// The settings and seed.
    public var parameters: NetworkParameters
    public var seed: UInt64
}
