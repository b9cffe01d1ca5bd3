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
    /// Each call packs the trees first (O(nodes)); to explain many rows, use the batch form.
    ///
    /// - Precondition: `row.count == featureCount == phi.count`.
    /// - Complexity: O(trees × leaves × depth²), after O(nodes) to pack the trees.
    public func contributions(_ row: [Float], into phi: inout [Double]) -> Double {
        precondition(row.count == featureCount, "a row needs \(featureCount) values, got \(row.count)")
        precondition(phi.count == featureCount, "phi needs \(featureCount) entries, got \(phi.count)")
        let explainer = FlatTreeSHAP(self)
        var scratch = explainer.makeScratch()
        row.withUnsafeBufferPointer { row in
            phi.withUnsafeMutableBufferPointer { phi in explainer.contributions(row: row, into: phi, scratch: &scratch)
            }
        }
        return explainer.expectedValue
    }

    /// TreeSHAP contributions of every row of a row-major batch (`featureCount` values a row), written
    /// row-major into `phi` (`featureCount` contributions a row), on up to `threads` threads (0 = every
    /// core); returns the bias shared by all rows.
    ///
    /// The batch form prepares per-leaf tables once (`BatchTreeSHAP`) and then explains blocks of rows tree
    /// by tree, several times faster than `contributions(_:into:)` row by row; the values agree with it up
    /// to rounding (both are exact TreeSHAP). Each row's contributions are summed in a fixed order, so they
    /// are bitwise the same whatever the thread count.
    ///
    /// - Precondition: `phi.count == rows.count`, a multiple of `featureCount`.
    /// - Complexity: O(rows × trees × (nodes + leaves × depth)), after O(nodes + Σ_leaves 2^d · d) to
    ///   prepare (d: the distinct features on a leaf's path).
    public func contributions(rowMajor rows: [Float], into phi: inout [Double], threads: Int = 1) -> Double {
        precondition(phi.count == rows.count, "phi needs \(rows.count) entries, got \(phi.count)")
        guard featureCount > 0 else { return expectedValue }
        precondition(rows.count % featureCount == 0, "a row-major batch needs a multiple of \(featureCount) values")
        let explainer = BatchTreeSHAP(self)
        let stride = featureCount
        let blockRows = Self.shapBlockRows
        rows.withUnsafeBufferPointer { rows in
            phi.withUnsafeMutableBufferPointer { phi in
                let input = SharedBuffer(rows)
                let output = SharedMutableBuffer(phi)
                // A row costs tens of microseconds, so chunks of a few dozen rows amortise a thread's start.
                Self.forEachRowChunk(rowCount: rows.count / stride, threads: threads, minimumChunkRows: 32) { chunk in
                    var scratch = explainer.recursion.makeScratch()
                    var start = chunk.lowerBound
                    while start < chunk.upperBound {
                        let end = min(start + blockRows, chunk.upperBound)
                        let block = output.slice(start * stride..<end * stride)
                        for i in block.indices { block[i] = 0 }
                        explainer.addContributions(
                            rows: input.slice(start * stride..<end * stride), into: block, scratch: &scratch)
                        start = end
                    }
                }
            }
        }
        return explainer.expectedValue
    }

    /// Rows the batch TreeSHAP explains tree by tree together: a tree's tables (tens of kB) are read once
    /// per block from memory, then from cache.
    static let shapBlockRows = 32
}
