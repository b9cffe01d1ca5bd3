import ArgumentParser
import Foundation
import RiskTraining

/// The options of `riskgrade train --learner weighted`: where the weighted scorecard's weights come from.
struct ScorecardOptions: ParsableArguments {
    @Option(
        name: .customLong("weights"),
        help: ArgumentHelp(
            "Weighted scorecard: a weights.json of riskgrade weights whose column model.scorecard.weights "
                + "(or --weights-column) gives the weights.", valueName: "weights.json"))
    var weightsFile: String?
    @Option(
        name: .customLong("weights-column"),
        help: ArgumentHelp(
            "Weighted scorecard: the weights column (expert, entropy, critic, blend, learned_gbdt, …); "
                + "overrides model.scorecard.weights."))
    var weightsColumn: String?

    /// Fails when these options are given to a learner other than `weighted`.
    func check(learner: Learner) throws {
        if learner != .weighted, weightsFile != nil || weightsColumn != nil {
            throw ValidationError("--weights and --weights-column apply to --learner weighted only")
        }
    }

    /// Trains the scorecard on the labelled tables, writes the outputs into `out` and prints the summary.
    func train(
        _ experiment: ExperimentConfig, learner: Learner, configFile: String, table: Dataset, file: String,
        validation: (table: Dataset, file: String)?, out: String, threads: Int?, log: @escaping (String) -> Void
    ) throws {
        var experiment = experiment
        try check(learner: learner)
        if let weightsColumn { try experiment.apply(settings: ["model.scorecard.weights=\(weightsColumn)"]) }
        var run = ScorecardRun(config: experiment, learner: learner)
        run.configFile = configFile
        run.weightsFile = weightsFile
        run.threads = threads ?? 0
        let outcome = try run.run(table: table, file: file, validationTable: validation, progress: log)
        try outcome.write(to: out)
        let m = outcome.metrics
        let bins = outcome.binnings.reduce(0) { $0 + $1.bins.binCount }
        print("wrote \(out): model.json (\(learner.rawValue), \(bins) bins), metrics.json, scorecard.csv/md")
        if let weights = m.weights {
            print("  weights: \(weights.column) of \(weights.file ?? configFile)")
        }
        printValidation(random: m.randomValidation, all: m.allValidation)
        print(String(format: "  training %.2f s, %d IRLS iterations", m.trainingSeconds, m.iterations))
    }
}
