import Foundation

/// A strict RFC 8259 JSON parser over UTF-8 bytes, written for model files: numbers are validated against the
/// JSON grammar and kept as byte ranges (converted later, field by field), nesting is bounded, and every
/// error names the byte offset, line and column.
///
/// - Complexity: O(bytes).
struct JSONParser {
    /// Deepest nesting accepted; model files need 6 levels.
    static let maximumDepth = 64

    /// A syntax error: where, and what was expected.
    struct SyntaxError: Error, Sendable, Equatable {
        /// Byte offset of the problem.
        var offset: Int
        /// What was wrong.
        var problem: String
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one JSON document (a value surrounded by optional whitespace) from `bytes`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> JSONValue {
        guard bytes.count < Int(Int32.max) else {
            throw SyntaxError(offset: 0, problem: "the file is larger than 2 GiB")
        }
        var parser = JSONParser(bytes: bytes)
        // A UTF-8 byte-order mark is tolerated, as the CSV reader does.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.position = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw SyntaxError(offset: parser.position, problem: "expected the end of the file after the JSON value")
        }
        return value
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func describeHere() -> String {
        guard position < bytes.count else { return "the end of the file" }
        let byte = bytes[position]
        if byte >= 0x20 && byte < 0x7F { return "\"\(Character(UnicodeScalar(byte)))\"" }
        return "byte 0x" + String(byte, radix: 16)
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else {
            throw SyntaxError(offset: position, problem: "values nested deeper than \(Self.maximumDepth) levels")
        }
        guard position < bytes.count else {
            throw SyntaxError(offset: position, problem: "expected a value, found the end of the file")
        }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "N"):
            try expectLiteral("NaN")
            return .nonFinite("NaN")
        case UInt8(ascii: "I"):
            try expectLiteral("Infinity")
            return .nonFinite("Infinity")
        case UInt8(ascii: "-") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "I"):
            position += 1
            try expectLiteral("Infinity")
            return .nonFinite("-Infinity")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw SyntaxError(offset: position, problem: "expected a value, found \(describeHere())")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(SyntaxError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard position + count <= bytes.count else {
            throw SyntaxError(offset: position, problem: "expected \(literal), found the end of the file")
        }
        for i in 0..<count where bytes[position + i] != start[i] {
            throw SyntaxError(offset: position, problem: "expected \(literal), found \(describeHere())")
        }
        position += count
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
        position += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw SyntaxError(offset: position, problem: "expected a quoted key, found \(describeHere())")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw SyntaxError(offset: position, problem: "expected \":\" after a key, found \(describeHere())")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            if members.contains(where: { $0.key == key }) {
                throw SyntaxError(offset: position, problem: "the key \"\(key)\" appears twice in one object")
            }
            members.append(JSONMember(key, value))
            skipWhitespace()
            guard position < bytes.count else {
                throw SyntaxError(offset: position, problem: "expected \",\" or \"}\", found the end of the file")
            }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            throw SyntaxError(offset: position, problem: "expected \",\" or \"}\", found \(describeHere())")
        }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else {
                throw SyntaxError(offset: position, problem: "expected \",\" or \"]\", found the end of the file")
            }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            }
            throw SyntaxError(offset: position, problem: "expected \",\" or \"]\", found \(describeHere())")
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func parseNumber() throws(SyntaxError) -> JSONValue {
        let start = position
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard isDigit(position) else {
            throw SyntaxError(offset: position, problem: "expected a digit in a number, found \(describeHere())")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard isDigit(position) else {
                throw SyntaxError(offset: position, problem: "expected a digit after \".\", found \(describeHere())")
            }
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard isDigit(position) else {
                throw SyntaxError(
                    offset: position, problem: "expected a digit in an exponent, found \(describeHere())")
            }
            while isDigit(position) { position += 1 }
        }
        guard position - start <= 64 else {
            throw SyntaxError(offset: start, problem: "a number longer than 64 characters")
        }
        return .sourceNumber(start: Int32(start), count: Int32(position - start))
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        let open = position
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                guard let string = String(validating: text, as: UTF8.self) else {
                    throw SyntaxError(offset: start, problem: "a string that is not valid UTF-8")
                }
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else {
                throw SyntaxError(offset: position, problem: "a control character inside a string; escape it")
            }
            position += 1
        }
        guard position < bytes.count else {
            throw SyntaxError(offset: open, problem: "a string that is never closed")
        }
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                guard let string = String(validating: buffer, as: UTF8.self) else {
                    throw SyntaxError(offset: start, problem: "a string that is not valid UTF-8")
                }
                return string
            }
            guard byte >= 0x20 else {
                throw SyntaxError(offset: position, problem: "a control character inside a string; escape it")
            }
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    else {
                        throw SyntaxError(offset: position, problem: "an unpaired UTF-16 surrogate in a \\u escape")
                    }
                    position += 2
                    let low = try parseHex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw SyntaxError(offset: position, problem: "an unpaired UTF-16 surrogate in a \\u escape")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else {
                    throw SyntaxError(offset: position, problem: "an unpaired UTF-16 surrogate in a \\u escape")
                }
                buffer.append(contentsOf: String(Character(unicode)).utf8)
            default:
                throw SyntaxError(
                    offset: position - 1, problem: "an unknown escape \"\\\(Character(UnicodeScalar(escape)))\"")
            }
        }
        throw SyntaxError(offset: open, problem: "a string that is never closed")
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else {
            throw SyntaxError(offset: position, problem: "expected four hex digits after \\u")
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw SyntaxError(offset: position, problem: "expected four hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
