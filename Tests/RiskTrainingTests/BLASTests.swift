import Testing

@testable import RiskTraining

/// Naive oracles the BLAS/LAPACK wrappers are checked against.
private func naiveProduct(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    let m = a.count, k = b.count, n = b.first?.count ?? 0
    var c = Array(repeating: Array(repeating: 0.0, count: n), count: m)
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for l in 0..<k { s += a[i][l] * b[l][j] }
            c[i][j] = s
        }
    }
    return c
}

private func rows<T: BLASScalar>(_ m: Matrix<T>) -> [[Double]] {
    (0..<m.rows).map { i in m.row(i).map { Double($0) } }
}

private func transposed(_ a: [[Double]]) -> [[Double]] {
    guard let n = a.first?.count else { return [] }
    return (0..<n).map { j in a.map { $0[j] } }
}

/// A small deterministic generator so the oracles see varied values without the system RNG.
private struct LCG {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
    mutating func matrix<T: BLASScalar>(_ r: Int, _ c: Int) -> Matrix<T> {
        Matrix(rows: r, columns: c, elements: (0..<(r * c)).map { _ in T(next()) })
    }
}

private func close(_ x: [[Double]], _ y: [[Double]], tolerance: Double) -> Bool {
    guard x.count == y.count else { return false }
    for (rx, ry) in zip(x, y) {
        guard rx.count == ry.count else { return false }
        for (a, b) in zip(rx, ry) where abs(a - b) > tolerance * max(1, abs(a), abs(b)) { return false }
    }
    return true
}

@Suite("BLAS and LAPACK wrappers against naive oracles")
struct BLASTests {
    @Test("gemm matches the triple loop for every transpose combination", arguments: [false, true], [false, true])
    func gemmDouble(transposeA: Bool, transposeB: Bool) {
        var g = LCG(state: 7)
        let (m, k, n) = (7, 5, 9)
        let a: Matrix<Double> = transposeA ? g.matrix(k, m) : g.matrix(m, k)
        let b: Matrix<Double> = transposeB ? g.matrix(n, k) : g.matrix(k, n)
        var c: Matrix<Double> = g.matrix(m, n)
        let c0 = rows(c)
        BLAS.gemm(a, transposeA: transposeA, b, transposeB: transposeB, alpha: 0.5, beta: 2, into: &c)
        let opA = transposeA ? transposed(rows(a)) : rows(a)
        let opB = transposeB ? transposed(rows(b)) : rows(b)
        let product = naiveProduct(opA, opB)
        let expected = (0..<m).map { i in (0..<n).map { j in 0.5 * product[i][j] + 2 * c0[i][j] } }
        #expect(close(rows(c), expected, tolerance: 1e-12))
    }

    @Test("sgemm matches the triple loop in single precision")
    func gemmFloat() {
        var g = LCG(state: 11)
        let a: Matrix<Float> = g.matrix(33, 17)
        let b: Matrix<Float> = g.matrix(17, 65)
        let c = BLAS.multiply(a, b)
        #expect(close(rows(c), naiveProduct(rows(a), rows(b)), tolerance: 1e-5))
    }

    @Test("gemv matches the naive product, plain and transposed", arguments: [false, true])
    func gemv(transpose: Bool) {
        var g = LCG(state: 3)
        let a: Matrix<Double> = g.matrix(6, 4)
        let x = (0..<(transpose ? 6 : 4)).map { _ in g.next() }
        var y = (0..<(transpose ? 4 : 6)).map { _ in g.next() }
        let y0 = y
        BLAS.gemv(a, transpose: transpose, x, alpha: -1.5, beta: 0.25, into: &y)
        let opA = transpose ? transposed(rows(a)) : rows(a)
        let expected: [Double] = opA.indices.map { i in
            let product: Double = zip(opA[i], x).reduce(0.0) { $0 + $1.0 * $1.1 }
            return -1.5 * product + 0.25 * y0[i]
        }
        #expect(close([y], [expected], tolerance: 1e-12))
    }

    @Test("axpy and dot match their definitions")
    func axpyDot() {
        var g = LCG(state: 5)
        let x: [Float] = (0..<100).map { _ in Float(g.next()) }
        var y: [Float] = (0..<100).map { _ in Float(g.next()) }
        let expectedDot = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(abs(Double(BLAS.dot(x, y)) - expectedDot) < 1e-4)
        let expected = zip(x, y).map { 3 * $0.0 + $0.1 }
        BLAS.axpy(3, x, &y)
        #expect(zip(y, expected).allSatisfy { abs($0.0 - $0.1) < 1e-5 })
        #expect(BLAS.dot([Double](), []) == 0)
    }

    @Test("posv solves a symmetric positive-definite system")
    func posv() throws {
        var g = LCG(state: 9)
        let r: Matrix<Double> = g.matrix(8, 6)
        var a = BLAS.multiply(r, transposeA: true, r)  // RᵀR is positive definite for full-rank R
        for i in 0..<6 { a[i, i] += 0.1 }
        let xTrue = (0..<6).map { Double($0) - 2.5 }
        let b: [Double] = rows(a).map { row in zip(row, xTrue).reduce(0.0) { $0 + $1.0 * $1.1 } }
        let x = try LAPACK.posv(a, b)
        #expect(close([x], [xTrue], tolerance: 1e-9))
    }

    @Test("posv reports a matrix that is not positive definite")
    func posvNotPositiveDefinite() {
        let a = Matrix<Double>([[1, 2], [2, 1]])  // eigenvalues 3 and -1
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) { try LAPACK.posv(a, [1, 1]) }
    }

    @Test("syev returns ascending eigenvalues and orthonormal eigenvectors that reconstruct A")
    func syev() throws {
        var g = LCG(state: 21)
        let r: Matrix<Double> = g.matrix(5, 5)
        let a = Matrix<Double>(rows: 5, columns: 5, elements: (0..<25).map { r[$0 / 5, $0 % 5] + r[$0 % 5, $0 / 5] })
        let (values, v) = try LAPACK.syev(a)
        #expect(values == values.sorted())
        let vtv = naiveProduct(transposed(rows(v)), rows(v))
        #expect(close(vtv, rows(Matrix<Double>.identity(5)), tolerance: 1e-10))
        for j in 0..<5 {  // A·v = λ·v for every column
            let column = v.column(j)
            let av: [Double] = rows(a).map { row in zip(row, column).reduce(0.0) { $0 + $1.0 * $1.1 } }
            #expect(close([av], [column.map { values[j] * $0 }], tolerance: 1e-10))
        }
    }

    @Test("syev on a known matrix")
    func syevKnown() throws {
        let (values, _) = try LAPACK.syev(Matrix<Double>([[2, 1], [1, 2]]))
        #expect(close([values], [[1, 3]], tolerance: 1e-12))
    }
}
