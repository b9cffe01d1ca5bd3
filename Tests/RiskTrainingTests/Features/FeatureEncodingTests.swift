import RiskScoring
import Testing

@testable import RiskTraining

@Suite("Feature encoding: fixed vocabularies, unseen categories as missing")
struct FeatureEncodingTests {
    static func table(_ text: String) throws -> Dataset {
        try Dataset.read(
            from: CSVReader(bytes: Array(text.utf8), name: "t.csv"),
            schema: DatasetSchema(types: ["region": .categorical, "x": .numeric]))
    }

    @Test("codes come from the training table's sorted categories; unseen ones become NaN and are counted")
    func encoding() throws {
        let config = try ExperimentConfig.load(
            yaml: """
                name: t
                indicator_system:
                  dimensions:
                    - name: d
                      label: 维度
                      indicators:
                        - { name: x, label: 指标, kind: count, direction: increasing }
                        - { name: region, label: 区域, kind: categorical }
                """)
        let training = try Self.table("x,region\n1,3202\n2,3201\n,3202\n3,\n")
        let encoding = try FeatureEncoding(config: config, training: training)
        #expect(encoding.features.map(\.name) == ["x", "region"])
        #expect(encoding.features[1].vocabulary == ["3201", "3202"])
        #expect(encoding.features[0].direction == .increasing && encoding.features[0].dimension == "d")
        let encoded = try encoding.columns(of: training, rows: [0, 1, 2, 3])
        #expect(encoded.columns[1].map { $0.isNaN ? -1 : $0 } == [1, 0, 1, -1])
        #expect(encoded.unseenCategories == 0)
        let validation = try Self.table("x,region\n5,3209\n6,3201\n")
        let other = try encoding.columns(of: validation, rows: [1, 0])
        #expect(other.columns[0] == [6, 5])
        #expect(other.columns[1][0] == 0 && other.columns[1][1].isNaN)
        #expect(other.unseenCategories == 1)
    }
}
