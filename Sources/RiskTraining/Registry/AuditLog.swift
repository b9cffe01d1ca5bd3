import Foundation
import RiskScoring

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A registry's append-only audit log, `<registry>/audit.jsonl`: one JSON object a line (``AuditLogEntry``),
/// each line hash-chained to the one before.
///
/// Line `k` is the entry's JSON with sorted keys, `seq` = `k` and `previous` = the SHA-256 of line `k − 1`
/// (its bytes without the line end; 64 zeros on line 1), followed by a last member `sha256`: the SHA-256 of
/// the line as it reads without that member:
///
/// ```
/// {"command":"…","event":"retrain",…,"previous":"<64 hex>","seq":3,…,"sha256":"<64 hex>"}
/// ```
///
/// So a line edited in place fails its own `sha256`, a line edited with its `sha256` recomputed fails the
/// next line's `previous`, and a removed or reordered line fails `seq` and `previous`. Only the last line can be
/// rewritten wholesale without a trace in the file itself: ``verify(head:)`` takes a head digest recorded
/// elsewhere (`riskgrade models audit` prints it) and checks the log still holds that line.
///
/// Appending never rewrites a byte already written: the file is opened for appending, locked (`flock`) so
/// concurrent writers take turns, checked whole, and the line is written by one `write` and synced.
public struct AuditLog: Sendable {
    /// The log file.
    public var path: String

    /// The log at `path`.
    public init(path: String) { self.path = path }

    /// The log of `registry`: `<root>/audit.jsonl`.
    public init(registry: ModelRegistry) { path = (registry.root as NSString).appendingPathComponent(Self.fileName) }

    /// The log's file name inside a registry.
    public static let fileName = "audit.jsonl"
    /// `previous` of the first line.
    public static let noPrevious = String(repeating: "0", count: 64)

    /// One verified line: its entry, and the SHA-256 of the whole line (what the next line's `previous` holds).
    public struct Line: Sendable, Equatable {
        public var entry: AuditLogEntry
        public var digest: String
    }

    /// Appends `entry` as the next line, with `seq` and `previous` filled in, and returns it so.
    ///
    /// The registry folder is created when missing. The whole log is verified under the lock first: nothing is
    /// appended to a broken log.
    /// - Throws: `AuditLogError.broken` naming the first bad line; `.io` when the file cannot be opened,
    ///   locked, read, written or synced (a line written in part is cut off again).
    @discardableResult
    public func append(_ entry: AuditLogEntry) throws(AuditLogError) -> AuditLogEntry {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .io(path: directory, operation: "create the folder", reason: error.localizedDescription)
            }
        }
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, operation: "open the log", reason: AtomicFile.systemError()) }
        defer { _ = close(fd) }
        guard flock(fd, LOCK_EX) == 0 else {
            throw .io(path: path, operation: "lock the log", reason: AtomicFile.systemError())
        }
        let existing = try readAll(fd)
        let lines = try Self.verify(existing, file: path)
        var entry = entry
        entry.seq = lines.count + 1
        entry.previous = lines.last?.digest ?? Self.noPrevious
        let line = try Self.line(of: entry)
        var written = 0
        while written < line.count {
            let count = line.withUnsafeBytes { write(fd, $0.baseAddress! + written, line.count - written) }
            guard count > 0 else {
                let reason = AtomicFile.systemError()
                // Cut off what was written of this line, and nothing before it.
                _ = ftruncate(fd, off_t(existing.count))
                throw .io(path: path, operation: "append a line", reason: reason)
            }
            written += count
        }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "sync the log", reason: AtomicFile.systemError()) }
        if existing.isEmpty, !directory.isEmpty {
            do { try AtomicFile.syncDirectory(directory) } catch {
                throw .io(path: directory, operation: "sync the folder", reason: error.description)
            }
        }
        return entry
    }

    /// Reads and verifies the whole log (an absent file is an empty log).
    ///
    /// - Parameter head: a line digest recorded earlier (a head `riskgrade models audit` printed); the log must
    ///   still hold that line.
    /// - Returns: every line, in order.
    /// - Throws: `AuditLogError.broken` naming the first bad line, `.headMissing` when no line has digest
    ///   `head`, `.io` when the file cannot be read.
    public func verify(head: String? = nil) throws(AuditLogError) -> [Line] {
        guard FileManager.default.fileExists(atPath: path) else {
            if let head { throw .headMissing(file: path, head: head, lines: 0) }
            return []
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .io(path: path, operation: "read the log", reason: error.localizedDescription)
        }
        let lines = try Self.verify(bytes, file: path)
        if let head, !lines.contains(where: { $0.digest == head.lowercased() }) {
            throw .headMissing(file: path, head: head, lines: lines.count)
        }
        return lines
    }

    /// The bytes of `entry`'s line, line end included.
    static func line(of entry: AuditLogEntry) throws(AuditLogError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var body: [UInt8]
        do {
            body = [UInt8](try encoder.encode(entry))
        } catch {
            throw .io(path: "entry \(entry.seq)", operation: "encode the entry", reason: "\(error)")
        }
        let digest = RiskModel.sha256Hex(body)
        body.removeLast()  // the closing brace
        body.append(contentsOf: Array(",\"\(Self.digestKey)\":\"\(digest)\"}\n".utf8))
        return body
    }

    /// The last member of every line.
    static let digestKey = "sha256"

    /// Verifies the log's bytes line by line (see the type's description); `file` names it in errors.
    static func verify(_ bytes: [UInt8], file: String) throws(AuditLogError) -> [Line] {
        var lines: [Line] = []
        var start = 0
        let suffix = Array(",\"\(digestKey)\":\"".utf8)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        while start < bytes.count {
            let number = lines.count + 1
            func broken(_ problem: String) -> AuditLogError { .broken(file: file, line: number, problem: problem) }
            guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                throw broken("the line has no line end: the file was cut off (or an append was interrupted)")
            }
            let line = Array(bytes[start..<end])
            start = end + 1
            // `…,"sha256":"<64 hex>"}`
            let tail = suffix.count + 64 + 2
            guard line.count > tail, line.last == UInt8(ascii: "}"), line[line.count - 2] == UInt8(ascii: "\""),
                Array(line[(line.count - tail)..<(line.count - tail + suffix.count)]) == suffix
            else {
                throw broken("the line does not end with its \"\(digestKey)\" member; it was not written by the log")
            }
            let recorded = String(decoding: line[(line.count - 66)..<(line.count - 2)], as: UTF8.self)
            let content = Array(line[..<(line.count - tail)]) + [UInt8(ascii: "}")]
            let computed = RiskModel.sha256Hex(content)
            guard computed == recorded else {
                throw broken(
                    "the line was changed after it was written: its content hashes to \(computed), its \"\(digestKey)\" "
                        + "member records \(recorded)")
            }
            let entry: AuditLogEntry
            do {
                entry = try decoder.decode(AuditLogEntry.self, from: Data(line))
            } catch {
                throw broken("the line is not an audit entry (\(error))")
            }
            guard entry.seq == number else {
                throw broken("the line holds entry \(entry.seq): lines were removed, inserted or reordered")
            }
            let expected = lines.last?.digest ?? noPrevious
            guard entry.previous == expected else {
                throw broken(
                    number == 1
                        ? "the first line records a previous line \(entry.previous): lines before it were removed"
                        : "the line records the previous line's SHA-256 as \(entry.previous), but line \(number - 1) "
                            + "hashes to \(expected): line \(number - 1) was changed, or a line was removed")
            }
            lines.append(Line(entry: entry, digest: RiskModel.sha256Hex(line)))
        }
        return lines
    }

    /// The file's bytes through `fd` (opened for appending, so read from offset 0 with `pread`).
    private func readAll(_ fd: Int32) throws(AuditLogError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(bytes.count)) }
            guard count >= 0 else {
                throw .io(path: path, operation: "read the log", reason: AtomicFile.systemError())
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
