/// The version of the frozen model format, `major.minor`, written first in every model file.
///
/// A reader accepts every minor version of its major version: a newer minor only adds optional fields, which
/// an older reader ignores. A different major version is refused with an error naming both versions.
public struct FormatVersion: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// Incremented when a change breaks older readers.
    public var major: Int
    /// Incremented when a change only adds optional fields.
    public var minor: Int

    /// A version from its parts.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The version this toolkit writes, and the newest it reads in full: 1.1 (1.0 plus fitted calibrations,
    /// the grade policy record and category conditions in hard rules).
    public static let current = FormatVersion(major: 1, minor: 1)

    /// Reads `"major.minor"`: two non-negative whole numbers without signs or leading zeros.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Self.component(parts[0]), let minor = Self.component(parts[1]) else {
            return nil
        }
        self.init(major: major, minor: minor)
    }

    private static func component(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 6, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            text == "0" || !text.hasPrefix("0")
        else { return nil }
        return Int(text)
    }

    /// `"1.0"`.
    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: FormatVersion, rhs: FormatVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
