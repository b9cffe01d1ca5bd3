/// Predicted probability against the observed hit rate, in bins of predicted probability.
public struct CalibrationTable: Equatable, Sendable, Codable {
    /// One non-empty bin of predicted probability.
    public struct Row: Equatable, Sendable, Codable {
        /// The bin's position among all bins, from 0 (lowest probabilities).
        public var bin: Int
        /// The bin's lower edge (excluded, except 0 for the first bin).
        public var lower: Double
        /// The bin's upper edge (included).
        public var upper: Double
        /// The (weighted) number of rows.
        public var count: Double
        /// The (weighted) number of hits.
        public var hits: Double
        /// The (weighted) mean predicted probability.
        public var meanPredicted: Double
        /// `hits / count`.
        public var observedRate: Double
        /// The Wilson interval of the observed rate.
        public var interval: ConfidenceInterval
    }

    /// The non-empty bins, lowest probabilities first.
    public var rows: [Row]

    /// Bins `[0, 1/B], (1/B, 2/B], …, ((B−1)/B, 1]` of predicted probability (scikit-learn's
    /// `calibration_curve(strategy: "uniform")`); per bin `b` with rows `R_b`:
    ///
    /// ```
    /// count = Σ_{R_b} w_i,  mean predicted = Σ_{R_b} w_i p_i / count,  observed = Σ_{R_b} w_i y_i / count
    /// ```
    /// and the Wilson score interval of `observed` (with weights, of the weighted hits over the weighted count).
    /// Empty bins are left out. A calibrated model has every mean predicted inside its row's interval, bar chance.
    /// - Throws: `StatisticsError` for empty or mismatched input, probabilities outside [0, 1], labels other than
    ///   0/1, weights ≤ 0, `bins` outside 1...10,000 or a level outside (0, 1).
    /// - Complexity: O(n).
    public init(
        probabilities: [Double], labels: [Double], weights: [Double]? = nil, bins: Int = 10, level: Double = 0.95
    ) throws {
        try StatisticsInput.probabilities(probabilities, "probabilities")
        let classes = try StatisticsInput.labels(labels, count: probabilities.count)
        let weights = try StatisticsInput.weights(weights, count: probabilities.count)
        try StatisticsInput.level(level)
        guard (1...10_000).contains(bins) else {
            throw StatisticsError.outOfRange(
                field: "bins", index: nil, value: Double(bins), expected: "from 1 to 10,000")
        }
        let edges = (1..<bins).map { Double($0) / Double(bins) }
        var count = [Double](repeating: 0, count: bins)
        var hits = [Double](repeating: 0, count: bins)
        var predicted = [Double](repeating: 0, count: bins)
        for row in probabilities.indices {
            let bin = PopulationStability.bin(of: probabilities[row], edges: edges)
            count[bin] += weights[row]
            predicted[bin] += weights[row] * probabilities[row]
            if classes[row] { hits[bin] += weights[row] }
        }
        rows = try (0..<bins).filter { count[$0] > 0 }.map { bin in
            Row(
                bin: bin, lower: bin == 0 ? 0 : edges[bin - 1], upper: bin == bins - 1 ? 1 : edges[bin],
                count: count[bin], hits: hits[bin], meanPredicted: predicted[bin] / count[bin],
                observedRate: hits[bin] / count[bin],
                interval: try BinomialInterval.wilson(
                    successes: min(hits[bin], count[bin]), trials: count[bin], level: level))
        }
    }
}
