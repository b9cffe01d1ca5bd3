import ArgumentParser
import RiskTraining

/// `riskgrade refit`: an earlier model's trees with their leaf values re-estimated on a new table.
struct Refit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Refit an earlier model's trees on a new feature table (quarterly retrain).",
        discussion: """
            Keeps every tree's structure and thresholds from --model and re-estimates the leaf values on the \
            training rows of --data (split in time by the config, or all of it with --valid), with the config's \
            learning_rate and regularization. The model's indicators must be the config's. Writes the same files \
            as train into --out.
            """)

    @OptionGroup var common: RunOptions

    @Option(help: "An earlier run's output folder or its ensemble.json.") var model: String
    @Option(name: .customLong("learning-rate"), help: "Shrinkage of the refitted leaf values (use the model's).")
    var learningRate: Double?
    @Flag(
        inversion: .prefixedNo,
        help: "Keep refitted leaves monotone in each indicator's risk direction (default: model.boosting.monotone).")
    var monotone: Bool?

    func run() throws {
        var settings: [String] = []
        if let learningRate { settings.append("model.boosting.learning_rate=\(learningRate)") }
        if let monotone { settings.append("model.boosting.monotone=\(monotone)") }
        var experiment = try common.experiment(settings: settings)
        try experiment.model.override(threads: common.threads)
        var run = BoostingRun(config: experiment)
        run.start = .refit(try BoostingRun.loadEnsemble(path: model))
        try common.execute(run)
    }
}
