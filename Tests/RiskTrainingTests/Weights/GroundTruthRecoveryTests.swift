import Foundation
import Testing

@testable import RiskTraining

@Suite("Ground-truth recovery: learned gradient-boosting weights against a synthetic province's true importances")
struct GroundTruthRecoveryTests {
    /// The Spearman correlation of mean |TreeSHAP| shares with the true importances (each indicator's mean |SHAP
    /// value| in the observable true logit, `TermSpread`), on 10,000 enterprises × 4 quarters, every enterprise
    /// drawn for a random inspection about once a quarter, trained with general.yaml's parameters and early
    /// stopping. Measured 0.875 here; seeds 3, 4, 5 give 0.874, 0.902, 0.889; 0.878 on 100,000 × 4.
    /// Indicators of one family still trade some credit (penalties_1y with penalties_3y, complaints_3m with
    /// complaints_12m: nested windows), which is most of what keeps it below 1.
    @Test("mean |SHAP| shares rank the indicators like the truth, and the no-effect indicators sit in the lower half")
    func recovery() throws {
        let (directory, truth) = try TestFiles.syntheticPanel(enterprises: 10000, quarters: 4, seed: 2, randomRate: 4)
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        try config.model.override(rounds: 600, threads: 2, earlyStoppingRounds: 30)
        config.weights = WeightsSpec()  // general.yaml's blend needs the objective sources, which are not built here
        let tablePath = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
            .write(to: tablePath)
        let table = try Dataset.read(csv: tablePath, schema: config.tableSchema)
        let outcome = try BoostingRun(config: config).run(table: table, file: tablePath)
        let learned = try LearnedWeights.gradientBoosting(
            outcome.importance, system: config.indicatorSystem, file: "importance")
        let weights = try WeightsTable.build(
            config: config, configFile: "general.yaml", table: nil, learned: learned)
        let recovery = try #require(weights.recovery(truth: truth).first { $0.column == "learned_gbdt" })
        #expect(recovery.indicators >= 0.85, "Spearman over indicators \(recovery.indicators)")

        let shap = weights.indicators.map { ($0.name, $0.weights["learned_gbdt"] ?? 0) }
        let median = shap.map(\.1).sorted()[shap.count / 2]
        for name in ["branch_count", "licences", "inspections_3y"] {
            let weight = try #require(shap.first { $0.0 == name }?.1)
            #expect(weight < median, "\(name) has no effect but weighs \(weight) (median \(median))")
        }
    }
}
