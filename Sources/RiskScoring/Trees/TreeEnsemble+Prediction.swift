import Dispatch
import Foundation

extension TreeEnsemble {
    /// The ensemble compiled for fast scoring; build it once and keep it to score many batches or single
    /// rows (`CompiledTreeEnsemble.margin(_:)`).
    public func compiled() -> CompiledTreeEnsemble { CompiledTreeEnsemble(self) }

    /// Writes the margin of every row of a row-major batch (`featureCount` values a row) into `margins`.
    ///
    /// Each row's margin is bitwise the Double `margin(_:)` returns: baseScore, then the trees in order.
    /// Rows are split into blocks over up to `threads` threads (0 = every core); the result does not depend
    /// on the thread count. Each call compiles the trees first; to score many batches, keep `compiled()`.
    ///
    /// - Precondition: `rows.count == margins.count * featureCount`; the trees are well formed (see
    ///   `checkInvariants()`).
    /// - Complexity: O(rows × (splits where a row goes right + trees)), after O(nodes · log nodes) to compile.
    public func margins(rowMajor rows: [Float], into margins: inout [Double], threads: Int = 1) {
        compiled().margins(rowMajor: rows, into: &margins, threads: threads)
    }

    /// Writes the margin of every row of a columnar batch (`columns[f][row]`, one array per feature, all
    /// the same length) into `margins`; bitwise the same margins as `margin(_:)` and the row-major batch.
    ///
    /// - Precondition: `columns.count == featureCount`, every column has `margins.count` values.
    /// - Complexity: O(rows × (features + splits where a row goes right + trees)), after compiling.
    public func margins(columns: [[Float]], into margins: inout [Double], threads: Int = 1) {
        compiled().margins(columns: columns, into: &margins, threads: threads)
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
