import Foundation

/// A boosted ensemble of regression trees for binary classification: the margin is the base score plus the
/// sum of the trees' leaf values, and the probability is the logistic function of the margin.
///
/// ```
/// margin(x) = baseScore + Σ_t leafValue_t(leaf_t(x)),   p(x) = 1 / (1 + e^(−margin(x)))
/// ```
/// Features are indexed `0..<featureCount`; categorical features carry category codes as whole numbers and
/// missing values as NaN.
public struct TreeEnsemble: Sendable, Equatable, Codable {
    /// Number of input features.
    public var featureCount: Int
    /// The margin before any tree (the log-odds of the training base rate).
    public var baseScore: Double
    /// The trees, in boosting order.
    public var trees: [DecisionTree]

    /// An ensemble over `featureCount` features.
    public init(featureCount: Int, baseScore: Double, trees: [DecisionTree] = []) {
        self.featureCount = featureCount
        self.baseScore = baseScore
        self.trees = trees
    }

    /// The margin (log-odds) of one row given as `featureCount` values.
    public func margin(_ row: [Float]) -> Double {
        precondition(row.count == featureCount, "a row needs \(featureCount) values, got \(row.count)")
        var sum = baseScore
        for tree in trees { sum += tree.leafValue[tree.leaf { row[$0] }] }
        return sum
    }

    /// The probability of a hit for one row.
    public func probability(_ row: [Float]) -> Double { Self.logistic(margin(row)) }

    /// The logistic function `1 / (1 + e^(−x))`.
    @inline(__always)
    public static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
