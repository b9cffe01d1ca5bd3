import Dispatch
import Foundation

/// The files of a scoring job: the scores (CSV or JSON lines) and the error file, each written atomically;
/// chunks of scored rows are formatted in parallel and written in input order.
final class ScoringOutputs {
    private let scorer: Scorer
    private let layout: InputLayout
    private let format: ScoringJob.OutputFormat
    private let reasons: Int
    private let scoresFile: AtomicFileWriter
    private let errorsFile: AtomicFileWriter
    private var errorRows = CSVRowEncoder()
    /// One encoder per formatting task, reused.
    private var blocks: [OutputBlock] = []
    private var scored = ScoredRows()
    /// Per hard rule, its text in the outputs: `indicator:action`.
    private let ruleNames: [String]

    /// The header of the error file.
    static let errorHeader = ["line", "id", "column", "field", "reason"]

    init(scorer: Scorer, layout: InputLayout, options: ScoringJob.Options) throws(CSVError) {
        self.scorer = scorer
        self.layout = layout
        format = options.format
        reasons = min(max(options.reasons, 0), scorer.featureCount)
        ruleNames = scorer.model.grading.hardRules.map { "\($0.indicator):\($0.action.rawValue)" }
        scoresFile = try AtomicFileWriter(path: options.output)
        errorsFile = try AtomicFileWriter(path: options.errorsPath)
        var header = CSVRowEncoder()
        header.record(Self.errorHeader.map { $0 == "id" ? layout.idName : $0 })
        try errorsFile.write(header.bytes)
        if format == .csv {
            var names = [layout.idName, "probability", "score", "grade", "hard_rule"]
            for k in 1...max(reasons, 1) where reasons > 0 {
                names += ["reason_\(k)", "value_\(k)", "contribution_\(k)"]
            }
            header.removeAll()
            header.record(names)
            try scoresFile.write(header.bytes)
        }
    }

    /// Formats a row that cannot be scored for the error file.
    private func reject(line: Int, id: String, _ rejection: RowRejection) {
        errorRows.field(line)
        errorRows.field(id)
        if let number = rejection.columnNumber { errorRows.field(number) } else { errorRows.emptyField() }
        errorRows.field(rejection.column ?? "")
        let indicator = rejection.indicator.flatMap { $0 == rejection.column ? nil : "indicator \($0): " }
        errorRows.field((indicator ?? "") + rejection.message)
        errorRows.endRecord()
    }

    /// Scores `chunk` on up to `threads` threads, formats its rows in parallel, writes them in order and
    /// counts them in `summary`.
    func write(_ chunk: ScoringChunk, threads: Int, summary: inout ScoringJob.Summary) throws(CSVError) {
        for rejected in chunk.rejected { reject(line: rejected.line, id: rejected.id, rejected.rejection) }
        summary.rejected += chunk.rejected.count
        if !errorRows.bytes.isEmpty {
            try errorsFile.write(errorRows.bytes)
            errorRows.removeAll()
        }
        guard chunk.count > 0 else { return }
        scorer.score(rowMajor: chunk.values, rowCount: chunk.count, reasons: reasons, threads: threads, into: &scored)
        for row in 0..<chunk.count {
            if let grade = scored.grades[row] { summary.gradeCounts[grade.rank] += 1 } else { summary.excluded += 1 }
        }
        summary.scored += chunk.count
        let workers = threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount
        // Blocks of at least 1,024 rows, a few per worker; their bytes depend only on the rows.
        let taskCount = max(1, min(workers * 2, chunk.count / 1_024))
        if blocks.count < taskCount {
            blocks += Array(repeating: OutputBlock(), count: taskCount - blocks.count)
        }
        let rowsPerTask = (chunk.count + taskCount - 1) / taskCount
        let rows = scored
        let formatter = RowFormatter(scorer: scorer, format: format, ruleNames: ruleNames)
        blocks.withUnsafeMutableBufferPointer { blocks in
            let shared = SharedEncoders(base: blocks)
            let work: @Sendable (Int) -> Void = { task in
                let range = task * rowsPerTask..<min((task + 1) * rowsPerTask, chunk.count)
                formatter.format(rows: rows, chunk: chunk, range: range, into: &shared.base[task])
            }
            if taskCount == 1 || workers == 1 {
                for task in 0..<taskCount { work(task) }
            } else {
                DispatchQueue.concurrentPerform(iterations: taskCount, execute: work)
            }
        }
        for task in 0..<taskCount { try scoresFile.write(blocks[task].bytes(format)) }
    }

    /// Writes what is pending and renames both files into place.
    func close() throws(CSVError) {
        if !errorRows.bytes.isEmpty { try errorsFile.write(errorRows.bytes) }
        try scoresFile.close()
        try errorsFile.close()
    }
}

/// One formatting task's output: CSV records, or JSON lines with a scratch encoder for their numbers.
struct OutputBlock: Sendable {
    var csv = CSVRowEncoder(capacity: 1 << 16)
    var json: [UInt8] = []
    var scratch = CSVRowEncoder(capacity: 64)

    /// The formatted bytes.
    func bytes(_ format: ScoringJob.OutputFormat) -> [UInt8] { format == .csv ? csv.bytes : json }
}

/// The formatting tasks' encoders: each task writes only its own element.
private struct SharedEncoders: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<OutputBlock>
}
