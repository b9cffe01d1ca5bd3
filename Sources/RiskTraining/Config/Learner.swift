/// The learning algorithm that turns indicators into a risk score.
///
/// The raw value is the stable name that configs and frozen model files store; never rename a case.
public enum Learner: String, Codable, Sendable, CaseIterable {
    /// Gradient-boosted decision trees on binned indicators, tuned by ``BoostingParameters``.
    case gbdt
    /// A small feed-forward neural network.
    case network
    /// A logistic-regression scorecard on binned indicators (points per bin).
    case scorecard
    /// A weighted sum of normalised indicators, with expert (AHP) and objective (entropy, CRITIC) weights.
    case weighted
}
