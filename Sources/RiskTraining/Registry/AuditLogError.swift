/// Why an audit log cannot be verified or appended to; each case names the file (and line) and the fix.
public enum AuditLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The first line that breaks the chain (1-based), and how.
    case broken(file: String, line: Int, problem: String)
    /// No line has the head digest recorded earlier: the log was cut back or rewritten since.
    case headMissing(file: String, head: String, lines: Int)
    /// A file system operation failed.
    case io(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .broken(let file, let line, let problem):
            return "\(file): line \(line): \(problem); the log is append-only and nothing is appended to a broken "
                + "one: restore it from a backup (the registered models are not affected) and check who changed it"
        case .headMissing(let file, let head, let lines):
            return "\(file): none of its \(lines) line(s) has SHA-256 \(head), the head recorded earlier: the log was "
                + "cut back or its last lines rewritten since; restore it from a backup"
        case .io(let path, let operation, let reason):
            return "\(path): cannot \(operation): \(reason); check the path, free space and permissions"
        }
    }
}
