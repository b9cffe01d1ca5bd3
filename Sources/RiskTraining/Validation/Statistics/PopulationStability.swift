import Foundation

/// The population stability index of two distributions over the same bins: how far the actual (new) distribution
/// of scores, grades or an indicator has moved from the expected (reference) one.
public struct PopulationStability: Equatable, Sendable, Codable {
    /// The floor on a bin's share, so an empty bin contributes a large but finite term: 1e-4 (0.01%).
    public static let defaultEpsilon = 1e-4

    /// The expected distribution's (weighted) count per bin.
    public var expectedCounts: [Double]
    /// The actual distribution's (weighted) count per bin.
    public var actualCounts: [Double]
    /// Each bin's term `(a_b − e_b) ln(a_b / e_b)`, with the shares floored at epsilon.
    public var contributions: [Double]
    /// The index, the sum of the contributions. Below 0.1 is commonly read as stable, 0.1-0.25 as a shift to
    /// watch, above 0.25 as a shift that calls for action.
    public var index: Double

    /// The PSI of two distributions given as (weighted) counts over the same bins:
    ///
    /// ```
    /// e_b = max(E_b / Σ E, ε),   a_b = max(A_b / Σ A, ε),   PSI = Σ_b (a_b − e_b) ln(a_b / e_b)
    /// ```
    /// Every term is ≥ 0, and PSI = 0 when the shares are equal. The floored shares are not renormalised.
    /// - Parameter epsilon: the share floor `ε` in (0, 1), `defaultEpsilon` unless given.
    /// - Throws: `StatisticsError` for empty, non-finite or negative counts, a distribution without any count,
    ///   counts of different lengths, or an epsilon outside (0, 1).
    /// - Complexity: O(bins).
    public init(expectedCounts: [Double], actualCounts: [Double], epsilon: Double = defaultEpsilon) throws {
        try StatisticsInput.finite(expectedCounts, "expected counts")
        try StatisticsInput.finite(actualCounts, "actual counts")
        try StatisticsInput.length(actualCounts, "actual counts", count: expectedCounts.count)
        guard epsilon > 0, epsilon < 1 else {
            throw StatisticsError.outOfRange(field: "epsilon", index: nil, value: epsilon, expected: "in (0, 1)")
        }
        for (field, counts) in [("expected counts", expectedCounts), ("actual counts", actualCounts)] {
            for (index, count) in counts.enumerated() where count < 0 {
                throw StatisticsError.outOfRange(field: field, index: index, value: count, expected: "0 or more")
            }
            guard counts.reduce(0, +) > 0 else {
                throw StatisticsError.outOfRange(
                    field: field, index: nil, value: 0, expected: "a positive total (some bin must be non-empty)")
            }
        }
        let expectedTotal = expectedCounts.reduce(0, +)
        let actualTotal = actualCounts.reduce(0, +)
        contributions = zip(expectedCounts, actualCounts).map { expected, actual in
            let e = max(expected / expectedTotal, epsilon)
            let a = max(actual / actualTotal, epsilon)
            return (a - e) * log(a / e)
        }
        self.expectedCounts = expectedCounts
        self.actualCounts = actualCounts
        index = contributions.reduce(0, +)
    }

    /// The PSI of two samples of a numeric variable (scores, or a numeric indicator for its CSI) over the bins
    /// `quantileEdges(of: expected, bins:)` cut from the expected sample, deciles by default.
    /// - Throws: `StatisticsError` for empty, non-finite or mismatched input or weights ≤ 0.
    /// - Complexity: O((n + m) log n).
    public init(
        expected: [Double], actual: [Double], bins: Int = 10, expectedWeights: [Double]? = nil,
        actualWeights: [Double]? = nil, epsilon: Double = defaultEpsilon
    ) throws {
        let edges = try Self.quantileEdges(of: expected, weights: expectedWeights, bins: bins)
        try self.init(
            expectedCounts: Self.binCounts(of: expected, edges: edges, weights: expectedWeights),
            actualCounts: Self.binCounts(of: actual, edges: edges, weights: actualWeights, field: "actual"),
            epsilon: epsilon)
    }

    /// The distinct inner bin edges at the sample's quantiles `1/bins, …, (bins−1)/bins`, by the inverted CDF
    /// (numpy's `quantile(method: "inverted_cdf")`, weighted or not):
    ///
    /// ```
    /// edge_q = min { x : Σ_{i: x_i ≤ x} w_i ≥ q · Σ w }
    /// ```
    /// Tied values make equal edges, which are merged, so heavily tied data gives fewer bins.
    /// - Throws: `StatisticsError` for empty or non-finite values, bad weights, or `bins` outside 2...10,000.
    /// - Complexity: O(n log n).
    public static func quantileEdges(of values: [Double], weights: [Double]? = nil, bins: Int = 10) throws
        -> [Double]
    {
        try StatisticsInput.finite(values, "expected")
        let weights = try StatisticsInput.weights(weights, count: values.count, field: "expected weights")
        guard (2...10_000).contains(bins) else {
            throw StatisticsError.outOfRange(
                field: "bins", index: nil, value: Double(bins), expected: "from 2 to 10,000")
        }
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let total = weights.reduce(0, +)
        var edges: [Double] = []
        var cumulative = 0.0
        var position = 0
        for step in 1..<bins {
            let target = Double(step) / Double(bins) * total
            while position < order.count - 1 && cumulative + weights[order[position]] < target {
                cumulative += weights[order[position]]
                position += 1
            }
            let edge = values[order[position]]
            if edges.last != edge { edges.append(edge) }
        }
        return edges
    }

    /// The (weighted) count of values in each bin of ascending inner `edges`: bin 0 is `x ≤ e₀`, bin `b` is
    /// `e_{b−1} < x ≤ e_b`, the last is `x > e_last` (numpy's `searchsorted(side: "left")`); `edges.count + 1` bins.
    /// - Throws: `StatisticsError` for empty or non-finite values or bad weights.
    /// - Complexity: O(n log bins).
    public static func binCounts(
        of values: [Double], edges: [Double], weights: [Double]? = nil, field: String = "expected"
    ) throws -> [Double] {
        try StatisticsInput.finite(values, field)
        let weights = try StatisticsInput.weights(weights, count: values.count, field: field + " weights")
        var counts = [Double](repeating: 0, count: edges.count + 1)
        for (row, value) in values.enumerated() { counts[bin(of: value, edges: edges)] += weights[row] }
        return counts
    }

    /// The bin of `value`: the number of edges strictly below it.
    static func bin(of value: Double, edges: [Double]) -> Int {
        var low = 0
        var high = edges.count
        while low < high {
            let middle = (low + high) / 2
            if edges[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The characteristic stability index of each indicator: the PSI of the indicator's own bins, given as
    /// (weighted) counts per category or bin in the reference and the new population, in the order given.
    /// For a numeric indicator, cut bins with `quantileEdges` from the reference and count both samples with
    /// `binCounts`, adding a bin for missing values when the indicator has any.
    /// - Throws: `StatisticsError` as `init(expectedCounts:actualCounts:epsilon:)`, its field naming the indicator.
    public static func characteristicStability(
        _ indicators: [(name: String, expectedCounts: [Double], actualCounts: [Double])],
        epsilon: Double = defaultEpsilon
    ) throws -> [(name: String, stability: PopulationStability)] {
        try indicators.map { indicator in
            do {
                return (
                    indicator.name,
                    try PopulationStability(
                        expectedCounts: indicator.expectedCounts, actualCounts: indicator.actualCounts, epsilon: epsilon
                    )
                )
            } catch let error as StatisticsError {
                throw error.renamed(prefix: "\(indicator.name): ")
            }
        }
    }
}

extension StatisticsError {
    /// The same error with `prefix` before its field name, to say which of several inputs it concerns.
    func renamed(prefix: String) -> StatisticsError {
        switch self {
        case .empty(let field): return .empty(field: prefix + field)
        case .lengthMismatch(let field, let expected, let found):
            return .lengthMismatch(field: prefix + field, expected: expected, found: found)
        case .notFinite(let field, let index, let value):
            return .notFinite(field: prefix + field, index: index, value: value)
        case .nonPositiveWeight(let field, let index, let value):
            return .nonPositiveWeight(field: prefix + field, index: index, value: value)
        case .notBinary(let field, let index, let value):
            return .notBinary(field: prefix + field, index: index, value: value)
        case .outOfRange(let field, let index, let value, let expected):
            return .outOfRange(field: prefix + field, index: index, value: value, expected: expected)
        case .tooFewInClass, .noConvergence: return self
        }
    }
}
