/// DeLong's structural components of the AUC (the per-row placement values), from one sort of the scores.
///
/// For a positive row `i` and a negative row `j`, with `ψ(x, y) = 1` if `x > y`, `½` if `x = y`, else 0:
///
/// ```
/// V₁₀(i) = Σ_j w_j ψ(s_i, s_j) / W₀        (the share of negatives the positive outranks)
/// V₀₁(j) = Σ_i w_i ψ(s_i, s_j) / W₁        (the share of positives that outrank the negative)
/// AUC    = Σ_i w_i V₁₀(i) / W₁ = Σ_j w_j V₀₁(j) / W₀
/// ```
/// where `W₁`, `W₀` are the positive and negative weight. Sun & Xu (2014) obtain the components from midranks,
/// `V₁₀(i) = (T_Z(i) − T_X(i)) / n₀` (rank among all rows minus rank among positives); the same quantity is
/// computed here in one sweep over the tie groups of the sorted scores, which also takes weights.
struct StructuralComponents {
    /// `V₁₀` of each positive row, in row order.
    var positive: [Double]
    /// The weight of each positive row, in row order.
    var positiveWeights: [Double]
    /// `V₀₁` of each negative row, in row order.
    var negative: [Double]
    /// The weight of each negative row, in row order.
    var negativeWeights: [Double]
    /// `W₁`.
    var positiveWeight: Double
    /// `W₀`.
    var negativeWeight: Double
    /// The AUC, `Σ_i w_i V₁₀(i) / W₁`.
    var auc: Double

    /// The components of checked scores, labels and weights.
    /// - Complexity: O(n log n).
    init(scores: [Double], labels: [Bool], weights: [Double]) {
        var positiveWeight = 0.0
        var negativeWeight = 0.0
        for row in scores.indices {
            if labels[row] { positiveWeight += weights[row] } else { negativeWeight += weights[row] }
        }
        // Sorting by (score, row) keeps the order, and so the sums' rounding, independent of the sort algorithm.
        let order = scores.indices.sorted { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var component = [Double](repeating: 0, count: scores.count)
        var negativeBelow = 0.0
        var positiveBelow = 0.0
        var start = 0
        while start < order.count {
            var end = start
            var groupPositive = 0.0
            var groupNegative = 0.0
            while end < order.count && scores[order[end]] == scores[order[start]] {
                let row = order[end]
                if labels[row] { groupPositive += weights[row] } else { groupNegative += weights[row] }
                end += 1
            }
            let positiveAbove = positiveWeight - positiveBelow - groupPositive
            let v10 = (negativeBelow + 0.5 * groupNegative) / negativeWeight
            let v01 = (positiveAbove + 0.5 * groupPositive) / positiveWeight
            for row in order[start..<end] { component[row] = labels[row] ? v10 : v01 }
            negativeBelow += groupNegative
            positiveBelow += groupPositive
            start = end
        }
        positive = []
        positiveWeights = []
        negative = []
        negativeWeights = []
        var sum = 0.0
        for row in scores.indices {
            if labels[row] {
                positive.append(component[row])
                positiveWeights.append(weights[row])
                sum += weights[row] * component[row]
            } else {
                negative.append(component[row])
                negativeWeights.append(weights[row])
            }
        }
        self.positiveWeight = positiveWeight
        self.negativeWeight = negativeWeight
        auc = sum / positiveWeight
    }

    /// DeLong's covariance of this AUC and `other`'s (the same rows scored twice), with frequency weights:
    ///
    /// ```
    /// S₁₀ = Σ_i w_i (V₁₀(i) − A)(V'₁₀(i) − A') / (W₁ − 1),   S₀₁ = Σ_j w_j (V₀₁(j) − A)(V'₀₁(j) − A') / (W₀ − 1)
    /// Cov(A, A') = S₁₀ / W₁ + S₀₁ / W₀
    /// ```
    /// `other == self` gives the variance.
    func covariance(with other: StructuralComponents) -> Double {
        var s10 = 0.0
        for i in positive.indices {
            s10 += positiveWeights[i] * (positive[i] - auc) * (other.positive[i] - other.auc)
        }
        var s01 = 0.0
        for j in negative.indices {
            s01 += negativeWeights[j] * (negative[j] - auc) * (other.negative[j] - other.auc)
        }
        return s10 / (positiveWeight - 1) / positiveWeight + s01 / (negativeWeight - 1) / negativeWeight
    }
}
