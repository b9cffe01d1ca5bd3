import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("The gradient-boosting model's grades on a held-out quarter of a small synthetic province")
struct HeldOutDiscoveryTests {
    /// A province of 5,000 enterprises × 6 quarters, every enterprise drawn for a random inspection about once a
    /// quarter (so 5,000 enterprises give the labels of a far larger province at the national 5% a year): trained
    /// with `experiments/general.yaml` (fixed shares A 45% / B 40% / C 10% / D 5%, Platt calibration, the hard
    /// rules) on 2025Q1-2026Q1 and validated out of time on 2026Q2 through the runtime's scorer. Measured on
    /// seeds 1-4: D/A 12.9, 11.5, 10.7, 9.8.
    @Test("discovery rates rise strictly A<B<C<D on random inspections with D/A at least 8")
    func heldOutQuarter() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 5000, quarters: 6, seed: 1, randomRate: 4)
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        try config.model.override(threads: 2, earlyStoppingRounds: 30)
        config.split.testQuarter = Quarter("2026Q2")
        let path = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
            .write(to: path)
        let out = TestFiles.temporaryDirectory("held-out-model")
        try BoostingRun(config: config).run(dataFile: path).write(to: out)
        let model = try RiskModel.load(path: out + "/model.json")
        #expect(model.identity.version == "2026Q1", "the model's version is its validation quarter")

        let table = try Dataset.read(csv: path, schema: config.tableSchema)
        let validation = try ModelValidation.run(
            model: model, modelName: "general", table: table, file: path, config: config, groupColumns: [],
            threads: 2)
        #expect(validation.quarters == ["2026Q2"], "by default the quarters after the model's version")
        let random = validation.random
        let rates = random.grades.map(\.discoveryRate)
        #expect(random.inspections > 4000)
        #expect(random.monotone, "discovery rates \(rates) must rise strictly A<B<C<D")
        #expect(random.dOverA >= 8, "D/A \(random.dOverA), rates \(rates)")
    }
}
