extension TreeEnsemble {
    /// The expected margin under the training distribution the covers record: the base score plus each
    /// tree's cover-weighted mean leaf value. It is the bias of `contributions`.
    public var expectedValue: Double { trees.reduce(baseScore) { $0 + $1.expectedValue } }

    /// Exact path-dependent TreeSHAP contributions of one row: writes `phi[f]` for every feature and returns
    /// the bias (`expectedValue`), so that
    /// ```
    /// bias + Σ_f phi[f] = margin(row)   (up to rounding)
    /// ```
    /// A feature no split uses gets exactly 0. Missing values and categorical codes follow the row's own
    /// path (`goesLeft`); the other branch is weighted by `internalCover`/`leafCover`.
    ///
    /// - Precondition: `row.count == featureCount == phi.count`.
    /// - Complexity: O(trees × leaves × depth²).
    public func contributions(_ row: [Float], into phi: inout [Double]) -> Double {
        precondition(row.count == featureCount, "a row needs \(featureCount) values, got \(row.count)")
        precondition(phi.count == featureCount, "phi needs \(featureCount) entries, got \(phi.count)")
        var path = [ShapPathElement](
            repeating: ShapPathElement(feature: -1, zeroFraction: 0, oneFraction: 0, weight: 0),
            count: shapPathCapacity)
        for f in phi.indices { phi[f] = 0 }
        for tree in trees { tree.addContributions(of: { row[$0] }, to: &phi, path: &path) }
        return expectedValue
    }

    /// TreeSHAP contributions of every row of a row-major batch (`featureCount` values a row), written
    /// row-major into `phi` (`featureCount` contributions a row), on up to `threads` threads (0 = every
    /// core); returns the bias shared by all rows. The result does not depend on the thread count.
    ///
    /// - Precondition: `phi.count == rows.count`, a multiple of `featureCount`.
    public func contributions(rowMajor rows: [Float], into phi: inout [Double], threads: Int = 1) -> Double {
        precondition(phi.count == rows.count, "phi needs \(rows.count) entries, got \(phi.count)")
        guard featureCount > 0 else { return expectedValue }
        precondition(rows.count % featureCount == 0, "a row-major batch needs a multiple of \(featureCount) values")
        let stride = featureCount
        let capacity = shapPathCapacity
        phi.withUnsafeMutableBufferPointer { phi in
            let output = SharedMutableBuffer(phi)
            Self.forEachRowChunk(rowCount: rows.count / stride, threads: threads) { chunk in
                var path = [ShapPathElement](
                    repeating: ShapPathElement(feature: -1, zeroFraction: 0, oneFraction: 0, weight: 0),
                    count: capacity)
                var rowPhi = [Double](repeating: 0, count: stride)
                for row in chunk {
                    let base = row * stride
                    for f in 0..<stride { rowPhi[f] = 0 }
                    for tree in trees { tree.addContributions(of: { rows[base + $0] }, to: &rowPhi, path: &path) }
                    let slice = output.slice(base..<base + stride)
                    for f in 0..<stride { slice[f] = rowPhi[f] }
                }
            }
        }
        return expectedValue
    }

    /// Scratch TreeSHAP needs for the deepest tree.
    var shapPathCapacity: Int { trees.reduce(1) { max($0, $1.shapPathCapacity) } }
}
