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
    /// The body's own 0-1000 points (a ``WeightedScorecard``'s `10 · Σ weight · risk score`); the probability
    /// stays the link's of the margin. Only a `weighted` body carries it.
    case points

    /// The 0-1000 score of a probability, or of the body's `points` for ``points``.
    @inline(__always)
    public func score(probability: Double, points: Double? = nil) -> Double {
        switch self {
        case .probabilityPerMille: 1000 * probability
        // The decoder pairs this scale with a weighted body only, whose scorer always passes its points.
        case .points: points ?? 1000 * probability
        }
    }
}
