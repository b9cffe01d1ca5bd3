import Foundation
import RiskTraining

extension ScorecardRun {
    /// `riskgrade train --learner scorecard|weighted`: trains on the labelled tables, writes the outputs into
    /// `out` and prints the summary.
    static func train(
        _ experiment: ExperimentConfig, learner: Learner, configFile: String, table: Dataset, file: String,
        validation: (table: Dataset, file: String)?, out: String, threads: Int?, log: @escaping (String) -> Void
    ) throws {
        var run = ScorecardRun(config: experiment, learner: learner)
        run.configFile = configFile
        run.threads = threads ?? 0
        let outcome = try run.run(table: table, file: file, validationTable: validation, progress: log)
        try outcome.write(to: out)
        let m = outcome.metrics
        let bins = outcome.binnings.reduce(0) { $0 + $1.bins.binCount }
        print("wrote \(out): model.json (\(learner.rawValue), \(bins) bins), metrics.json, scorecard.csv/md")
        printValidation(random: m.randomValidation, all: m.allValidation)
        print(String(format: "  training %.2f s, %d IRLS iterations", m.trainingSeconds, m.iterations))
    }
}
