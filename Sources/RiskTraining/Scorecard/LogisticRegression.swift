import Foundation

/// The rows of a logistic regression's design matrix, filled block by block so the whole matrix is never held.
protocol LogisticDesign: Sendable {
    /// Rows of the design.
    var rowCount: Int { get }
    /// Columns of the design, the intercept not counted.
    var columnCount: Int { get }
    /// Writes rows `rows` into `block`, row-major, `columnCount + 1` values a row, the first 1 (the intercept).
    func fill(rows: Range<Int>, into block: inout [Double])
}

/// A design given as dense columns.
struct DenseDesign: LogisticDesign {
    /// One array per column, `rowCount` values each.
    var columns: [[Double]]
    var rowCount: Int
    var columnCount: Int { columns.count }

    func fill(rows: Range<Int>, into block: inout [Double]) {
        let width = columns.count + 1
        for (i, row) in rows.enumerated() {
            block[i * width] = 1
            for (j, column) in columns.enumerated() { block[i * width + j + 1] = column[row] }
        }
    }
}

/// A design whose column `j` is `tables[j][bins[j][row]]`: the WOE of each row's bin, held as one byte a row.
struct BinnedDesign: LogisticDesign {
    /// Per column, each row's bin.
    var bins: [[UInt8]]
    /// Per column, the value of each bin.
    var tables: [[Double]]
    var rowCount: Int
    var columnCount: Int { bins.count }

    func fill(rows: Range<Int>, into block: inout [Double]) {
        let width = bins.count + 1
        for (i, row) in rows.enumerated() {
            block[i * width] = 1
            for j in bins.indices { block[i * width + j + 1] = tables[j][Int(bins[j][row])] }
        }
    }
}

/// A fitted logistic regression.
public struct LogisticFit: Sendable, Equatable {
    /// The intercept, then one coefficient per design column.
    public var coefficients: [Double]
    /// Newton iterations taken.
    public var iterations: Int
    /// The weighted mean log loss of the training rows at the fit.
    public var logLoss: Double
}

/// Weighted logistic regression by iteratively reweighted least squares (Newton's method), each step solved
/// by LAPACK `posv` (Cholesky).
///
/// ```
/// minimise  L(β) = Σᵢ wᵢ·[−yᵢ ln pᵢ − (1 − yᵢ) ln(1 − pᵢ)] + λ/2 · Σ_{j≥1} βⱼ²,   pᵢ = σ(xᵢ·β)
/// step      (XᵀSX + λĨ) Δ = Xᵀw(y − p) − λĨβ,   S = diag(wᵢ pᵢ (1 − pᵢ)),   Ĩ = I without the intercept
/// ```
/// The step is halved while it does not lower `L`; the fit stops when no coefficient moves by more than the
/// tolerance. `XᵀSX` and the gradient are summed over blocks of 8,192 rows (BLAS `gemm` per block, one thread
/// each) and the blocks added in order, so the fit does not depend on the thread count.
enum LogisticRegression {
    /// Rows per block.
    static let blockSize = 8192
    /// A coefficient larger than this in magnitude means the classes are (quasi-)separated.
    static let separationLimit = 1e4

    /// Fits `labels` (0 or 1) on `design` with sample `weights` (nil: all 1).
    ///
    /// - Parameter names: the design columns' names, for errors.
    /// - Throws: `ScorecardError.separation`, `.singularDesign` or `.notConverged`.
    /// - Complexity: O(iterations × rows × columns²).
    static func fit<Design: LogisticDesign>(
        _ design: Design, labels: [Float], weights: [Float]?, l2: Double, tolerance: Double, maxIterations: Int,
        names: [String], threads: Int
    ) throws(ScorecardError) -> LogisticFit {
        let width = design.columnCount + 1
        var totalWeight = 0.0
        var totalEvents = 0.0
        for i in 0..<design.rowCount {
            let w = Double(weights?[i] ?? 1)
            totalWeight += w
            totalEvents += w * Double(labels[i])
        }
        guard totalEvents > 0, totalEvents < totalWeight else { throw .oneClass(positives: totalEvents > 0) }
        var beta = [Double](repeating: 0, count: width)
        beta[0] = log(totalEvents / (totalWeight - totalEvents))
        var current = evaluate(design, beta, labels: labels, weights: weights, l2: l2, threads: threads)
        var lastChange = Double.infinity
        for iteration in 1...maxIterations {
            var hessian = current.hessian
            var gradient = current.gradient
            for j in 1..<width {
                hessian[j * width + j] += l2
                gradient[j] -= l2 * beta[j]
            }
            let delta: [Double]
            do {
                delta = try LAPACK.posv(Matrix(rows: width, columns: width, elements: hessian), gradient)
            } catch {
                if current.saturated { throw .separation(indicator: largest(beta, names: names), iteration: iteration) }
                throw .singularDesign(reason: error.description)
            }
            var step = 1.0
            var next = beta
            var trial = current
            while true {
                for j in 0..<width { next[j] = beta[j] + step * delta[j] }
                trial = evaluate(design, next, labels: labels, weights: weights, l2: l2, threads: threads)
                if trial.loss <= current.loss + 1e-12 * abs(current.loss) { break }
                step /= 2
                guard step > 1e-10 else {
                    throw .notConverged(iterations: iteration, change: delta.map(abs).max() ?? 0)
                }
            }
            let change = (0..<width).map { abs(next[$0] - beta[$0]) }.max() ?? 0
            lastChange = change
            beta = next
            current = trial
            if let j = (1..<width).first(where: { abs(beta[$0]) > separationLimit }) {
                throw .separation(indicator: names[j - 1], iteration: iteration)
            }
            if change <= tolerance {
                return LogisticFit(coefficients: beta, iterations: iteration, logLoss: current.logLoss / totalWeight)
            }
        }
        throw .notConverged(iterations: maxIterations, change: lastChange)
    }

    /// The name of the column with the largest coefficient.
    static func largest(_ beta: [Double], names: [String]) -> String {
        guard beta.count > 1 else { return "(intercept)" }
        let j = (1..<beta.count).max { abs(beta[$0]) < abs(beta[$1]) } ?? 1
        return names[j - 1]
    }

    /// The penalised loss, the weighted log loss, `XᵀSX` (row-major) and `Xᵀw(y − p)` at `beta`.
    static func evaluate<Design: LogisticDesign>(
        _ design: Design, _ beta: [Double], labels: [Float], weights: [Float]?, l2: Double, threads: Int
    ) -> (loss: Double, logLoss: Double, hessian: [Double], gradient: [Double], saturated: Bool) {
        let width = beta.count
        let blocks = (design.rowCount + blockSize - 1) / blockSize
        let partials = BLAS.singleThreaded {
            Parallel.map(blocks, threads: threads) { block in
                let rows = (block * blockSize)..<min(design.rowCount, (block + 1) * blockSize)
                var x = [Double](repeating: 0, count: rows.count * width)
                design.fill(rows: rows, into: &x)
                var scaled = Matrix<Double>(rows: rows.count, columns: width)
                var gradient = [Double](repeating: 0, count: width)
                var logLoss = 0.0
                var saturated = false
                for (i, row) in rows.enumerated() {
                    var eta = 0.0
                    for j in 0..<width { eta += x[i * width + j] * beta[j] }
                    let w = Double(weights?[row] ?? 1)
                    let y = Double(labels[row])
                    let p = 1 / (1 + exp(-eta))
                    if abs(eta) > 30 { saturated = true }
                    // log(1 + e^η) − y·η, written to stay finite for large |η|.
                    let softplus = eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta))
                    logLoss += w * (softplus - y * eta)
                    let s = (w * p * (1 - p)).squareRoot()
                    for j in 0..<width {
                        scaled.elements[i * width + j] = s * x[i * width + j]
                        gradient[j] += w * (y - p) * x[i * width + j]
                    }
                }
                var hessian = Matrix<Double>(rows: width, columns: width)
                BLAS.gemm(scaled, transposeA: true, scaled, into: &hessian)
                return (logLoss, hessian.elements, gradient, saturated)
            }
        }
        var hessian = [Double](repeating: 0, count: width * width)
        var gradient = [Double](repeating: 0, count: width)
        var logLoss = 0.0
        var saturated = false
        for partial in partials {
            logLoss += partial.0
            for k in hessian.indices { hessian[k] += partial.1[k] }
            for j in 0..<width { gradient[j] += partial.2[j] }
            saturated = saturated || partial.3
        }
        var penalty = 0.0
        for j in 1..<width { penalty += beta[j] * beta[j] }
        return (logLoss + l2 / 2 * penalty, logLoss, hessian, gradient, saturated)
    }

    /// The linear predictor `x·β` of every row, block by block, as the fit computes it.
    static func linearPredictor<Design: LogisticDesign>(_ design: Design, _ beta: [Double]) -> [Double] {
        let width = beta.count
        var result = [Double](repeating: 0, count: design.rowCount)
        var x = [Double](repeating: 0, count: blockSize * width)
        for start in stride(from: 0, to: design.rowCount, by: blockSize) {
            let rows = start..<min(design.rowCount, start + blockSize)
            design.fill(rows: rows, into: &x)
            for (i, row) in rows.enumerated() {
                var eta = 0.0
                for j in 0..<width { eta += x[i * width + j] * beta[j] }
                result[row] = eta
            }
        }
        return result
    }
}
