import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// The committed scikit-learn reference of Tests/Reference/calibration/calibration_reference.py.
private struct CalibrationReference: Decodable {
    struct Platt: Decodable {
        var name: String
        var margins: [Double]
        var labels: [Double]
        var weights: [Double]?
        var slope: Double
        var intercept: Double
    }
    struct Isotonic: Decodable {
        var name: String
        var x: [Double]
        var labels: [Double]
        var weights: [Double]?
        var queries: [Double]
        var predictions: [Double]
    }
    var platt: [Platt]
    var isotonic: [Isotonic]

    static func load() throws -> CalibrationReference {
        let url = URL(
            fileURLWithPath: TestFiles.packageRoot + "/Tests/Reference/calibration/calibration_reference.json")
        return try JSONDecoder().decode(CalibrationReference.self, from: Data(contentsOf: url))
    }
}

@Suite("Calibration: isotonic regression by PAV and Platt scaling by Newton's method")
struct CalibrationTests {
    /// The naive isotonic fit: at each distinct x (ascending), `max_{j ≤ i} min_{k ≥ i}` of the weighted mean of
    /// the pooled points j…k (the min-max formula of isotonic regression), O(n³).
    static func naiveIsotonic(x: [Double], y: [Double], w: [Double]) -> [Double: Double] {
        let distinct = Array(Set(x)).sorted()
        let sums = distinct.map { value in x.indices.filter { x[$0] == value }.reduce(0.0) { $0 + w[$1] * y[$1] } }
        let weights = distinct.map { value in x.indices.filter { x[$0] == value }.reduce(0.0) { $0 + w[$1] } }
        var fitted: [Double: Double] = [:]
        for i in distinct.indices {
            var best = -Double.infinity
            for j in 0...i {
                var lowest = Double.infinity
                for k in i..<distinct.count {
                    let mean = sums[j...k].reduce(0, +) / weights[j...k].reduce(0, +)
                    lowest = min(lowest, mean)
                }
                best = max(best, lowest)
            }
            fitted[distinct[i]] = best
        }
        return fitted
    }

    @Test("PAV equals the naive min-max oracle, with weights and tied inputs", arguments: [1, 2, 3, 4, 5])
    func pavOracle(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let n = 12 + Int(seed) * 7
        let x = (0..<n).map { _ in Double(Int.random(in: 0..<(n / 2), using: &generator)) / 10 }
        let y = x.map { value in Double.random(in: 0...1, using: &generator) < 0.2 + value / 8 ? 1.0 : 0.0 }
        let w = (0..<n).map { _ in Double.random(in: 0.1...3, using: &generator) }
        let oracle = Self.naiveIsotonic(x: x, y: y, w: w)
        let fitted = IsotonicRegression.fittedValues(x: x, y: y, weights: w)
        for i in 0..<n { #expect(abs(fitted[i] - oracle[x[i]]!) < 1e-12) }
        let blocks = IsotonicRegression.blocks(x: x, y: y, weights: w)
        for b in blocks.indices.dropFirst() {
            #expect(blocks[b - 1].value < blocks[b].value && blocks[b - 1].upper < blocks[b].lower)
        }
        #expect(abs(blocks.reduce(0) { $0 + $1.weight } - w.reduce(0, +)) < 1e-9)
    }

    @Test("the isotonic calibration predicts what scikit-learn's IsotonicRegression predicts")
    func isotonicReference() throws {
        for reference in try CalibrationReference.load().isotonic {
            let map = try IsotonicRegression.calibration(
                probabilities: reference.x, labels: reference.labels, weights: reference.weights)
            #expect(map.isValid)
            for (query, expected) in zip(reference.queries, reference.predictions) {
                #expect(abs(map.probability(query) - expected) < 1e-12, "\(reference.name) at \(query)")
            }
        }
    }

    /// Platt's objective: weighted cross-entropy against the smoothed targets.
    static func plattLoss(_ fit: PlattScaling, _ margins: [Double], _ labels: [Double], _ weights: [Double]?) -> Double
    {
        let w = weights ?? margins.map { _ in 1 }
        let positives = zip(labels, w).filter { $0.0 > 0 }.reduce(0) { $0 + $1.1 }
        let negatives = zip(labels, w).filter { $0.0 <= 0 }.reduce(0) { $0 + $1.1 }
        var loss = 0.0
        for i in margins.indices {
            let p = fit.probability(margin: margins[i])
            let t = labels[i] > 0 ? (positives + 1) / (positives + 2) : 1 / (negatives + 2)
            loss -= w[i] * (t * log(p) + (1 - t) * log(1 - p))
        }
        return loss
    }

    @Test("Platt scaling matches scikit-learn's sigmoid calibration, and its loss is no higher")
    func plattReference() throws {
        for reference in try CalibrationReference.load().platt {
            let fit = try PlattFit.fit(margins: reference.margins, labels: reference.labels, weights: reference.weights)
            #expect(abs(fit.slope - reference.slope) <= 1e-4 * abs(reference.slope), "\(reference.name)")
            #expect(abs(fit.intercept - reference.intercept) <= 1e-4 * max(abs(reference.intercept), 0.1))
            let sklearn = PlattScaling(slope: reference.slope, intercept: reference.intercept)
            let ours = Self.plattLoss(fit, reference.margins, reference.labels, reference.weights)
            #expect(ours <= Self.plattLoss(sklearn, reference.margins, reference.labels, reference.weights) + 1e-9)
        }
    }

    @Test("Platt's gradient vanishes at the fit (finite differences of the loss)")
    func plattStationary() throws {
        let reference = try CalibrationReference.load().platt[1]
        let fit = try PlattFit.fit(margins: reference.margins, labels: reference.labels, weights: reference.weights)
        let h = 1e-6
        for (da, db) in [(h, 0.0), (0.0, h)] {
            let up = Self.plattLoss(
                PlattScaling(slope: fit.slope + da, intercept: fit.intercept + db), reference.margins,
                reference.labels, reference.weights)
            let down = Self.plattLoss(
                PlattScaling(slope: fit.slope - da, intercept: fit.intercept - db), reference.margins,
                reference.labels, reference.weights)
            #expect(abs((up - down) / (2 * h)) < 1e-5)
        }
    }

    @Test("no rows, or margins that rank hits lowest, are typed errors")
    func errors() {
        #expect(throws: GradingError.noCalibrationRows(method: "platt")) {
            try PlattFit.fit(margins: [], labels: [])
        }
        #expect(throws: GradingError.noCalibrationRows(method: "isotonic")) {
            try IsotonicRegression.calibration(probabilities: [.nan], labels: [1])
        }
        let margins = (0..<40).map { Double($0) / 10 }
        let labels = margins.map { $0 < 2 ? 1.0 : 0.0 }
        #expect(throws: GradingError.self) { try PlattFit.fit(margins: margins, labels: labels) }
    }
}
