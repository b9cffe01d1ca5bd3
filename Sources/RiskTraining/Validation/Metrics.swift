import Foundation

/// Binary classification metrics: weighted AUC and log loss.
public enum Metrics {
    /// The area under the ROC curve: the weighted probability that a random positive scores above a random
    /// negative, ties counting one half.
    ///
    /// ```
    /// AUC = Σ_{i pos, j neg} w_i w_j ([s_i > s_j] + ½[s_i = s_j]) / (W_pos · W_neg)
    /// ```
    /// Returns 0.5 when either class has no weight.
    /// - Complexity: O(n log n).
    public static func auc(scores: [Double], labels: [Float], weights: [Float]? = nil) -> Double {
        precondition(scores.count == labels.count, "one score per label")
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var negativeBelow = 0.0
        var total = 0.0
        var positiveWeight = 0.0
        var i = 0
        while i < order.count {
            // A group of tied scores: its positives beat the negatives below and tie with the group's negatives.
            var j = i
            var groupPositive = 0.0
            var groupNegative = 0.0
            while j < order.count && scores[order[j]] == scores[order[i]] {
                let row = order[j]
                let w = Double(weights?[row] ?? 1)
                if labels[row] > 0.5 { groupPositive += w } else { groupNegative += w }
                j += 1
            }
            total += groupPositive * (negativeBelow + 0.5 * groupNegative)
            negativeBelow += groupNegative
            positiveWeight += groupPositive
            i = j
        }
        let denominator = positiveWeight * negativeBelow
        return denominator > 0 ? total / denominator : 0.5
    }

    /// The weighted mean log loss of margins (log-odds), computed stably from the margin.
    ///
    /// ```
    /// loss = Σ w_i (log(1 + e^{m_i}) − y_i m_i) / Σ w_i
    /// ```
    /// - Complexity: O(n).
    public static func logLoss(margins: [Double], labels: [Float], weights: [Float]? = nil) -> Double {
        precondition(margins.count == labels.count, "one margin per label")
        var sum = 0.0
        var weightSum = 0.0
        for row in margins.indices {
            let w = Double(weights?[row] ?? 1)
            let m = margins[row]
            let softplus = m > 0 ? m + log1p(exp(-m)) : log1p(exp(m))
            sum += w * (softplus - Double(labels[row]) * m)
            weightSum += w
        }
        return weightSum > 0 ? sum / weightSum : 0
    }
}
