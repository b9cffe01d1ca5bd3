/// What kind of value an indicator holds, which decides how it is binned, checked and explained.
///
/// The raw value is the stable name that experiment configs and frozen model files store; never rename a case.
public enum IndicatorKind: String, Codable, Sendable, CaseIterable {
    /// A real-valued measurement such as registered capital or a growth rate.
    case numeric
    /// A non-negative whole number of events or things, such as penalties in the last year.
    case count
    /// A yes/no fact stored as 0 or 1, such as being on the abnormal-operations list.
    case flag
    /// A code from a closed set with no order, such as the industry or the region.
    case categorical
}
