import RiskScoring
import Testing

@testable import RiskTraining

@Suite("Labelled rows: the time split and label selection")
struct LabelledRowsTests {
    static let table = """
        enterprise_id,quarter,x,inspection_kind,hit
        E1,2025Q1,1,random,1
        E2,2025Q1,2,targeted,0
        E3,2025Q1,3,,
        E1,2025Q2,1,targeted,1
        E2,2025Q2,2,random,0
        E1,2025Q3,1,random,0
        E2,2025Q3,2,targeted,1
        E3,2025Q3,3,,
        E1,2025Q4,1,random,1

        """

    static func config(_ extra: String) throws -> ExperimentConfig {
        try ExperimentConfig.load(
            yaml: """
                name: t
                indicator_system:
                  dimensions:
                    - { name: d, label: 维度, indicators: [{ name: x, label: 指标, kind: numeric }] }
                \(extra)
                """)
    }

    static func read() throws -> Dataset {
        try Dataset.read(
            from: CSVReader(bytes: Array(table.utf8), name: "t.csv"),
            schema: DatasetSchema(types: ["quarter": .categorical, "inspection_kind": .categorical]))
    }

    @Test("validation is the last quarter; earlier labelled rows train, targeted ones with their weight")
    func lastQuarter() throws {
        let rows = try Self.config("label: { targeted_weight: 0.5 }").labelledRows(in: Self.read(), file: "t.csv")
        #expect(rows.validationQuarter == Quarter("2025Q4"))
        #expect(rows.train == [0, 1, 3, 4, 5, 6])
        #expect(rows.trainWeights == [1, 0.5, 0.5, 1, 1, 0.5])
        #expect(rows.randomValidation == [8] && rows.allValidation == [8])
        #expect(rows.trainQuarters.map(\.description) == ["2025Q1", "2025Q2", "2025Q3"])
    }

    @Test("an explicit validation quarter and a test quarter; random-only training")
    func explicitQuarters() throws {
        let config = try Self.config(
            """
            label: { training_kinds: [random] }
            split: { validation_quarter: 2025Q3, test_quarter: 2025Q4 }
            """)
        let rows = try config.labelledRows(in: Self.read(), file: "t.csv")
        #expect(rows.train == [0, 4])
        #expect(rows.randomValidation == [5] && rows.allValidation == [5, 6])
    }

    @Test("a validation quarter not in the table, or nothing to train on, is an error saying what to change")
    func errors() throws {
        let missing = try Self.config("split: { validation_quarter: 2024Q1 }")
        #expect { try missing.labelledRows(in: Self.read(), file: "t.csv") } throws: {
            String(describing: $0).contains("2024Q1") && String(describing: $0).contains("validation_quarter")
        }
        let early = try Self.config("split: { validation_quarter: 2025Q1 }")
        #expect { try early.labelledRows(in: Self.read(), file: "t.csv") } throws: {
            String(describing: $0).contains("no labelled rows to train on")
        }
    }

    @Test("a separate validation table: every labelled row, and the random ones")
    func separateValidation() throws {
        let rows = try Self.config("").validationRows(in: Self.read(), file: "v.csv")
        #expect(rows.all == [0, 1, 3, 4, 5, 6, 8])
        #expect(rows.random == [0, 4, 5, 8])
    }
}
