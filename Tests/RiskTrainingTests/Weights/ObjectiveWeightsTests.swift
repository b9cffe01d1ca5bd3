import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// The committed numpy reference of Tests/Reference/weights/objective_weights.py.
private struct ObjectiveReference: Decodable {
    var columns: [String: [Double?]]
    var directions: [String]
    var entropy: [Double]
    var critic: [Double]
    var coefficientOfVariation: [Double]

    enum CodingKeys: String, CodingKey {
        case columns, directions, entropy, critic
        case coefficientOfVariation = "coefficient_of_variation"
    }

    /// The reference's columns in its order (penalties, years, complaints, constant, branches).
    static let names = ["penalties", "years", "complaints", "constant", "branches"]

    static func load() throws -> ObjectiveReference {
        let url = URL(fileURLWithPath: TestFiles.packageRoot + "/Tests/Reference/weights/objective_weights.json")
        return try JSONDecoder().decode(ObjectiveReference.self, from: Data(contentsOf: url))
    }
}

private func close(_ got: [Double?], _ expected: [Double], tolerance: Double = 1e-9) -> Bool {
    got.count == expected.count && zip(got, expected).allSatisfy { abs(($0 ?? .nan) - $1) <= tolerance }
}

@Suite("Objective weights: entropy, CRITIC and coefficient of variation")
struct ObjectiveWeightsTests {
    @Test("a small table with a missing value, a decreasing and a constant indicator matches the numpy reference")
    func reference() throws {
        let reference = try ObjectiveReference.load()
        let columns: [[Float]?] = ObjectiveReference.names.map { name in
            reference.columns[name].map { $0.map { Float($0 ?? .nan) } }
        }
        let directions = reference.directions.compactMap(RiskDirection.init(rawValue:))
        let weights = ObjectiveWeights(
            columns: columns, directions: directions, names: ObjectiveReference.names, rows: 6, threads: 1)
        #expect(close(weights.entropy, reference.entropy))
        #expect(close(weights.critic, reference.critic))
        #expect(close(weights.variation, reference.coefficientOfVariation))
        #expect(weights.constant == ["constant"])
    }

    @Test("entropy by hand: a flag set on one row of four carries more information than an even count")
    func entropyByHand() {
        // Column a = [0, 0, 0, 1]: p = (0, 0, 0, 1), e = 0, d = 1.
        // Column b = [0, 1, 1, 2] → x' = (0, .5, .5, 1), p = (0, .25, .25, .5),
        //   e = −(2·.25·ln .25 + .5·ln .5) / ln 4 = 0.75, d = 0.25.  Weights 1/1.25 = 0.8 and 0.2.
        let weights = ObjectiveWeights(
            columns: [[0, 0, 0, 1], [0, 1, 1, 2]], directions: [.increasing, .increasing], names: ["a", "b"],
            rows: 4)
        #expect(close(weights.entropy, [0.8, 0.2], tolerance: 1e-12))
        // Coefficient of variation: a: mean .25, sd .5 → 2; b: mean .5, sd √(1/6) → 0.8165; shares of 2.8165.
        let vb = (1.0 / 6).squareRoot() / 0.5
        #expect(close(weights.variation, [2 / (2 + vb), vb / (2 + vb)], tolerance: 1e-12))
    }

    @Test("categorical indicators get no objective weight; the others still sum to 1")
    func categorical() {
        let weights = ObjectiveWeights(
            columns: [[1, 2, 3, 5], nil, [0, 1, 0, 0]], directions: [.increasing, .none, .increasing],
            names: ["x", "region", "flag"], rows: 4)
        for column in [weights.entropy, weights.critic, weights.variation] {
            #expect(column[1] == nil)
            #expect(abs(column.compactMap { $0 }.reduce(0, +) - 1) < 1e-12)
        }
    }

    @Test("CRITIC's blocked BLAS correlation equals a naive Pearson loop, and 1 or 2 threads give identical weights")
    func blockedCorrelation() {
        var generator = SeededGenerator(seed: 5)
        let rows = ObjectiveWeights.blockRows * 2 + 123
        var columns: [[Float]] = (0..<4).map { _ in (0..<rows).map { _ in Float(generator.uniform()) } }
        for i in 0..<rows {  // correlated columns and a few missing values
            columns[1][i] = 0.6 * columns[0][i] + 0.4 * columns[1][i]
            if i % 97 == 0 { columns[2][i] = .nan }
        }
        let directions: [RiskDirection] = [.increasing, .decreasing, .increasing, .none]
        let statistics = columns.enumerated().map { j, c in
            ColumnStatistics(c, decreasing: directions[j] == .decreasing)
        }
        let blocked = ObjectiveWeights.correlation(
            columns: columns, statistics: statistics, varying: [0, 1, 2, 3], threads: 2)
        for j in 0..<4 {
            for k in 0..<4 {
                // Naive: Σ centred products over rows where both are observed (a missing value sits at the mean).
                var sxy = 0.0, sxx = 0.0, syy = 0.0
                for i in 0..<rows {
                    let x = columns[j][i], y = columns[k][i]
                    let dx = x.isNaN ? 0 : statistics[j].normalise(x) - statistics[j].mean
                    let dy = y.isNaN ? 0 : statistics[k].normalise(y) - statistics[k].mean
                    sxy += dx * dy
                    sxx += dx * dx
                    syy += dy * dy
                }
                #expect(abs(blocked[j, k] - sxy / (sxx * syy).squareRoot()) < 1e-10)
            }
        }
        #expect(blocked[0, 1] < -0.5, "a decreasing column flips the sign of its correlation")
        let names = ["a", "b", "c", "d"]
        let one = ObjectiveWeights(columns: columns, directions: directions, names: names, rows: rows, threads: 1)
        let two = ObjectiveWeights(columns: columns, directions: directions, names: names, rows: rows, threads: 2)
        #expect(one == two)
    }
}
