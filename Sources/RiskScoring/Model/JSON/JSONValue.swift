/// A JSON value as the model codec sees it: objects keep their members in order, and numbers keep their
/// text, so a decoded document can be written back byte for byte in canonical form and hashed.
enum JSONValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A string, unescaped.
    case string(String)
    /// A number written by the encoder: its canonical text.
    case number(String)
    /// A number read from a document: the byte range of its text in the document's source.
    case sourceNumber(start: Int32, count: Int32)
    /// `NaN`, `Infinity` or `-Infinity` read from a document (not JSON, but what some writers emit): kept so
    /// the decoder can name the field that holds it.
    case nonFinite(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in document order.
    case object([JSONMember])

    /// The JSON type name, for error messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .string: "a string"
        case .number, .sourceNumber: "a number"
        case .nonFinite(let text): text
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One member of a JSON object.
struct JSONMember: Sendable {
    /// The member's key.
    var key: String
    /// The member's value.
    var value: JSONValue

    init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
