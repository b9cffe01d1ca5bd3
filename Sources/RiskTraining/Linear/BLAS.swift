import CBLAS
import Foundation

// The one file that touches the C BLAS and LAPACKE APIs. Everything else uses these Swift signatures
// (`Int` sizes, `Matrix`, arrays); no other file sees `Int32`, `CblasRowMajor` or raw pointers.

/// A floating-point type the BLAS wrappers support: `Float` (the `s` routines) or `Double` (the `d` routines).
public protocol BLASScalar: BinaryFloatingPoint, Sendable {
    static func _gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Self,
        _ a: UnsafePointer<Self>, _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int, _ beta: Self,
        _ c: UnsafeMutablePointer<Self>, _ ldc: Int)
    static func _gemv(
        _ trans: Bool, _ m: Int, _ n: Int, _ alpha: Self, _ a: UnsafePointer<Self>, _ lda: Int,
        _ x: UnsafePointer<Self>, _ beta: Self, _ y: UnsafeMutablePointer<Self>)
    static func _axpy(_ n: Int, _ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    static func _dot(_ n: Int, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>) -> Self
}

private func transpose(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Float: BLASScalar {
    public static func _gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transpose(transA), transpose(transB), Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    public static func _gemv(
        _ trans: Bool, _ m: Int, _ n: Int, _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
        _ x: UnsafePointer<Float>, _ beta: Float, _ y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(CblasRowMajor, transpose(trans), Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
    public static func _axpy(_ n: Int, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(Int32(n), alpha, x, 1, y, 1)
    }
    public static func _dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        cblas_sdot(Int32(n), x, 1, y, 1)
    }
}

extension Double: BLASScalar {
    public static func _gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
        _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int, _ beta: Double,
        _ c: UnsafeMutablePointer<Double>, _ ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor, transpose(transA), transpose(transB), Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    public static func _gemv(
        _ trans: Bool, _ m: Int, _ n: Int, _ alpha: Double, _ a: UnsafePointer<Double>, _ lda: Int,
        _ x: UnsafePointer<Double>, _ beta: Double, _ y: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemv(CblasRowMajor, transpose(trans), Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
    public static func _axpy(_ n: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(Int32(n), alpha, x, 1, y, 1)
    }
    public static func _dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        cblas_ddot(Int32(n), x, 1, y, 1)
    }
}

/// Errors from the LAPACK wrappers.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// `posv`: the leading minor of the given order is not positive, so the matrix is not positive definite.
    case notPositiveDefinite(minor: Int)
    /// `syev`: the QR iteration did not converge (`offDiagonal` elements failed to reach zero).
    case eigenDecompositionDidNotConverge(offDiagonal: Int)
    /// `geev`: the QR algorithm failed; eigenvalues from index `firstConverged` on (0-based) converged, none
    /// of the vectors were computed.
    case generalEigenDecompositionDidNotConverge(firstConverged: Int)
    /// A routine reported an illegal argument; a bug in the wrapper, reported rather than trapped.
    case illegalArgument(routine: String, position: Int)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let minor):
            "matrix is not positive definite (leading minor of order \(minor) is not positive); add ridge regularisation or remove collinear columns"
        case .eigenDecompositionDidNotConverge(let count):
            "symmetric eigen-decomposition did not converge (\(count) off-diagonal elements did not reach zero); check the matrix for NaN or huge values"
        case .generalEigenDecompositionDidNotConverge(let index):
            "general eigen-decomposition did not converge (only eigenvalues \(index) and after did); check the matrix for NaN or huge values"
        case .illegalArgument(let routine, let position):
            "\(routine): argument \(position) had an illegal value"
        }
    }
}

/// Swift signatures over the BLAS routines the toolkit uses. Sizes are checked with preconditions: a
/// mismatch is a bug in the caller, not bad input.
public enum BLAS {
    /// General matrix product `C ← α·op(A)·op(B) + β·C`, where `op(X)` is `X` or `Xᵀ`.
    ///
    /// - Complexity: O(m·n·k) for `op(A)` m×k and `op(B)` k×n.
    public static func gemm<T: BLASScalar>(
        _ a: Matrix<T>, transposeA: Bool = false, _ b: Matrix<T>, transposeB: Bool = false,
        alpha: T = 1, beta: T = 0, into c: inout Matrix<T>
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "gemm: inner dimensions differ (\(k) vs \(kb))")
        precondition(c.rows == m && c.columns == n, "gemm: result is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in c.elements.indices { c.elements[i] *= beta }
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    T._gemm(
                        transposeA, transposeB, m, n, k, alpha, pa.baseAddress!, max(a.columns, 1),
                        pb.baseAddress!, max(b.columns, 1), beta, pc.baseAddress!, max(n, 1))
                }
            }
        }
    }

    /// The product `op(A)·op(B)` as a new matrix.
    public static func multiply<T: BLASScalar>(
        _ a: Matrix<T>, transposeA: Bool = false, _ b: Matrix<T>, transposeB: Bool = false
    ) -> Matrix<T> {
        var c = Matrix<T>(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
        gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }

    /// Matrix-vector product `y ← α·op(A)·x + β·y`.
    ///
    /// - Complexity: O(rows·columns).
    public static func gemv<T: BLASScalar>(
        _ a: Matrix<T>, transpose: Bool = false, _ x: [T], alpha: T = 1, beta: T = 0, into y: inout [T]
    ) {
        let (xCount, yCount) = transpose ? (a.rows, a.columns) : (a.columns, a.rows)
        precondition(x.count == xCount, "gemv: x has \(x.count) elements, expected \(xCount)")
        precondition(y.count == yCount, "gemv: y has \(y.count) elements, expected \(yCount)")
        guard yCount > 0 else { return }
        if xCount == 0 {
            for i in y.indices { y[i] *= beta }
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    T._gemv(
                        transpose, a.rows, a.columns, alpha, pa.baseAddress!, max(a.columns, 1), px.baseAddress!, beta,
                        py.baseAddress!)
                }
            }
        }
    }

    /// `y ← α·x + y`.
    public static func axpy<T: BLASScalar>(_ alpha: T, _ x: [T], _ y: inout [T]) {
        precondition(x.count == y.count, "axpy: x has \(x.count) elements, y has \(y.count)")
        guard !x.isEmpty else { return }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in T._axpy(x.count, alpha, px.baseAddress!, py.baseAddress!) }
        }
    }

    /// The dot product `xᵀy`.
    public static func dot<T: BLASScalar>(_ x: [T], _ y: [T]) -> T {
        precondition(x.count == y.count, "dot: x has \(x.count) elements, y has \(y.count)")
        guard !x.isEmpty else { return 0 }
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in T._dot(x.count, px.baseAddress!, py.baseAddress!) }
        }
    }

    /// The number of threads OpenBLAS uses for one call.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` with every OpenBLAS call in the process on one thread, then restores the previous count.
    ///
    /// OpenBLAS's thread count is process-wide and its threading changes the last bits of some products, so code
    /// whose results must not depend on the thread count runs its products here (and does its own threading
    /// above BLAS). Scopes may overlap, on any threads: the count drops to 1 when the first opens and comes back
    /// when the last closes, so no scope sees another's restore. BLAS called outside a scope meanwhile also runs
    /// on one thread: slower, the same results.
    public static func singleThreaded<R>(_ body: () throws -> R) rethrows -> R {
        SingleThreadScopes.shared.enter()
        defer { SingleThreadScopes.shared.leave() }
        return try body()
    }

    /// The name of the kernel set OpenBLAS chose (e.g. `Haswell`); print it beside any benchmark figure.
    public static var coreName: String { String(cString: openblas_get_corename()) }
}

/// Swift signatures over the LAPACK routines the toolkit uses (double precision).
public enum LAPACK {
    /// Solves `A·X = B` for symmetric positive-definite `A` by Cholesky factorisation (`dposv`).
    ///
    /// ```
    /// A = L·Lᵀ,  L·Y = B,  Lᵀ·X = Y
    /// ```
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when `A` is not positive definite.
    /// - Complexity: O(n³/3 + n²·nrhs) for `A` n×n and `B` n×nrhs.
    public static func posv(_ a: Matrix<Double>, _ b: Matrix<Double>) throws(LinearAlgebraError) -> Matrix<Double> {
        precondition(a.rows == a.columns, "posv: A must be square, is \(a.rows)×\(a.columns)")
        precondition(b.rows == a.rows, "posv: B has \(b.rows) rows, A has \(a.rows)")
        guard a.rows > 0, b.columns > 0 else { return b }
        var factor = a.elements
        var solution = b
        let info = factor.withUnsafeMutableBufferPointer { pa in
            solution.elements.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dposv(
                    LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), Int32(a.rows), Int32(b.columns),
                    pa.baseAddress!, Int32(a.rows), pb.baseAddress!, Int32(b.columns))
            }
        }
        if info > 0 { throw .notPositiveDefinite(minor: Int(info)) }
        if info < 0 { throw .illegalArgument(routine: "dposv", position: Int(-info)) }
        return solution
    }

    /// Solves `A·x = b` for one right-hand side; see ``posv(_:_:)-(Matrix<Double>,Matrix<Double>)``.
    public static func posv(_ a: Matrix<Double>, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try posv(a, Matrix(rows: b.count, columns: 1, elements: b)).elements
    }

    /// Eigen-decomposition of a symmetric matrix (`dsyev`, upper triangle read).
    ///
    /// ```
    /// A = V·diag(λ)·Vᵀ,  λ₁ ≤ λ₂ ≤ … ≤ λₙ,  VᵀV = I
    /// ```
    /// Returns the eigenvalues in ascending order and the eigenvectors as the **columns** of `vectors`.
    /// - Complexity: O(n³).
    public static func syev(_ a: Matrix<Double>) throws(LinearAlgebraError) -> (
        values: [Double], vectors: Matrix<Double>
    ) {
        precondition(a.rows == a.columns, "syev: A must be square, is \(a.rows)×\(a.columns)")
        let n = a.rows
        guard n > 0 else { return ([], a) }
        var vectors = a
        var values = [Double](repeating: 0, count: n)
        let info = vectors.elements.withUnsafeMutableBufferPointer { pa in
            values.withUnsafeMutableBufferPointer { pw in
                LAPACKE_dsyev(
                    LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")), Int32(n),
                    pa.baseAddress!, Int32(n), pw.baseAddress!)
            }
        }
        if info > 0 { throw .eigenDecompositionDidNotConverge(offDiagonal: Int(info)) }
        if info < 0 { throw .illegalArgument(routine: "dsyev", position: Int(-info)) }
        return (values, vectors)
    }

    /// Eigen-decomposition of a general (not necessarily symmetric) square matrix (`dgeev`).
    ///
    /// ```
    /// A·vⱼ = λⱼ·vⱼ,   λⱼ = realParts[j] + i·imaginaryParts[j]
    /// ```
    /// Eigenvalues come in LAPACK's order (not sorted); complex ones in conjugate pairs, the one with the positive
    /// imaginary part first. The right eigenvectors are the **columns** of `vectors`, each of Euclidean norm 1
    /// with its largest component real: a real eigenvalue's vector is column `j`; for a pair at `j, j+1` the
    /// vectors are `column(j) ± i·column(j+1)`. No balancing beyond LAPACK's default.
    /// - Throws: `LinearAlgebraError.generalEigenDecompositionDidNotConverge` when the QR algorithm fails.
    /// - Complexity: O(n³).
    public static func geev(_ a: Matrix<Double>) throws(LinearAlgebraError) -> (
        realParts: [Double], imaginaryParts: [Double], vectors: Matrix<Double>
    ) {
        precondition(a.rows == a.columns, "geev: A must be square, is \(a.rows)×\(a.columns)")
        let n = a.rows
        guard n > 0 else { return ([], [], a) }
        var work = a.elements
        var real = [Double](repeating: 0, count: n)
        var imaginary = [Double](repeating: 0, count: n)
        var vectors = Matrix<Double>(rows: n, columns: n)
        var unusedLeft = [Double](repeating: 0, count: 1)
        let info = work.withUnsafeMutableBufferPointer { pa in
            real.withUnsafeMutableBufferPointer { pr in
                imaginary.withUnsafeMutableBufferPointer { pi in
                    unusedLeft.withUnsafeMutableBufferPointer { pl in
                        vectors.elements.withUnsafeMutableBufferPointer { pv in
                            LAPACKE_dgeev(
                                LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "V")), Int32(n),
                                pa.baseAddress!, Int32(n), pr.baseAddress!, pi.baseAddress!, pl.baseAddress!, 1,
                                pv.baseAddress!, Int32(n))
                        }
                    }
                }
            }
        }
        if info > 0 { throw .generalEigenDecompositionDidNotConverge(firstConverged: Int(info)) }
        if info < 0 { throw .illegalArgument(routine: "dgeev", position: Int(-info)) }
        return (real, imaginary, vectors)
    }
}

/// The open ``BLAS/singleThreaded(_:)`` scopes, and the thread count to restore when the last one closes.
private final class SingleThreadScopes: @unchecked Sendable {
    static let shared = SingleThreadScopes()
    /// Guards `open` and `previous`.
    private let lock = NSLock()
    private var open = 0
    private var previous: Int32 = 1

    func enter() {
        lock.lock()
        defer { lock.unlock() }
        if open == 0 {
            previous = openblas_get_num_threads()
            openblas_set_num_threads(1)
        }
        open += 1
    }

    func leave() {
        lock.lock()
        defer { lock.unlock() }
        open -= 1
        if open == 0 { openblas_set_num_threads(previous) }
    }
}
