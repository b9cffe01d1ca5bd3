import Foundation
import RiskScoring

/// Objective weights from the indicators' values alone: the entropy weight method, CRITIC and the coefficient
/// of variation, all on the same min-max normalised values in each indicator's risk direction.
///
/// ```
/// x'ᵢⱼ = (xᵢⱼ − minⱼ) / (maxⱼ − minⱼ)        increasing or none
/// x'ᵢⱼ = (maxⱼ − xᵢⱼ) / (maxⱼ − minⱼ)        decreasing
///
/// entropy:   pᵢⱼ = x'ᵢⱼ / Σᵢ x'ᵢⱼ,   eⱼ = −(1 / ln nⱼ) Σᵢ pᵢⱼ ln pᵢⱼ  (0·ln 0 = 0),   dⱼ = 1 − eⱼ,   wⱼ = dⱼ / Σ d
/// CRITIC:    Cⱼ = σⱼ · Σₖ (1 − rⱼₖ),   wⱼ = Cⱼ / Σ C
/// variation: vⱼ = σⱼ / mean(x'ⱼ),   wⱼ = vⱼ / Σ v
/// ```
/// - **Missing values** are left out of each indicator's own figures (`nⱼ`, min, max, mean, σ are over its observed
///   values). In CRITIC's correlation a missing value sits at its column's mean, so it adds nothing to the
///   cross-products: `r = ZᵀZ` with `Zᵢⱼ = (x'ᵢⱼ − meanⱼ) / ‖x'ⱼ − meanⱼ‖` over observed rows and 0 for missing ones.
/// - **Constant indicators** (one observed value, or fewer than two observations) carry no information: weight 0
///   in all three methods, and they are left out of CRITIC's conflict sums.
/// - **Categorical indicators** have no order to normalise: they get no objective weight (absent from the columns).
/// - σ is the sample standard deviation (divisor `nⱼ − 1`).
///
/// The correlation matrix is accumulated over fixed blocks of rows with BLAS `gemm` and summed in block order, so
/// the weights are identical whatever the thread count.
public struct ObjectiveWeights: Sendable, Equatable {
    /// Entropy weights per indicator in config order; `nil` for categorical indicators.
    public var entropy: [Double?]
    /// CRITIC weights per indicator; `nil` for categorical indicators.
    public var critic: [Double?]
    /// Coefficient-of-variation weights per indicator; `nil` for categorical indicators.
    public var variation: [Double?]
    /// The table rows the statistics were computed over.
    public var rows: Int
    /// Names of numeric indicators that do not vary (weight 0).
    public var constant: [String]

    /// Rows per block of the correlation product.
    static let blockRows = 16_384

    /// The objective weights of `config`'s indicators over every row of `table`.
    ///
    /// - Throws: `DataError` when an indicator's column is missing or has the wrong kind.
    public init(config: ExperimentConfig, table: Dataset, threads: Int = 0) throws {
        let indicators = config.indicatorSystem.indicators
        var columns: [[Float]?] = []
        for indicator in indicators {
            columns.append(indicator.kind == .categorical ? nil : try table.numeric(indicator.column))
        }
        self.init(
            columns: columns, directions: indicators.map(\.direction), names: indicators.map(\.name),
            rows: table.rowCount, threads: threads)
    }

    /// The objective weights of `columns` (`nil` for a column without order), each with its risk direction.
    public init(columns: [[Float]?], directions: [RiskDirection], names: [String], rows: Int, threads: Int = 0) {
        precondition(columns.count == directions.count && columns.count == names.count, "one direction per column")
        let statistics: [ColumnStatistics?] = Parallel.map(columns.count, threads: threads) { j in
            columns[j].map { ColumnStatistics($0, decreasing: directions[j] == .decreasing) }
        }
        let varying = statistics.indices.filter { statistics[$0]?.isConstant == false }
        let correlation = Self.correlation(columns: columns, statistics: statistics, varying: varying, threads: threads)

        func normalised(_ raw: [Double?]) -> [Double?] {
            let total = raw.reduce(0) { $0 + ($1 ?? 0) }
            return raw.map { value in value.map { total > 0 ? $0 / total : 0 } }
        }
        entropy = normalised(statistics.map { s in s.map { $0.isConstant ? 0 : max(0, 1 - $0.entropy) } })
        variation = normalised(statistics.map { s in s.map { $0.isConstant ? 0 : $0.deviation / $0.mean } })
        critic = normalised(
            statistics.indices.map { j in
                guard let s = statistics[j] else { return nil }
                guard !s.isConstant, let position = varying.firstIndex(of: j) else { return 0 }
                let conflict = varying.indices.reduce(0.0) { $0 + (1 - correlation[position, $1]) }
                return max(0, s.deviation * conflict)
            })
        self.rows = rows
        constant = statistics.indices.filter { statistics[$0]?.isConstant == true }.map { names[$0] }
    }

    /// The correlation matrix of the varying columns' normalised values (in `varying` order), `ZᵀZ` summed over
    /// blocks of rows.
    static func correlation(
        columns: [[Float]?], statistics: [ColumnStatistics?], varying: [Int], threads: Int
    ) -> Matrix<Double> {
        let m = varying.count
        let rows = varying.first.flatMap { columns[$0]?.count } ?? 0
        guard m > 0, rows > 0 else { return Matrix(rows: m, columns: m) }
        let blocks = (rows + blockRows - 1) / blockRows
        let partials: [Matrix<Double>] = Parallel.map(blocks, threads: threads) { b in
            let start = b * blockRows
            let end = min(rows, start + blockRows)
            var z = Matrix<Double>(rows: end - start, columns: m)
            for (k, j) in varying.enumerated() {
                guard let column = columns[j], let s = statistics[j] else { continue }
                for i in start..<end {
                    let x = column[i]
                    if !x.isNaN { z[i - start, k] = (s.normalise(x) - s.mean) / s.centredNorm }
                }
            }
            return BLAS.multiply(z, transposeA: true, z)
        }
        var sum = partials[0]
        for partial in partials.dropFirst() {
            for e in sum.elements.indices { sum.elements[e] += partial.elements[e] }
        }
        return sum
    }
}

/// One numeric column's figures over its observed values, normalised in its risk direction.
struct ColumnStatistics: Sendable {
    /// Observed (non-missing) values.
    var count = 0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    /// Whether higher raw values mean lower risk.
    var decreasing: Bool
    /// Mean of the normalised values.
    var mean = 0.0
    /// Sample standard deviation of the normalised values.
    var deviation = 0.0
    /// `sqrt(Σ (x' − mean)²)`, the norm that standardises the column for the correlation.
    var centredNorm = 0.0
    /// `−(1 / ln n) Σ p ln p`.
    var entropy = 1.0

    /// Whether the column carries no information.
    var isConstant: Bool { count < 2 || !(maximum > minimum) }

    /// `x'` of a raw value.
    @inline(__always)
    func normalise(_ x: Float) -> Double {
        let range = maximum - minimum
        return decreasing ? (maximum - Double(x)) / range : (Double(x) - minimum) / range
    }

    /// Two passes over `values`: range, then sums of the normalised values.
    init(_ values: [Float], decreasing: Bool) {
        self.decreasing = decreasing
        for x in values where !x.isNaN {
            count += 1
            minimum = min(minimum, Double(x))
            maximum = max(maximum, Double(x))
        }
        guard !isConstant else { return }
        var sum = 0.0
        var sumXLogX = 0.0
        for x in values where !x.isNaN {
            let v = normalise(x)
            sum += v
            if v > 0 { sumXLogX += v * log(v) }
        }
        mean = sum / Double(count)
        var squares = 0.0
        for x in values where !x.isNaN {
            let d = normalise(x) - mean
            squares += d * d
        }
        deviation = (squares / Double(count - 1)).squareRoot()
        centredNorm = squares.squareRoot()
        // Σ p ln p with p = x'/S:  (1/S)·Σ x' ln x' − ln S.
        entropy = -(sumXLogX / sum - log(sum)) / log(Double(count))
    }
}
