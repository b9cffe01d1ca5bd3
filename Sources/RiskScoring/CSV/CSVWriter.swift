#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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
    public let path: String
    /// The temporary file that becomes `path` on ``close()``.
    public let temporaryPath: String

    private var fd: Int32
    private var pending: [UInt8] = []
    private let bufferSize: Int
    private var finished = false

    /// Creates the temporary file beside `path` and writes the header to it.
    ///
    /// - Parameters:
    ///   - path: The file to produce; replaced atomically on ``close()``.
    ///   - header: The column names.
    ///   - bufferSize: Bytes buffered before a write to the file (default 1 MiB).
    /// - Throws: `CSVError` of kind `.cannotWrite` when the temporary file cannot be created.
    public init(path: String, header: [String], bufferSize: Int = 1 << 20) throws(CSVError) {
        self.path = path
        self.bufferSize = max(bufferSize, 1)
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = ((directory.isEmpty ? "/" : directory + "/") + "." + base + ".tmp-XXXXXX").utf8CString
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw CSVError(.cannotWrite(reason: Self.systemError()), file: path)
        }
        fd = descriptor
        _ = fchmod(fd, 0o644)
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        pending.reserveCapacity(self.bufferSize)
        var encoder = CSVRowEncoder()
        encoder.record(header)
        try write(encoder)
    }

    deinit {
        if !finished {
            _ = Glibc_close(fd)
            _ = unlink(temporaryPath)
        }
    }

    /// Appends the records formatted in `encoder`.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite` when writing fails (for example, the disk is full).
    public func write(_ encoder: CSVRowEncoder) throws(CSVError) {
        precondition(!finished, "write after close")
        if pending.count + encoder.bytes.count > bufferSize {
            try flush()
        }
        if encoder.bytes.count >= bufferSize {
            try writeAll(encoder.bytes)
        } else {
            pending.append(contentsOf: encoder.bytes)
        }
    }

    /// Flushes, syncs and atomically renames the temporary file onto `path`.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite`; the temporary file is then removed and `path` untouched.
    public func close() throws(CSVError) {
        precondition(!finished, "close called twice")
        try flush()
        guard fsync(fd) == 0 else { throw CSVError(.cannotWrite(reason: Self.systemError()), file: path) }
        finished = true
        let closed = Glibc_close(fd)
        guard closed == 0, rename(temporaryPath, path) == 0 else {
            let reason = Self.systemError()
            _ = unlink(temporaryPath)
            throw CSVError(.cannotWrite(reason: reason), file: path)
        }
        // Sync the directory too, so the rename itself survives a crash.
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let directoryFD = open(directory.isEmpty ? "/" : directory, O_RDONLY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            _ = Glibc_close(directoryFD)
        }
    }

    private func flush() throws(CSVError) {
        guard !pending.isEmpty else { return }
        try writeAll(pending)
        pending.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) throws(CSVError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBufferPointer { b in
                Glibc_write(fd, b.baseAddress.map { $0 + offset }, b.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVError(.cannotWrite(reason: Self.systemError()), file: path)
            }
            offset += n
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

// The class's own `close()` and `write(_:)` hide the C functions of the same names.
private func Glibc_close(_ fd: Int32) -> Int32 { close(fd) }
private func Glibc_write(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, bytes, count) }
