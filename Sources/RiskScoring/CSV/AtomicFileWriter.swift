#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file atomically: readers of `path` see either the old file or the complete new one.
///
/// Bytes go to a temporary file beside `path` (same directory, so the final rename cannot cross file systems).
/// ``close()`` flushes, syncs to disk, renames the temporary file onto `path` and syncs the directory, so the
/// rename survives a crash. A writer dropped without ``close()`` (for example because an error was thrown while
/// producing the content) deletes its temporary file, so a partial file never appears at `path`. `CSVWriter`,
/// the scoring job's outputs and the trainer's reports all write through it.
///
/// ```swift
/// try AtomicFileWriter.write(Array("{}".utf8), to: "metrics.json")
/// ```
public final class AtomicFileWriter {
    /// The destination path.
    public let path: String
    /// The temporary file that becomes `path` on ``close()``.
    public let temporaryPath: String
    private let fd: Int32
    private var pending: [UInt8] = []
    private let bufferSize: Int
    private var finished = false

    /// Writes `bytes` to `path` atomically in one call.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite` naming `path`; `path` is then untouched.
    public static func write(_ bytes: [UInt8], to path: String) throws(CSVError) {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes)
        try writer.close()
    }

    /// Creates the temporary file beside `path`.
    ///
    /// - Parameters:
    ///   - path: The file to produce; replaced atomically on ``close()``.
    ///   - bufferSize: Bytes buffered before a write to the file (default 1 MiB).
    /// - Throws: `CSVError` of kind `.cannotWrite` naming `path` when the file cannot be created.
    public init(path: String, bufferSize: Int = 1 << 20) throws(CSVError) {
        self.path = path
        self.bufferSize = max(bufferSize, 1)
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array(((directory.isEmpty ? "/" : directory + "/") + "." + base + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { throw CSVError(.cannotWrite(reason: Self.systemError()), file: path) }
        fd = descriptor
        _ = fchmod(fd, 0o644)
        temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        pending.reserveCapacity(self.bufferSize)
    }

    deinit {
        if !finished {
            _ = systemClose(fd)
            _ = unlink(temporaryPath)
        }
    }

    /// Appends `bytes`.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite` when writing fails (for example, the disk is full).
    public func write(_ bytes: [UInt8]) throws(CSVError) {
        precondition(!finished, "write after close")
        if pending.count + bytes.count > bufferSize { try flush() }
        if bytes.count >= bufferSize {
            try writeAll(bytes)
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    /// Flushes, syncs and renames the temporary file onto `path`, then syncs the directory.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite`; the temporary file is then removed and `path` untouched.
    public func close() throws(CSVError) {
        precondition(!finished, "close called twice")
        try flush()
        guard fsync(fd) == 0 else { throw CSVError(.cannotWrite(reason: Self.systemError()), file: path) }
        finished = true
        guard systemClose(fd) == 0, rename(temporaryPath, path) == 0 else {
            let reason = Self.systemError()
            _ = unlink(temporaryPath)
            throw CSVError(.cannotWrite(reason: reason), file: path)
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let directoryFD = open(directory.isEmpty ? "/" : directory, O_RDONLY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            _ = systemClose(directoryFD)
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
                systemWrite(fd, b.baseAddress.map { $0 + offset }, b.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVError(.cannotWrite(reason: Self.systemError()), file: path)
            }
            offset += n
        }
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}

// The class's own `close()` and `write(_:)` hide the C functions of the same names.
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, bytes, count) }
