/// What an empty value of an indicator means.
///
/// The raw value is the stable name that experiment configs and frozen model files store; never rename a case.
public enum MissingPolicy: String, Codable, Sendable, CaseIterable {
    /// The value stays missing and the learner decides where missing values go (e.g. unreported employees).
    case allowed
    /// An empty value means 0, as for counts of events that did not happen.
    case zero
    /// A missing value is an error in the data, reported with its row and column.
    case error
}
