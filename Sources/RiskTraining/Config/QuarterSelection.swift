/// Which quarter of the data a split uses: the latest one available, or a named one.
public enum QuarterSelection: Hashable, Sendable, CustomStringConvertible {
    /// The latest quarter in the data (before the test quarter, if one is set). Written `last`.
    case last
    /// An explicit quarter, written `YYYYQn`.
    case quarter(Quarter)

    /// `last` or `YYYYQn`, as the config writes it.
    public var description: String {
        switch self {
        case .last: "last"
        case .quarter(let quarter): quarter.description
        }
    }
}
