/// A problem with a dataset's columns, as opposed to a problem in a file (that is a `CSVError`).
public enum DataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No column has this name; `available` lists the dataset's columns.
    case unknownColumn(name: String, available: [String])
    /// The column exists but holds the other kind of values.
    case wrongColumnKind(name: String, expected: ColumnType, found: ColumnType)

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .unknownColumn(let name, let available):
            let names = available.map { "\"\($0)\"" }.joined(separator: ", ")
            return "no column named \"\(name)\" (the dataset has \(names)); check the spelling "
                + "or add the column to the data"
        case .wrongColumnKind(let name, let expected, let found):
            return "column \"\(name)\" is \(found) but \(expected) values were asked for; "
                + "declare it as .\(expected) in the DatasetSchema when reading, or use the \(found) accessor"
        }
    }
}
