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

    /// Creates a rule; by default it allows everything.
    public init(range: ClosedRange<Float>? = nil, allowsMissing: Bool = true) {
        self.range = range
        self.allowsMissing = allowsMissing
    }
}
