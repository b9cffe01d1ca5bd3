/// The rows boosting grows trees on, already binned: bins, labels, optional sample weights and each feature's
/// monotone direction (`+1` the prediction may only rise with the value, `−1` only fall, `0` free).
///
/// Built from a ``TrainingSet`` by the trainer, or straight from a table's columns by ``BoostingRun``, which
/// bins one feature at a time so no full set of raw training columns is ever held.
public struct BinnedTrainingSet: Sendable {
    /// The binned features.
    public var features: BinnedFeatures
    /// Labels, 0 or 1, one per row.
    public var labels: [Float]
    /// Sample weights (non-negative), or nil for weight 1 everywhere.
    public var weights: [Float]?
    /// Monotone direction per feature: −1, 0 or +1.
    public var monotoneDirection: [Int8]

    /// A binned training set; `precondition`s check that every array has the right length.
    public init(features: BinnedFeatures, labels: [Float], weights: [Float]? = nil, monotoneDirection: [Int8]? = nil) {
        precondition(features.rowCount == labels.count, "the bins need one row per label")
        precondition(weights == nil || weights?.count == labels.count, "weights need one value per label")
        self.features = features
        self.labels = labels
        self.weights = weights
        self.monotoneDirection = monotoneDirection ?? Array(repeating: 0, count: features.featureCount)
        precondition(self.monotoneDirection.count == features.featureCount, "one monotone direction per feature")
        precondition(self.monotoneDirection.allSatisfy { (-1...1).contains($0) }, "monotone directions are -1, 0, 1")
    }

    /// Number of rows.
    public var rowCount: Int { labels.count }
    /// Number of features.
    public var featureCount: Int { features.featureCount }
}
