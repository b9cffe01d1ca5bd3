import Foundation

/// The analytic hierarchy process on one pairwise comparison matrix: weights from the principal eigenvector and
/// Saaty's consistency check.
///
/// ```
/// A·w = λmax·w,   Σ wᵢ = 1
/// CI = (λmax − n) / (n − 1),   CR = CI / RI(n)
/// ```
/// `RI(n)` is Saaty's random index, the mean CI of random reciprocal matrices of order `n`. A matrix with
/// `CR > 0.1` is too inconsistent to use.
public enum AHP {
    /// The largest consistency ratio accepted.
    public static let consistencyLimit = 0.1

    /// Saaty's random index by matrix order `n` (index `n`, from 0 to 15); orders above 15 use the value of 15.
    public static let randomIndices: [Double] = [
        0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
    ]

    /// The random index of order `n`.
    public static func randomIndex(order n: Int) -> Double { randomIndices[max(0, min(n, randomIndices.count - 1))] }

    /// The outcome of one comparison matrix.
    public struct Result: Codable, Sendable, Equatable {
        /// The principal eigenvector normalised to sum 1, in the matrix's order.
        public var weights: [Double]
        /// The principal (Perron) eigenvalue λmax; `n` for a perfectly consistent matrix.
        public var principalEigenvalue: Double
        /// `CI = (λmax − n) / (n − 1)`; 0 for n ≤ 2.
        public var consistencyIndex: Double
        /// `RI(n)`.
        public var randomIndex: Double
        /// `CR = CI / RI`; 0 for n ≤ 2, where every reciprocal matrix is consistent.
        public var consistencyRatio: Double
        /// The entry `[row][column]` (row < column) whose judgement departs most from the weights it implies,
        /// `max |ln(a[i][j] · w[j] / w[i])|`: the first judgement to revisit when CR is too high; `nil` for n < 2.
        public var mostInconsistentEntry: Entry?

        /// One entry of the matrix with the ratio the weights imply for it.
        public struct Entry: Codable, Sendable, Equatable {
            /// The entry's row (0-based).
            public var row: Int
            /// The entry's column (0-based), above the diagonal.
            public var column: Int
            /// The judgement `a[row][column]`.
            public var value: Double
            /// `w[row] / w[column]`.
            public var implied: Double
        }
    }

    /// Weights and consistency of a positive reciprocal matrix (the config loader checked its shape).
    ///
    /// The eigen-decomposition is LAPACK's `dgeev` (the matrix is not symmetric); the principal eigenvalue is the
    /// one with the largest real part, which for a positive matrix is real and simple with a positive vector.
    /// - Throws: `LinearAlgebraError` when the decomposition fails (NaN or huge entries).
    /// - Complexity: O(n³).
    public static func evaluate(_ matrix: [[Double]]) throws(LinearAlgebraError) -> Result {
        let n = matrix.count
        guard n > 1 else {
            return Result(
                weights: n == 1 ? [1] : [], principalEigenvalue: Double(n), consistencyIndex: 0, randomIndex: 0,
                consistencyRatio: 0, mostInconsistentEntry: nil)
        }
        let (real, _, vectors) = try LAPACK.geev(Matrix(matrix))
        var principal = 0
        for j in 1..<n where real[j] > real[principal] { principal = j }
        let vector = vectors.column(principal)
        let sum = vector.reduce(0, +)
        let weights = vector.map { $0 / sum }
        let lambda = real[principal]
        let consistencyIndex = n > 2 ? (lambda - Double(n)) / Double(n - 1) : 0
        let randomIndex = randomIndex(order: n)
        var worst: Result.Entry?
        var worstDeparture = -1.0
        for i in 0..<n {
            for j in (i + 1)..<n {
                let implied = weights[i] / weights[j]
                let departure = abs(log(matrix[i][j] / implied))
                if departure > worstDeparture {
                    worstDeparture = departure
                    worst = Result.Entry(row: i, column: j, value: matrix[i][j], implied: implied)
                }
            }
        }
        return Result(
            weights: weights, principalEigenvalue: lambda, consistencyIndex: consistencyIndex,
            randomIndex: randomIndex, consistencyRatio: randomIndex > 0 ? consistencyIndex / randomIndex : 0,
            mostInconsistentEntry: worst)
    }
}
