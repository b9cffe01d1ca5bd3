/// How an inspected enterprise was chosen, which decides whether its hit label is unbiased.
///
/// The raw value is the stable name that configs store and that the label table's kind column holds.
public enum InspectionKind: String, Codable, Sendable, CaseIterable {
    /// Drawn at random by the "double random, one public" programme: an unbiased label.
    case random
    /// Chosen because it looked risky (complaints, big-data warnings, referrals): a biased label.
    case targeted
}
