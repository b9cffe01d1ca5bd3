import Foundation
import Testing

@testable import RiskTraining

@Suite("Ground-truth recovery: learned gradient-boosting weights against a synthetic province's true importances")
struct GroundTruthRecoveryTests {
    /// The Spearman correlation of mean |TreeSHAP| shares with the true importances (each indicator's mean |SHAP
    /// value| in the observable true logit, `TermSpread`).
    ///
    /// The bound is what this province allows, not the 0.85 aimed at: measured 0.77 here (3,000 enterprises × 4
    /// quarters), 0.74 on 100,000 × 4. Two things cap it. The true logit holds a hidden distress process and a
    /// frailty that visible indicators proxy (complaints_12m, linked_hits, linked_penalised and revenue_growth
    /// take their credit: 1.7-3.8× their true share on 100,000 × 4); without the hidden parts the same learner
    /// reaches 0.82. And indicators of one family share credit in ways no learner can pin down
    /// (address_enterprises and person_enterprises lose theirs to the linked counts). LightGBM regressed on the
    /// true logit itself, noise free, reaches 0.80 (0.87 without the hidden parts).
    @Test("mean |SHAP| shares rank the indicators like the truth, and the no-effect indicators sit in the lower half")
    func recovery() throws {
        let (directory, truth) = try TestFiles.syntheticPanel(enterprises: 3000, quarters: 4, seed: 2, randomRate: 4)
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        try config.model.override(rounds: 200, maxLeaves: 7, learningRate: 0.05, threads: 2)
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
        #expect(recovery.indicators >= 0.7, "Spearman over indicators \(recovery.indicators)")

        let shap = weights.indicators.map { ($0.name, $0.weights["learned_gbdt"] ?? 0) }
        let median = shap.map(\.1).sorted()[shap.count / 2]
        for name in ["branch_count", "licences", "inspections_3y"] {
            let weight = try #require(shap.first { $0.0 == name }?.1)
            #expect(weight < median, "\(name) has no effect but weighs \(weight) (median \(median))")
        }
    }
}
