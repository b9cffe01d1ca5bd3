import Foundation

/// Speed measurements of the tree runtime, for benchmarks; not run by the tests.
public enum TreeBenchmark {
    /// Times prediction and TreeSHAP on a seeded synthetic ensemble (`trees` trees of `leaves` leaves with
    /// random shapes and thresholds over `features` uniform features, 2% of values missing) and returns a
    /// report: rows/s of the row-major and columnar batches on 1 and `threads` threads, the latency of
    /// `margin(_:)` on one row, and rows/s of `contributions`. Each figure is the best of three runs.
    ///
    /// - Precondition: all counts positive.
    public static func predict(
        rows: Int = 200_000, trees: Int = 300, leaves: Int = 31, features: Int = 50, threads: Int = 2
    ) -> String {
        precondition(rows > 0 && trees > 0 && leaves > 0 && features > 0, "benchmark sizes must be positive")
        var random = BenchmarkRandom(seed: 42)
        let ensemble = syntheticEnsemble(trees: trees, leaves: leaves, features: features, random: &random)
        let rowMajor = (0..<rows * features).map { _ in random.unit() < 0.02 ? Float.nan : Float(random.unit()) }
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
                + rate(rows, best { ensemble.margins(rowMajor: rowMajor, into: &margins, threads: 1) }))
        lines.append(
            "  margins(rowMajor:) \(threads) threads: "
                + rate(rows, best { ensemble.margins(rowMajor: rowMajor, into: &margins, threads: threads) }))
        lines.append(
            "  margins(columns:)  1 thread:  "
                + rate(rows, best { ensemble.margins(columns: columns, into: &margins, threads: 1) }))
        lines.append(
            "  margins(columns:)  \(threads) threads: "
                + rate(rows, best { ensemble.margins(columns: columns, into: &margins, threads: threads) }))

        let latencyRows = min(rows, 20_000)
        let rowArrays = (0..<latencyRows).map { r in Array(rowMajor[r * features..<(r + 1) * features]) }
        var checksum = 0.0
        let single = best { for row in rowArrays { checksum += ensemble.margin(row) } }
        lines.append(String(format: "  margin(_:) one row: %.2f µs", single / Double(latencyRows) * 1e6))

        let shapRows = min(rows, 1_000)
        var phi = [Double](repeating: 0, count: shapRows * features)
        let shapInput = Array(rowMajor[0..<shapRows * features])
        let shap = best { checksum += ensemble.contributions(rowMajor: shapInput, into: &phi, threads: 1) }
        lines.append("  contributions(rowMajor:) 1 thread: " + rate(shapRows, shap))
        lines.append(String(format: "  (checksum %.3f)", checksum + margins.reduce(0, +)))
        return lines.joined(separator: "\n")
    }

    /// A random ensemble: each tree splits its leaves into two random parts recursively (so depths vary),
    /// with random features, thresholds in (0, 1), missing directions, leaf values and positive covers.
    static func syntheticEnsemble(
        trees: Int, leaves: Int, features: Int, random: inout BenchmarkRandom
    ) -> TreeEnsemble {
        var result = TreeEnsemble(featureCount: features, baseScore: -1.5)
        for _ in 0..<trees {
            var splitFeature: [Int32] = []
            var threshold: [Float] = []
            var defaultLeft: [Bool] = []
            var left: [Int32] = []
            var right: [Int32] = []
            var internalCover: [Double] = []
            var leafValue: [Double] = []
            var leafCover: [Double] = []
            // Returns the child reference and cover of a subtree with `count` leaves.
            func grow(_ count: Int) -> (Int32, Double) {
                if count == 1 {
                    leafValue.append((random.unit() - 0.5) * 0.2)
                    leafCover.append(1 + random.unit() * 100)
                    return (~Int32(leafValue.count - 1), leafCover[leafCover.count - 1])
                }
                let node = splitFeature.count
                splitFeature.append(Int32(random.below(features)))
                threshold.append(Float(random.unit()))
                defaultLeft.append(random.unit() < 0.5)
                left.append(0)
                right.append(0)
                internalCover.append(0)
                let leftCount = 1 + random.below(count - 1)
                let (l, leftCover) = grow(leftCount)
                let (r, rightCover) = grow(count - leftCount)
                left[node] = l
                right[node] = r
                internalCover[node] = leftCover + rightCover
                return (Int32(node), internalCover[node])
            }
            _ = grow(leaves)
            let internalCount = splitFeature.count
            result.trees.append(
                DecisionTree(
                    splitFeature: splitFeature, threshold: threshold, defaultLeft: defaultLeft,
                    categorySet: Array(repeating: -1, count: internalCount), left: left, right: right,
                    splitGain: internalCover.map { Float($0) }, internalCover: internalCover, leafValue: leafValue,
                    leafCover: leafCover))
        }
        return result
    }
}

/// The benchmark's own seeded generator (a 64-bit LCG): the runtime has no training RNG to borrow.
struct BenchmarkRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next()) * 0x1.0p-53 }
}
