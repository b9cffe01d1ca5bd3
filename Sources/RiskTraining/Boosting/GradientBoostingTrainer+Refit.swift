import RiskScoring

extension GradientBoostingTrainer {
    /// The ensemble with the same trees (structure and thresholds) and leaf values re-estimated on `set`.
    ///
    /// Trees are refitted in order: tree `t`'s gradients are taken at the margins of the base score plus the
    /// already refitted trees `0..<t`, and each leaf gets `−ThresholdL1(G)/(H + λ) · learningRate` (a leaf no row
    /// reaches keeps its value). The base score is kept. Rows are routed by the runtime's evaluator.
    /// - Complexity: O(trees · n · depth).
    public func refit(_ ensemble: TreeEnsemble, on set: TrainingSet) throws(TrainingError) -> TreeEnsemble {
        try check(set)
        guard ensemble.featureCount == set.featureCount else {
            throw .featureCountMismatch(what: "the model", expected: set.featureCount, found: ensemble.featureCount)
        }
        let weights = effectiveWeights(set)
        let finder = self.finder
        var margins = Array(repeating: ensemble.baseScore, count: set.rowCount)
        var refitted = ensemble
        for t in refitted.trees.indices {
            var tree = refitted.trees[t]
            var sums = Array(repeating: LeafSums(), count: tree.leafCount)
            var leaves = Array(repeating: 0, count: set.rowCount)
            for row in 0..<set.rowCount {
                let leaf = tree.leaf { set.columns[$0][row] }
                leaves[row] = leaf
                let (g, h) = LogLoss.derivatives(margin: margins[row], label: set.labels[row], weight: weights[row])
                sums[leaf].gradient += g
                sums[leaf].hessian += h
                sums[leaf].count += 1
            }
            for leaf in 0..<tree.leafCount where sums[leaf].count > 0 {
                tree.leafValue[leaf] = finder.output(sums[leaf]) * parameters.learningRate
                tree.leafCover[leaf] = sums[leaf].hessian
            }
            for row in 0..<set.rowCount { margins[row] += tree.leafValue[leaves[row]] }
            refitted.trees[t] = tree
        }
        return refitted
    }
}
