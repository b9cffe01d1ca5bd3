/// The kind of values a column holds.
public enum ColumnType: String, Sendable, Hashable, CustomStringConvertible {
    /// Numbers, stored as `Float` with NaN for missing values.
    case numeric
    /// Text labels, dictionary-encoded as codes into a vocabulary.
    case categorical

    /// The stable name: `numeric` or `categorical`.
    public var description: String { rawValue }
}
