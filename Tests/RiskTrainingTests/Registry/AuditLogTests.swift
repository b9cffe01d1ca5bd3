import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("AuditLog: append-only, hash-chained lines, tampering caught with the line number")
struct AuditLogTests {
    /// An entry with distinguishable fields.
    static func entry(_ index: Int, event: AuditLogEntry.Event = .retrain) -> AuditLogEntry {
        var entry = AuditLogEntry(
            time: "2026-11-30T13:0\(index % 10):00Z", event: event, user: "inspector \(index)", host: "bureau",
            command: "riskgrade retrain --data 'table \(index).csv'")
        entry.data = .init(file: "table.csv", sha256: String(repeating: "ab", count: 32), bytes: 1000 + index, rows: 10)
        entry.gates = [
            ModelComparison.Gate(name: "max_auc_drop", value: 0.001 * Double(index), threshold: 0.005, passed: true),
            ModelComparison.Gate(name: "max_score_psi", value: nil, threshold: 0.25, passed: false),
        ]
        entry.verdict = "keep"
        entry.promoted = false
        return entry
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Writes `lines` (without line ends) back as the log.
    static func rewrite(_ path: String, lines: [[UInt8]]) throws {
        try Data(lines.flatMap { $0 + [0x0A] }).write(to: URL(fileURLWithPath: path))
    }

    static func lines(_ path: String) throws -> [[UInt8]] {
        try bytes(path).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
    }

    /// The line number a verification error names.
    static func brokenLine(_ log: AuditLog) -> Int? {
        do {
            _ = try log.verify()
            return nil
        } catch {
            guard case .broken(_, let line, _) = error else { return -1 }
            return line
        }
    }

    @Test("each append only adds bytes at the end; numbers, chain and fields read back")
    func appendsOnlyGrow() throws {
        let directory = TestFiles.temporaryDirectory("audit")
        let log = AuditLog(registry: ModelRegistry(root: directory + "/models"))
        #expect(try log.verify().isEmpty)
        var before: [UInt8] = []
        var written: [AuditLogEntry] = []
        for index in 1...5 {
            written.append(try log.append(Self.entry(index, event: index == 3 ? .promote : .retrain)))
            let after = try Self.bytes(log.path)
            #expect(after.count > before.count)
            #expect(Array(after.prefix(before.count)) == before)
            #expect(after.last == 0x0A)
            before = after
        }
        let lines = try log.verify()
        #expect(lines.map(\.entry) == written)
        #expect(lines.map(\.entry.seq) == [1, 2, 3, 4, 5])
        #expect(lines[0].entry.previous == AuditLog.noPrevious)
        // Each line's previous is the SHA-256 of the line before, computed here from the raw bytes.
        let raw = try Self.lines(log.path)
        for k in 1..<5 { #expect(lines[k].entry.previous == RiskModel.sha256Hex(raw[k - 1])) }
        #expect(lines[4].digest == RiskModel.sha256Hex(raw[4]))
        #expect(lines[2].entry.event == .promote && lines[1].entry.user == "inspector 2")
        #expect(lines[1].entry.gates?[1].value == nil && lines[1].entry.gates?[0].value == 0.002)
        // The head is found; a made-up one is not.
        #expect(try log.verify(head: lines[4].digest).count == 5)
        #expect(throws: AuditLogError.self) { try log.verify(head: String(repeating: "1", count: 64)) }
    }

    @Test("a changed character is caught on its line, whichever line", arguments: [1, 3, 4])
    func editedLine(line: Int) throws {
        let log = AuditLog(path: TestFiles.temporaryDirectory("audit") + "/audit.jsonl")
        for index in 1...4 { try log.append(Self.entry(index)) }
        var lines = try Self.lines(log.path)
        // Flip the verdict from keep to kept.
        let text = String(decoding: lines[line - 1], as: UTF8.self).replacingOccurrences(
            of: "\"verdict\":\"keep\"", with: "\"verdict\":\"kept\"")
        lines[line - 1] = Array(text.utf8)
        try Self.rewrite(log.path, lines: lines)
        #expect(Self.brokenLine(log) == line)
        // Nothing is appended to a broken log, and the file stays as it was.
        let before = try Self.bytes(log.path)
        #expect(throws: AuditLogError.self) { try log.append(Self.entry(9)) }
        #expect(try Self.bytes(log.path) == before)
    }

    @Test("a line rewritten with its own digest recomputed is caught by the next line's previous")
    func rewrittenWithDigest() throws {
        let log = AuditLog(path: TestFiles.temporaryDirectory("audit") + "/audit.jsonl")
        for index in 1...3 { try log.append(Self.entry(index)) }
        var lines = try Self.lines(log.path)
        var forged = try log.verify()[1].entry
        forged.user = "someone else"
        lines[1] = Array(try AuditLog.line(of: forged).dropLast())
        try Self.rewrite(log.path, lines: lines)
        #expect(Self.brokenLine(log) == 3)
    }

    @Test("a removed line, swapped lines and a file cut in the middle of a line are caught with their line")
    func removedSwappedTruncated() throws {
        let log = AuditLog(path: TestFiles.temporaryDirectory("audit") + "/audit.jsonl")
        for index in 1...4 { try log.append(Self.entry(index)) }
        let original = try Self.lines(log.path)

        try Self.rewrite(log.path, lines: [original[0], original[2], original[3]])
        #expect(Self.brokenLine(log) == 2)
        try Self.rewrite(log.path, lines: [original[0], original[2], original[1], original[3]])
        #expect(Self.brokenLine(log) == 2)
        try Self.rewrite(log.path, lines: Array(original[1...]))
        #expect(Self.brokenLine(log) == 1)

        let whole: [UInt8] = original.flatMap { $0 + [UInt8(0x0A)] }
        try Data(Array(whole.dropLast(20))).write(to: URL(fileURLWithPath: log.path))
        #expect(Self.brokenLine(log) == 4)
        // Cut back to whole lines, the chain still verifies: only a head kept elsewhere tells.
        try Self.rewrite(log.path, lines: Array(original[..<3]))
        let head = RiskModel.sha256Hex(original[3])
        #expect(try log.verify().count == 3)
        #expect(throws: AuditLogError.headMissing(file: log.path, head: head, lines: 3)) {
            try log.verify(head: head)
        }
    }

    @Test("concurrent appends each get their own line and the chain verifies")
    func concurrentAppends() throws {
        let path = TestFiles.temporaryDirectory("audit") + "/audit.jsonl"
        let count = 16
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: count) { index in
            // Separate values, so separate descriptors: the file lock is what orders them.
            do { try AuditLog(path: path).append(Self.entry(index)) } catch { failures.increment() }
        }
        #expect(failures.value == 0)
        let lines = try AuditLog(path: path).verify()
        #expect(lines.count == count)
        #expect(Set(lines.map(\.entry.user)) == Set((0..<count).map { "inspector \($0)" }))
    }

    @Test("command lines are quoted for a shell only where needed")
    func commandLine() {
        #expect(
            AuditLogEntry.commandLine(["riskgrade", "retrain", "--data", "out/t.csv", "--user", "Li Wei", "it's"])
                == "riskgrade retrain --data out/t.csv --user 'Li Wei' 'it'\\''s'")
        #expect(AuditLogEntry.currentUser(given: "auditor") == "auditor")
        #expect(!AuditLogEntry.currentUser().isEmpty)
    }
}

/// A thread-safe count.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
