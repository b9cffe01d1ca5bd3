import Foundation
import Testing

@testable import RiskScoring

/// The tree prediction benchmark, run only when `RISKGRADE_BENCH=1` (see `TreeBenchmark`); build in release:
/// `RISKGRADE_BENCH=1 swift test -c release --filter TreeBenchmark`.
@Suite struct TreeBenchmarkTests {
    @Test(
        "TreeBenchmark.predict: RISKGRADE_BENCH=1 [RISKGRADE_BENCH_ROWS=200000]",
        .enabled(if: ProcessInfo.processInfo.environment["RISKGRADE_BENCH"] == "1"))
    func predict() {
        let rows = Int(ProcessInfo.processInfo.environment["RISKGRADE_BENCH_ROWS"] ?? "") ?? 200_000
        print(TreeBenchmark.predict(rows: rows))
    }
}
