/// A problem reading or writing a CSV file, with where it happened and how to fix it.
///
/// The description names the file, the 1-based physical line where the record or field starts, the 1-based
/// column with its header name, what was expected, what was found and what to do:
///
/// ```
/// table.csv: line 812, column 4 ("penalties_12m"): expected a number, found "n/a"; write numbers like 12 or 0.5
/// and leave missing values empty
/// ```
public struct CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The file could not be opened for reading; `reason` is the system's message.
        case cannotOpen(reason: String)
        /// Reading the file failed part-way; `reason` is the system's message.
        case cannotRead(reason: String)
        /// The file could not be created, written, synced or renamed; `reason` is the system's message.
        case cannotWrite(reason: String)
        /// The file has no header line.
        case missingHeader
        /// A quoted field is still open at the end of the file.
        case unterminatedQuote
        /// A closing quote is followed by something other than a comma or a line break.
        case unexpectedCharacterAfterQuote(found: String)
        /// A record has a different number of fields from the header.
        case raggedRow(expected: Int, found: Int)
        /// A field read as text is not valid UTF-8.
        case invalidUTF8
        /// A header name is empty.
        case emptyHeader
        /// A header name appears more than once.
        case duplicateHeader(name: String)
        /// A field that must hold a number holds something else.
        case invalidNumber(found: String)
        /// A field that must not be empty is empty.
        case missingValue
        /// A number lies outside the valid range of its column.
        case outOfRange(value: String, range: String)
        /// Required columns are absent from the header; `header` is the header that was found.
        case missingColumns(missing: [String], header: [String])
    }

    /// What went wrong.
    public var kind: Kind
    /// The file name (or the name given to in-memory bytes).
    public var file: String
    /// The 1-based physical line where the record or field starts, when the problem has one.
    public var line: Int?
    /// The 1-based column number, when the problem concerns one field.
    public var column: Int?
    /// The header name of `column`, when known.
    public var columnName: String?

    /// Creates an error from its kind and context.
    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// The location, what went wrong and how to fix it, in one line.
    public var description: String {
        var location = file
        if let line { location += ": line \(line)" }
        if let column {
            location += (line == nil ? ": " : ", ") + "column \(column)"
            if let columnName { location += " (\(Self.quoted(columnName)))" }
        }
        return location + ": " + message
    }

    private var message: String {
        switch kind {
        case .cannotOpen(let reason):
            return "cannot open the file (\(reason)); check the path and that the file exists and is readable"
        case .cannotRead(let reason):
            return "reading the file failed (\(reason)); check the disk or copy the file locally and retry"
        case .cannotWrite(let reason):
            return "cannot write the file (\(reason)); check that the directory exists, is writable and has free space"
        case .missingHeader:
            return "the file is empty; a CSV file must start with a header line naming its columns"
        case .unterminatedQuote:
            return "a quoted field starts here but its closing quote is missing at the end of the file; "
                + "close the quote, and write a quote inside a quoted field as two quotes (\"\")"
        case .unexpectedCharacterAfterQuote(let found):
            return "expected a comma or a line break after the closing quote, found \(Self.quoted(found)); "
                + "quote the whole field and write a quote inside it as two quotes (\"\")"
        case .raggedRow(let expected, let found):
            return "expected \(expected) field\(expected == 1 ? "" : "s") as in the header, found \(found); "
                + "check for a missing or extra comma, and quote fields that contain commas or line breaks"
        case .invalidUTF8:
            return "the field is not valid UTF-8 text; save the file with UTF-8 encoding"
        case .emptyHeader:
            return "the header has an empty column name; give every column a name"
        case .duplicateHeader(let name):
            return "the column name \(Self.quoted(name)) appears more than once in the header; "
                + "give each column a unique name"
        case .invalidNumber(let found):
            return "expected a number, found \(Self.quoted(found)); write numbers like 12 or 0.5 "
                + "and leave missing values empty"
        case .missingValue:
            return "the field is empty but this column does not allow missing values; fill in a value"
        case .outOfRange(let value, let range):
            return "the value \(value) is outside the valid range \(range); correct the value "
                + "or widen the column's rule"
        case .missingColumns(let missing, let header):
            let names = missing.map(Self.quoted).joined(separator: ", ")
            let found = header.map(Self.quoted).joined(separator: ", ")
            return "required column\(missing.count == 1 ? "" : "s") \(names) \(missing.count == 1 ? "is" : "are") "
                + "missing (the header has \(found)); add the columns or correct their names in the header"
        }
    }

    /// Quotes text for a message, shortening it so one bad field cannot flood a log.
    static func quoted(_ text: String) -> String {
        let limit = 60
        let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return "\"" + shown + "\""
    }
}
