/// How far each term of the true logit moves enterprises' logits over the snapshot rows: the mean absolute
/// SHAP value of every indicator in the observable true logit, the importance a learner's mean |SHAP| shares
/// estimate.
///
/// The observable logit is a sum of terms, so an indicator's interventional SHAP value is the sum of its
/// shares of the terms it appears in (`E` over all snapshot rows):
/// ```
/// main term f(x):            φ = f(x) − E f                  (importance E|f − E f|, the mean absolute deviation)
/// interaction c·[A]·[B]:     φ_A = (c/2)·(a·p_B − p_AB + a·b − b·p_A),   φ_B = (c/2)·(b·p_A − p_AB + a·b − a·p_B)
/// ```
/// with `a`, `b` the conditions (0 or 1), `p_A`, `p_B`, `p_AB` their shares: the exact Shapley values of the
/// two-player game `v(S) = E[c·A·B | the players in S fixed]`. An indicator's importance sums the mean |φ| of
/// every term it is part of: its mean |SHAP| exactly when it sits in one term, an upper bound of it otherwise.
///
/// Main terms are tallied in a histogram of ``binWidth``-wide bins over ``range`` (values outside land in the
/// end bins), so a mean absolute deviation is exact to ``binWidth``/2; the mean itself is summed exactly.
/// Interactions keep their four condition counts. Tallies are integers, so merging blocks in any order gives
/// the same figures.
struct TermSpread: Sendable {
    /// Width of a histogram bin.
    static let binWidth = 1.0 / 4096
    /// The histogram's span; every term of ``TrueRiskModel`` stays well inside it.
    static let range = -8.0...8.0
    /// Bins per term.
    static let binCount = Int((range.upperBound - range.lowerBound) / binWidth)

    /// Snapshot rows tallied.
    private(set) var rows = 0
    /// Per term: the sum of its values.
    private(set) var sums: [Double]
    /// Per term: the sum of its squared values.
    private(set) var squares: [Double]
    /// Per term, `binCount` counts of its values.
    private var histogram: [Int]
    /// Per interaction (``TrueRiskModel/Effect/interactions`` order): counts of rows by their conditions `a`, `b`
    /// (0 or 1) at index `a + 2b`.
    private var cells: [[Int]]

    /// An empty tally of `terms` terms.
    init(terms: Int = TrueRiskModel.Effect.count) {
        sums = Array(repeating: 0, count: terms)
        squares = sums
        histogram = Array(repeating: 0, count: terms * Self.binCount)
        cells = Array(repeating: Array(repeating: 0, count: 4), count: TrueRiskModel.Effect.interactions.count)
    }

    /// The histogram bin of a term value.
    @inline(__always)
    static func bin(_ value: Double) -> UInt16 {
        let scaled = ((value - range.lowerBound) / binWidth).rounded(.down)
        return UInt16(min(Double(binCount - 1), max(0, scaled.isNaN ? 0 : scaled)))
    }

    /// Tallies one block's rows: the per-term `sums` and `squares` of their values, `bins` with `terms` histogram
    /// bins per row (row-major), and `conditions` with two bits per interaction per row (bit `2i` is condition A
    /// of interaction `i`, bit `2i + 1` its B).
    mutating func add(sums blockSums: [Double], squares blockSquares: [Double], bins: [UInt16], conditions: [UInt8]) {
        let terms = sums.count
        precondition(blockSums.count == terms && blockSquares.count == terms && bins.count == conditions.count * terms)
        rows += conditions.count
        for t in 0..<terms {
            sums[t] += blockSums[t]
            squares[t] += blockSquares[t]
        }
        for r in 0..<conditions.count {
            for t in 0..<terms { histogram[t * Self.binCount + Int(bins[r * terms + t])] += 1 }
            for i in cells.indices { cells[i][Int((conditions[r] >> UInt8(2 * i)) & 3)] += 1 }
        }
    }

    /// Each term's standard deviation over the rows.
    var standardDeviations: [Double] {
        let n = Double(max(1, rows))
        return sums.indices.map { t in
            let mean = sums[t] / n
            return max(0, squares[t] / n - mean * mean).squareRoot()
        }
    }

    /// Each term's mean absolute deviation `E|f − E f|` over the rows.
    var meanAbsoluteDeviations: [Double] {
        let n = Double(max(1, rows))
        return sums.indices.map { t in
            let mean = sums[t] / n
            var total = 0.0
            for b in 0..<Self.binCount {
                let count = histogram[t * Self.binCount + b]
                guard count > 0 else { continue }
                let centre = Self.range.lowerBound + (Double(b) + 0.5) * Self.binWidth
                total += Double(count) * abs(centre - mean)
            }
            return total / n
        }
    }

    /// The mean |φ_A| and mean |φ_B| of interaction `i` with coefficient `c` (the formula above).
    func interactionShares(_ i: Int, coefficient c: Double) -> (a: Double, b: Double) {
        let n = Double(max(1, rows))
        let share = cells[i].map { Double($0) / n }
        let pA = share[1] + share[3], pB = share[2] + share[3], pAB = share[3]
        var meanA = 0.0, meanB = 0.0
        for cell in 0..<4 {
            let a = Double(cell & 1), b = Double(cell >> 1)
            meanA += share[cell] * abs(c / 2 * (a * pB - pAB + a * b - b * pA))
            meanB += share[cell] * abs(c / 2 * (b * pA - pAB + a * b - a * pB))
        }
        return (meanA, meanB)
    }
}
