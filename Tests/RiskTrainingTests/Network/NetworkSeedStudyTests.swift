import Foundation
import Testing

@testable import RiskTraining

@Suite("The network over seeds: each trial is that seed's run, and the summary statistics")
struct NetworkSeedStudyTests {
    @Test("median, mean and sample standard deviation of known values")
    func summary() throws {
        let odd = try #require(NetworkSeedStudy.Summary([3, 1, 2, 5, 4]))
        #expect(odd.count == 5 && odd.median == 3 && odd.mean == 3)
        #expect(abs(odd.standardDeviation - 2.5.squareRoot()) < 1e-15)
        #expect(odd.minimum == 1 && odd.maximum == 5)
        let even = try #require(NetworkSeedStudy.Summary([0.7841, 0.7863, 0.7855, 0.7860]))
        #expect(abs(even.median - 0.78575) < 1e-15)
        let one = try #require(NetworkSeedStudy.Summary([0.78]))
        #expect(one.median == 0.78 && one.standardDeviation == 0)
        #expect(NetworkSeedStudy.Summary([]) == nil)
    }

    @Test("a study of two seeds holds what NetworkRun gives with each seed; the seeds give different networks")
    func trials() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 800, quarters: 3, seed: 33, randomRate: 1.5)
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        try config.model.overrideNetwork(layers: [8], epochs: 3, batchSize: 64, patience: 0, threads: 2)
        let tablePath = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
            .write(to: tablePath)
        let table = try Dataset.read(csv: tablePath, schema: config.tableSchema)
        let study = try NetworkSeedStudy.run(config: config, seeds: [7, 8], table: table, file: tablePath)
        #expect(study.trials.map(\.seed) == [7, 8])
        for trial in study.trials {
            var seeded = config
            seeded.model.seed = trial.seed
            let single = try NetworkRun(config: seeded).run(table: table, file: tablePath).metrics
            #expect(trial.allValidation == single.allValidation)
            #expect(trial.randomValidation == single.randomValidation)
            #expect(trial.epochs == 3 && trial.bestEpoch == 3)
        }
        #expect(study.trials[0].allValidation?.auc != study.trials[1].allValidation?.auc)
        let aucs = study.trials.compactMap { $0.allValidation?.auc }
        #expect(study.allValidationAUC == NetworkSeedStudy.Summary(aucs))
        #expect(study.allValidationAUC?.count == 2)
    }
}
