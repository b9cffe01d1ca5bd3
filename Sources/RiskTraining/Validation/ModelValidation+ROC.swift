extension ModelValidation {
    /// One point of the ROC curve: the rates at which rows scoring at least `threshold` are flagged.
    public struct ROCPoint: Codable, Sendable, Equatable {
        /// The score from which rows are flagged; nil for the first point, where nothing is.
        public var threshold: Double?
        /// Negatives flagged over all negatives.
        public var falsePositiveRate: Double
        /// Positives flagged over all positives.
        public var truePositiveRate: Double
    }

    /// The most points ``rocCurve(scores:labels:maximumPoints:)`` keeps.
    public static let rocPointLimit = 200

    /// The ROC curve of `scores` against 0/1 `labels`: one point per distinct score, highest first, from (0, 0)
    /// to (1, 1); tied scores move both rates at once, so the trapezoids under the curve add up to the AUC with
    /// ties counted half.
    ///
    /// ```
    /// FPR(t) = #{i: s_i ≥ t, y_i = 0} / #{y_i = 0},   TPR(t) = #{i: s_i ≥ t, y_i = 1} / #{y_i = 1}
    /// ```
    /// With more than `maximumPoints` distinct scores, points are kept at evenly spaced positions along the full
    /// list (the first and last always), so a report's chart stays small; each kept point is exact.
    /// Requires both classes (the caller checks).
    /// - Complexity: O(n log n).
    public static func rocCurve(scores: [Double], labels: [Double], maximumPoints: Int = rocPointLimit)
        -> [ROCPoint]
    {
        precondition(scores.count == labels.count && maximumPoints >= 2)
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let positives = Double(labels.filter { $0 > 0.5 }.count)
        let negatives = Double(labels.count) - positives
        guard positives > 0, negatives > 0 else { return [] }
        var points = [ROCPoint(threshold: nil, falsePositiveRate: 0, truePositiveRate: 0)]
        var truePositives = 0.0, falsePositives = 0.0
        var position = 0
        while position < order.count {
            let threshold = scores[order[position]]
            while position < order.count, scores[order[position]] == threshold {
                if labels[order[position]] > 0.5 { truePositives += 1 } else { falsePositives += 1 }
                position += 1
            }
            points.append(
                ROCPoint(
                    threshold: threshold, falsePositiveRate: falsePositives / negatives,
                    truePositiveRate: truePositives / positives))
        }
        guard points.count > maximumPoints else { return points }
        let last = points.count - 1
        var kept: [ROCPoint] = []
        var previous = -1
        for slot in 0..<maximumPoints {
            let index = Int((Double(slot) * Double(last) / Double(maximumPoints - 1)).rounded())
            if index != previous { kept.append(points[index]) }
            previous = index
        }
        return kept
    }
}
