/// Hits captured by the riskiest groups of rows: the gains (cumulative capture) and lift table.
public struct GainsTable: Equatable, Sendable, Codable {
    /// One group of rows, by score.
    public struct Row: Equatable, Sendable, Codable {
        /// The lowest score in the group.
        public var lowestScore: Double
        /// The highest score in the group.
        public var highestScore: Double
        /// The (weighted) number of rows.
        public var count: Double
        /// The (weighted) number of hits.
        public var hits: Double
        /// `hits / count`.
        public var rate: Double
        /// The share of all rows in this and the riskier groups.
        public var cumulativeShare: Double
        /// The share of all hits in this and the riskier groups (the gains curve).
        public var cumulativeCapture: Double
        /// `rate / overall rate`.
        public var lift: Double
        /// The cumulative rate over the overall rate: `cumulativeCapture / cumulativeShare`.
        public var cumulativeLift: Double
    }

    /// The groups, highest scores first.
    public var rows: [Row]
    /// The overall hit rate `Σ w_i y_i / Σ w_i`.
    public var overallRate: Double

    /// Groups of rows cut at the score's quantiles (`PopulationStability.quantileEdges`, deciles by default), so
    /// tied scores are never split and heavy ties give fewer, unequal groups; per group `g`, riskiest first:
    ///
    /// ```
    /// rate_g = hits_g / count_g,  lift_g = rate_g / rate,  capture_g = Σ_{h ≤ g} hits_h / Σ hits,
    /// share_g = Σ_{h ≤ g} count_h / Σ count,  cumulative lift_g = capture_g / share_g
    /// ```
    /// - Throws: `StatisticsError` for empty, non-finite or mismatched input, labels other than 0/1, weights ≤ 0,
    ///   no hits at all, or `groups` outside 2...10,000.
    /// - Complexity: O(n log n).
    public init(scores: [Double], labels: [Double], weights: [Double]? = nil, groups: Int = 10) throws {
        let edges = try PopulationStability.quantileEdges(of: scores, weights: weights, bins: groups)
        let classes = try StatisticsInput.labels(labels, count: scores.count)
        let weights = try StatisticsInput.weights(weights, count: scores.count)
        let groupCount = edges.count + 1
        var count = [Double](repeating: 0, count: groupCount)
        var hits = [Double](repeating: 0, count: groupCount)
        var lowest = [Double](repeating: .infinity, count: groupCount)
        var highest = [Double](repeating: -.infinity, count: groupCount)
        for row in scores.indices {
            let group = groupCount - 1 - PopulationStability.bin(of: scores[row], edges: edges)
            count[group] += weights[row]
            if classes[row] { hits[group] += weights[row] }
            lowest[group] = min(lowest[group], scores[row])
            highest[group] = max(highest[group], scores[row])
        }
        let total = count.reduce(0, +)
        let totalHits = hits.reduce(0, +)
        guard totalHits > 0 else {
            throw StatisticsError.tooFewInClass(positives: 0, negatives: total, needed: 0)
        }
        overallRate = totalHits / total
        var cumulativeCount = 0.0
        var cumulativeHits = 0.0
        rows = []
        for group in 0..<groupCount where count[group] > 0 {
            cumulativeCount += count[group]
            cumulativeHits += hits[group]
            let rate = hits[group] / count[group]
            rows.append(
                Row(
                    lowestScore: lowest[group], highestScore: highest[group], count: count[group], hits: hits[group],
                    rate: rate, cumulativeShare: cumulativeCount / total, cumulativeCapture: cumulativeHits / totalHits,
                    lift: rate / overallRate,
                    cumulativeLift: (cumulativeHits / cumulativeCount) / overallRate))
        }
    }
}
