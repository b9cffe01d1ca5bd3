import Foundation

/// Resource figures of the running process, for benchmark reports.
public enum ResourceUsage {
    /// Peak resident set size in bytes (`VmHWM` of `/proc/self/status`), or `nil` where that file is missing.
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            // "VmHWM:     123456 kB"
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// Seconds `body` takes on the monotonic clock, with its result.
    public static func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// Worker threads `threads` stands for: itself when positive, all cores when 0.
    public static func workerThreads(_ threads: Int) -> Int { threads > 0 ? threads : ProcessInfoCores.active }
}
