/// Gradient histograms: per bin the sums of gradients, hessians and the row count, three `Double`s per bin,
/// features laid out one after another at `BinnedFeatures.histogramOffsets`.
enum Histogram {
    /// Doubles per bin: gradient, hessian, count.
    static let stride = 3

    /// Adds rows to a histogram from the row-wise sparse bins (``BinnedFeatures/sparseRowStart``): only the
    /// bins other than each feature's default are summed, so the work is the number of non-default entries.
    /// The default bins are left for ``recoverDefaultBins(_:offsets:defaultBins:totals:)``.
    ///
    /// With `rows` the rows are `rows[0..<count]` and their gradients are given in that order (LightGBM's
    /// ordered gradients); without, the rows are `first..<first+count` and gradients are indexed by row. Sums
    /// run in row order, so the result depends only on the rows, never on the thread count.
    /// - Complexity: O(non-default entries of the rows).
    static func accumulateSparse(
        rowStart: UnsafePointer<Int>, entries: UnsafePointer<UInt32>, rows: UnsafePointer<Int32>?, first: Int,
        count: Int, gradients: UnsafePointer<Float>, hessians: UnsafePointer<Float>,
        into histogram: UnsafeMutablePointer<Double>
    ) {
        // Two loops rather than an optional tested per row. A leaf's rows are scattered, so the loop would wait
        // on memory: it prefetches the row start `2 · ahead` rows on and the entries `ahead` rows on (that start
        // has arrived by then), so the misses overlap with the adds.
        let ahead = 16
        if let rows {
            for i in 0..<count {
                if i &+ 2 &* ahead < count { prefetch(rowStart + Int(rows[i &+ 2 &* ahead])) }
                if i &+ ahead < count { prefetch(entries + rowStart[Int(rows[i &+ ahead])]) }
                let row = Int(rows[i])
                add(
                    entries: entries + rowStart[row], count: rowStart[row &+ 1] &- rowStart[row],
                    gradient: gradients[i], hessian: hessians[i], into: histogram)
            }
        } else {
            for i in first..<(first &+ count) {
                add(
                    entries: entries + rowStart[i], count: rowStart[i &+ 1] &- rowStart[i],
                    gradient: gradients[i], hessian: hessians[i], into: histogram)
            }
        }
    }

    /// A read prefetch into all cache levels (x86 `prefetcht0`): no result, so it never stalls the loop.
    @inline(__always)
    private static func prefetch<T>(_ address: UnsafePointer<T>) {
        llvmPrefetch(UnsafeRawPointer(address), 0, 3, 1)
    }

    @inline(__always)
    private static func add(
        entries: UnsafePointer<UInt32>, count: Int, gradient: Float, hessian: Float,
        into histogram: UnsafeMutablePointer<Double>
    ) {
        let pair = SIMD2(Double(gradient), Double(hessian))
        for e in 0..<count {
            let b = Int(entries[e])
            // Gradient and hessian in one 16-byte add; the count alone.
            let sums = UnsafeMutableRawPointer(histogram + b)
            sums.storeBytes(of: sums.loadUnaligned(as: SIMD2<Double>.self) + pair, as: SIMD2<Double>.self)
            histogram[b &+ 2] += 1
        }
    }

    /// Sets each feature's default bin to the rows' totals minus the feature's other bins.
    ///
    /// ```
    /// hist[f][default_f] = (G, H, n) − Σ_{b ≠ default_f} hist[f][b]
    /// ```
    /// Counts stay exact (whole numbers in `Double`).
    /// - Complexity: O(total bins).
    static func recoverDefaultBins(
        _ histogram: UnsafeMutablePointer<Double>, offsets: [Int], defaultBins: [Int], totals: LeafSums
    ) {
        for f in defaultBins.indices {
            var rest = SIMD4<Double>()
            let skip = offsets[f] + 3 * defaultBins[f]
            for b in Swift.stride(from: offsets[f], to: offsets[f + 1], by: 3) where b != skip {
                rest += SIMD4(histogram[b], histogram[b + 1], histogram[b + 2], 0)
            }
            histogram[skip] = totals.gradient - rest[0]
            histogram[skip + 1] = totals.hessian - rest[1]
            histogram[skip + 2] = Double(totals.count) - rest[2]
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

/// LLVM's prefetch intrinsic (address, 0 = read, locality 3 = keep in all levels, 1 = data cache).
@_silgen_name("llvm.prefetch.p0")
private func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ cache: Int32)
