import Foundation

/// The alias file of one model name in a registry, `models/<name>/aliases.json`: which version each alias
/// (`champion`, `challenger`, any name) points at, and every promotion so far.
///
/// ```json
/// {
///   "aliases": {"champion": "2026Q3"},
///   "history": [{"alias": "champion", "at": "2026-07-01T08:30:00Z", "version": "2026Q3"}]
/// }
/// ```
public struct AliasIndex: Sendable, Equatable {
    /// One promotion: `alias` pointed at `version` from time `at` (ISO 8601, UTC).
    public struct Promotion: Sendable, Equatable {
        /// The alias moved.
        public var alias: String
        /// The version it pointed at from then on.
        public var version: String
        /// When, ISO 8601 in UTC.
        public var at: String

        /// A promotion from its parts.
        public init(alias: String, version: String, at: String) {
            self.alias = alias
            self.version = version
            self.at = at
        }
    }

    /// Alias → version.
    public var aliases: [String: String]
    /// Every promotion, oldest first.
    public var history: [Promotion]

    /// An index from its parts.
    public init(aliases: [String: String] = [:], history: [Promotion] = []) {
        self.aliases = aliases
        self.history = history
    }

    /// The file's canonical bytes (sorted keys), so the same index always gives the same file.
    public func encoded() -> [UInt8] {
        let aliasMembers = aliases.map { JSONMember($0.key, .string($0.value)) }
        let historyValues = history.map { promotion -> JSONValue in
            .object([
                JSONMember("alias", .string(promotion.alias)), JSONMember("version", .string(promotion.version)),
                JSONMember("at", .string(promotion.at)),
            ])
        }
        return CanonicalJSON.pretty(
            .object([JSONMember("aliases", .object(aliasMembers)), JSONMember("history", .array(historyValues))]))
    }

    /// Reads an index file's bytes; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws(ModelRegistryError) -> AliasIndex {
        let bytes = [UInt8](data)
        let root: JSONValue
        do {
            root = try bytes.withUnsafeBufferPointer { buffer throws(JSONParser.SyntaxError) in
                try JSONParser.parse(buffer)
            }
        } catch {
            throw .invalidIndex(file: file, problem: "not valid JSON at byte \(error.offset): \(error.problem)")
        }
        let d = ModelDecoder(source: nil, file: file)
        do {
            let members = try d.object(root, "the document")
            var index = AliasIndex()
            if let aliases = d.optional(members, "aliases") {
                for member in try d.object(aliases, "aliases") {
                    index.aliases[member.key] = try d.string(member.value, "aliases." + member.key)
                }
            }
            if let history = d.optional(members, "history") {
                for (i, element) in try d.array(history, "history").enumerated() {
                    let path = "history[\(i)]"
                    let m = try d.object(element, path)
                    func text(_ key: String) throws(ModelFormatError) -> String {
                        try d.string(try d.required(m, key, path, expected: "a string"), path + "." + key)
                    }
                    index.history.append(
                        Promotion(alias: try text("alias"), version: try text("version"), at: try text("at")))
                }
            }
            return index
        } catch {
            throw .invalidIndex(file: file, problem: error.description)
        }
    }
}
