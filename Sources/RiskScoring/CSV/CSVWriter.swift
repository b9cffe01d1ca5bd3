/// Writes a CSV file atomically: readers of `path` see either the old file or the complete new one.
///
/// Records go to a temporary file beside `path` (same directory, so the final rename cannot cross file
/// systems). ``close()`` flushes, syncs to disk and renames the temporary file onto `path`. A writer that is
/// dropped without ``close()`` (for example because an error was thrown while producing rows) deletes its
/// temporary file, so a partial file never appears at `path`.
///
/// ```swift
/// let writer = try CSVWriter(path: "scores.csv", header: ["id", "score"])
/// var rows = CSVRowEncoder()
/// rows.field("A-17"); rows.field(0.25, decimals: 4); rows.endRecord()
/// try writer.write(rows)
/// try writer.close()
/// ```
public final class CSVWriter {
    /// The destination path.
    public var path: String { file.path }
    /// The temporary file that becomes `path` on ``close()``.
    public var temporaryPath: String { file.temporaryPath }

    private let file: AtomicFileWriter

    /// Creates the temporary file beside `path` and writes the header to it.
    ///
    /// - Parameters:
    ///   - path: The file to produce; replaced atomically on ``close()``.
    ///   - header: The column names.
    ///   - bufferSize: Bytes buffered before a write to the file (default 1 MiB).
    /// - Throws: `CSVError` of kind `.cannotWrite` when the temporary file cannot be created.
    public init(path: String, header: [String], bufferSize: Int = 1 << 20) throws(CSVError) {
        file = try AtomicFileWriter(path: path, bufferSize: bufferSize)
        var encoder = CSVRowEncoder()
        encoder.record(header)
        try write(encoder)
    }

    /// Appends the records formatted in `encoder`.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite` when writing fails (for example, the disk is full).
    public func write(_ encoder: CSVRowEncoder) throws(CSVError) {
        try file.write(encoder.bytes)
    }

    /// Flushes, syncs and atomically renames the temporary file onto `path`.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite`; the temporary file is then removed and `path` untouched.
    public func close() throws(CSVError) {
        try file.close()
    }
}
