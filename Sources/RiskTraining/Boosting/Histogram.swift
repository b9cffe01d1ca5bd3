/// Gradient histograms: per bin the sums of gradients, hessians and the row count, three `Double`s per bin,
/// features laid out one after another at `BinnedFeatures.histogramOffsets`.
enum Histogram {
    /// Doubles per bin: gradient, hessian, count.
    static let stride = 3

    /// Adds rows to a histogram of all features, row by row (the hot loop of training).
    ///
    /// `bins` is the row-major bin matrix, `offsets[f]` the start of feature `f` in the histogram (in
    /// doubles). With `rows` the rows are `rows[0..<count]` and their gradients are given in that order
    /// (LightGBM's ordered gradients); without, the rows are `first..<first+count` and gradients are indexed
    /// by row. Sums run in row order, so the result depends only on the rows, never on the thread count.
    /// - Complexity: O(count · features).
    static func accumulate(
        bins: UnsafePointer<UInt8>, featureCount: Int, offsets: UnsafePointer<Int>, rows: UnsafePointer<Int32>?,
        first: Int, count: Int, gradients: UnsafePointer<Float>, hessians: UnsafePointer<Float>,
        into histogram: UnsafeMutablePointer<Double>
    ) {
        for i in 0..<count {
            let row = rows.map { Int($0[i]) } ?? (first &+ i)
            let k = rows == nil ? row : i
            let pair = SIMD2(Double(gradients[k]), Double(hessians[k]))
            let rowBins = bins + row &* featureCount
            for f in 0..<featureCount {
                let b = offsets[f] &+ Int(rowBins[f]) &* 3
                // Gradient and hessian in one 16-byte add; the count alone.
                let sums = UnsafeMutableRawPointer(histogram + b)
                sums.storeBytes(of: sums.loadUnaligned(as: SIMD2<Double>.self) + pair, as: SIMD2<Double>.self)
                histogram[b &+ 2] += 1
            }
        }
    }

    /// `target[range] += source[range]`: reduces a partial histogram.
    @inline(__always)
    static func add(_ source: UnsafePointer<Double>, to target: UnsafeMutablePointer<Double>, range: Range<Int>) {
        for i in range { target[i] += source[i] }
    }

    /// `parent[range] −= child[range]`: the larger child's histogram from the parent's and the smaller child's.
    @inline(__always)
    static func subtract(_ child: UnsafePointer<Double>, from parent: UnsafeMutablePointer<Double>, range: Range<Int>) {
        for i in range { parent[i] -= child[i] }
    }
}
