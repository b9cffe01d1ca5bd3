/// Finds the best split of one feature from its histogram, LightGBM-style.
///
/// With `ThresholdL1(G) = sign(G)·max(0, |G| − α)` and λ the L2 penalty, a side with sums `G, H` has output
/// `o = clamp(−ThresholdL1(G)/(H + λ), lower, upper)` and gain `−(2·ThresholdL1(G)·o + (H + λ)·o²)`, which is
/// `ThresholdL1(G)²/(H + λ)` when unclamped. A split's gain is
/// ```
/// gain = gain(G_L, H_L) + gain(G_R, H_R) − ThresholdL1(G)²/(H + λ)
/// ```
/// Numeric features are scanned once in bin order, each threshold tried with missing values left and right;
/// categorical features sort their categories by `G/(H + smoothing)` and scan that order from both ends
/// (LightGBM's many-vs-many), or try each category alone when there are few. Row-count and hessian minimums
/// are checked before any gain; a monotone feature's children must have ordered outputs.
struct SplitFinder: Sendable {
    var l1: Double
    var l2: Double
    var minSamplesPerLeaf: Int
    var minHessianPerLeaf: Double
    var minSplitGain: Double
    /// Added to a category's hessian when ranking categories (LightGBM `cat_smooth`).
    var categoricalSmoothing = 10.0
    /// Most categories sent left by a many-vs-many split (LightGBM `max_cat_threshold`).
    var maxCategoriesLeft = 32
    /// Up to this many categories, each is tried alone against the rest (LightGBM `max_cat_to_onehot`).
    var oneVsRestCategories = 4

    @inline(__always)
    func thresholdL1(_ g: Double) -> Double {
        guard l1 > 0 else { return g }
        let magnitude = max(0, abs(g) - l1)
        return g < 0 ? -magnitude : magnitude
    }

    /// The output `−ThresholdL1(G)/(H + λ)` clamped to `[lower, upper]`.
    @inline(__always)
    func output(_ sums: LeafSums, lower: Double = -.infinity, upper: Double = .infinity) -> Double {
        let denominator = sums.hessian + l2
        guard denominator > 0 else { return 0 }
        return min(max(-thresholdL1(sums.gradient) / denominator, lower), upper)
    }

    @inline(__always)
    func gain(_ sums: LeafSums, output o: Double) -> Double {
        -(2 * thresholdL1(sums.gradient) * o + (sums.hessian + l2) * o * o)
    }

    /// The gain of a leaf left unsplit.
    func leafGain(_ sums: LeafSums) -> Double {
        let denominator = sums.hessian + l2
        guard denominator > 0 else { return 0 }
        let g = thresholdL1(sums.gradient)
        return g * g / denominator
    }

    /// The best split of feature `feature` whose histogram (`3 × binCount` doubles: gradient, hessian, count
    /// per bin) starts at `histogram`, for a leaf with sums `sums` and output bounds `lower...upper`; an invalid
    /// candidate when no split passes the constraints and `minSplitGain`.
    /// - Complexity: O(bins) numeric, O(bins log bins) categorical.
    func bestSplit(
        feature: Int, bins: FeatureBins, histogram: UnsafePointer<Double>, sums: LeafSums, lower: Double,
        upper: Double, monotone: Int8
    ) -> SplitCandidate {
        var best = SplitCandidate()
        let parentGain = leafGain(sums)

        // Evaluates one left side; keeps it when strictly better. Constraints first, then gain.
        @inline(__always)
        func consider(_ left: LeafSums, _ apply: (inout SplitCandidate) -> Void) {
            let right = sums - left
            guard left.count >= minSamplesPerLeaf, right.count >= minSamplesPerLeaf,
                left.hessian >= minHessianPerLeaf, right.hessian >= minHessianPerLeaf
            else { return }
            let leftOutput = output(left, lower: lower, upper: upper)
            let rightOutput = output(right, lower: lower, upper: upper)
            if monotone > 0 && leftOutput > rightOutput { return }
            if monotone < 0 && leftOutput < rightOutput { return }
            let total = gain(left, output: leftOutput) + gain(right, output: rightOutput) - parentGain
            guard total > best.gain else { return }
            best.feature = feature
            best.gain = total
            best.left = left
            best.right = right
            best.leftOutput = leftOutput
            best.rightOutput = rightOutput
            apply(&best)
        }

        @inline(__always)
        func entry(_ bin: Int) -> LeafSums {
            LeafSums(gradient: histogram[3 * bin], hessian: histogram[3 * bin + 1], count: Int(histogram[3 * bin + 2]))
        }

        if !bins.isCategorical {
            let missing = entry(bins.missingBin)
            var left = LeafSums()
            for bin in 0..<(bins.valueBinCount - 1) {
                let e = entry(bin)
                left.gradient += e.gradient
                left.hessian += e.hessian
                left.count += e.count
                consider(left) {
                    $0.thresholdBin = bin
                    $0.defaultLeft = false
                }
                if missing.count > 0 {
                    let withMissing = LeafSums(
                        gradient: left.gradient + missing.gradient, hessian: left.hessian + missing.hessian,
                        count: left.count + missing.count)
                    consider(withMissing) {
                        $0.thresholdBin = bin
                        $0.defaultLeft = true
                    }
                }
            }
            // With no missing rows here, unseen missing values follow the larger side.
            if best.isValid && missing.count == 0 { best.defaultLeft = best.left.count >= best.right.count }
        } else {
            var present: [(bin: Int, sums: LeafSums)] = []
            for bin in 0..<bins.valueBinCount {
                let e = entry(bin)
                if e.count > 0 { present.append((bin, e)) }
            }
            if present.count <= oneVsRestCategories {
                for category in present {
                    consider(category.sums) {
                        var set = BinSet()
                        set.insert(category.bin)
                        $0.leftBins = set
                        $0.isCategorical = true
                    }
                }
            } else {
                let ratio = present.map { $0.sums.gradient / ($0.sums.hessian + categoricalSmoothing) }
                let order = present.indices.sorted { ratio[$0] != ratio[$1] ? ratio[$0] < ratio[$1] : $0 < $1 }
                let limit = min(maxCategoriesLeft, (present.count + 1) / 2)
                for reversed in [false, true] {
                    var left = LeafSums()
                    var set = BinSet()
                    for step in 0..<limit {
                        let category = present[order[reversed ? order.count - 1 - step : step]]
                        left.gradient += category.sums.gradient
                        left.hessian += category.sums.hessian
                        left.count += category.sums.count
                        set.insert(category.bin)
                        consider(left) {
                            $0.leftBins = set
                            $0.isCategorical = true
                        }
                    }
                }
            }
            if best.isValid {
                best.defaultLeft = false
                best.isCategorical = true
            }
        }
        guard best.isValid, best.gain > minSplitGain else { return SplitCandidate() }
        return best
    }
}
