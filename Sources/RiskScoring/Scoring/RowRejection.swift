/// Why a row cannot be scored, and where: the row is left out of the scores and reported, never guessed at.
///
/// The description names the column and says what was expected, what was found and how to fix it:
///
/// ```
/// column 24 ("penalties_1y"): expected a number, found "n/a"; write numbers like 12 or 0.5 and leave missing values empty
/// ```
public struct RowRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the row.
    public enum Reason: Error, Sendable, Equatable {
        /// The field is empty and the feature's missing policy is `error`.
        case missingValue
        /// A numeric feature's field is not a number in the strict syntax (or is NaN or infinite).
        case invalidNumber(found: String)
        /// A number outside the feature's valid range (or beyond `Float`).
        case outOfRange(found: String, range: String)
        /// A record with a different number of fields from the header.
        case wrongFieldCount(expected: Int, found: Int)
        /// A record the CSV reader could not take apart, or a field that is not UTF-8; the text says which.
        case malformed(String)
    }

    /// What is wrong.
    public var reason: Reason
    /// The indicator (feature name) at fault, when one is.
    public var indicator: String?
    /// The input column at fault, when one is.
    public var column: String?
    /// The 1-based position of `column` in the input file, when the row came from one.
    public var columnNumber: Int?

    /// A rejection from its parts.
    public init(_ reason: Reason, indicator: String? = nil, column: String? = nil, columnNumber: Int? = nil) {
        self.reason = reason
        self.indicator = indicator
        self.column = column
        self.columnNumber = columnNumber
    }

    /// Where, what and how to fix it, in one line.
    public var description: String {
        var location = ""
        if let columnNumber { location = "column \(columnNumber)" }
        if let column { location += (location.isEmpty ? "column " : " ") + "(\"\(column)\")" }
        if let indicator, indicator != column { location += (location.isEmpty ? "" : ", ") + "indicator \(indicator)" }
        return location.isEmpty ? message : location + ": " + message
    }

    /// What went wrong and the fix, without the location.
    public var message: String {
        switch reason {
        case .missingValue:
            return "the field is empty but the model does not allow missing values for this indicator; fill in a value"
        case .invalidNumber(let found):
            return "expected a number, found \(Self.quoted(found)); write numbers like 12 or 0.5 "
                + "and leave missing values empty"
        case .outOfRange(let found, let range):
            return "the value \(found) is outside the indicator's valid range \(range); correct the value"
        case .wrongFieldCount(let expected, let found):
            return "expected \(expected) field\(expected == 1 ? "" : "s") as in the header, found \(found); "
                + "check for a missing or extra comma, and quote fields that contain commas or line breaks"
        case .malformed(let problem):
            return problem
        }
    }

    /// Quotes text for a message, shortened so one bad field cannot flood a report.
    static func quoted(_ text: String) -> String {
        let limit = 60
        return "\"" + (text.count > limit ? String(text.prefix(limit)) + "…" : text) + "\""
    }
}
