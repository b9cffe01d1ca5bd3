import Foundation

/// Who a model is: its registry name and version, when and by which toolkit it was made, and the version it
/// replaces.
public struct ModelIdentity: Sendable, Equatable {
    /// The model's registry name (`general`): letters, digits, `_`, `-` and `.`, not starting with `.`.
    public var name: String
    /// The version inside the name (`2026Q3`), same characters as ``name``; never changes once registered.
    public var version: String
    /// When the model was trained, ISO 8601 in UTC (`2026-07-01T08:30:00Z`).
    public var createdAt: String
    /// The toolkit version that trained it (``Toolkit/version``).
    public var toolkitVersion: String
    /// The version this one was trained to replace, if any.
    public var parentVersion: String?

    /// An identity from its parts.
    public init(
        name: String, version: String, createdAt: String, toolkitVersion: String = Toolkit.version,
        parentVersion: String? = nil
    ) {
        self.name = name
        self.version = version
        self.createdAt = createdAt
        self.toolkitVersion = toolkitVersion
        self.parentVersion = parentVersion
    }

    /// `date` as ISO 8601 in UTC, to the second (`2026-07-01T08:30:00Z`), as ``createdAt`` and alias
    /// histories store times.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Whether `text` can name a model or a version in a registry: 1-100 ASCII letters, digits, `_`, `-`,
    /// `.`, not starting with `.` (so it is a safe folder name and never `.` or `..`).
    public static func isValidName(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 100, !text.hasPrefix(".") else { return false }
        return text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                true
            default: false
            }
        }
    }
}
