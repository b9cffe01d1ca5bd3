import Dispatch
import Foundation

extension TreeEnsemble {
    /// Rows a tree sees in one pass of the batch kernel: enough to reuse its nodes from cache, few enough
    /// that the rows (128 × 50 features × 4 bytes = 26 kB) stay in L1.
    static let predictionBlockRows = 128

    /// Writes the margin of every row of a row-major batch (`featureCount` values a row) into `margins`.
    ///
    /// Each row's margin is bitwise the Double `margin(_:)` returns: baseScore, then the trees in order.
    /// Rows are split into blocks over up to `threads` threads (0 = every core); the result does not depend
    /// on the thread count.
    ///
    /// - Precondition: `rows.count == margins.count * featureCount`; the trees are well formed (see
    ///   `checkInvariants()`).
    /// - Complexity: O(rows × trees × depth), after O(nodes) to pack the trees.
    public func margins(rowMajor rows: [Float], into margins: inout [Double], threads: Int = 1) {
        precondition(
            rows.count == margins.count * featureCount,
            "a row-major batch of \(margins.count) rows needs \(margins.count * featureCount) values, got \(rows.count)"
        )
        let flat = FlatTreeEnsemble(self)
        let stride = featureCount
        rows.withUnsafeBufferPointer { rows in
            margins.withUnsafeMutableBufferPointer { margins in
                let input = SharedBuffer(rows)
                let output = SharedMutableBuffer(margins)
                Self.forEachRowChunk(rowCount: margins.count, threads: threads) { chunk in
                    var start = chunk.lowerBound
                    while start < chunk.upperBound {
                        let end = min(start + Self.predictionBlockRows, chunk.upperBound)
                        flat.addMargins(
                            rows: input.slice(start * stride..<end * stride), into: output.slice(start..<end))
                        start = end
                    }
                }
            }
        }
    }

    /// Writes the margin of every row of a columnar batch (`columns[f][row]`, one array per feature, all
    /// the same length) into `margins`; bitwise the same margins as `margin(_:)` and the row-major batch.
    ///
    /// Each block of rows is copied into a small row-major buffer (one per thread), then goes through the
    /// row-major kernel.
    ///
    /// - Precondition: `columns.count == featureCount`, every column has `margins.count` values.
    /// - Complexity: O(rows × (features + trees × depth)).
    public func margins(columns: [[Float]], into margins: inout [Double], threads: Int = 1) {
        precondition(columns.count == featureCount, "a batch needs \(featureCount) columns, got \(columns.count)")
        let rowCount = margins.count
        for (feature, column) in columns.enumerated() {
            precondition(
                column.count == rowCount, "column \(feature) has \(column.count) values, the batch \(rowCount) rows")
        }
        let flat = FlatTreeEnsemble(self)
        let stride = featureCount
        let blockRows = Self.predictionBlockRows
        margins.withUnsafeMutableBufferPointer { margins in
            let output = SharedMutableBuffer(margins)
            Self.forEachRowChunk(rowCount: rowCount, threads: threads) { chunk in
                var block = [Float](repeating: 0, count: blockRows * stride)
                var start = chunk.lowerBound
                while start < chunk.upperBound {
                    let end = min(start + blockRows, chunk.upperBound)
                    for (feature, column) in columns.enumerated() {
                        for row in start..<end { block[(row - start) * stride + feature] = column[row] }
                    }
                    block.withUnsafeBufferPointer { block in
                        flat.addMargins(
                            rows: UnsafeBufferPointer(rebasing: block[0..<(end - start) * stride]),
                            into: output.slice(start..<end))
                    }
                    start = end
                }
            }
        }
    }

    /// The margins of a row-major batch, as a new array.
    public func margins(rowMajor rows: [Float], threads: Int = 1) -> [Double] {
        precondition(featureCount > 0 || rows.isEmpty, "an ensemble without features cannot split a row-major batch")
        var result = [Double](repeating: 0, count: featureCount == 0 ? 0 : rows.count / featureCount)
        margins(rowMajor: rows, into: &result, threads: threads)
        return result
    }

    /// Calls `body` on contiguous row ranges covering `0..<rowCount`, on up to `threads` threads (0 = every
    /// core), each of at least `minimumChunkRows` rows. Ranges are disjoint, so bodies that write only their
    /// own rows need no locking.
    static func forEachRowChunk(
        rowCount: Int, threads: Int, minimumChunkRows: Int = 2_048, _ body: @Sendable (Range<Int>) -> Void
    ) {
        let workers = threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount
        // Four chunks a worker balance uneven speeds; below 2,048 rows (for prediction) a chunk threads cost
        // more than they save.
        let chunkCount = max(1, min(workers * 4, rowCount / max(minimumChunkRows, 1)))
        guard workers > 1, chunkCount > 1 else {
            body(0..<rowCount)
            return
        }
        let chunkRows = (rowCount + chunkCount - 1) / chunkCount
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = chunk * chunkRows
            if start < rowCount { body(start..<min(start + chunkRows, rowCount)) }
        }
    }
}

/// A read-only buffer shared by the row chunks of one batch call; it lives only inside the
/// `withUnsafeBufferPointer` that made it.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeBufferPointer<Element>
    init(_ base: UnsafeBufferPointer<Element>) { self.base = base }
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<Element> { UnsafeBufferPointer(rebasing: base[range]) }
}

/// An output buffer whose disjoint slices the row chunks of one batch call write; it lives only inside the
/// `withUnsafeMutableBufferPointer` that made it.
struct SharedMutableBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
    func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(rebasing: base[range])
    }
}
