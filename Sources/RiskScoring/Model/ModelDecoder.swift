import Foundation

/// Reads the fields of a parsed model document, each with its path, into typed values; every problem is a
/// `ModelFormatError` naming the field path.
struct ModelDecoder {
    /// The document's bytes; numbers are converted from their byte ranges in it.
    let source: UnsafeBufferPointer<UInt8>?
    /// The file name for errors.
    let file: String

    func fail(_ problem: ModelFormatError.Problem) -> ModelFormatError { ModelFormatError(problem, file: file) }

    // MARK: Structure

    /// The members of an object at `path`.
    func object(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> [JSONMember] {
        guard case .object(let members) = value else {
            throw fail(.wrongType(path: path, expected: "an object", found: value.typeName))
        }
        return members
    }

    /// The elements of an array at `path`.
    func array(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> [JSONValue] {
        guard case .array(let elements) = value else {
            throw fail(.wrongType(path: path, expected: "an array", found: value.typeName))
        }
        return elements
    }

    /// The member `key` of `members` (the object at `path`), which must be present.
    func required(_ members: [JSONMember], _ key: String, _ path: String, expected: String) throws(ModelFormatError)
        -> JSONValue
    {
        guard let value = optional(members, key), !value.isNull else {
            throw fail(.missingField(path: join(path, key), expected: expected))
        }
        return value
    }

    /// The member `key`, or nil when it is absent or null.
    func optional(_ members: [JSONMember], _ key: String) -> JSONValue? {
        for member in members where member.key == key { return member.value.isNull ? nil : member.value }
        return nil
    }

    /// `path.key`, or `key` at the root.
    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    // MARK: Scalars

    func string(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> String {
        guard case .string(let text) = value else {
            throw fail(.wrongType(path: path, expected: "a string", found: value.typeName))
        }
        return text
    }

    func bool(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> Bool {
        guard case .bool(let flag) = value else {
            throw fail(.wrongType(path: path, expected: "true or false", found: value.typeName))
        }
        return flag
    }

    /// A finite Double, correctly rounded from the decimal text.
    func double(_ value: JSONValue, _ path: @autoclosure () -> String) throws(ModelFormatError) -> Double {
        try finite(value, path, parse: CSVNumberParser.double, text: { Double($0) })
    }

    /// A finite Float, rounded once from the decimal text (never through a Double).
    func float(_ value: JSONValue, _ path: @autoclosure () -> String) throws(ModelFormatError) -> Float {
        try finite(value, path, parse: CSVNumberParser.float, text: { Float($0) })
    }

    /// A finite number of type `T`: parsed from its bytes in the source by `parse`, or from its text by `text`.
    @inline(__always)
    private func finite<T: BinaryFloatingPoint>(
        _ value: JSONValue, _ path: () -> String, parse: (UnsafeBufferPointer<UInt8>) -> T?,
        text fromText: (String) -> T?
    ) throws(ModelFormatError) -> T {
        let result: T?
        switch value {
        case .sourceNumber(let start, let count):
            result = source.flatMap { parse(UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start + count)])) }
        case .number(let text):
            result = fromText(text)
        case .nonFinite(let text):
            throw fail(.nonFinite(path: path(), found: text))
        default:
            throw fail(.wrongType(path: path(), expected: "a number", found: value.typeName))
        }
        guard let result, result.isFinite else { throw fail(.nonFinite(path: path(), found: text(of: value))) }
        return result
    }

    /// A whole number in `range`, written without fraction or exponent.
    func integer(_ value: JSONValue, _ path: @autoclosure () -> String, in range: ClosedRange<Int>)
        throws(ModelFormatError) -> Int
    {
        var parsed: Int?
        switch value {
        case .sourceNumber(let start, let count):
            if let source { parsed = Self.integer(source[Int(start)..<Int(start + count)]) }
        case .number(let text):
            parsed = Self.integer(Array(text.utf8)[...])
        case .nonFinite(let text):
            throw fail(.nonFinite(path: path(), found: text))
        default:
            throw fail(.wrongType(path: path(), expected: "a whole number", found: value.typeName))
        }
        guard let parsed else {
            throw fail(.wrongType(path: path(), expected: "a whole number", found: text(of: value)))
        }
        guard range.contains(parsed) else {
            throw fail(.invalidValue(path: path(), found: "\(parsed)", expected: "a whole number in \(range)"))
        }
        return parsed
    }

    /// `-?[0-9]{1,18}`, or nil.
    private static func integer<Bytes: Collection>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8 {
        var negative = false
        var digits = 0
        var value = 0
        for (i, byte) in bytes.enumerated() {
            if i == 0 && byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard byte >= 0x30 && byte <= 0x39, digits < 18 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
        }
        guard digits > 0 else { return nil }
        return negative ? -value : value
    }

    /// The text of a number, for messages.
    func text(of value: JSONValue) -> String {
        switch value {
        case .sourceNumber(let start, let count):
            guard let source else { return "a number" }
            return String(decoding: source[Int(start)..<Int(start + count)], as: UTF8.self)
        case .number(let text), .nonFinite(let text): return text
        case .string(let text): return "\"\(text.prefix(40))\""
        default: return value.typeName
        }
    }

    /// A value of a closed set stored by its raw name.
    func name<Value: RawRepresentable & CaseIterable>(_ value: JSONValue, _ path: String, as type: Value.Type)
        throws(ModelFormatError) -> Value where Value.RawValue == String
    {
        let text = try string(value, path)
        guard let result = Value(rawValue: text) else {
            let names = Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw fail(.invalidValue(path: path, found: "\"\(text)\"", expected: "one of \(names)"))
        }
        return result
    }

    // MARK: Arrays

    func doubles(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> [Double] {
        let elements = try array(value, path)
        var result = [Double]()
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() { result.append(try double(element, "\(path)[\(i)]")) }
        return result
    }

    func floats(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> [Float] {
        let elements = try array(value, path)
        var result = [Float]()
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() { result.append(try float(element, "\(path)[\(i)]")) }
        return result
    }

    /// Floats where `null` means missing (NaN).
    func floatsOrMissing(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> [Float] {
        let elements = try array(value, path)
        var result = [Float]()
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            result.append(element.isNull ? .nan : try float(element, "\(path)[\(i)]"))
        }
        return result
    }

    func int32s(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> [Int32] {
        let elements = try array(value, path)
        var result = [Int32]()
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            result.append(Int32(try integer(element, "\(path)[\(i)]", in: Int(Int32.min)...Int(Int32.max))))
        }
        return result
    }

    func uint32s(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> [UInt32] {
        let elements = try array(value, path)
        var result = [UInt32]()
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            result.append(UInt32(try integer(element, "\(path)[\(i)]", in: 0...Int(UInt32.max))))
        }
        return result
    }

    func bools(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> [Bool] {
        let elements = try array(value, path)
        var result = [Bool]()
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() { result.append(try bool(element, "\(path)[\(i)]")) }
        return result
    }

    func strings(_ value: JSONValue, _ path: String) throws(ModelFormatError) -> [String] {
        let elements = try array(value, path)
        var result = [String]()
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() { result.append(try string(element, "\(path)[\(i)]")) }
        return result
    }
}

extension JSONValue {
    /// Whether the value is `null`.
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
