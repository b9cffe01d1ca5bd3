import Dispatch
import RiskScoring

extension Dataset {
    /// Reads a CSV file into a dataset, streaming it in chunks.
    ///
    /// See ``DatasetSchema`` for how columns are typed; an empty field is a missing value (NaN, or code -1).
    ///
    /// - Throws: `CSVError` naming the file, line, column and header for anything that cannot be read:
    ///   required columns missing (all listed), a non-number in a numeric column, a rule broken, a ragged
    ///   row, a quoting error, invalid UTF-8.
    /// - Complexity: O(file size); memory is the dataset plus one chunk.
    public static func read(csv path: String, schema: DatasetSchema = .init()) throws(CSVError) -> Dataset {
        try read(from: CSVReader(path: path), schema: schema)
    }

    /// Reads the remaining records of `reader` into a dataset.
    ///
    /// The reader may be rewound once (to recover the text of an inferred column that turned out
    /// categorical after numbers), so pass a reader positioned at its first record.
    ///
    /// - Throws: `CSVError`, as ``read(csv:schema:)``.
    public static func read(from reader: CSVReader, schema: DatasetSchema = .init()) throws(CSVError) -> Dataset {
        var parser = try DatasetCSVParser(reader: reader, schema: schema)
        return try parser.parse()
    }

    /// Writes the dataset as CSV, atomically (see `CSVWriter`).
    ///
    /// Numbers are written in their shortest round-trip text and NaN as an empty field, so reading the file
    /// back with ``schema`` gives an identical dataset. Blocks of rows are formatted in parallel and written
    /// in order, so the file's bytes do not depend on the number of threads.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite`; nothing appears at `path` then.
    public func write(csv path: String) throws(CSVError) {
        let writer = try CSVWriter(path: path, header: columnNames)
        try appendRows(to: writer)
        try writer.close()
    }

    /// Appends the dataset's rows (no header) to an open writer, formatting blocks of rows in parallel and
    /// writing them in order, so the bytes do not depend on the number of threads.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite`.
    public func appendRows(to writer: CSVWriter) throws(CSVError) {
        let blockRows = 8192
        let blockCount = (rowCount + blockRows - 1) / blockRows
        let batch = 16
        var first = 0
        while first < blockCount {
            let count = min(batch, blockCount - first)
            var encoders = [CSVRowEncoder](repeating: CSVRowEncoder(capacity: 0), count: count)
            encoders.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                let start = first
                DispatchQueue.concurrentPerform(iterations: count) { k in
                    let rows = (start + k) * blockRows..<min((start + k + 1) * blockRows, rowCount)
                    out[k] = format(rows: rows)
                }
            }
            for encoder in encoders { try writer.write(encoder) }
            first += count
        }
    }

    /// The CSV records of `rows`.
    private func format(rows: Range<Int>) -> CSVRowEncoder {
        var encoder = CSVRowEncoder(capacity: rows.count * columns.count * 8)
        for row in rows {
            for column in columns {
                switch column.storage {
                case .numeric(let values):
                    encoder.field(values[row])
                case .categorical(let categorical):
                    let code = categorical.codes[row]
                    if code < 0 {
                        encoder.emptyField()
                    } else {
                        encoder.field(categorical.vocabulary[Int(code)])
                    }
                }
            }
            encoder.endRecord()
        }
        return encoder
    }
}
