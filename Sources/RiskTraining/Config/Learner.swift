/// The learning algorithm that turns indicators into a risk score.
///
/// The raw value is the stable name that configs and frozen model files store; never rename a case.
public enum Learner: String, Codable, Sendable, CaseIterable {
    /// Gradient-boosted decision trees on binned indicators, tuned by ``BoostingParameters``.
    case gbdt
    /// A small feed-forward neural network.
    case network
    /// A logistic-regression scorecard on the WOE of monotone bins (points per bin).
    case scorecard
    /// The published 0-1000 weighted scorecard: expert (AHP or direct) weights × each indicator's 0-100 risk
    /// score from its monotone bins.
    case weighted
}
