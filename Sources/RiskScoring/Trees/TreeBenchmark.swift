import Foundation

/// Speed measurements of the tree runtime, for benchmarks; not run by the tests.
public enum TreeBenchmark {
    /// Times prediction and TreeSHAP on a seeded synthetic ensemble (`SeededRandomTrees`: `trees` trees of
    /// `leaves` leaves with random shapes and thresholds over `features` uniform features, 2% of values
    /// missing) and returns a report: rows/s of the row-major and columnar batches on 1 and `threads`
    /// threads, the latency of one row through `CompiledTreeEnsemble.margin(_:)` and the tree walk
    /// `TreeEnsemble.margin(_:)`, and rows/s of `contributions`. Each figure is the best of three runs. For a
    /// trained model and a CSV, see `ScoringBenchmark`.
    ///
    /// - Precondition: all counts positive.
    public static func predict(
        rows: Int = 200_000, trees: Int = 300, leaves: Int = 31, features: Int = 50, threads: Int = 2
    ) -> String {
        precondition(rows > 0 && trees > 0 && leaves > 0 && features > 0, "benchmark sizes must be positive")
        var random = SeededRandomTrees(
            seed: 42, categorical: Array(repeating: false, count: features), grid: false, missingRate: 0.02)
        let ensemble = random.ensemble(treeCount: trees, leaves: leaves)
        let rowMajor = random.rowMajor(rows)
        let compiled = ensemble.compiled()
        let columns = (0..<features).map { f in (0..<rows).map { rowMajor[$0 * features + f] } }
        var margins = [Double](repeating: 0, count: rows)

        func best(_ body: () -> Void) -> Double {
            (0..<3).map { _ in
                let clock = ContinuousClock()
                let elapsed = clock.measure(body)
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            }.min() ?? 0
        }
        func rate(_ count: Int, _ seconds: Double) -> String {
            String(format: "%.1fk rows/s", Double(count) / max(seconds, 1e-12) / 1000)
        }
        var lines = ["TreeEnsemble: \(trees) trees × \(leaves) leaves, \(features) features, \(rows) rows"]
        lines.append(
            "  margins(rowMajor:) 1 thread:  "
                + rate(rows, best { compiled.margins(rowMajor: rowMajor, into: &margins, threads: 1) }))
        lines.append(
            "  margins(rowMajor:) \(threads) threads: "
                + rate(rows, best { compiled.margins(rowMajor: rowMajor, into: &margins, threads: threads) }))
        lines.append(
            "  margins(columns:)  1 thread:  "
                + rate(rows, best { compiled.margins(columns: columns, into: &margins, threads: 1) }))
        lines.append(
            "  margins(columns:)  \(threads) threads: "
                + rate(rows, best { compiled.margins(columns: columns, into: &margins, threads: threads) }))

        let latencyRows = min(rows, 20_000)
        let rowArrays = (0..<latencyRows).map { r in Array(rowMajor[r * features..<(r + 1) * features]) }
        var checksum = 0.0
        let single = best { for row in rowArrays { checksum += compiled.margin(row) } }
        lines.append(String(format: "  compiled margin(_:) one row: %.2f µs", single / Double(latencyRows) * 1e6))
        let walk = best { for row in rowArrays { checksum += ensemble.margin(row) } }
        lines.append(String(format: "  tree walk margin(_:) one row: %.2f µs", walk / Double(latencyRows) * 1e6))

        let shapRows = min(rows, 1_000)
        var phi = [Double](repeating: 0, count: shapRows * features)
        let shapInput = Array(rowMajor[0..<shapRows * features])
        let shap = best { checksum += ensemble.contributions(rowMajor: shapInput, into: &phi, threads: 1) }
        lines.append("  contributions(rowMajor:) 1 thread: " + rate(shapRows, shap))
        lines.append(String(format: "  (checksum %.3f)", checksum + margins.reduce(0, +)))
        return lines.joined(separator: "\n")
    }
}
