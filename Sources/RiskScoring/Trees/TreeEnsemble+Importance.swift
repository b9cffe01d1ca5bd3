extension TreeEnsemble {
    /// Gain and split-count importance of every feature, and the mean |SHAP value| over a row-major batch
    /// (`featureCount` values a row) when one is given.
    ///
    /// ```
    /// gain_f = Σ_{splits on f} splitGain,   splitCount_f = #{splits on f},
    /// meanAbsoluteContribution_f = (1/n) Σ_rows |phi_f(row)|
    /// ```
    /// Sums run in tree, node and row order, so the result does not depend on `threads`.
    ///
    /// - Precondition: `rows.count` is a multiple of `featureCount`; split features are in range.
    /// - Complexity: O(nodes) plus `contributions` over the batch.
    public func importance(rowMajor rows: [Float] = [], threads: Int = 1) -> FeatureImportance {
        var gain = [Double](repeating: 0, count: featureCount)
        var splitCount = [Int](repeating: 0, count: featureCount)
        for tree in trees {
            for (node, feature) in tree.splitFeature.enumerated() {
                precondition(feature >= 0 && Int(feature) < featureCount, "split feature \(feature) out of range")
                gain[Int(feature)] += Double(tree.splitGain[node])
                splitCount[Int(feature)] += 1
            }
        }
        var meanAbsolute: [Double] = []
        if !rows.isEmpty {
            var phi = [Double](repeating: 0, count: rows.count)
            _ = contributions(rowMajor: rows, into: &phi, threads: threads)
            let rowCount = rows.count / featureCount
            meanAbsolute = [Double](repeating: 0, count: featureCount)
            for row in 0..<rowCount {
                for f in 0..<featureCount { meanAbsolute[f] += abs(phi[row * featureCount + f]) }
            }
            for f in 0..<featureCount { meanAbsolute[f] /= Double(rowCount) }
        }
        return FeatureImportance(gain: gain, splitCount: splitCount, meanAbsoluteContribution: meanAbsolute)
    }
}
