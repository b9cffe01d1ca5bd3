import Dispatch
import Testing

@testable import RiskScoring

/// `CompiledTreeEnsemble` against the plain tree walk `TreeEnsemble.margin(_:)`, bitwise, for each kernel.
@Suite struct CompiledTreeEnsembleTests {
    /// Which kernel an ensemble of trees with up to `maxLeaves` leaves must compile to.
    struct KernelCase: Sendable, CustomTestStringConvertible {
        let maxLeaves: Int
        let kernel: String
        var testDescription: String { "\(kernel), trees of up to \(maxLeaves) leaves" }
    }

    static let kernelCases = [
        KernelCase(maxLeaves: 31, kernel: "eight-lane QuickScorer"),
        KernelCase(maxLeaves: 60, kernel: "64-bit QuickScorer"),
        KernelCase(maxLeaves: 90, kernel: "level-by-level fallback"),
    ]

    static func kernelName(_ compiled: CompiledTreeEnsemble) -> String {
        switch compiled.kernel {
        case .quickScorer(let scorer): scorer.narrow ? "eight-lane QuickScorer" : "64-bit QuickScorer"
        case .flat: "level-by-level fallback"
        }
    }

    @Test("every batch size and single rows equal the tree walk bitwise", arguments: kernelCases)
    func matchesTreeWalk(_ kernelCase: KernelCase) {
        for seed: UInt64 in 1...3 {
            var random = SeededRandomTrees(seed: seed, categorical: (0..<9).map { $0 % 3 == 1 })
            var ensemble = random.ensemble(treeCount: 12, maxLeaves: kernelCase.maxLeaves)
            ensemble.trees.append(random.tree(leaves: kernelCase.maxLeaves))  // the largest tree occurs
            let compiled = ensemble.compiled()
            #expect(Self.kernelName(compiled) == kernelCase.kernel)
            let fallback = CompiledTreeEnsemble(ensemble, kernel: .flatOnly)
            let rows = random.rows(301)
            let walk = rows.map { ensemble.margin($0).bitPattern }
            for (row, expected) in zip(rows, walk) {
                #expect(compiled.margin(row).bitPattern == expected)
                #expect(compiled.margin(row.map(Double.init)).bitPattern == expected)
            }
            // Blocks shorter than, equal to and longer than the eight lanes, with ragged tails.
            for count in [1, 3, 4, 7, 8, 9, 17, 301] {
                let input = rows[0..<count].flatMap { $0 }
                for scorer in [compiled, fallback] {
                    var margins = [Double](repeating: .nan, count: count)
                    scorer.margins(rowMajor: input, into: &margins, threads: 2)
                    #expect(margins.map(\.bitPattern) == Array(walk[0..<count]), "\(count) rows")
                }
            }
            var probabilities = [Double](repeating: .nan, count: rows.count)
            compiled.probabilities(rowMajor: rows.flatMap { $0 }, into: &probabilities)
            #expect(probabilities == rows.map { ensemble.probability($0) })
        }
    }

    @Test("signed zeros, infinities, subnormals and NaN compare as the tree walk does")
    func edgeValues() {
        let thresholds: [Float] = [-0.0, 0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -1, 1]
        let trees = thresholds.enumerated().map { index, threshold in
            DecisionTree(
                splitFeature: [0], threshold: [threshold], defaultLeft: [index % 2 == 0], categorySet: [-1],
                left: [~0], right: [~1], splitGain: [1], internalCover: [2],
                leafValue: [Double(index + 1), -Double(index + 1) / 3], leafCover: [1, 1])
        }
        let ensemble = TreeEnsemble(featureCount: 1, baseScore: 0.125, trees: trees)
        let values: [Float] = [
            -0.0, 0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1, -1, 0.5,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        ]
        let compiled = ensemble.compiled()
        var margins = [Double](repeating: .nan, count: values.count)
        compiled.margins(rowMajor: values, into: &margins)
        for (value, margin) in zip(values, margins) {
            #expect(margin.bitPattern == ensemble.margin([value]).bitPattern, "value \(value)")
            #expect(compiled.margin([value]).bitPattern == ensemble.margin([value]).bitPattern, "value \(value)")
        }
    }

    @Test("orderKey orders Floats as < does, with −0 equal to +0 and NaN below everything")
    func orderKey() {
        let values: [Float] = [
            -.infinity, -.greatestFiniteMagnitude, -1, -.leastNormalMagnitude, -.leastNonzeroMagnitude, -0.0, 0.0,
            .leastNonzeroMagnitude, .leastNormalMagnitude, 1, .greatestFiniteMagnitude, .infinity,
        ]
        for a in values {
            for b in values {
                #expect((QuickScorer.orderKey(a) < QuickScorer.orderKey(b)) == (a < b), "\(a) < \(b)")
            }
            #expect(QuickScorer.orderKey(.nan) < QuickScorer.orderKey(a))
        }
    }

    @Test("one compiled ensemble scored from several threads at once matches serial scoring")
    func concurrentScoring() {
        var random = SeededRandomTrees(seed: 5, categorical: [false, true, false, false])
        let ensemble = random.ensemble(treeCount: 20, maxLeaves: 31)
        let compiled = ensemble.compiled()
        let input = random.rowMajor(500)
        var serial = [Double](repeating: 0, count: 500)
        compiled.margins(rowMajor: input, into: &serial)
        let results = ResultSlots<[Double]>(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { slot in
            var margins = [Double](repeating: 0, count: 500)
            compiled.margins(rowMajor: input, into: &margins, threads: 1 + slot % 2)
            results.set(slot, margins)
        }
        for slot in 0..<4 { #expect((results.get(slot) ?? []).map(\.bitPattern) == serial.map(\.bitPattern)) }
    }
}
