import Testing

@testable import RiskScoring

@Suite struct TreeEnsembleImportanceTests {
    @Test("gain sums and split counts per feature on a hand-built ensemble")
    func gainAndCount() {
        var ensemble = TreeEnsemblePredictionTests.numeric  // splits: feature 0 gain 4, feature 1 gain 1
        ensemble.featureCount = 3
        ensemble.trees.append(
            DecisionTree(
                splitFeature: [1], threshold: [0], defaultLeft: [false], categorySet: [-1], left: [~0], right: [~1],
                splitGain: [2.5], internalCover: [2], leafValue: [0, 1], leafCover: [1, 1]))
        ensemble.trees.append(DecisionTree(constant: 1))
        let importance = ensemble.importance()
        #expect(importance.gain == [4, 3.5, 0])
        #expect(importance.splitCount == [1, 2, 0])
        #expect(importance.meanAbsoluteContribution.isEmpty)
    }

    @Test("mean |SHAP| over a batch: a stump's feature moves each row by its leaf minus the mean")
    func meanAbsoluteContribution() {
        // x0 <= 0 → -1 (cover 1) | 3 (cover 3): mean 2, so phi0 is -3 on the left and +1 on the right.
        let ensemble = TreeEnsemble(
            featureCount: 2, baseScore: 0,
            trees: [
                DecisionTree(
                    splitFeature: [0], threshold: [0], defaultLeft: [true], categorySet: [-1], left: [~0],
                    right: [~1], splitGain: [1], internalCover: [4], leafValue: [-1, 3], leafCover: [1, 3])
            ])
        let rows: [Float] = [-1, 5, 1, 5, 2, 5, .nan, 5]  // left, right, right, left (NaN goes left)
        for threads in [1, 2] {
            let importance = ensemble.importance(rowMajor: rows, threads: threads)
            #expect(importance.meanAbsoluteContribution == [2, 0])
            #expect(importance.splitCount == [1, 0])
        }
    }
}
