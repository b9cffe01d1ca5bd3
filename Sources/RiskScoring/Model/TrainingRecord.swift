/// Where a model came from: digests of the files it was trained on, the experiment config as it was read,
/// and how it scored on validation data.
public struct TrainingRecord: Sendable, Equatable {
    /// One input file and its SHA-256.
    public struct InputFile: Sendable, Equatable {
        /// The file name as given to the trainer.
        public var file: String
        /// SHA-256 of its bytes, 64 lowercase hex digits.
        public var sha256: String
        /// Its size in bytes.
        public var bytes: Int

        /// An input file from its parts.
        public init(file: String, sha256: String, bytes: Int) {
            self.file = file
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    /// The model's figures on one set of validation rows.
    public struct Validation: Sendable, Equatable {
        /// Which rows: `random_inspections` (the unbiased measure) or `all_labelled`.
        public var set: String
        /// Rows scored.
        public var rows: Int
        /// Rows with a hit.
        public var positives: Int
        /// Area under the ROC curve.
        public var auc: Double
        /// Mean log loss.
        public var logLoss: Double

        /// A validation summary from its parts.
        public init(set: String, rows: Int, positives: Int, auc: Double, logLoss: Double) {
            self.set = set
            self.rows = rows
            self.positives = positives
            self.auc = auc
            self.logLoss = logLoss
        }
    }

    /// The training (and validation) files, in the order the trainer read them.
    public var data: [InputFile]
    /// The experiment config's text as the trainer read it (YAML); empty when the model was built in code.
    public var config: String
    /// Settings given on the command line on top of ``config``, each `key.path=value` with the value in YAML
    /// (e.g. `model.boosting.rounds=600`), in the order applied; the config and these give the settings trained
    /// with.
    public var settings: [String]
    /// Validation figures, unbiased set first.
    public var validation: [Validation]

    /// A training record from its parts.
    public init(data: [InputFile] = [], config: String = "", settings: [String] = [], validation: [Validation] = []) {
        self.data = data
        self.config = config
        self.settings = settings
        self.validation = validation
    }
}
