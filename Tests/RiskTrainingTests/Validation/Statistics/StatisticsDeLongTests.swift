import Foundation
import Testing

@testable import RiskTraining

/// A direct O(n²) Mann-Whitney evaluation of DeLong's structural components, the oracle for the O(n log n) sweep.
private func naiveDeLong(_ a: [Double], _ b: [Double], _ labels: [Double], _ weights: [Double])
    -> (aucA: Double, aucB: Double, varA: Double, varB: Double, cov: Double)
{
    let positives = labels.indices.filter { labels[$0] == 1 }
    let negatives = labels.indices.filter { labels[$0] == 0 }
    let wp = positives.reduce(0) { $0 + weights[$1] }
    let wn = negatives.reduce(0) { $0 + weights[$1] }
    func psi(_ x: Double, _ y: Double) -> Double { x > y ? 1 : x == y ? 0.5 : 0 }
    func components(_ s: [Double]) -> (v10: [Double], v01: [Double], auc: Double) {
        let v10 = positives.map { i in negatives.reduce(0) { $0 + weights[$1] * psi(s[i], s[$1]) } / wn }
        let v01 = negatives.map { j in positives.reduce(0) { $0 + weights[$1] * psi(s[$1], s[j]) } / wp }
        let auc = zip(positives, v10).reduce(0) { $0 + weights[$1.0] * $1.1 } / wp
        return (v10, v01, auc)
    }
    let ca = components(a)
    let cb = components(b)
    func cov(_ x: (v10: [Double], v01: [Double], auc: Double), _ y: (v10: [Double], v01: [Double], auc: Double))
        -> Double
    {
        var s10 = 0.0
        for (k, i) in positives.enumerated() { s10 += weights[i] * (x.v10[k] - x.auc) * (y.v10[k] - y.auc) }
        var s01 = 0.0
        for (k, j) in negatives.enumerated() { s01 += weights[j] * (x.v01[k] - x.auc) * (y.v01[k] - y.auc) }
        return s10 / (wp - 1) / wp + s01 / (wn - 1) / wn
    }
    return (ca.auc, cb.auc, cov(ca, ca), cov(cb, cb), cov(ca, cb))
}

/// Random rows with heavy ties: scores on a grid of 12 values, about a third hits, weights 1-3.
private func tiedRows(seed: UInt64, count: Int) -> (a: [Double], b: [Double], labels: [Double], weights: [Double]) {
    var g = SeededGenerator(seed: seed)
    var a: [Double] = []
    var b: [Double] = []
    var labels: [Double] = []
    var weights: [Double] = []
    for _ in 0..<count {
        let risk = g.normal()
        labels.append(g.uniform() < 1 / (1 + exp(-(risk - 0.7))) ? 1 : 0)
        a.append(Double(Int((risk + g.normal()) * 2)))
        b.append(Double(Int((0.5 * risk + g.normal()) * 3)))
        weights.append(Double(1 + g.index(below: 3)))
    }
    return (a, b, labels, weights)
}

@Suite("Statistics: AUC with DeLong's variance and the paired DeLong test")
struct StatisticsDeLongTests {
    @Test("AUC, variances, covariance, z and p match the reference script's O(n²) numpy DeLong")
    func reference() throws {
        let reference = try StatisticsReference.load()
        let rows = reference.rows
        for (weights, expected) in [(nil, reference.delong), (rows.weights, reference.delongWeighted)] {
            let test = try AUCComparison.delong(
                first: rows.first, second: rows.second, labels: rows.labels, weights: weights)
            #expect(isClose(test.first.auc, expected.auc1, 1e-12) && isClose(test.second.auc, expected.auc2, 1e-12))
            #expect(
                isClose(test.first.variance, expected.variance1) && isClose(test.second.variance, expected.variance2))
            #expect(isClose(test.difference, expected.difference, 1e-12))
            #expect(isClose(test.standardError, expected.standardError))
            #expect(isClose(test.z, expected.z) && isClose(test.pValue, expected.pValue))
            #expect(test.interval.contains(test.difference) && test.first.interval.contains(test.first.auc))
        }
    }

    @Test("the O(n log n) sweep equals the O(n²) Mann-Whitney components, weighted and tied", arguments: [1, 2, 3])
    func naiveOracle(seed: UInt64) throws {
        let rows = tiedRows(seed: seed, count: 150)
        for weights in [nil, rows.weights] {
            let naive = naiveDeLong(rows.a, rows.b, rows.labels, weights ?? Array(repeating: 1, count: 150))
            let test = try AUCComparison.delong(first: rows.a, second: rows.b, labels: rows.labels, weights: weights)
            #expect(isClose(test.first.auc, naive.aucA, 1e-12) && isClose(test.second.auc, naive.aucB, 1e-12))
            #expect(isClose(test.first.variance, naive.varA) && isClose(test.second.variance, naive.varB))
            let variance = naive.varA + naive.varB - 2 * naive.cov
            #expect(isClose(test.standardError * test.standardError, variance))
        }
    }

    @Test("frequency weights equal repeated rows; the AUC is Metrics.auc's and 2·AUC − 1 the Gini")
    func frequencyWeights() throws {
        let rows = tiedRows(seed: 9, count: 120)
        var repeated: (a: [Double], b: [Double], labels: [Double]) = ([], [], [])
        for row in rows.a.indices {
            for _ in 0..<Int(rows.weights[row]) {
                repeated.a.append(rows.a[row])
                repeated.b.append(rows.b[row])
                repeated.labels.append(rows.labels[row])
            }
        }
        let weighted = try AUCComparison.delong(
            first: rows.a, second: rows.b, labels: rows.labels, weights: rows.weights)
        let expanded = try AUCComparison.delong(first: repeated.a, second: repeated.b, labels: repeated.labels)
        #expect(isClose(weighted.first.auc, expanded.first.auc, 1e-12))
        #expect(isClose(weighted.first.variance, expanded.first.variance))
        #expect(isClose(weighted.standardError, expanded.standardError) && isClose(weighted.pValue, expanded.pValue))
        let metrics = Metrics.auc(
            scores: rows.a, labels: rows.labels.map(Float.init), weights: rows.weights.map(Float.init))
        #expect(isClose(weighted.first.auc, metrics, 1e-7))  // Metrics takes Float weights
        let gini = try Discrimination.gini(scores: rows.a, labels: rows.labels, weights: rows.weights)
        #expect(isClose(gini, 2 * weighted.first.auc - 1, 1e-12))
    }

    @Test("identical rankings: difference 0, z 0, p 1; swapping the models negates the difference")
    func pairedInvariants() throws {
        let rows = tiedRows(seed: 4, count: 100)
        let same = try AUCComparison.delong(first: rows.a, second: rows.a.map { 3 * $0 + 1 }, labels: rows.labels)
        #expect(same.difference == 0 && same.z == 0 && same.pValue == 1 && same.standardError < 1e-9)
        let forward = try AUCComparison.delong(first: rows.a, second: rows.b, labels: rows.labels)
        let backward = try AUCComparison.delong(first: rows.b, second: rows.a, labels: rows.labels)
        #expect(forward.difference == -backward.difference && isClose(forward.pValue, backward.pValue, 1e-12))
        #expect(forward.first == backward.second)
    }

    @Test("perfect separation: AUC 1 with variance 0; a reversed model has AUC 0")
    func separation() throws {
        let labels: [Double] = [0, 0, 0, 1, 1, 1]
        let perfect = try AUCEstimate.delong(scores: [1, 2, 3, 4, 5, 6], labels: labels)
        #expect(perfect.auc == 1 && perfect.variance == 0 && perfect.interval.lower == 1)
        let reversed = try AUCEstimate.delong(scores: [6, 5, 4, 3, 2, 1], labels: labels)
        #expect(reversed.auc == 0 && reversed.interval.upper == 0)
    }

    @Test("bad input is a typed error: empty, NaN, lengths, labels, weights, level, one class")
    func badInput() {
        let calls: [() throws -> Any] = [
            { try AUCEstimate.delong(scores: [], labels: []) },
            { try AUCEstimate.delong(scores: [1, .nan, 2, 3], labels: [0, 1, 0, 1]) },
            { try AUCEstimate.delong(scores: [1, 2, 3], labels: [0, 1, 0, 1]) },
            { try AUCEstimate.delong(scores: [1, 2, 3, 4], labels: [0, 2, 0, 1]) },
            { try AUCEstimate.delong(scores: [1, 2, 3, 4], labels: [0, 1, 0, 1], weights: [1, 0, 1, 1]) },
            { try AUCEstimate.delong(scores: [1, 2, 3, 4], labels: [0, 1, 0, 1], weights: [1, 1]) },
            { try AUCEstimate.delong(scores: [1, 2, 3, 4], labels: [0, 1, 0, 1], level: 1.5) },
            { try AUCEstimate.delong(scores: [1, 2, 3, 4], labels: [0, 0, 0, 1]) },
            { try AUCComparison.delong(first: [1, 2, 3, 4], second: [1, 2], labels: [0, 1, 0, 1]) },
        ]
        for call in calls {
            #expect(throws: StatisticsError.self) { _ = try call() }
        }
        #expect { try AUCEstimate.delong(scores: [1, 2, 3, 4], labels: [0, 1, 0, 0.5]) } throws: {
            String(describing: $0) == "labels[3] is 0.5; labels must be 0 (no hit) or 1 (hit)"
        }
    }
}
