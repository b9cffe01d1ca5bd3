import RiskScoring

/// How enterprises move between grades from one model (or quarter) to another: a 5×5 matrix over A, B, C, D and
/// excluded (no grade: closed, revoked, struck off).
public struct GradeMigration: Equatable, Sendable, Codable {
    /// The matrix's row and column order: A, B, C, D, then excluded (`nil`).
    public static let categories: [Grade?] = [.a, .b, .c, .d, nil]

    /// `counts[from][to]`: the (weighted) number of enterprises graded `categories[from]` before and
    /// `categories[to]` after.
    public var counts: [[Double]]
    /// `rowShares[from][to] = counts[from][to] / Σ_t counts[from][t]`; a row without enterprises is all 0.
    public var rowShares: [[Double]]
    /// The (weighted) population, the sum of every count.
    public var total: Double

    /// Counts each enterprise once, in the cell of its grade before and after:
    ///
    /// ```
    /// counts[f][t] = Σ_{i: before_i = f, after_i = t} w_i,   Σ_f Σ_t counts[f][t] = Σ_i w_i
    /// ```
    /// - Parameters:
    ///   - before: each enterprise's grade under the first model, `nil` for excluded.
    ///   - after: its grade under the second model, same order.
    ///   - weights: positive weights, or nil for one per enterprise.
    /// - Throws: `StatisticsError` for empty or mismatched input or weights ≤ 0.
    /// - Complexity: O(n).
    public init(before: [Grade?], after: [Grade?], weights: [Double]? = nil) throws {
        guard !before.isEmpty else { throw StatisticsError.empty(field: "grades before") }
        guard after.count == before.count else {
            throw StatisticsError.lengthMismatch(field: "grades after", expected: before.count, found: after.count)
        }
        let weights = try StatisticsInput.weights(weights, count: before.count)
        var counts = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 5)
        for row in before.indices {
            counts[Self.position(before[row])][Self.position(after[row])] += weights[row]
        }
        self.counts = counts
        rowShares = counts.map { row in
            let sum = row.reduce(0, +)
            return row.map { sum > 0 ? $0 / sum : 0 }
        }
        total = counts.joined().reduce(0, +)
    }

    /// The count of enterprises graded `before` under the first model and `after` under the second.
    public func count(from before: Grade?, to after: Grade?) -> Double {
        counts[Self.position(before)][Self.position(after)]
    }

    /// The (weighted) share of enterprises whose grade did not change, the matrix's diagonal over the total.
    public var stableShare: Double { (0..<5).map { counts[$0][$0] }.reduce(0, +) / total }

    /// A category's row and column: the grade's rank, 4 for excluded.
    static func position(_ grade: Grade?) -> Int { grade?.rank ?? 4 }
}
