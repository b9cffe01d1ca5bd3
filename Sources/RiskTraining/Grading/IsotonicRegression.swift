import RiskScoring

/// Weighted isotonic regression by pool adjacent violators (PAV): the non-decreasing step function of `x`
/// closest to `y` in weighted least squares.
///
/// ```
/// minimise Σ wᵢ (yᵢ − fᵢ)²  subject to  f non-decreasing in x
/// ```
/// Points with equal `x` are pooled first (weighted mean of `y`, summed weight), so the fit is a function of
/// `x`. PAV then walks the points in increasing `x`, pushing each as a block and merging the last two blocks
/// while the earlier mean is at least the later one; each block's value is the weighted mean of its points.
///
/// - Complexity: O(n log n) for the sort, O(n) for the pooling.
public enum IsotonicRegression {
    /// A pooled block: the points with `x` in `lower...upper`, their summed weight and weighted mean of `y`.
    public struct Block: Sendable, Equatable {
        /// The smallest `x` in the block.
        public var lower: Double
        /// The largest `x` in the block.
        public var upper: Double
        /// Σ w over the block.
        public var weight: Double
        /// Σ w·y over the block.
        public var weightedSum: Double
        /// The block's fitted value, `Σ w·y / Σ w`.
        public var value: Double { weightedSum / weight }
    }

    /// The PAV blocks of `(x, y, w)`, in increasing `x`, with strictly increasing values. Points with weight 0 or
    /// a non-finite `x` or `y` are left out.
    ///
    /// - Precondition: `x`, `y` and `weights` (when given) have the same length.
    public static func blocks(x: [Double], y: [Double], weights: [Double]? = nil) -> [Block] {
        precondition(x.count == y.count && (weights?.count ?? x.count) == x.count, "x, y and weights differ in length")
        let order = x.indices.filter { x[$0].isFinite && y[$0].isFinite && (weights?[$0] ?? 1) > 0 }
            .sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        // Equal inputs pool first, so the fit is a function of x.
        var points: [Block] = []
        for i in order {
            let w = weights?[i] ?? 1
            if let last = points.last, last.upper == x[i] {
                points[points.count - 1].weight += w
                points[points.count - 1].weightedSum += w * y[i]
            } else {
                points.append(Block(lower: x[i], upper: x[i], weight: w, weightedSum: w * y[i]))
            }
        }
        var blocks: [Block] = []
        blocks.reserveCapacity(points.count)
        for point in points {
            blocks.append(point)
            // Merge backwards while the order is violated (ties merge too, so values end strictly increasing).
            while blocks.count >= 2 {
                let last = blocks[blocks.count - 1]
                let previous = blocks[blocks.count - 2]
                // previous.value >= last.value, without dividing: Σwy_p · Σw_l ≥ Σwy_l · Σw_p.
                guard previous.weightedSum * last.weight >= last.weightedSum * previous.weight else { break }
                blocks.removeLast()
                blocks[blocks.count - 1] = Block(
                    lower: previous.lower, upper: last.upper, weight: previous.weight + last.weight,
                    weightedSum: previous.weightedSum + last.weightedSum)
            }
        }
        return blocks
    }

    /// The fitted value at each of `x` (in the input's order): its block's value; NaN for points left out.
    public static func fittedValues(x: [Double], y: [Double], weights: [Double]? = nil) -> [Double] {
        let fitted = blocks(x: x, y: y, weights: weights)
        return x.map { value in
            guard value.isFinite, let block = fitted.first(where: { $0.lower <= value && value <= $0.upper }) else {
                return .nan
            }
            return block.value
        }
    }

    /// The calibration map of the blocks: each block's lowest and highest input (one point when equal) at the
    /// block's value, so the map is flat inside a block and linear between blocks.
    ///
    /// - Throws: `GradingError.noCalibrationRows` when no point is usable.
    public static func calibration(probabilities: [Double], labels: [Double], weights: [Double]? = nil)
        throws(GradingError) -> IsotonicCalibration
    {
        let fitted = blocks(x: probabilities, y: labels, weights: weights)
        guard !fitted.isEmpty else { throw .noCalibrationRows(method: "isotonic") }
        var thresholds: [Double] = []
        var values: [Double] = []
        for block in fitted {
            let value = min(max(block.value, 0), 1)
            thresholds.append(block.lower)
            values.append(value)
            if block.upper > block.lower {
                thresholds.append(block.upper)
                values.append(value)
            }
        }
        return IsotonicCalibration(thresholds: thresholds, values: values)
    }
}
