import Foundation
import Testing

@testable import RiskTraining

@Suite("Metrics: AUC and log loss")
struct MetricsTests {
    @Test("weighted AUC with ties equals the naive pair count")
    func aucAgainstPairs() {
        var g = SeededGenerator(seed: 5)
        for _ in 0..<5 {
            let n = 200
            let scores = (0..<n).map { _ in Double(g.index(below: 20)) }  // many ties
            let labels = (0..<n).map { _ in Float(g.bernoulli(0.3) ? 1 : 0) }
            let weights = (0..<n).map { _ in Float(g.uniform() + 0.1) }
            var numerator = 0.0
            var denominator = 0.0
            for i in 0..<n where labels[i] == 1 {
                for j in 0..<n where labels[j] == 0 {
                    let w = Double(weights[i] * weights[j])
                    denominator += w
                    numerator += scores[i] > scores[j] ? w : (scores[i] == scores[j] ? w / 2 : 0)
                }
            }
            let auc = Metrics.auc(scores: scores, labels: labels, weights: weights)
            #expect(abs(auc - numerator / denominator) < 1e-9)
        }
    }

    @Test("log loss of margins matches −y log p − (1−y) log(1−p)")
    func logLoss() {
        let margins = [-2.0, 0, 3, 10]
        let labels: [Float] = [0, 1, 1, 0]
        var expected = 0.0
        for (m, y) in zip(margins, labels) {
            let p = 1 / (1 + Foundation.exp(-m))
            expected += y == 1 ? -Foundation.log(p) : -Foundation.log1p(-p)
        }
        #expect(abs(Metrics.logLoss(margins: margins, labels: labels) - expected / 4) < 1e-9)
    }
}
