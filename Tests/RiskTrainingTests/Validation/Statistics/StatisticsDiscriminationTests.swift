import Foundation
import Testing

@testable import RiskTraining

@Suite("Statistics: KS, Brier and log loss")
struct StatisticsDiscriminationTests {
    @Test("KS matches scipy's ks_2samp and scikit-learn's weighted ROC; Brier and log loss match scikit-learn")
    func reference() throws {
        let reference = try StatisticsReference.load()
        let rows = reference.rows
        let expected = reference.discrimination
        let ks1 = try Discrimination.kolmogorovSmirnov(scores: rows.first, labels: rows.labels)
        let ks2 = try Discrimination.kolmogorovSmirnov(scores: rows.second, labels: rows.labels)
        let weighted = try Discrimination.kolmogorovSmirnov(
            scores: rows.first, labels: rows.labels, weights: rows.weights)
        #expect(isClose(ks1.statistic, expected.ks1, 1e-12) && isClose(ks2.statistic, expected.ks2, 1e-12))
        #expect(isClose(weighted.statistic, expected.ks1Weighted, 1e-12))
        let p = rows.probabilities
        #expect(isClose(try Discrimination.brier(probabilities: p, labels: rows.labels), expected.brier, 1e-12))
        #expect(
            isClose(
                try Discrimination.brier(probabilities: p, labels: rows.labels, weights: rows.weights),
                expected.brierWeighted, 1e-12))
        #expect(isClose(try Discrimination.logLoss(probabilities: p, labels: rows.labels), expected.logLoss, 1e-12))
        #expect(
            isClose(
                try Discrimination.logLoss(probabilities: p, labels: rows.labels, weights: rows.weights),
                expected.logLossWeighted, 1e-12))
    }

    @Test("KS equals a naive scan of every threshold, and its threshold reaches it", arguments: [11, 12])
    func naiveKS(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let scores = (0..<200).map { _ in Double(g.index(below: 15)) }
        let labels = scores.map { g.uniform() < 0.1 + $0 / 30 ? 1.0 : 0 }
        let weights = (0..<200).map { _ in 0.5 + g.uniform() }
        let ks = try Discrimination.kolmogorovSmirnov(scores: scores, labels: labels, weights: weights)
        func gap(_ t: Double) -> Double {
            var (tp, fp, p, n) = (0.0, 0.0, 0.0, 0.0)
            for row in scores.indices {
                if labels[row] == 1 { p += weights[row] } else { n += weights[row] }
                if scores[row] >= t { if labels[row] == 1 { tp += weights[row] } else { fp += weights[row] } }
            }
            return abs(tp / p - fp / n)
        }
        let best = Set(scores).map(gap).max() ?? 0
        #expect(isClose(ks.statistic, best, 1e-12) && isClose(gap(ks.threshold), best, 1e-12))
    }

    @Test("log loss clips certain misses at ε; Brier of perfect predictions is 0")
    func edges() throws {
        let loss = try Discrimination.logLoss(probabilities: [0, 1], labels: [1, 1], epsilon: 1e-15)
        #expect(isClose(loss, -log(1e-15) / 2, 1e-9))
        #expect(try Discrimination.brier(probabilities: [0, 1, 1], labels: [0, 1, 1]) == 0)
    }

    @Test("bad input is a typed error")
    func badInput() {
        let calls: [() throws -> Any] = [
            { try Discrimination.kolmogorovSmirnov(scores: [1, 2], labels: [1, 1]) },
            { try Discrimination.kolmogorovSmirnov(scores: [], labels: []) },
            { try Discrimination.brier(probabilities: [0.2, 1.2], labels: [0, 1]) },
            { try Discrimination.brier(probabilities: [0.2, .nan], labels: [0, 1]) },
            { try Discrimination.logLoss(probabilities: [0.2, 0.3], labels: [0]) },
            { try Discrimination.logLoss(probabilities: [0.2, 0.3], labels: [0, 1], weights: [1, -1]) },
            { try Discrimination.logLoss(probabilities: [0.2, 0.3], labels: [0, 1], epsilon: 0.5) },
            { try Discrimination.gini(scores: [1, 2], labels: [0, 3]) },
        ]
        for call in calls {
            #expect(throws: StatisticsError.self) { _ = try call() }
        }
    }
}
