import Testing

@testable import RiskTraining

@Suite("TermSpread: the true importances' mean |SHAP| tallies")
struct TermSpreadTests {
    /// Seeded rows: `terms` term values per row and random interaction conditions.
    static func rows(_ count: Int, terms: Int, seed: UInt64) -> (values: [Double], conditions: [UInt8]) {
        var rng = SeededGenerator(seed: seed)
        let values = (0..<(count * terms)).map { i in
            // Mixed shapes: a rare flag, a skewed count, a continuous term.
            switch i % 3 {
            case 0: rng.bernoulli(0.03) ? 1.2 : 0
            case 1: 0.3 * Double(min(3, rng.poisson(0.4)))
            default: -0.18 * (1 + 3 * rng.uniform())
            }
        }
        var conditions: [UInt8] = []
        for _ in 0..<count {
            var packed: UInt8 = 0
            for i in 0..<TrueRiskModel.Effect.interactions.count {
                if rng.bernoulli(0.3) { packed |= 1 << UInt8(2 * i) }
                if rng.bernoulli(0.6) { packed |= 2 << UInt8(2 * i) }
            }
            conditions.append(packed)
        }
        return (values, conditions)
    }

    @Test("the mean absolute deviation matches a direct two-pass computation within half a bin")
    func meanAbsoluteDeviation() {
        let terms = 6, count = 5000
        let (values, conditions) = Self.rows(count, terms: terms, seed: 11)
        var spread = TermSpread(terms: terms)
        // Two blocks, as the generator merges them.
        for block in [0..<2000, 2000..<count] {
            var sums = [Double](repeating: 0, count: terms), squares = sums
            var bins: [UInt16] = []
            for r in block {
                for t in 0..<terms {
                    let v = values[r * terms + t]
                    sums[t] += v
                    squares[t] += v * v
                    bins.append(TermSpread.bin(v))
                }
            }
            spread.add(sums: sums, squares: squares, bins: bins, conditions: Array(conditions[block]))
        }
        for t in 0..<terms {
            let column = (0..<count).map { values[$0 * terms + t] }
            let mean = column.reduce(0, +) / Double(count)
            let mad = column.map { abs($0 - mean) }.reduce(0, +) / Double(count)
            let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count)).squareRoot()
            #expect(abs(spread.meanAbsoluteDeviations[t] - mad) <= TermSpread.binWidth / 2 + 1e-12)
            #expect(abs(spread.standardDeviations[t] - sd) <= 1e-9)
        }
    }

    @Test("interaction shares equal brute-force Shapley values of c·[A]·[B] over the rows")
    func interactionShapley() {
        let count = 3000, c = -0.25
        let (_, conditions) = Self.rows(count, terms: 1, seed: 5)
        var spread = TermSpread(terms: 1)
        spread.add(
            sums: [0], squares: [0], bins: [UInt16](repeating: 0, count: count), conditions: conditions)
        for i in TrueRiskModel.Effect.interactions.indices {
            let pairs = conditions.map {
                (a: Double(($0 >> UInt8(2 * i)) & 1), b: Double(($0 >> UInt8(2 * i + 1)) & 1))
            }
            // v(S): the mean of c·A·B over the rows with the players in S fixed to this row's values.
            let n = Double(count)
            let vNone = pairs.map { c * $0.a * $0.b }.reduce(0, +) / n
            let meanA = pairs.map(\.a).reduce(0, +) / n, meanB = pairs.map(\.b).reduce(0, +) / n
            var expectedA = 0.0, expectedB = 0.0
            for (a, b) in pairs {
                let vA = c * a * meanB, vB = c * b * meanA, vAB = c * a * b
                expectedA += abs(((vA - vNone) + (vAB - vB)) / 2)
                expectedB += abs(((vB - vNone) + (vAB - vA)) / 2)
            }
            let shares = spread.interactionShares(i, coefficient: c)
            #expect(abs(shares.a - expectedA / n) <= 1e-12)
            #expect(abs(shares.b - expectedB / n) <= 1e-12)
        }
    }
}
