import RiskScoring

/// The input of gradient boosting: feature columns of `Float`, binary labels and optional sample weights.
///
/// Numeric features hold NaN for a missing value; categorical features hold whole-number category codes as
/// `Float` (NaN missing). Each feature carries a monotone direction: `+1` the prediction may only rise with the
/// value, `−1` only fall, `0` free.
public struct TrainingSet: Sendable {
    /// Feature values, one column per feature, each `rowCount` long.
    public var columns: [[Float]]
    /// Feature names, one per column.
    public var names: [String]
    /// Whether each feature holds category codes.
    public var isCategorical: [Bool]
    /// Monotone direction per feature: −1, 0 or +1.
    public var monotoneDirection: [Int8]
    /// Labels, 0 or 1.
    public var labels: [Float]
    /// Sample weights (non-negative), or nil for weight 1 everywhere.
    public var weights: [Float]?

    /// A training set; `precondition`s check that every array has the right length.
    public init(
        columns: [[Float]], names: [String]? = nil, isCategorical: [Bool]? = nil, monotoneDirection: [Int8]? = nil,
        labels: [Float], weights: [Float]? = nil
    ) {
        let featureCount = columns.count
        precondition(columns.allSatisfy { $0.count == labels.count }, "every column needs one value per label")
        precondition(weights == nil || weights?.count == labels.count, "weights need one value per label")
        self.columns = columns
        self.names = names ?? (0..<featureCount).map { "f\($0)" }
        self.isCategorical = isCategorical ?? Array(repeating: false, count: featureCount)
        self.monotoneDirection = monotoneDirection ?? Array(repeating: 0, count: featureCount)
        self.labels = labels
        self.weights = weights
        precondition(
            self.names.count == featureCount && self.isCategorical.count == featureCount
                && self.monotoneDirection.count == featureCount,
            "names, isCategorical and monotoneDirection need one entry per column")
        precondition(self.monotoneDirection.allSatisfy { (-1...1).contains($0) }, "monotone directions are -1, 0, 1")
    }

    /// Number of rows.
    public var rowCount: Int { labels.count }
    /// Number of features.
    public var featureCount: Int { columns.count }

    /// The values of row `row`, one per feature.
    public func row(_ row: Int) -> [Float] { columns.map { $0[row] } }

    /// The monotone direction of a configured risk direction: increasing `+1`, decreasing `−1`, none `0`.
    public static func monotoneDirection(_ direction: RiskDirection) -> Int8 {
        switch direction {
        case .increasing: 1
        case .decreasing: -1
        case .none: 0
        }
    }
}
