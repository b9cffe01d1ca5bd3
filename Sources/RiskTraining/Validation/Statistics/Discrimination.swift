import Foundation

/// Point measures of a model's discrimination and accuracy on labelled rows: KS, Gini, Brier score, log loss.
public enum Discrimination {
    /// The Kolmogorov-Smirnov statistic and the score where it is reached.
    public struct KolmogorovSmirnov: Equatable, Sendable, Codable {
        /// `max_t |TPR(t) − FPR(t)|`.
        public var statistic: Double
        /// The threshold `t` (rows with score ≥ t flagged) of the first maximum, from the highest score down.
        public var threshold: Double
    }

    /// The KS statistic: the largest gap between the hit and non-hit score distributions,
    ///
    /// ```
    /// KS = max_t |TPR(t) − FPR(t)|,  TPR(t) = Σ_{i pos, s_i ≥ t} w_i / W₁,  FPR(t) = Σ_{j neg, s_j ≥ t} w_j / W₀
    /// ```
    /// evaluated only at the distinct scores, so tied rows move together (the two-sample KS statistic of scipy's
    /// `ks_2samp` between the hits' and non-hits' scores).
    /// - Throws: `StatisticsError` for empty, non-finite or mismatched input, labels other than 0/1, weights ≤ 0,
    ///   or a class without rows.
    /// - Complexity: O(n log n).
    public static func kolmogorovSmirnov(scores: [Double], labels: [Double], weights: [Double]? = nil) throws
        -> KolmogorovSmirnov
    {
        let (classes, weights) = try checked(scores: scores, labels: labels, weights: weights)
        var positiveWeight = 0.0
        var negativeWeight = 0.0
        for row in scores.indices {
            if classes[row] { positiveWeight += weights[row] } else { negativeWeight += weights[row] }
        }
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var result = KolmogorovSmirnov(statistic: 0, threshold: scores[order[0]])
        var positiveAbove = 0.0
        var negativeAbove = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end < order.count && scores[order[end]] == scores[order[start]] {
                let row = order[end]
                if classes[row] { positiveAbove += weights[row] } else { negativeAbove += weights[row] }
                end += 1
            }
            let gap = abs(positiveAbove / positiveWeight - negativeAbove / negativeWeight)
            if gap > result.statistic { result = KolmogorovSmirnov(statistic: gap, threshold: scores[order[start]]) }
            start = end
        }
        return result
    }

    /// The weighted AUC (ties ½), with the same checks as the other measures.
    /// - Complexity: O(n log n).
    public static func auc(scores: [Double], labels: [Double], weights: [Double]? = nil) throws -> Double {
        let (classes, weights) = try checked(scores: scores, labels: labels, weights: weights)
        return StructuralComponents(scores: scores, labels: classes, weights: weights).auc
    }

    /// The Gini coefficient (accuracy ratio) of the scores: `Gini = 2 · AUC − 1`.
    /// - Complexity: O(n log n).
    public static func gini(scores: [Double], labels: [Double], weights: [Double]? = nil) throws -> Double {
        2 * (try auc(scores: scores, labels: labels, weights: weights)) - 1
    }

    /// The Brier score of predicted probabilities: `Σ w_i (p_i − y_i)² / Σ w_i`.
    /// - Throws: `StatisticsError` for empty or mismatched input, probabilities outside [0, 1], labels other than
    ///   0/1 or weights ≤ 0.
    /// - Complexity: O(n).
    public static func brier(probabilities: [Double], labels: [Double], weights: [Double]? = nil) throws -> Double {
        try StatisticsInput.probabilities(probabilities, "probabilities")
        let classes = try StatisticsInput.labels(labels, count: probabilities.count)
        let weights = try StatisticsInput.weights(weights, count: probabilities.count)
        var sum = 0.0
        var total = 0.0
        for row in probabilities.indices {
            let error = probabilities[row] - (classes[row] ? 1 : 0)
            sum += weights[row] * error * error
            total += weights[row]
        }
        return sum / total
    }

    /// The log loss of predicted probabilities, each clipped to `[ε, 1 − ε]` so a confident miss costs
    /// `−log ε` instead of infinity:
    ///
    /// ```
    /// loss = −Σ w_i (y_i log p_i + (1 − y_i) log(1 − p_i)) / Σ w_i
    /// ```
    /// (`Metrics.logLoss` takes margins instead, as training does.)
    /// - Parameter epsilon: the clip, default 1e-15 (scikit-learn's historical default), in [0, ½).
    /// - Throws: as `brier`, and `.outOfRange` for an epsilon outside [0, ½).
    /// - Complexity: O(n).
    public static func logLoss(
        probabilities: [Double], labels: [Double], weights: [Double]? = nil, epsilon: Double = 1e-15
    ) throws -> Double {
        try StatisticsInput.probabilities(probabilities, "probabilities")
        let classes = try StatisticsInput.labels(labels, count: probabilities.count)
        let weights = try StatisticsInput.weights(weights, count: probabilities.count)
        guard epsilon >= 0, epsilon < 0.5 else {
            throw StatisticsError.outOfRange(field: "epsilon", index: nil, value: epsilon, expected: "in [0, 0.5)")
        }
        var sum = 0.0
        var total = 0.0
        for row in probabilities.indices {
            let p = min(max(probabilities[row], epsilon), 1 - epsilon)
            sum -= weights[row] * (classes[row] ? log(p) : log1p(-p))
            total += weights[row]
        }
        return sum / total
    }

    /// Checks scores, labels and weights and that both classes have rows.
    static func checked(scores: [Double], labels: [Double], weights: [Double]?) throws -> ([Bool], [Double]) {
        try StatisticsInput.finite(scores, "scores")
        let classes = try StatisticsInput.labels(labels, count: scores.count)
        let weights = try StatisticsInput.weights(weights, count: scores.count)
        let positives = classes.filter { $0 }.count
        guard positives > 0, positives < classes.count else {
            throw StatisticsError.tooFewInClass(
                positives: Double(positives), negatives: Double(classes.count - positives), needed: 0)
        }
        return (classes, weights)
    }
}
