import Foundation
import Yams

/// A YAML node together with the file and key path it came from, so every error can say exactly where it is.
///
/// The loader walks the tree Yams composes instead of using `Codable`, because `Codable` silently ignores unknown
/// keys and cannot name the key path or line of a bad value.
struct ConfigNode {
    /// The YAML node.
    let node: Node
    /// The key path from the document root (`indicator_system.dimensions[2].name`).
    let keyPath: String
    /// The file name used in errors.
    let file: String

    /// Where this node is, for errors.
    var location: ConfigLocation {
        ConfigLocation(file: file, keyPath: keyPath, line: node.mark?.line, column: node.mark?.column)
    }

    /// Whether the node is YAML null (`~`, `null` or nothing), which the loader treats like an absent key.
    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How the node looks, for "expected …, found …" messages.
    var shape: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence(let sequence): return "a list of \(sequence.count)"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull { return "nothing (null)" }
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            return (quoted ? "the quoted text " : "") + "\"\(scalar.string)\""
        }
    }

    /// An error saying this node should have been `expected`.
    /// The value as a flag: the plain scalar `true` or `false`.
    ///
    /// - Throws: `ConfigError.typeMismatch` for anything else.
    func flag() throws -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else {
            throw mismatch("true or false")
        }
        switch scalar.string {
        case "true": return true
        case "false": return false
        default: throw mismatch("true or false")
        }
    }

    func mismatch(_ expected: String) -> ConfigError {
        .typeMismatch(location, expected: expected, found: shape)
    }

    /// The node as a mapping whose keys must all be among `keys`.
    ///
    /// - Throws: `ConfigError.typeMismatch` if the node is not a mapping, `.unknownKey` (with a suggestion) for the
    ///   first key, in document order, that is not in `keys`.
    func mapping(keys: [String]) throws -> ConfigMapping {
        guard case .mapping(let mapping) = node else { throw mismatch("a mapping") }
        var entries: [String: ConfigNode] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigNode(node: keyNode, keyPath: keyPath, file: file).mismatch("a text key")
            }
            let key = keyScalar.string
            let child = ConfigNode(node: value, keyPath: keyPath.isEmpty ? key : keyPath + "." + key, file: file)
            guard keys.contains(key) else {
                let at = ConfigLocation(
                    file: file, keyPath: child.keyPath, line: keyNode.mark?.line, column: keyNode.mark?.column)
                throw ConfigError.unknownKey(
                    at, key: key, validKeys: keys, suggestion: EditDistance.suggestion(for: key, among: keys))
            }
            entries[key] = child
        }
        return ConfigMapping(owner: self, entries: entries)
    }

    /// Where the value of `key` sits in this mapping node; the node's own line when the key is absent.
    func location(of key: String) -> ConfigLocation {
        let child = node[key]
        let mark = child?.mark ?? node.mark
        return ConfigLocation(
            file: file, keyPath: keyPath.isEmpty ? key : keyPath + "." + key, line: mark?.line, column: mark?.column)
    }

    /// The node as a list of nodes.
    func sequence() throws -> [ConfigNode] {
        guard case .sequence(let sequence) = node else { throw mismatch("a list") }
        return sequence.enumerated().map { index, element in
            ConfigNode(node: element, keyPath: keyPath + "[\(index)]", file: file)
        }
    }

    /// The node as text; any plain or quoted scalar is taken as written.
    func string() throws -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw mismatch("text") }
        return scalar.string
    }

    /// The node as text that is not empty or blank.
    func nonEmptyString() throws -> String {
        let text = try string()
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw mismatch("non-empty text") }
        return text
    }

    /// The node as a finite number. Quoted text is not a number.
    func double() throws -> Double {
        guard case .scalar(let scalar) = node, let value = Double.construct(from: scalar), value.isFinite else {
            throw mismatch("a number")
        }
        return value
    }

    /// The node as a number that must lie in `range`.
    func double(in range: ValidRange) throws -> Double {
        let value = try double()
        guard range.contains(value) else {
            throw ConfigError.outOfRange(location, value: value, validRange: "\(range)")
        }
        return value
    }

    /// The node as a whole number; `1e5` and `300.0` are accepted because they are whole.
    func int() throws -> Int {
        guard case .scalar(let scalar) = node else { throw mismatch("a whole number") }
        if let value = Int.construct(from: scalar) { return value }
        if let value = Double.construct(from: scalar), value == value.rounded(), abs(value) < 9e18 {
            return Int(value)
        }
        throw mismatch("a whole number")
    }

    /// The node as a whole number that must lie in `range`.
    func int(in range: ValidRange) throws -> Int {
        let value = try int()
        guard range.contains(Double(value)) else {
            throw ConfigError.outOfRange(location, value: Double(value), validRange: "\(range)")
        }
        return value
    }

    /// The node as a name of a closed set; an unknown name lists the valid ones and suggests the closest.
    func value<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) throws -> Value
    where Value.RawValue == String {
        let text = try string()
        if let value = Value(rawValue: text) { return value }
        let names = Value.allCases.map(\.rawValue)
        throw ConfigError.unknownValue(
            location, value: text, validValues: names, suggestion: EditDistance.suggestion(for: text, among: names))
    }

    /// The node as a name that is a valid identifier: ASCII letters, digits and `_`, not starting with a digit.
    func identifier() throws -> String {
        let text = try string()
        let isIdentifier =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || CharacterSet.alphanumerics.contains($0)) }
            && !(text.unicodeScalars.first.map { CharacterSet.decimalDigits.contains($0) } ?? true)
        guard isIdentifier else { throw ConfigError.invalidName(location, name: text) }
        return text
    }
}

/// The entries of a YAML mapping whose keys have been checked, looked up by key.
struct ConfigMapping {
    /// The mapping node itself, for errors about a key that is absent.
    let owner: ConfigNode
    /// The values by key.
    let entries: [String: ConfigNode]

    /// The value for `key`, or `nil` when the key is absent or null.
    func optional(_ key: String) -> ConfigNode? {
        guard let node = entries[key], !node.isNull else { return nil }
        return node
    }

    /// The value for `key`.
    ///
    /// - Throws: `ConfigError.missingKey` when the key is absent or null.
    func required(_ key: String) throws -> ConfigNode {
        guard let node = optional(key) else {
            var at = owner.location
            at.keyPath = at.keyPath.isEmpty ? key : at.keyPath + "." + key
            throw ConfigError.missingKey(at, key: key)
        }
        return node
    }
}
