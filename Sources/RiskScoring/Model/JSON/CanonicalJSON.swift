/// The canonical JSON text of model files.
///
/// Canonical form: object members with `format` first and then by key (UTF-8 byte order); numbers as the
/// encoder wrote them (the shortest decimal that reads back as the same `Double`, or `Float` for single-
/// precision fields); strings with only `"`, `\` and control characters escaped (`\n`, `\t`, `\r`, `\b`, `\f`,
/// else `\u00XX`), everything else as raw UTF-8. The file is the pretty layout (two-space indent, arrays of
/// numbers, strings, booleans and nulls on one line); the digest covers the compact layout (no whitespace).
enum CanonicalJSON {
    /// The pretty layout that model files use, ending in a newline. `source` holds the text of
    /// `.sourceNumber`s.
    static func pretty(_ value: JSONValue, source: UnsafeBufferPointer<UInt8>? = nil) -> [UInt8] {
        var writer = Writer(source: source, pretty: true)
        writer.write(value, indent: 0)
        writer.output.append(0x0A)
        return writer.output
    }

    /// The compact layout the content digest is computed over.
    static func compact(_ value: JSONValue, source: UnsafeBufferPointer<UInt8>? = nil) -> [UInt8] {
        var writer = Writer(source: source, pretty: false)
        writer.write(value, indent: 0)
        return writer.output
    }

    /// Members in canonical order: `format` first, then by key's UTF-8 bytes.
    static func ordered(_ members: [JSONMember]) -> [JSONMember] {
        // Files written by the encoder are already in order; only check then.
        var isOrdered = true
        for i in members.indices.dropFirst() where !precedes(members[i - 1].key, members[i].key) {
            isOrdered = false
            break
        }
        return isOrdered ? members : members.sorted { precedes($0.key, $1.key) }
    }

    /// Whether `a` comes before `b` in canonical member order.
    static func precedes(_ a: String, _ b: String) -> Bool {
        if a == "format" { return b != "format" }
        if b == "format" { return false }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private struct Writer {
        let source: UnsafeBufferPointer<UInt8>?
        let pretty: Bool
        var output: [UInt8] = []

        init(source: UnsafeBufferPointer<UInt8>?, pretty: Bool) {
            self.source = source
            self.pretty = pretty
            output.reserveCapacity(1 << 16)
        }

        mutating func newline(_ indent: Int) {
            output.append(0x0A)
            output.append(contentsOf: repeatElement(0x20, count: indent * 2))
        }

        mutating func write(_ value: JSONValue, indent: Int) {
            switch value {
            case .null: output.append(contentsOf: "null".utf8)
            case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .string(let text): writeString(text)
            case .number(let text), .nonFinite(let text): output.append(contentsOf: text.utf8)
            case .sourceNumber(let start, let count):
                // A source number exists only in a tree parsed from `source`.
                if let source { output.append(contentsOf: source[Int(start)..<Int(start + count)]) }
            case .array(let elements):
                output.append(UInt8(ascii: "["))
                let inline = !pretty || elements.allSatisfy { !$0.isContainer }
                for (i, element) in elements.enumerated() {
                    if i > 0 {
                        output.append(UInt8(ascii: ","))
                        if pretty && inline { output.append(0x20) }
                    }
                    if !inline { newline(indent + 1) }
                    write(element, indent: indent + 1)
                }
                if !inline && !elements.isEmpty { newline(indent) }
                output.append(UInt8(ascii: "]"))
            case .object(let members):
                output.append(UInt8(ascii: "{"))
                for (i, member) in CanonicalJSON.ordered(members).enumerated() {
                    if i > 0 { output.append(UInt8(ascii: ",")) }
                    if pretty { newline(indent + 1) }
                    writeString(member.key)
                    output.append(UInt8(ascii: ":"))
                    if pretty { output.append(0x20) }
                    write(member.value, indent: indent + 1)
                }
                if pretty && !members.isEmpty { newline(indent) }
                output.append(UInt8(ascii: "}"))
            }
        }

        mutating func writeString(_ text: String) {
            output.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case 0x0A: output.append(contentsOf: "\\n".utf8)
                case 0x09: output.append(contentsOf: "\\t".utf8)
                case 0x0D: output.append(contentsOf: "\\r".utf8)
                case 0x08: output.append(contentsOf: "\\b".utf8)
                case 0x0C: output.append(contentsOf: "\\f".utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: "\\u00".utf8)
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 15)])
                default: output.append(byte)
                }
            }
            output.append(UInt8(ascii: "\""))
        }
    }
}

extension JSONValue {
    /// Whether the value is an array or an object.
    var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }
}
