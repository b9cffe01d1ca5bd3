import Testing

@testable import RiskScoring

/// TreeSHAP against Shapley values computed by their definition, plus local accuracy and null features.
@Suite struct TreeEnsembleSHAPTests {
    /// Contributions and bias of `row`, checked against the batch form bitwise.
    func contributions(_ ensemble: TreeEnsemble, _ row: [Float]) -> (bias: Double, phi: [Double]) {
        var phi = [Double](repeating: .nan, count: ensemble.featureCount)
        let bias = ensemble.contributions(row, into: &phi)
        return (bias, phi)
    }

    @Test("a stump: phi is the leaf reached minus the cover-weighted mean; the bias is that mean")
    func stump() {
        let ensemble = TreeEnsemblePredictionTests.numeric
        // Expected value: 0.25 + (2·1 + 4·2 + 4·3) / 10 = 2.45.
        #expect(close(ensemble.expectedValue, 2.45))
        let (bias, phi) = contributions(ensemble, [0.5, 2])
        #expect(close(bias, 2.45))
        #expect(close(bias + phi.reduce(0, +), ensemble.margin([0.5, 2])))
        let brute = BruteForceShapley.values(ensemble, row: [0.5, 2])
        #expect(close(brute.bias, bias))
        #expect(zip(phi, brute.phi).allSatisfy { close($0, $1) })
    }

    @Test(
        "TreeSHAP equals brute-force Shapley values on random ensembles (categorical, missing, repeated features)",
        arguments: Array(1...12) as [UInt64])
    func bruteForce(seed: UInt64) {
        // Feature 5 is never split on; feature 2 is categorical. Three features per tree keep repeats common.
        var random = RandomTrees(
            seed: seed, categorical: [false, false, true, false, false, false], usable: [0, 1, 2, 3, 4])
        let ensemble = random.ensemble(treeCount: 1 + Int(seed % 4), maxLeaves: 12)
        var batchPhi = [Double](repeating: .nan, count: 0)
        let rows = random.rows(16)
        var singlePhi: [Double] = []
        for row in rows {
            let (bias, phi) = contributions(ensemble, row)
            let brute = BruteForceShapley.values(ensemble, row: row)
            #expect(close(bias, brute.bias), "bias \(bias) vs \(brute.bias)")
            for f in phi.indices {
                #expect(close(phi[f], brute.phi[f]), "feature \(f): \(phi[f]) vs \(brute.phi[f])")
            }
            #expect(close(bias + phi.reduce(0, +), ensemble.margin(row)), "local accuracy")
            #expect(phi[5] == 0, "a feature no split uses gets exactly 0")
            singlePhi += phi
        }
        batchPhi = [Double](repeating: .nan, count: rows.count * ensemble.featureCount)
        for threads in [1, 2] {
            let bias = ensemble.contributions(rowMajor: rowMajor(rows), into: &batchPhi, threads: threads)
            #expect(bias == ensemble.expectedValue)
            #expect(batchPhi.map(\.bitPattern) == singlePhi.map(\.bitPattern))
        }
    }

    @Test("local accuracy on deeper random ensembles: bias + Σ phi = margin")
    func localAccuracy() {
        var random = RandomTrees(seed: 77, categorical: (0..<20).map { $0 % 5 == 0 })
        let ensemble = random.ensemble(treeCount: 30, maxLeaves: 31)
        for row in random.rows(100) {
            let (bias, phi) = contributions(ensemble, row)
            #expect(abs(bias + phi.reduce(0, +) - ensemble.margin(row)) <= 1e-9 * max(1, abs(ensemble.margin(row))))
        }
    }

    @Test("a child without cover carries no weight: TreeSHAP still matches brute force, no NaN")
    func zeroCover() {
        // x0 <= 0 → [x1 <= 0 → 1 (cover 0) | 2 (cover 3)] | 4 (cover 1).
        let ensemble = TreeEnsemble(
            featureCount: 2, baseScore: 0,
            trees: [
                DecisionTree(
                    splitFeature: [0, 1], threshold: [0, 0], defaultLeft: [false, false], categorySet: [-1, -1],
                    left: [1, ~0], right: [~2, ~1], splitGain: [1, 1], internalCover: [4, 3], leafValue: [1, 2, 4],
                    leafCover: [0, 3, 1])
            ])
        for row: [Float] in [[0, 0], [0, 1], [1, 0], [.nan, .nan]] {
            let (bias, phi) = contributions(ensemble, row)
            let brute = BruteForceShapley.values(ensemble, row: row)
            #expect(phi.allSatisfy { $0.isFinite })
            #expect(close(bias, brute.bias) && zip(phi, brute.phi).allSatisfy { close($0, $1) })
            #expect(close(bias + phi.reduce(0, +), ensemble.margin(row)))
        }
    }

    @Test("single-leaf trees contribute to the bias only")
    func singleLeaf() {
        let ensemble = TreeEnsemble(featureCount: 2, baseScore: 1, trees: [DecisionTree(constant: 0.5)])
        let (bias, phi) = contributions(ensemble, [3, .nan])
        #expect(bias == 1.5 && phi == [0, 0])
    }
}
