import Dispatch
import Foundation

/// Scores a CSV file with a model, streaming: what `riskscore` runs.
///
/// The input is read in chunks of ``Options/chunkRows`` rows: each chunk's fields are read into model values,
/// then the chunk is scored on up to ``Options/threads`` threads, formatted in parallel and written in input
/// order; with two threads or more the next chunk is read while the current one is scored. Memory stays
/// bounded by two chunks whatever the file's size, and the output is byte-identical whatever the thread count
/// or chunk size.
///
/// A row that cannot be scored (a field that is not a number, out of its valid range, missing against the
/// policy, a wrong number of fields) goes to the error file with its line, column and reason, and the rest
/// are scored. A CSV syntax error after which no record boundary can be found (an unterminated quote, a
/// character after a closing quote) stops reading: it is reported the same way, and the summary says where
/// reading stopped. Both files are written atomically.
public enum ScoringJob {
    /// The output file format.
    public enum OutputFormat: String, Sendable, CaseIterable {
        /// CSV with a header: id, probability, score, grade, hard rule, then three columns per reason code.
        case csv
        /// One JSON object per line.
        case jsonl
    }

    /// What to score and where to write it.
    public struct Options: Sendable, Equatable {
        /// The CSV file to score: a header, then one enterprise a row with a column per model feature.
        public var input: String
        /// The scores file.
        public var output: String
        /// The error file; nil for the output's name with `.errors.csv` in place of its extension.
        public var errors: String?
        /// The scores file's format; default CSV.
        public var format: OutputFormat = .csv
        /// Reason codes per row; default 0 (none). Each row's reasons cost one exact TreeSHAP pass, far more
        /// than its score, so bulk grading leaves them off and inspectors' files ask for them.
        public var reasons: Int = 0
        /// Threads for scoring and formatting; 0 (the default) for every core. With 2 or more, reading the
        /// next chunk overlaps scoring the current one.
        public var threads: Int = 0
        /// The column written as each row's id; nil for the first input column that is not a model feature
        /// (or the line number when every column is one).
        public var idColumn: String?
        /// Rows read, scored and written at a time (default 16,384): memory is proportional to it.
        public var chunkRows: Int = 16_384

        /// Options for scoring `input` into `output`.
        public init(input: String, output: String) {
            self.input = input
            self.output = output
        }

        /// The error file this job writes.
        public var errorsPath: String {
            if let errors { return errors }
            let name = (output as NSString).lastPathComponent
            let stem = name.contains(".") && !name.hasPrefix(".") ? (name as NSString).deletingPathExtension : name
            return ((output as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent(stem + ".errors.csv")
        }
    }

    /// What a run did.
    public struct Summary: Sendable, Equatable {
        /// Data rows read (scored + rejected).
        public var rowsRead = 0
        /// Rows scored and written to the scores file.
        public var scored = 0
        /// Rows written to the error file instead.
        public var rejected = 0
        /// Scored rows per final grade, A to D.
        public var gradeCounts = [0, 0, 0, 0]
        /// Scored rows a hard rule excluded from grading.
        public var excluded = 0
        /// When a CSV syntax error stopped reading: the line and the reason (also in the error file).
        public var stopped: String?
        /// The scores file and the error file.
        public var output = ""
        public var errors = ""
        /// Wall-clock seconds of the run (reading to the last byte written).
        public var seconds = 0.0

        /// The summary printed at the end of a run.
        public var description: String {
            func share(_ n: Int) -> String {
                scored == 0 ? "" : String(format: " (%.1f%%)", 100 * Double(n) / Double(scored))
            }
            var lines = [
                "scored \(scored) of \(rowsRead) rows, rejected \(rejected)"
                    + (rejected > 0 ? " (reasons in \(errors))" : "")
                    + String(format: " in %.2f s (%.0f rows/s)", seconds, seconds > 0 ? Double(rowsRead) / seconds : 0),
                "grades: "
                    + zip(Grade.allCases, gradeCounts).map { "\($0.rawValue) \($1)\(share($1))" }.joined(
                        separator: ", ")
                    + (excluded > 0 ? ", excluded \(excluded)\(share(excluded))" : ""),
                "wrote \(output) and \(errors)",
            ]
            if let stopped { lines.append("stopped reading: \(stopped)") }
            return lines.joined(separator: "\n")
        }
    }

    /// A run that could not start or finish; nothing is left at the output paths.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The input cannot be opened, or its header cannot be read.
        case input(CSVError)
        /// The input lacks columns the model needs.
        case missingColumns(file: String, missing: [String], header: [String])
        /// `--id` names a column the input does not have.
        case unknownIDColumn(file: String, column: String, header: [String])
        /// An output file cannot be written.
        case output(CSVError)

        public var description: String {
            switch self {
            case .input(let error), .output(let error):
                return error.description
            case .missingColumns(let file, let missing, let header):
                return "\(file): the model needs column\(missing.count == 1 ? "" : "s") "
                    + missing.map { "\"\($0)\"" }.joined(separator: ", ")
                    + ", missing from the header (\(header.count) columns: "
                    + header.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ") + (header.count > 12 ? ", …" : "")
                    + "); add the columns, or score with the model this table was built for"
            case .unknownIDColumn(let file, let column, let header):
                return "\(file): no column \"\(column)\" for the ids (the header has "
                    + header.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ") + (header.count > 12 ? ", …" : "")
                    + "); name an existing column with --id"
            }
        }
    }

    /// Scores `options.input` with `scorer` into `options.output` and the error file.
    ///
    /// - Throws: `ScoringJob.Failure` when the input cannot be read or lacks model columns, or an output cannot
    ///   be written; rows that cannot be scored are not failures, they go to the error file.
    public static func run(scorer: Scorer, options: Options) throws(Failure) -> Summary {
        let start = DispatchTime.now()
        let reader: CSVReader
        do {
            reader = try CSVReader(path: options.input)
        } catch {
            throw .input(error)
        }
        let layout = try InputLayout(
            scorer: scorer, header: reader.header, file: options.input, idColumn: options.idColumn)
        var summary = Summary()
        summary.output = options.output
        summary.errors = options.errorsPath
        do throws(CSVError) {
            let outputs = try ScoringOutputs(scorer: scorer, layout: layout, options: options)
            let source = ChunkSource(reader: reader, layout: layout)
            let capacity = max(options.chunkRows, 1)
            let slots = [
                ChunkSlot(capacity: capacity, width: scorer.featureCount),
                ChunkSlot(capacity: capacity, width: scorer.featureCount),
            ]
            // With two threads or more, the next chunk is read while this one is scored and written.
            let overlap = (options.threads > 0 ? options.threads : ProcessInfo.processInfo.activeProcessorCount) > 1
            source.fill(slots[0])
            var current = 0
            while true {
                let next = slots[1 - current]
                let more = !source.finished
                let reading = DispatchGroup()
                if more {
                    if overlap {
                        DispatchQueue.global().async(group: reading) { source.fill(next) }
                    }
                }
                try outputs.write(slots[current].chunk, threads: options.threads, summary: &summary)
                reading.wait()
                guard more else { break }
                if !overlap { source.fill(next) }
                current = 1 - current
            }
            summary.rowsRead = source.rowsRead
            summary.stopped = source.stopped
            try outputs.close()
        } catch {
            throw .output(error)
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return summary
    }
}

/// Where the model's features and the id are in an input file's header.
struct InputLayout: Sendable {
    /// The input column of each feature.
    let columns: [Int]
    /// The id column, or nil to use line numbers.
    let id: Int?
    /// The id column's header in the outputs.
    let idName: String
    /// The input header.
    let header: [String]
    /// Each feature's reader and name.
    let readers: [FeatureReader]
    let featureNames: [String]

    init(scorer: Scorer, header: [String], file: String, idColumn: String?) throws(ScoringJob.Failure) {
        var position: [String: Int] = [:]
        for (i, name) in header.enumerated() { position[name] = i }
        let features = scorer.model.features
        let missing = features.filter { position[$0.column] == nil }.map(\.column)
        guard missing.isEmpty else { throw .missingColumns(file: file, missing: missing, header: header) }
        columns = features.map { position[$0.column] ?? 0 }
        if let idColumn {
            guard let at = position[idColumn] else {
                throw .unknownIDColumn(file: file, column: idColumn, header: header)
            }
            id = at
        } else {
            let used = Set(columns)
            id = header.indices.first { !used.contains($0) }
        }
        idName = id.map { header[$0] } ?? "line"
        self.header = header
        readers = scorer.readers
        featureNames = features.map(\.name)
    }
}

/// One chunk of input rows read into model values, reused from chunk to chunk.
struct ScoringChunk: Sendable {
    /// The most rows a chunk holds.
    let capacity: Int
    /// Values per row.
    let width: Int
    /// Accepted rows so far.
    private(set) var count = 0
    /// Row-major model values of the accepted rows.
    private(set) var values: [Float]
    /// Each accepted row's id.
    private(set) var ids: [String]
    /// The id of the last row appended, accepted or not.
    private(set) var lastID = ""
    /// The rows of the chunk that cannot be scored, in input order.
    private(set) var rejected: [(line: Int, id: String, rejection: RowRejection)] = []

    init(capacity: Int, width: Int) {
        self.capacity = capacity
        self.width = width
        values = [Float](repeating: .nan, count: capacity * width)
        ids = []
        ids.reserveCapacity(capacity)
    }

    /// Forgets the rows, keeping the storage.
    mutating func removeAll() {
        count = 0
        ids.removeAll(keepingCapacity: true)
        rejected.removeAll(keepingCapacity: true)
    }

    /// Records a row that cannot be scored.
    mutating func reject(line: Int, id: String, _ rejection: RowRejection) {
        rejected.append((line, id, rejection))
    }

    /// Reads `record` into the next row, or records its rejection when a field cannot be read. Allocates
    /// nothing for an accepted row with a short id.
    mutating func append(_ record: CSVRecord, layout: InputLayout) {
        lastID = layout.id.map { record.lossyString($0) } ?? String(record.line)
        let base = count * width
        for feature in 0..<width {
            let column = layout.columns[feature]
            do throws(RowRejection.Reason) {
                values[base + feature] = try record.withField(column) { field in
                    Result { () throws(RowRejection.Reason) -> Float in try layout.readers[feature].value(of: field) }
                }.get()
            } catch {
                let rejection = RowRejection(
                    error, indicator: layout.featureNames[feature], column: layout.header[column],
                    columnNumber: column + 1)
                reject(line: record.line, id: lastID, rejection)
                return
            }
        }
        ids.append(lastID)
        count += 1
    }
}

/// A chunk buffer handed between the reading thread and the scoring one: one side uses it at a time.
final class ChunkSlot: @unchecked Sendable {
    var chunk: ScoringChunk
    init(capacity: Int, width: Int) { chunk = ScoringChunk(capacity: capacity, width: width) }
}

/// Reads an input file chunk by chunk; used by one thread at a time.
final class ChunkSource: @unchecked Sendable {
    private let reader: CSVReader
    private let layout: InputLayout
    private var record = CSVRecord()
    /// Data rows read so far.
    private(set) var rowsRead = 0
    /// Whether the input is exhausted (or reading stopped).
    private(set) var finished = false
    /// Where and why reading stopped early, if it did.
    private(set) var stopped: String?

    init(reader: CSVReader, layout: InputLayout) {
        self.reader = reader
        self.layout = layout
    }

    /// Refills `slot` with the next rows: up to its capacity of rows that can be scored, and the rejections
    /// met on the way.
    func fill(_ slot: ChunkSlot) {
        slot.chunk.removeAll()
        while !finished, slot.chunk.count < slot.chunk.capacity {
            do throws(CSVError) {
                guard try reader.next(into: &record) else {
                    finished = true
                    break
                }
                rowsRead += 1
                slot.chunk.append(record, layout: layout)
            } catch {
                rowsRead += 1
                let line = error.line ?? record.line
                if case .raggedRow(let expected, let found) = error.kind {
                    // The reader is past the record already: report it and go on.
                    let id = layout.id.map { $0 < record.count ? record.lossyString($0) : "" } ?? String(line)
                    slot.chunk.reject(
                        line: line, id: id, RowRejection(.wrongFieldCount(expected: expected, found: found)))
                    continue
                }
                // No record boundary can be found after this error: report it and stop reading.
                let rejection = RowRejection(
                    .malformed(error.description), column: error.columnName, columnNumber: error.column)
                slot.chunk.reject(line: line, id: "", rejection)
                stopped = "line \(line): \(error.description)"
                finished = true
            }
        }
    }
}
