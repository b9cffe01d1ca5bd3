import RiskScoring

extension GradientBoostingTrainer {
    /// The ensemble with the same trees (structure and thresholds) and leaf values re-estimated on `set`.
    ///
    /// Trees are refitted in order: tree `t`'s gradients are taken at the margins of the base score plus the
    /// already refitted trees `0..<t`, and each leaf gets `−ThresholdL1(G)/(H + λ) · learningRate`. The base
    /// score is kept. Rows are routed by the runtime's evaluator.
    ///
    /// Monotone features of `set` bound the leaves as training does (LightGBM's basic method): below a split on
    /// an increasing feature, the left subtree's values stay at most, and the right subtree's at least, the
    /// midpoint of the two subtrees' outputs, so a refitted tree is monotone whatever the new rows say. On the
    /// rows a model was trained on, refit reproduces its leaf values (up to rounding). A leaf no row reaches
    /// keeps its value (clamped to its bounds), and every cover becomes the new rows' hessian sum.
    /// - Complexity: O(trees · (n · depth + leaves)).
    public func refit(_ ensemble: TreeEnsemble, on set: TrainingSet) throws(TrainingError) -> TreeEnsemble {
        try check(labels: set.labels, weights: set.weights, featureCount: set.featureCount)
        guard ensemble.featureCount == set.featureCount else {
            throw .featureCountMismatch(what: "the model", expected: set.featureCount, found: ensemble.featureCount)
        }
        let weights = effectiveWeights(labels: set.labels, weights: set.weights)
        var margins = Array(repeating: ensemble.baseScore, count: set.rowCount)
        var refitted = ensemble
        for t in refitted.trees.indices {
            let tree = refitted.trees[t]
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
            refitted.trees[t] = refitLeaves(of: tree, sums: sums, monotone: set.monotoneDirection)
            for row in 0..<set.rowCount { margins[row] += refitted.trees[t].leafValue[leaves[row]] }
        }
        return refitted
    }

    /// `tree` with leaf values from `sums` (one per leaf) inside the monotone bounds, and covers from `sums`.
    func refitLeaves(of tree: DecisionTree, sums: [LeafSums], monotone: [Int8]) -> DecisionTree {
        let finder = self.finder
        let rate = parameters.learningRate
        var refitted = tree
        // Subtree sums and the old output of each subtree (cover-weighted mean of its leaves), children first.
        func subtree(_ child: Int32) -> (sums: LeafSums, old: Double, cover: Double) {
            if child < 0 {
                let leaf = Int(~child)
                return (sums[leaf], tree.leafValue[leaf] / rate, tree.leafCover[leaf])
            }
            let node = Int(child)
            let (left, right) = (subtree(tree.left[node]), subtree(tree.right[node]))
            let cover = left.cover + right.cover
            let old = cover > 0 ? (left.old * left.cover + right.old * right.cover) / cover : (left.old + right.old) / 2
            let total = LeafSums(
                gradient: left.sums.gradient + right.sums.gradient, hessian: left.sums.hessian + right.sums.hessian,
                count: left.sums.count + right.sums.count)
            return (total, old, cover)
        }
        // A subtree's output inside its bounds; a subtree no row reaches keeps its old output.
        func output(_ child: Int32, lower: Double, upper: Double) -> Double {
            let part = subtree(child)
            let raw = part.sums.count > 0 ? finder.output(part.sums) : part.old
            return min(max(raw, lower), upper)
        }
        // Top-down: bounds from monotone splits, then leaf values and covers; returns the subtree's cover.
        func assign(_ child: Int32, lower: Double, upper: Double) -> Double {
            if child < 0 {
                let leaf = Int(~child)
                if sums[leaf].count > 0 {
                    refitted.leafValue[leaf] = finder.output(sums[leaf], lower: lower, upper: upper) * rate
                    refitted.leafCover[leaf] = sums[leaf].hessian
                } else if lower > -.infinity || upper < .infinity {
                    refitted.leafValue[leaf] = min(max(tree.leafValue[leaf] / rate, lower), upper) * rate
                }
                return refitted.leafCover[leaf]
            }
            let node = Int(child)
            let direction = tree.categorySet[node] < 0 ? monotone[Int(tree.splitFeature[node])] : 0
            var (left, right) = ((lower, upper), (lower, upper))
            if direction != 0 {
                let middle =
                    (output(tree.left[node], lower: lower, upper: upper)
                        + output(tree.right[node], lower: lower, upper: upper)) / 2
                if direction > 0 {
                    left.1 = min(upper, middle)
                    right.0 = max(lower, middle)
                } else {
                    left.0 = max(lower, middle)
                    right.1 = min(upper, middle)
                }
            }
            let cover =
                assign(tree.left[node], lower: left.0, upper: left.1)
                + assign(tree.right[node], lower: right.0, upper: right.1)
            refitted.internalCover[node] = cover
            return cover
        }
        if tree.leafCount == 1 {
            _ = assign(-1, lower: -.infinity, upper: .infinity)
        } else {
            _ = assign(0, lower: -.infinity, upper: .infinity)
        }
        return refitted
    }
}
