/// A named column of a ``Dataset``.
public struct Column: Sendable {
    /// The values of a column.
    public enum Storage: Sendable {
        /// Numbers as `Float`; NaN is a missing value.
        case numeric([Float])
        /// Dictionary-encoded text.
        case categorical(CategoricalColumn)
    }

    /// The column's name (its CSV header).
    public var name: String
    /// The values.
    public var storage: Storage

    /// Creates a column.
    public init(name: String, storage: Storage) {
        self.name = name
        self.storage = storage
    }

    /// Creates a numeric column; NaN is a missing value.
    public static func numeric(_ name: String, _ values: [Float]) -> Column {
        Column(name: name, storage: .numeric(values))
    }

    /// Creates a categorical column from values in first-seen order; nil is missing.
    public static func categorical(_ name: String, _ values: [String?]) -> Column {
        Column(name: name, storage: .categorical(CategoricalColumn(values: values)))
    }

    /// The kind of values the column holds.
    public var type: ColumnType {
        switch storage {
        case .numeric: .numeric
        case .categorical: .categorical
        }
    }

    /// The number of rows.
    public var count: Int {
        switch storage {
        case .numeric(let values): values.count
        case .categorical(let column): column.count
        }
    }

    /// Whether `other` holds identical values: same name, kind, codes and vocabulary, and numbers equal bit
    /// for bit (so NaN equals NaN and -0 differs from 0).
    public func isIdentical(to other: Column) -> Bool {
        guard name == other.name else { return false }
        switch (storage, other.storage) {
        case (.numeric(let a), .numeric(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
        case (.categorical(let a), .categorical(let b)):
            return a == b
        default:
            return false
        }
    }
}
