import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("BoostingRun: config → split → train → reports, end to end")
struct BoostingRunTests {
    @Test("trains on a synthetic province, beats chance on the next quarter, and writes its reports")
    func endToEnd() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 2500, quarters: 4, seed: 12, randomRate: 3)
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        try config.model.override(rounds: 40, maxLeaves: 15, threads: 2)
        let panel = try Panel.load(directory: directory)
        let tablePath = directory + "/table.csv"
        _ = try FeatureBuilder(panel: panel, indicatorColumns: config.featureColumns).write(to: tablePath)
        let table = try Dataset.read(csv: tablePath, schema: config.tableSchema)
        let outcome = try BoostingRun(config: config).run(table: table, file: tablePath)

        let metrics = outcome.metrics
        #expect(metrics.validationQuarter == "2025Q4")
        #expect(metrics.trainQuarters == ["2025Q1", "2025Q2", "2025Q3"])
        let random = try #require(metrics.randomValidation)
        #expect(random.rows > 500)
        #expect(random.auc > 0.62, "validation AUC \(random.auc)")
        #expect(metrics.rounds == 40 && metrics.bestRound == 40)
        try outcome.ensemble.checkInvariants()
        #expect(outcome.ensemble.featureCount == 43)

        // Importance shares add up to 1 and the dimensions are the indicators' sums.
        let shap = outcome.importance.indicators.reduce(0) { $0 + $1.shapShare }
        #expect(abs(shap - 1) < 1e-9)
        #expect(
            outcome.importance.dimensions.map(\.name) == ["basic", "dynamic", "supervision", "association", "social"])
        #expect(abs(outcome.importance.dimensions.reduce(0) { $0 + $1.gainShare } - 1) < 1e-9)

        let out = TestFiles.temporaryDirectory("train")
        try outcome.write(to: out)
        let decoded = try JSONDecoder().decode(TrainingMetrics.self, from: TestFiles.bytes("metrics.json", in: out))
        #expect(decoded == metrics)
        let csv = try String(decoding: TestFiles.bytes("importance.csv", in: out), as: UTF8.self)
        #expect(
            csv.hasPrefix(
                "level,name,dimension,gain,gain_share,splits,mean_abs_shap,shap_share\nindicator,years_established,basic,"
            ))
    }

    @Test("the same run twice gives the same ensemble, with 1 or 2 threads")
    func determinism() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 1500, quarters: 3, seed: 13, randomRate: 1.5)
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        let tablePath = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
            .write(to: tablePath)
        let table = try Dataset.read(csv: tablePath, schema: config.tableSchema)
        var ensembles: [TreeEnsemble] = []
        for threads in [1, 2] {
            try config.model.override(rounds: 15, maxLeaves: 8, threads: threads)
            ensembles.append(try BoostingRun(config: config).run(table: table, file: tablePath).ensemble)
        }
        #expect(ensembles[0] == ensembles[1])
    }

    @Test("a command-line override outside its range is refused, naming the parameter and the range")
    func overrideRange() throws {
        var parameters = ModelParameters()
        #expect { try parameters.override(learningRate: 0) } throws: {
            let text = String(describing: $0)
            return text.contains("model.boosting.learning_rate") && text.contains("(0, 1]")
        }
        #expect { try parameters.override(bins: 300) } throws: { String(describing: $0).contains("[2, 255]") }
    }
}
