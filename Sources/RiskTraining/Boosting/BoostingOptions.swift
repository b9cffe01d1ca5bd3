import RiskScoring

/// Training settings of gradient boosting beyond ``BoostingParameters``: seed, class weight, early-stopping
/// metric, interaction constraints, categorical split settings and progress reporting.
public struct BoostingOptions: Sendable {
    /// The metric early stopping watches on the validation set.
    public enum StoppingMetric: String, Sendable, CaseIterable, Codable {
        /// Weighted log loss (lower is better).
        case logLoss = "log_loss"
        /// Weighted AUC (higher is better).
        case auc
    }

    /// Seed of binning samples, row bagging and feature sampling. Default `0`.
    public var seed: UInt64
    /// Weight multiplying every positive row's sample weight, `(0, ∞)`. Default `1`.
    public var positiveClassWeight: Double
    /// The metric early stopping watches. Default `.logLoss`.
    public var stoppingMetric: StoppingMetric
    /// Groups of feature indices allowed to interact, or nil for none. A branch may only split on features of
    /// one group containing every feature used above it; a feature in no group is a group of its own.
    public var interactionGroups: [[Int]]?
    /// Added to a category's hessian when categories are ranked for a split (LightGBM `cat_smooth`). Default `10`.
    public var categoricalSmoothing: Double
    /// Most categories sent left by one split (LightGBM `max_cat_threshold`). Default `32`.
    public var maxCategoriesPerSplit: Int
    /// Up to this many categories in a leaf, each is tried alone against the rest. Default `4`.
    public var oneVsRestCategories: Int
    /// Report progress every this many rounds (and after the last); 0 never. Default `0`.
    public var progressInterval: Int

    /// Options; the defaults are the documented ones.
    public init(
        seed: UInt64 = 0, positiveClassWeight: Double = 1, stoppingMetric: StoppingMetric = .logLoss,
        interactionGroups: [[Int]]? = nil, categoricalSmoothing: Double = 10, maxCategoriesPerSplit: Int = 32,
        oneVsRestCategories: Int = 4, progressInterval: Int = 0
    ) {
        self.seed = seed
        self.positiveClassWeight = positiveClassWeight
        self.stoppingMetric = stoppingMetric
        self.interactionGroups = interactionGroups
        self.categoricalSmoothing = categoricalSmoothing
        self.maxCategoriesPerSplit = maxCategoriesPerSplit
        self.oneVsRestCategories = oneVsRestCategories
        self.progressInterval = progressInterval
    }
}

/// One progress report of boosting.
public struct BoostingProgress: Sendable, Equatable {
    /// Rounds done (trees in the ensemble, counting a warm start's).
    public var round: Int
    /// Training log loss (on all training rows, weighted).
    public var trainLogLoss: Double
    /// Validation log loss and AUC, when there is a validation set.
    public var validLogLoss: Double?
    public var validAUC: Double?
    /// Seconds since training started.
    public var elapsedSeconds: Double
}

/// What boosting produced: the ensemble (truncated to the best round when early stopping), the bin mapping
/// it was trained on, and the validation metric per round.
public struct BoostingResult: Sendable {
    /// The trained ensemble.
    public var ensemble: TreeEnsemble
    /// The bin mapping of the training set (reuse it to warm start on the same bins).
    public var bins: [FeatureBins]
    /// The number of trees kept (the best round when early stopping, counting a warm start's trees).
    public var bestRound: Int
    /// The validation metric after each round of this run when early stopping is on (log loss or AUC per
    /// ``BoostingOptions/stoppingMetric``); empty otherwise, so rounds pay for no metric they do not use.
    public var validationHistory: [Double]
    /// Wall-clock seconds of training.
    public var seconds: Double
}
