/// A problem with the content of a panel folder: a file that parses as CSV but does not make sense as panel
/// data. The description names the file, line and column and says how to fix it.
public struct PanelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file the problem is in.
    public var file: String
    /// The 1-based line, when the problem concerns one record.
    public var line: Int?
    /// The column's header name, when the problem concerns one field.
    public var column: String?
    /// What is wrong and how to fix it.
    public var message: String

    /// A problem in `file` at `line` and `column`.
    public init(file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ": line \(line)" }
        if let column { location += (line == nil ? ": " : ", ") + "column \"\(column)\"" }
        return location + ": " + message
    }
}
