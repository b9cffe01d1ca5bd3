/// Validity rules for one column, checked while the file is parsed so errors carry the line number.
///
/// ```swift
/// ColumnRule(range: 0...100, allowsMissing: false)
/// ```
public struct ColumnRule: Sendable, Equatable {
    /// The closed range numeric values must lie in; nil for no bound. Ignored for categorical columns.
    public var range: ClosedRange<Float>?
    /// Whether empty fields are allowed (default true).
    public var allowsMissing: Bool
    /// The value an empty field of a numeric column reads as; nil keeps it missing (NaN). Counts of events
    /// whose absence is written as an empty field read as 0 this way.
    public var missingValue: Float?

    /// Creates a rule; by default it allows everything and keeps empty fields missing.
    public init(range: ClosedRange<Float>? = nil, allowsMissing: Bool = true, missingValue: Float? = nil) {
        self.range = range
        self.allowsMissing = allowsMissing
        self.missingValue = missingValue
    }
}
