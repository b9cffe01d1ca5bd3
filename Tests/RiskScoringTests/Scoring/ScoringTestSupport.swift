import Foundation

@testable import RiskScoring

/// Records for the scoring tests: raw text fields of the small model of `ModelFixtures`, with missing values,
/// categories outside the vocabulary and values on the model's thresholds' grid.
enum ScoringFixtures {
    /// A model of 30 random trees over the fixtures' four features.
    static let model = ModelFixtures.model(seed: 11, treeCount: 30, maxLeaves: 8)

    /// `count` records as fields by indicator name (the region by its column name, `region_code`).
    static func records(_ count: Int, seed: UInt64 = 5) -> [[String: String]] {
        var random = TestGenerator(state: seed)
        return (0..<count).map { _ in
            var record: [String: String] = [:]
            record["years_established"] = random.below(10) == 0 ? "" : "\(Double(random.below(11)) / 10)"
            record["penalties_1y"] = random.below(8) == 0 ? "" : "\(Double(random.below(8)) / 10)"
            record["serious_dishonesty"] = random.below(10) == 0 ? "1" : "0"
            switch random.below(10) {
            case 0: record["region_code"] = ""
            case 1: record["region_code"] = "9999"
            default: record["region_code"] = ModelFixtures.features[3].vocabulary[random.below(40)]
            }
            return record
        }
    }

    /// `records` as a columnar batch of texts keyed by the names the records use.
    static func columns(_ records: [[String: String]]) -> [String: FeatureColumn] {
        var columns: [String: FeatureColumn] = [:]
        for key in ["years_established", "penalties_1y", "serious_dishonesty", "region_code"] {
            columns[key] = .texts(records.map { $0[key] ?? "" })
        }
        return columns
    }

    /// The value a feature's field must read as, by the rules of the model file's features (an oracle
    /// written from the specification: missing policy, vocabulary, unseen → missing).
    static func expectedValue(_ text: String, feature: ModelFeature) -> Float {
        if text.isEmpty { return feature.missing == .zero ? 0 : .nan }
        if feature.kind == .categorical { return feature.vocabulary.firstIndex(of: text).map { Float($0) } ?? .nan }
        return Float(text) ?? .nan
    }

    /// The model values of a record, in feature order.
    static func row(_ record: [String: String], model: RiskModel) -> [Float] {
        model.features.map { expectedValue(record[$0.column] ?? record[$0.name] ?? "", feature: $0) }
    }
}
