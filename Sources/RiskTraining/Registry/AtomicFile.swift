import Foundation
import RiskScoring

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Crash-safe file writes for the registry: replacing a file goes through RiskScoring's `AtomicFileWriter`
/// (temporary file, fsync, rename, folder fsync); creating a file that must not exist yet, and syncing a
/// folder, are here. After a crash a reader finds the old file or the whole new one, never a part.
enum AtomicFile {
    /// Writes `bytes` to `path` atomically, replacing any file there.
    static func write(_ bytes: [UInt8], to path: String) throws(ModelRegistryError) {
        do {
            try AtomicFileWriter.write(bytes, to: path)
        } catch {
            guard case .cannotWrite(let reason) = error.kind else {
                throw .io(path: path, operation: "write the file", reason: error.description)
            }
            throw .io(path: path, operation: "write the file", reason: reason)
        }
    }

    /// Creates `path`'s file with `bytes`, synced, failing if it exists.
    static func writeSynced(_ bytes: [UInt8], to path: String) throws(ModelRegistryError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, operation: "create the file", reason: systemError()) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc_write(fd, buffer.baseAddress! + written, bytes.count - written)
            }
            guard count > 0 else {
                let reason = systemError()
                _ = close(fd)
                unlink(path)
                throw .io(path: path, operation: "write the file", reason: reason)
            }
            written += count
        }
        guard fsync(fd) == 0, close(fd) == 0 else {
            let reason = systemError()
            unlink(path)
            throw .io(path: path, operation: "sync the file to disk", reason: reason)
        }
    }

    /// Syncs a folder, so a rename or a new entry in it survives a crash.
    static func syncDirectory(_ path: String) throws(ModelRegistryError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open the folder", reason: systemError()) }
        defer { _ = close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "sync the folder", reason: systemError()) }
    }

    /// A name beside `path` that no other writer uses: `.<name>.tmp-<pid>-<random>`.
    static func temporaryPath(beside path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = "." + (path as NSString).lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
    }

    /// The current `errno` as text.
    static func systemError() -> String { String(cString: strerror(errno)) }
}

private func Glibc_write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
