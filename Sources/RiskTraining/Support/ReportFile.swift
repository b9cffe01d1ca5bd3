import Foundation
import RiskScoring

/// Writing the JSON and text files runs leave behind: pretty-printed JSON with sorted keys, so the same value
/// always gives the same bytes, and every write atomic (a temporary file renamed into place).
enum ReportFile {
    /// Writes `value` as JSON to `path` atomically.
    static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try write(encoder.encode(value), to: path)
    }

    /// Writes `bytes` to `path` atomically (temporary file, fsync, rename, directory fsync).
    static func write(_ bytes: Data, to path: String) throws {
        try AtomicFileWriter.write(Array(bytes), to: path)
    }
}
