import Foundation
import Testing

@testable import RiskTraining

/// The CSV read benchmark, run only when `RISKGRADE_BENCH=1` (see `DataBenchmark`).
@Suite struct DataBenchmarkTests {
    @Test(
        "Dataset.read benchmark: RISKGRADE_BENCH=1 [RISKGRADE_BENCH_ROWS=1000000]",
        .enabled(if: ProcessInfo.processInfo.environment["RISKGRADE_BENCH"] == "1"))
    func readCSV() throws {
        let rows = Int(ProcessInfo.processInfo.environment["RISKGRADE_BENCH_ROWS"] ?? "") ?? 1_000_000
        let report = try DataBenchmark.readCSV(rows: rows, columns: 50, directory: NSTemporaryDirectory())
        print(report)
    }
}
