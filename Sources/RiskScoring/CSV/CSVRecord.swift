/// One record of a CSV file, reused from record to record so that reading allocates nothing per field.
///
/// A `CSVReader` fills a record with ``CSVReader/next(into:)``; the fields are byte ranges into the record's
/// own buffer, already unquoted (`""` inside a quoted field is one `"`). Read a field as text with
/// ``string(_:)``, or as a number with ``float(_:)``, ``double(_:)`` and ``int(_:)`` without creating a string.
///
/// Numbers follow the strict syntax `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?`: no surrounding
/// spaces, no thousands separators, and `inf`/`nan` are not numbers.
public struct CSVRecord: Sendable {
    /// The 1-based physical line where the record starts.
    public internal(set) var line: Int = 0
    /// The number of fields in the record.
    public internal(set) var count: Int = 0

    /// The record's bytes; fields index into it.
    var storage: [UInt8] = []
    /// Start and end offsets of field `i` at `2 * i` and `2 * i + 1`.
    var bounds: [Int] = []
    /// Whether the record had line breaks inside quoted fields (then fields may start on later lines).
    var spansLines = false
    /// The file name and header, for error messages.
    var file: String = ""
    var header: [String] = []

    /// Creates an empty record to pass to ``CSVReader/next(into:)``.
    public init() {}

    /// Whether field `i` is empty (a missing value).
    public func isEmpty(_ i: Int) -> Bool {
        precondition(i >= 0 && i < count, "field index \(i) out of range 0..<\(count)")
        return bounds[2 * i] == bounds[2 * i + 1]
    }

    /// Field `i` as text.
    ///
    /// - Throws: `CSVError` with kind `.invalidUTF8` when the field is not valid UTF-8.
    public func string(_ i: Int) throws(CSVError) -> String {
        let text = withField(i) { String(validating: $0, as: UTF8.self) }
        guard let text else { throw error(.invalidUTF8, field: i) }
        return text
    }

    /// Field `i` as text, with invalid UTF-8 replaced by U+FFFD; for messages, never for data.
    public func lossyString(_ i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Field `i` as a `Float`, correctly rounded like `Float(String)`; nil when the field is empty, is not a
    /// number in the strict syntax, or overflows `Float`.
    public func float(_ i: Int) -> Float? {
        withField(i) { CSVNumberParser.float($0) }
    }

    /// Field `i` as a `Double`, correctly rounded like `Double(String)`; nil when the field is empty, is not
    /// a number in the strict syntax, or overflows `Double`.
    public func double(_ i: Int) -> Double? {
        withField(i) { CSVNumberParser.double($0) }
    }

    /// Field `i` as an `Int`; nil when the field is not `[+-]?digits` or does not fit in `Int`.
    public func int(_ i: Int) -> Int? {
        withField(i) { CSVNumberParser.int($0) }
    }

    /// Calls `body` with the bytes of field `i`, valid only during the call.
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        precondition(i >= 0 && i < count, "field index \(i) out of range 0..<\(count)")
        let start = bounds[2 * i]
        let end = bounds[2 * i + 1]
        return try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// The 1-based physical line where field `i` starts (later than ``line`` after a quoted line break).
    public func line(ofField i: Int) -> Int {
        precondition(i >= 0 && i < count, "field index \(i) out of range 0..<\(count)")
        guard spansLines else { return line }
        var breaks = 0
        let end = bounds[2 * i]
        var j = 0
        while j < end {
            // A line break is LF, CRLF (counted once, at the LF) or a lone CR.
            let byte = storage[j]
            if byte == 0x0A || (byte == 0x0D && (j + 1 == storage.count || storage[j + 1] != 0x0A)) { breaks += 1 }
            j += 1
        }
        return line + breaks
    }

    /// An error about field `i`, with the file, the field's line, its column number and header name.
    public func error(_ kind: CSVError.Kind, field i: Int) -> CSVError {
        CSVError(
            kind, file: file, line: line(ofField: i), column: i + 1,
            columnName: i < header.count ? header[i] : nil)
    }
}
