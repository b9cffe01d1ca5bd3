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
        var random = SeededRandomTrees(
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
            #expect(zip(batchPhi, singlePhi).allSatisfy { close($0, $1) }, "batch equals the per-row recursion")
            for (row, values) in rows.enumerated() {
                let brute = BruteForceShapley.values(ensemble, row: values)
                let phi = batchPhi[row * ensemble.featureCount..<(row + 1) * ensemble.featureCount]
                #expect(zip(phi, brute.phi).allSatisfy { close($0, $1) }, "batch against brute force")
                #expect(phi[phi.startIndex + 5] == 0, "a feature no split uses gets exactly 0")
            }
        }
    }

    @Test(
        "batch TreeSHAP equals the per-row recursion on deep ensembles, by tables, by recursion and mixed",
        arguments: [0, 3, BatchTreeSHAP.defaultMaxTableFeatures])
    func batchMatchesPerRow(maxTableFeatures: Int) {
        var random = SeededRandomTrees(seed: 31, categorical: (0..<10).map { $0 % 4 == 2 })
        var ensemble = random.ensemble(treeCount: 20, maxLeaves: 40)
        ensemble.trees.append(random.tree(leaves: 70))  // more than 64 internal nodes: always the recursion
        let rows = random.rows(70)
        let explainer = BatchTreeSHAP(ensemble, maxTableFeatures: maxTableFeatures)
        let tables = explainer.plans.filter { if case .tables = $0 { true } else { false } }.count
        #expect(maxTableFeatures == 0 ? tables == 0 : tables > 0)
        var batch = [Double](repeating: .nan, count: rows.count * ensemble.featureCount)
        batch.withUnsafeMutableBufferPointer { phi in
            for i in phi.indices { phi[i] = 0 }
            rowMajor(rows).withUnsafeBufferPointer { input in
                var scratch = explainer.recursion.makeScratch()
                explainer.addContributions(rows: input, into: phi, scratch: &scratch)
            }
        }
        for (row, values) in rows.enumerated() {
            let (bias, phi) = contributions(ensemble, values)
            let fromBatch = Array(batch[row * ensemble.featureCount..<(row + 1) * ensemble.featureCount])
            #expect(zip(fromBatch, phi).allSatisfy { close($0, $1, relative: 1e-8) }, "row \(row)")
            #expect(abs(bias + fromBatch.reduce(0, +) - ensemble.margin(values)) <= 1e-9 * max(1, abs(bias)))
        }
        // The public batch form: bitwise the same for every thread count and block split.
        var one = [Double](repeating: .nan, count: batch.count)
        var two = [Double](repeating: .nan, count: batch.count)
        _ = ensemble.contributions(rowMajor: rowMajor(rows), into: &one, threads: 1)
        _ = ensemble.contributions(rowMajor: rowMajor(rows), into: &two, threads: 2)
        #expect(one.map(\.bitPattern) == two.map(\.bitPattern))
        if maxTableFeatures == BatchTreeSHAP.defaultMaxTableFeatures {
            #expect(one.map(\.bitPattern) == batch.map(\.bitPattern))
        }
    }

    @Test("subset tables: R(A) = Σ_{S⊆A} w(|S|) Π_{A∖S} z, by enumeration")
    func subsetTable() {
        let z = [0.5, 0.25, 0.8, 0.0]
        let d = z.count
        let table = BatchTreeSHAP.subsetTable(z)
        let factorial = [1.0, 1, 2, 6, 24]
        for subset in 0..<(1 << d) - 1 {
            var expected = 0.0
            for inner in 0..<(1 << d) where inner & ~subset == 0 {
                let size = inner.nonzeroBitCount
                var product = factorial[size] * factorial[d - 1 - size] / factorial[d]
                for j in 0..<d where subset & (1 << j) != 0 && inner & (1 << j) == 0 { product *= z[j] }
                expected += product
            }
            #expect(close(table[subset], expected), "subset \(subset)")
        }
    }

    @Test("local accuracy on deeper random ensembles: bias + Σ phi = margin")
    func localAccuracy() {
        var random = SeededRandomTrees(seed: 77, categorical: (0..<20).map { $0 % 5 == 0 })
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
