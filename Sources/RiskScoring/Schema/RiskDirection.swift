/// How an indicator's value is expected to move the risk, used for monotone constraints and reason codes.
///
/// The raw value is the stable name that experiment configs and frozen model files store; never rename a case.
///
/// - Note: In an optional context write `RiskDirection.none` in full, because `.none` alone means `Optional.none`.
public enum RiskDirection: String, Codable, Sendable, CaseIterable {
    /// A higher value means a higher risk (e.g. penalties, complaints).
    case increasing
    /// A higher value means a lower risk (e.g. years since establishment, awards).
    case decreasing
    /// No direction is assumed: the learner may find any shape, and no monotone constraint is imposed.
    case none
}
