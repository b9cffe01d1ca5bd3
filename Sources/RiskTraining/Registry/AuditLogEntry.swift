import Foundation
import RiskScoring

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line of a registry's audit log (``AuditLog``): who did what to the registry, when, on which data, and
/// with which verdict.
///
/// `seq` and `previous` are filled in by ``AuditLog/append(_:)``; the other fields are the caller's. Fields an
/// event does not concern are left out of the line.
public struct AuditLogEntry: Codable, Sendable, Equatable {
    /// What happened.
    public enum Event: String, Codable, Sendable {
        /// `riskgrade retrain`: a challenger trained, validated, compared, registered, perhaps promoted.
        case retrain
        /// `riskgrade models add`: a version registered.
        case add
        /// `riskgrade models promote`: an alias moved.
        case promote
    }

    /// A data file: its path as given, SHA-256, size and data rows.
    public struct DataFile: Codable, Sendable, Equatable {
        public var file: String
        public var sha256: String
        public var bytes: Int
        /// Data rows (the header not counted).
        public var rows: Int

        public init(file: String, sha256: String, bytes: Int, rows: Int) {
            self.file = file
            self.sha256 = sha256
            self.bytes = bytes
            self.rows = rows
        }
    }

    /// A registered model: `name@version` and its content digest (see ``RiskModel/contentDigest()``).
    public struct ModelReference: Codable, Sendable, Equatable {
        public var model: String
        public var sha256: String

        public init(model: String, sha256: String) {
            self.model = model
            self.sha256 = sha256
        }

        /// The reference of `model`, by its identity and content digest.
        public init(_ model: RiskModel) throws {
            self.init(model: "\(model.identity.name)@\(model.identity.version)", sha256: try model.contentDigest())
        }
    }

    /// The experiment config a challenger was trained with: `champion` (the one embedded in the champion's
    /// model file) or the path of the file that overrode it, and the SHA-256 of its text.
    public struct ConfigSource: Codable, Sendable, Equatable {
        public var source: String
        public var sha256: String

        public init(source: String, sha256: String) {
            self.source = source
            self.sha256 = sha256
        }
    }

    /// The entry's line number, from 1; set by ``AuditLog/append(_:)``.
    public var seq = 0
    /// The SHA-256 of the previous line (64 zeros on the first line); set by ``AuditLog/append(_:)``.
    public var previous = AuditLog.noPrevious
    /// When, ISO 8601 in UTC (`2026-11-30T13:00:00Z`).
    public var time: String
    public var event: Event
    /// Who: `--user`, else `$USER`, else the login name of the process's user.
    public var user: String
    /// The machine's host name.
    public var host: String
    /// The command line, each argument quoted for a POSIX shell when it needs it.
    public var command: String
    /// The feature table a challenger was trained and compared on.
    public var data: DataFile?
    /// The config a challenger was trained with.
    public var config: ConfigSource?
    /// Training parameters set on the command line over the config's (`rounds=40`, `early_stopping=30`, …).
    public var overrides: [String]?
    /// The champion a challenger was compared with.
    public var champion: ModelReference?
    /// The challenger `retrain` trained and registered.
    public var challenger: ModelReference?
    /// The model `add` registered or `promote` pointed the alias at.
    public var model: ModelReference?
    /// The alias `promote` moved, or the one `retrain` would move.
    public var alias: String?
    /// The version the alias pointed at before (`promote`).
    public var replaced: String?
    /// The quarters the comparison scored.
    public var quarters: [String]?
    /// Every compare gate with its value, threshold and outcome.
    public var gates: [ModelComparison.Gate]?
    /// `promote` when every gate passed, else `keep` (the champion stays).
    public var verdict: String?
    /// Whether the alias was moved.
    public var promoted: Bool?
    /// The folder holding the reports (`validation.*`, `comparison.*`) and the challenger's training outputs.
    public var reports: String?

    /// An entry of `event` by `user` on `host`, at `time`; the other fields are set afterwards.
    public init(time: String, event: Event, user: String, host: String, command: String) {
        self.time = time
        self.event = event
        self.user = user
        self.host = host
        self.command = command
    }

    /// An entry of `event` stamped now, by `user` (else the process's user), on this host, for this process's
    /// command line.
    public static func now(_ event: Event, user: String? = nil) -> AuditLogEntry {
        AuditLogEntry(
            time: ModelIdentity.timestamp(Date()), event: event, user: currentUser(given: user), host: currentHost(),
            command: commandLine(CommandLine.arguments))
    }

    /// `given` when not empty, else `$USER`, else the login name of the process's user, else its user id.
    public static func currentUser(given: String? = nil) -> String {
        if let given, !given.isEmpty { return given }
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }

    /// The machine's host name.
    public static func currentHost() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return ProcessInfo.processInfo.hostName }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The arguments as one line a POSIX shell reads back: arguments holding anything but letters, digits and
    /// `-_./=@:,+%` are single-quoted.
    public static func commandLine(_ arguments: [String]) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=@:,+%")
        return arguments.map { argument in
            if !argument.isEmpty && argument.allSatisfy(plain.contains) { return argument }
            return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// One line for people: number, time, who, what, and the verdict.
    public static func summary(_ entry: AuditLogEntry) -> String {
        var line = "#\(entry.seq) \(entry.time) \(entry.user)@\(entry.host) \(entry.event.rawValue): "
        let short = { (digest: String) in String(digest.prefix(12)) }
        switch entry.event {
        case .retrain:
            line += "\(entry.champion?.model ?? "-") vs \(entry.challenger?.model ?? "-")"
            if let quarters = entry.quarters { line += " on " + quarters.joined(separator: ", ") }
            if let data = entry.data { line += "; data \(data.file) (sha256 \(short(data.sha256)), \(data.rows) rows)" }
            if let config = entry.config { line += "; config \(config.source)" }
            if let overrides = entry.overrides { line += " with " + overrides.joined(separator: ", ") }
            if let gates = entry.gates {
                line +=
                    "; gates "
                    + gates.map { gate in
                        let value =
                            gate.name == "require_monotone"
                            ? (gate.value == 1 ? "rising" : "not rising")
                            : gate.value.map { String(format: "%.4f", $0) } ?? "n/a"
                        return "\(gate.name) \(value) \(gate.passed ? "pass" : "FAIL")"
                    }.joined(separator: ", ")
            }
            line +=
                entry.promoted == true
                ? "; promoted to \(entry.alias ?? "champion")"
                : "; not promoted (\(entry.alias ?? "champion") unchanged)"
        case .add:
            line += "registered \(entry.model?.model ?? "-")"
            if let model = entry.model { line += " (sha256 \(short(model.sha256)))" }
        case .promote:
            let name = entry.model?.model.split(separator: "@").first.map(String.init) ?? "-"
            let version = entry.model?.model.split(separator: "@").last.map(String.init) ?? "-"
            line += "\(name)@\(entry.alias ?? "-"): \(entry.replaced ?? "(none)") → \(version)"
        }
        return line
    }
}
