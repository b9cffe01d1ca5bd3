import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("Training writes the frozen model: train → freeze → load → identical predictions")
struct FrozenModelTests {
    @Test("model.json loads and predicts bit for bit what the trained ensemble predicts")
    func roundTrip() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 1500, quarters: 3, seed: 21, randomRate: 1.5)
        let configPath = TestFiles.packageRoot + "/experiments/general.yaml"
        var config = try ExperimentConfig.load(path: configPath)
        try config.model.override(rounds: 12, maxLeaves: 8, threads: 2)
        // The margins and the standard cut-offs are what this test checks: no calibration, fixed cut-offs.
        config.grading.calibration = .identity
        config.grading.policy = .standard
        let tablePath = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
            .write(to: tablePath)
        let table = try Dataset.read(csv: tablePath, schema: config.tableSchema)
        let outcome = try BoostingRun(config: config).run(table: table, file: tablePath)
        let out = TestFiles.temporaryDirectory("frozen")
        try outcome.write(to: out)

        let model = try RiskModel.load(path: out + "/model.json")
        guard case .trees(let ensemble) = model.body else {
            Issue.record("a gradient boosting run must freeze a tree body")
            return
        }
        #expect(ensemble == outcome.ensemble)
        let rows = Array(0..<table.rowCount)
        let columns = try outcome.encoding.columns(of: table, rows: rows).columns
        var trained = [Double](repeating: 0, count: rows.count)
        outcome.ensemble.margins(columns: columns, into: &trained)
        let frozen = model.body.margins(rowMajor: rows.flatMap { row in columns.map { $0[row] } })
        #expect(frozen.map(\.bitPattern) == trained.map(\.bitPattern))

        // The records the model carries.
        #expect(model.identity.name == "general" && model.identity.version == outcome.metrics.validationQuarter)
        #expect(model.features.map(\.name) == config.indicatorSystem.indicators.map(\.name))
        #expect(model.features.first { $0.name == "penalties_1y" }?.missing == .zero)
        #expect(model.grading.hardRules == config.grading.hardRules)
        #expect(model.grading.cutoffs == GradeCutoffs(b: 200, c: 500, d: 750))
        #expect(model.training.config == (try String(contentsOfFile: configPath, encoding: .utf8)))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: tablePath)[.size] as? Int)
        #expect(model.training.data.map(\.file) == ["table.csv"] && model.training.data[0].bytes == size)
        #expect(model.training.validation.first?.auc == outcome.metrics.randomValidation?.auc)
        #expect(model.goldenVectors.count == BoostingRun.goldenRowCount)
        #expect(abs(model.indicatorWeights.values.reduce(0) { $0 + ($1["shap"] ?? 0) } - 1) < 1e-9)
    }

    @Test("input digests are SHA-256 of the file's bytes")
    func digest() throws {
        let directory = TestFiles.temporaryDirectory("digest")
        try TestFiles.write("abc", to: "abc.txt", in: directory)
        let file = try TrainingRecord.InputFile.digest(of: directory + "/abc.txt", name: "abc.txt")
        #expect(file.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(file.bytes == 3 && file.file == "abc.txt")
    }

    @Test("golden rows: the sample's first rows, padded with copies that miss one feature in turn")
    func goldenRows() {
        let rows = BoostingRun.goldenRows(columns: [[1, 2, 3], [4, 5, 6]], featureCount: 2)
        #expect(rows.count == BoostingRun.goldenRowCount)
        #expect(rows[0] == [1, 4] && rows[2] == [3, 6])
        #expect(rows[3][0].isNaN && rows[3][1] == 4)
        #expect(rows[4][0] == 2 && rows[4][1].isNaN)
        let many = BoostingRun.goldenRows(columns: [Array(0..<100).map(Float.init)], featureCount: 1)
        #expect(many.map { $0[0] } == Array(0..<32).map(Float.init))
    }
}
