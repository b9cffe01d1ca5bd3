import Foundation
import Testing

/// The committed reference values of Tests/Reference/statistics/statistics.py (scipy, scikit-learn, statsmodels,
/// numpy), decoded once.
struct StatisticsReference: Decodable {
    struct Binomial: Decodable {
        var successes: Double
        var trials: Double
        var level: Double
        var wilson: [Double]
        var wilsonCc: [Double]
        var clopperPearson: [Double]
    }
    struct Newcombe: Decodable {
        var successes1: Double
        var trials1: Double
        var successes2: Double
        var trials2: Double
        var level: Double
        var difference: Double
        var interval: [Double]
    }
    struct Normal: Decodable {
        var p: [Double]
        var quantile: [Double]
        var x: [Double]
        var cdf: [Double]
    }
    struct Beta: Decodable {
        var x: Double
        var a: Double
        var b: Double
        var value: Double
    }
    struct BetaQuantile: Decodable {
        var p: Double
        var a: Double
        var b: Double
        var value: Double
    }
    struct Rows: Decodable {
        var labels: [Double]
        var first: [Double]
        var second: [Double]
        var weights: [Double]
        var probabilities: [Double]
    }
    struct DeLong: Decodable {
        var auc1: Double
        var variance1: Double
        var auc2: Double
        var variance2: Double
        var covariance: Double
        var difference: Double
        var standardError: Double
        var z: Double
        var pValue: Double
    }
    struct Discrimination: Decodable {
        var ks1: Double
        var ks1Weighted: Double
        var ks2: Double
        var brier: Double
        var brierWeighted: Double
        var logLoss: Double
        var logLossWeighted: Double
    }
    struct Stability: Decodable {
        var expected: [Double]
        var actual: [Double]
        var expectedWeights: [Double]
        var epsilon: Double
        var edges: [Double]
        var expectedCounts: [Double]
        var actualCounts: [Double]
        var psi: Double
        var weightedEdges: [Double]
        var weightedExpectedCounts: [Double]
        var weightedActualCounts: [Double]
        var weightedPsi: Double
        var gradeExpected: [Double]
        var gradeActual: [Double]
        var gradePsi: Double
    }
    struct Calibration: Decodable {
        var bins: [Int]
        var counts: [Double]
        var hits: [Double]
        var meanPredicted: [Double]
        var observedRate: [Double]
        var wilson: [[Double]]
    }
    struct Gains: Decodable {
        var counts: [Double]
        var hits: [Double]
        var cumulativeCapture: [Double]
        var lift: [Double]
        var cumulativeLift: [Double]
    }
    struct Efficiency: Decodable {
        var enterprises: [Double]
        var samplingRatios: [Double]
        var inspections: [Double]
        var hits: [Double]
        var budget: Double
        var uniformRatio: Double
        var stratifiedPer1000: Double
        var stratifiedInterval: [Double]
        var uniformPer1000: Double
        var uniformInterval: [Double]
        var extraPer1000: Double
        var extraInterval: [Double]
        var ratio: Double
        var ratioInterval: [Double]
    }

    var binomial: [Binomial]
    var newcombe: [Newcombe]
    var normal: Normal
    var beta: [Beta]
    var betaQuantile: [BetaQuantile]
    var rows: Rows
    var delong: DeLong
    var delongWeighted: DeLong
    var discrimination: Discrimination
    var stability: Stability
    var calibration: Calibration
    var gains: Gains
    var efficiency: Efficiency

    /// The decoded file.
    static func load() throws -> StatisticsReference {
        let url = URL(fileURLWithPath: TestFiles.packageRoot + "/Tests/Reference/statistics/statistics.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(StatisticsReference.self, from: Data(contentsOf: url))
    }
}

/// Whether `actual` is within `relative` of `expected` (absolutely within `relative` · 1e-6 near zero).
func isClose(_ actual: Double, _ expected: Double, _ relative: Double = 1e-9) -> Bool {
    abs(actual - expected) <= relative * max(abs(expected), abs(actual), 1e-6)
}
