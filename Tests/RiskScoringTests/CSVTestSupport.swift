import Foundation

@testable import RiskScoring

/// Reads all records of `text` as arrays of strings, feeding the parser `chunkSize` bytes at a time.
func readAll(_ text: String, chunkSize: Int? = nil, name: String = "t.csv") throws -> (
    header: [String], rows: [[String]]
) {
    try readAll(Array(text.utf8), chunkSize: chunkSize, name: name)
}

/// Reads all records of `bytes` as arrays of strings.
func readAll(_ bytes: [UInt8], chunkSize: Int? = nil, name: String = "t.csv") throws -> (
    header: [String], rows: [[String]]
) {
    let reader = try CSVReader(bytes: bytes, name: name, chunkSize: chunkSize)
    var record = CSVRecord()
    var rows: [[String]] = []
    while try reader.next(into: &record) {
        rows.append(try (0..<record.count).map { try record.string($0) })
    }
    return (reader.header, rows)
}

/// The error thrown by `body`, which must be a `CSVError`.
func csvError(_ body: () throws -> Void) -> CSVError? {
    do {
        try body()
        return nil
    } catch let error as CSVError {
        return error
    } catch {
        return nil
    }
}

/// A small deterministic generator so tests see varied values without the system RNG.
struct TestGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next() >> 1) / Double(1 << 52) }
}

/// A fresh empty directory under the system's temporary directory.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "riskgrade-csv-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
