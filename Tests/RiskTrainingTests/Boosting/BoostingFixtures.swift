import RiskScoring

@testable import RiskTraining

/// Small seeded data sets for the boosting tests.
enum BoostingFixtures {
    /// `rows` rows of `features` numeric features in [0, 1) (about 5% missing when `missing`), label from a
    /// noisy increasing function of feature 0 and decreasing of feature 1.
    static func numeric(rows: Int, features: Int, seed: UInt64, missing: Bool = false) -> TrainingSet {
        var g = SeededGenerator(seed: seed)
        var columns = Array(repeating: [Float](), count: features)
        var labels: [Float] = []
        for _ in 0..<rows {
            var values: [Float] = []
            for f in 0..<features {
                let v = Float(g.uniform())
                values.append(v)
                columns[f].append(missing && g.bernoulli(0.05) ? .nan : v)
            }
            let risk = 2 * Double(values[0]) - 1.5 * Double(features > 1 ? values[1] : 0) + 0.5 * g.normal()
            labels.append(risk > 0.3 ? 1 : 0)
        }
        return TrainingSet(columns: columns, labels: labels)
    }
}
