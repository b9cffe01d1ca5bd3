import Foundation

/// How a margin becomes a probability. The raw value is the stable name the model file stores.
public enum Link: String, Sendable, Equatable, CaseIterable {
    /// `p = 1 / (1 + e^(−margin))`.
    case logistic

    /// The probability of a margin.
    @inline(__always)
    public func probability(margin: Double) -> Double {
        switch self {
        case .logistic: TreeEnsemble.logistic(margin)
        }
    }
}

/// How a probability becomes the published 0-1000 risk score. The raw value is the stable name the model
/// file stores.
public enum ScoreScale: String, Sendable, Equatable, CaseIterable {
    /// `score = 1000 · p`: the probability of a hit, in thousandths.
    case probabilityPerMille = "probability_per_mille"

    /// The 0-1000 score of a probability.
    @inline(__always)
    public func score(probability: Double) -> Double {
        switch self {
        case .probabilityPerMille: 1000 * probability
        }
    }
}
