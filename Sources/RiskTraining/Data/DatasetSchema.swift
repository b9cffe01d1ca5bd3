/// How to read a CSV file into a ``Dataset``: the types of columns, which are required and which to skip.
///
/// Columns are kept in file order. A declared column is parsed as its type: in a numeric column an empty
/// field is missing (NaN) and anything that is not a number is an error naming the line, the column and
/// the text found. Undeclared columns are inferred when `inferUndeclared` is true (the default): numeric when
/// every non-empty field is a number, otherwise categorical with the exact text kept (`"007"` stays `"007"`);
/// when it is false they are skipped.
///
/// ```swift
/// let schema = DatasetSchema(
///     types: ["region": .categorical, "penalties_12m": .numeric],
///     required: ["enterprise_id", "penalties_12m"],
///     ignored: ["comment"],
///     rules: ["penalties_12m": ColumnRule(range: 0...1000, allowsMissing: false)])
/// ```
public struct DatasetSchema: Sendable {
    /// Declared column types by header name.
    public var types: [String: ColumnType]
    /// Columns that must be in the header; all missing ones are reported in one error.
    public var required: [String]
    /// Columns skipped while reading.
    public var ignored: Set<String>
    /// Whether undeclared columns are read (with an inferred type) rather than skipped. Default true.
    public var inferUndeclared: Bool
    /// Validity rules by header name, checked during the parse.
    public var rules: [String: ColumnRule]
    /// A column whose empty fields make the reader skip the whole row (e.g. the label column, when only
    /// labelled rows are wanted); nil reads every row. The column must be in the header.
    public var skipRowsWithEmpty: String?
    /// A column and the values a row must hold in it to be read (e.g. the quarter column and one quarter);
    /// other rows are skipped while the file is read. nil reads every row. The column must be in the header.
    public var onlyRowsWith: (column: String, values: Set<String>)?

    /// Creates a schema; the default reads every column with an inferred type.
    public init(
        types: [String: ColumnType] = [:], required: [String] = [], ignored: Set<String> = [],
        inferUndeclared: Bool = true, rules: [String: ColumnRule] = [:], skipRowsWithEmpty: String? = nil
    ) {
        self.types = types
        self.required = required
        self.ignored = ignored
        self.inferUndeclared = inferUndeclared
        self.rules = rules
        self.skipRowsWithEmpty = skipRowsWithEmpty
    }
}
