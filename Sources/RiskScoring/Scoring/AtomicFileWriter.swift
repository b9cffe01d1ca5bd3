#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file of any bytes atomically, as `CSVWriter` does for CSV: into a temporary file beside `path`,
/// then flushed, synced and renamed by ``close()``; dropped without ``close()``, it deletes the temporary file,
/// so a partial file never appears at `path`.
final class AtomicFileWriter {
    /// The destination path.
    let path: String
    private let temporaryPath: String
    private let fd: Int32
    private var pending: [UInt8] = []
    private let bufferSize = 1 << 20
    private var finished = false

    /// Creates the temporary file beside `path`.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite` naming `path` when the file cannot be created.
    init(path: String) throws(CSVError) {
        self.path = path
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
        pending.reserveCapacity(bufferSize)
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
    func write(_ bytes: [UInt8]) throws(CSVError) {
        if pending.count + bytes.count > bufferSize { try flush() }
        if bytes.count >= bufferSize {
            try writeAll(bytes)
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    /// Flushes, syncs and renames the temporary file onto `path`, then syncs the directory.
    ///
    /// - Throws: `CSVError` of kind `.cannotWrite`; `path` is then untouched.
    func close() throws(CSVError) {
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
