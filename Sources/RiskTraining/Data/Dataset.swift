/// A typed columnar table: numeric columns as `Float` (NaN = missing), categorical columns dictionary-encoded.
///
/// Read one from CSV with ``read(csv:schema:)``, write it with ``write(csv:)``.
public struct Dataset: Sendable {
    /// The number of rows.
    public let rowCount: Int
    /// The columns, in file order.
    public let columns: [Column]
    private let indexByName: [String: Int]

    /// Creates a dataset from columns of equal length with distinct names.
    ///
    /// - Precondition: all columns have the same number of rows and distinct names.
    public init(columns: [Column]) {
        let rowCount = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rowCount }, "dataset columns differ in length")
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() {
            precondition(index.updateValue(i, forKey: column.name) == nil, "duplicate column \(column.name)")
        }
        self.rowCount = rowCount
        self.columns = columns
        self.indexByName = index
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column named `name`, or nil.
    public func column(named name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }

    /// The values of the numeric column `name` (NaN = missing).
    ///
    /// - Throws: `DataError` when there is no such column or it is categorical.
    public func numeric(_ name: String) throws(DataError) -> [Float] {
        switch try existing(name).storage {
        case .numeric(let values): return values
        case .categorical: throw .wrongColumnKind(name: name, expected: .numeric, found: .categorical)
        }
    }

    /// The categorical column `name`.
    ///
    /// - Throws: `DataError` when there is no such column or it is numeric.
    public func categorical(_ name: String) throws(DataError) -> CategoricalColumn {
        switch try existing(name).storage {
        case .categorical(let column): return column
        case .numeric: throw .wrongColumnKind(name: name, expected: .categorical, found: .numeric)
        }
    }

    /// A schema that declares every column's type, so reading this dataset's CSV back gives the same types
    /// even for a categorical column whose values all look like numbers.
    public var schema: DatasetSchema {
        DatasetSchema(types: Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.type) }))
    }

    /// Whether `other` has identical columns (see ``Column/isIdentical(to:)``).
    public func isIdentical(to other: Dataset) -> Bool {
        rowCount == other.rowCount && columns.count == other.columns.count
            && zip(columns, other.columns).allSatisfy { $0.isIdentical(to: $1) }
    }

    private func existing(_ name: String) throws(DataError) -> Column {
        guard let column = column(named: name) else {
            throw .unknownColumn(name: name, available: columnNames)
        }
        return column
    }
}
