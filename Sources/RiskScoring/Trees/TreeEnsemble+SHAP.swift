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
    /// core); returns the bias shared by all rows. Each row's contributions are bitwise those of
    /// `contributions(_:into:)`, whatever the thread count.
    ///
    /// - Precondition: `phi.count == rows.count`, a multiple of `featureCount`.
    /// - Complexity: O(rows × trees × leaves × depth²), after O(nodes) to pack the trees once.
    public func contributions(rowMajor rows: [Float], into phi: inout [Double], threads: Int = 1) -> Double {
        precondition(phi.count == rows.count, "phi needs \(rows.count) entries, got \(phi.count)")
        guard featureCount > 0 else { return expectedValue }
        precondition(rows.count % featureCount == 0, "a row-major batch needs a multiple of \(featureCount) values")
        let explainer = FlatTreeSHAP(self)
        let stride = featureCount
        rows.withUnsafeBufferPointer { rows in
            phi.withUnsafeMutableBufferPointer { phi in
                let input = SharedBuffer(rows)
                let output = SharedMutableBuffer(phi)
                // One row costs ~0.1 ms, so chunks of a few rows already amortise a thread's start.
                Self.forEachRowChunk(rowCount: rows.count / stride, threads: threads, minimumChunkRows: 8) { chunk in
                    var scratch = explainer.makeScratch()
                    for row in chunk {
                        let range = row * stride..<(row + 1) * stride
                        explainer.contributions(row: input.slice(range), into: output.slice(range), scratch: &scratch)
                    }
                }
            }
        }
        return explainer.expectedValue
    }
}
