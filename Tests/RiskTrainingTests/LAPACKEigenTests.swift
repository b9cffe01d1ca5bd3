import Testing

@testable import RiskTraining

/// A small deterministic generator so the oracles see varied values without the system RNG.
private struct Sequence64 {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
}

/// `A·x` by the naive double loop.
private func naiveProduct(_ a: Matrix<Double>, _ x: [Double]) -> [Double] {
    (0..<a.rows).map { i in (0..<a.columns).reduce(0.0) { $0 + a[i, $1] * x[$1] } }
}

/// The largest `|A·v − λ·v|` component over every eigenpair, in complex arithmetic for conjugate pairs.
private func largestResidual(_ a: Matrix<Double>, _ real: [Double], _ imaginary: [Double], _ v: Matrix<Double>)
    -> Double
{
    var worst = 0.0
    var j = 0
    while j < a.rows {
        if imaginary[j] == 0 {
            let x = v.column(j)
            let ax = naiveProduct(a, x)
            for i in 0..<a.rows { worst = max(worst, abs(ax[i] - real[j] * x[i])) }
            j += 1
        } else {
            // v = x + i·y with λ = α + iβ:  A·x = α·x − β·y,  A·y = β·x + α·y.
            let (x, y) = (v.column(j), v.column(j + 1))
            let (alpha, beta) = (real[j], imaginary[j])
            let (ax, ay) = (naiveProduct(a, x), naiveProduct(a, y))
            for i in 0..<a.rows {
                worst = max(worst, abs(ax[i] - (alpha * x[i] - beta * y[i])), abs(ay[i] - (beta * x[i] + alpha * y[i])))
            }
            #expect(imaginary[j + 1] == -beta && real[j + 1] == alpha, "a complex pair is conjugate")
            j += 2
        }
    }
    return worst
}

@Suite("LAPACK.geev against naive oracles")
struct LAPACKEigenTests {
    @Test("every eigenpair of random non-symmetric matrices satisfies A·v = λ·v", arguments: [1, 2, 5, 9])
    func residuals(n: Int) throws {
        var g = Sequence64(state: UInt64(n) * 31)
        let a = Matrix<Double>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in g.next() })
        let (real, imaginary, v) = try LAPACK.geev(a)
        #expect(real.count == n && imaginary.count == n)
        #expect(largestResidual(a, real, imaginary, v) < 1e-12)
        // The eigenvalues sum to the trace and multiply to the determinant (checked through the trace here).
        let trace = (0..<n).reduce(0.0) { $0 + a[$1, $1] }
        #expect(abs(real.reduce(0, +) - trace) < 1e-12)
        #expect(abs(imaginary.reduce(0, +)) < 1e-12)
    }

    @Test("known spectra: a rotation has ±i, a triangular matrix its diagonal")
    func knownSpectra() throws {
        let rotation = try LAPACK.geev(Matrix<Double>([[0, -1], [1, 0]]))
        #expect(rotation.realParts.allSatisfy { abs($0) < 1e-15 })
        #expect(rotation.imaginaryParts == [1, -1])
        let triangular = try LAPACK.geev(Matrix<Double>([[2, 5, -1], [0, -3, 4], [0, 0, 7]]))
        #expect(triangular.realParts.sorted() == [-3, 2, 7])
        #expect(triangular.imaginaryParts == [0, 0, 0])
    }

    @Test("the principal eigenvector of a positive matrix matches power iteration")
    func powerIteration() throws {
        var g = Sequence64(state: 77)
        let n = 6
        let a = Matrix<Double>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in 1.5 + g.next() })
        let (real, _, v) = try LAPACK.geev(a)
        let principal = try #require(real.indices.max { real[$0] < real[$1] })
        var x = [Double](repeating: 1, count: n)
        var lambda = 0.0
        for _ in 0..<200 {
            let y = naiveProduct(a, x)
            lambda = y.reduce(0, +) / x.reduce(0, +)
            let sum = y.reduce(0, +)
            x = y.map { $0 / sum }
        }
        #expect(abs(real[principal] - lambda) < 1e-10)
        let column = v.column(principal)
        let sum = column.reduce(0, +)
        for (got, expected) in zip(column.map { $0 / sum }, x) { #expect(abs(got - expected) < 1e-10) }
    }

    @Test("an empty matrix has no eigenvalues")
    func empty() throws {
        let (real, imaginary, v) = try LAPACK.geev(Matrix<Double>(rows: 0, columns: 0))
        #expect(real.isEmpty && imaginary.isEmpty && v.rows == 0)
    }
}
