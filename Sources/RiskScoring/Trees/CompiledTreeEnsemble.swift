/// A `TreeEnsemble` compiled once for fast scoring: build it when a model is loaded and keep it for every
/// batch and single-row call.
///
/// Every margin it returns is bitwise `TreeEnsemble.margin(_:)`'s (baseScore, then the trees' leaf values in
/// order), whatever the batch shape or thread count. Ensembles whose trees have at most 64 leaves (all that
/// RiskGrade trains with `maxLeaves ≤ 64`) are scored with `QuickScorer`; others with `FlatTreeEnsemble`'s
/// level-by-level walk.
///
/// It is immutable and `Sendable`: any number of threads may score with one instance at once.
public struct CompiledTreeEnsemble: Sendable {
    enum Kernel: Sendable {
        case quickScorer(QuickScorer)
        case flat(FlatTreeEnsemble)
    }

    let kernel: Kernel
    /// Number of input features a row holds.
    public let featureCount: Int
    /// The margin before any tree.
    public let baseScore: Double
    /// Number of trees.
    public let treeCount: Int
    /// Rows a kernel call takes at once: few enough that the row-major copy of a columnar block (256 × 50
    /// features × 4 bytes = 51 kB) stays in L2 beside the model.
    static let blockRows = 256

    /// Compiles `ensemble`.
    ///
    /// - Precondition: the trees are well formed (see `TreeEnsemble.checkInvariants()`, which the model
    ///   loader runs).
    /// - Complexity: O(nodes · log nodes).
    public init(_ ensemble: TreeEnsemble) { self.init(ensemble, kernel: .best) }

    /// Which kernel `init(_:kernel:)` compiles: the fastest that fits, or the fallback (for tests and the
    /// benchmark's comparison).
    enum KernelChoice { case best, flatOnly }

    init(_ ensemble: TreeEnsemble, kernel choice: KernelChoice) {
        if choice == .best, let quickScorer = QuickScorer(ensemble) {
            kernel = .quickScorer(quickScorer)
        } else {
            kernel = .flat(FlatTreeEnsemble(ensemble))
        }
        featureCount = ensemble.featureCount
        baseScore = ensemble.baseScore
        treeCount = ensemble.trees.count
    }

    /// The margin (log-odds) of one row of `featureCount` values; bitwise `TreeEnsemble.margin(_:)`.
    ///
    /// Allocates nothing on the heap for ensembles of up to a few thousand trees (the scratch lives on the
    /// stack).
    ///
    /// - Precondition: `row.count == featureCount`.
    /// - Complexity: O(splits where the row goes right + trees).
    public func margin(_ row: [Float]) -> Double {
        precondition(row.count == featureCount, "a row needs \(featureCount) values, got \(row.count)")
        return row.withUnsafeBufferPointer { row in
            var result = 0.0
            withUnsafeMutablePointer(to: &result) { result in
                scoreBlock(row, into: UnsafeMutableBufferPointer(start: result, count: 1))
            }
            return result
        }
    }

    /// The margin of one row held as `Double` values: each value is first rounded to the nearest `Float`
    /// (the precision features are trained and stored in), then scored as `margin(_ row: [Float])`.
    ///
    /// - Precondition: `row.count == featureCount`.
    public func margin(_ row: [Double]) -> Double {
        precondition(row.count == featureCount, "a row needs \(featureCount) values, got \(row.count)")
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: max(featureCount, 1)) { buffer in
            for (i, value) in row.enumerated() { buffer[i] = Float(value) }
            var result = 0.0
            withUnsafeMutablePointer(to: &result) { result in
                scoreBlock(
                    UnsafeBufferPointer(rebasing: buffer[0..<featureCount]),
                    into: UnsafeMutableBufferPointer(start: result, count: 1))
            }
            return result
        }
    }

    /// The probability of a hit for one row: the logistic function of its margin.
    public func probability(_ row: [Float]) -> Double { TreeEnsemble.logistic(margin(row)) }

    /// Writes the margin of every row of a row-major batch (`featureCount` values a row) into `margins`, on
    /// up to `threads` threads (0 = every core). Nothing is allocated per row.
    ///
    /// - Precondition: `rows.count == margins.count * featureCount`.
    /// - Complexity: O(rows × (splits where a row goes right + trees)).
    public func margins(rowMajor rows: [Float], into margins: inout [Double], threads: Int = 1) {
        precondition(
            rows.count == margins.count * featureCount,
            "a row-major batch of \(margins.count) rows needs \(margins.count * featureCount) values, got \(rows.count)"
        )
        let stride = featureCount
        rows.withUnsafeBufferPointer { rows in
            margins.withUnsafeMutableBufferPointer { margins in
                let input = SharedBuffer(rows)
                let output = SharedMutableBuffer(margins)
                TreeEnsemble.forEachRowChunk(rowCount: margins.count, threads: threads) { chunk in
                    var start = chunk.lowerBound
                    while start < chunk.upperBound {
                        let end = min(start + Self.blockRows, chunk.upperBound)
                        scoreBlock(input.slice(start * stride..<end * stride), into: output.slice(start..<end))
                        start = end
                    }
                }
            }
        }
    }

    /// Writes the probability of a hit of every row of a row-major batch into `probabilities`: the logistic
    /// function of each margin, block by block, on up to `threads` threads (0 = every core).
    ///
    /// - Precondition: `rows.count == probabilities.count * featureCount`.
    public func probabilities(rowMajor rows: [Float], into probabilities: inout [Double], threads: Int = 1) {
        precondition(
            rows.count == probabilities.count * featureCount,
            "a row-major batch of \(probabilities.count) rows needs \(probabilities.count * featureCount) values, "
                + "got \(rows.count)")
        let stride = featureCount
        rows.withUnsafeBufferPointer { rows in
            probabilities.withUnsafeMutableBufferPointer { probabilities in
                let input = SharedBuffer(rows)
                let output = SharedMutableBuffer(probabilities)
                TreeEnsemble.forEachRowChunk(rowCount: probabilities.count, threads: threads) { chunk in
                    var start = chunk.lowerBound
                    while start < chunk.upperBound {
                        let end = min(start + Self.blockRows, chunk.upperBound)
                        let block = output.slice(start..<end)
                        scoreBlock(input.slice(start * stride..<end * stride), into: block)
                        for row in block.indices { block[row] = TreeEnsemble.logistic(block[row]) }
                        start = end
                    }
                }
            }
        }
    }

    /// Writes the margin of every row of a columnar batch (`columns[f][row]`, one array per feature, all the
    /// same length) into `margins`; each block of rows is copied into a row-major buffer of the thread first.
    ///
    /// - Precondition: `columns.count == featureCount`, every column has `margins.count` values.
    /// - Complexity: O(rows × (features + splits where a row goes right + trees)).
    public func margins(columns: [[Float]], into margins: inout [Double], threads: Int = 1) {
        precondition(columns.count == featureCount, "a batch needs \(featureCount) columns, got \(columns.count)")
        let rowCount = margins.count
        for (feature, column) in columns.enumerated() {
            precondition(
                column.count == rowCount, "column \(feature) has \(column.count) values, the batch \(rowCount) rows")
        }
        let stride = featureCount
        let blockRows = Self.blockRows
        margins.withUnsafeMutableBufferPointer { margins in
            let output = SharedMutableBuffer(margins)
            TreeEnsemble.forEachRowChunk(rowCount: rowCount, threads: threads) { chunk in
                var block = [Float](repeating: 0, count: blockRows * stride)
                var start = chunk.lowerBound
                while start < chunk.upperBound {
                    let end = min(start + blockRows, chunk.upperBound)
                    for (feature, column) in columns.enumerated() {
                        for row in start..<end { block[(row - start) * stride + feature] = column[row] }
                    }
                    block.withUnsafeBufferPointer { block in
                        scoreBlock(
                            UnsafeBufferPointer(rebasing: block[0..<(end - start) * stride]),
                            into: output.slice(start..<end))
                    }
                    start = end
                }
            }
        }
    }

    /// Scores one row-major block with the kernel, its scratch on the stack.
    func scoreBlock(_ rows: UnsafeBufferPointer<Float>, into margins: UnsafeMutableBufferPointer<Double>) {
        switch kernel {
        // Eight lanes pay off from a few rows; one row takes the scalar kernel (its latency is lower).
        case .quickScorer(let scorer) where scorer.narrow && margins.count >= 4:
            withUnsafeTemporaryAllocation(of: SIMD8<UInt32>.self, capacity: max(scorer.treeCount, 1)) { masks in
                scorer.narrowMargins(rows: rows, into: margins, masks: masks)
            }
        case .quickScorer(let scorer):
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(scorer.treeCount, 1)) { masks in
                scorer.margins(rows: rows, into: margins, masks: masks)
            }
        case .flat(let flat):
            var start = 0
            while start < margins.count {
                let end = min(start + FlatTreeEnsemble.maxBlockRows, margins.count)
                flat.addMargins(
                    rows: UnsafeBufferPointer(rebasing: rows[start * featureCount..<end * featureCount]),
                    into: UnsafeMutableBufferPointer(rebasing: margins[start..<end]))
                start = end
            }
        }
    }
}
