import ArgumentParser
import Foundation
import RiskTraining

/// `riskgrade train`: gradient boosting (or, with `--learner network|scorecard|weighted`, the small neural
/// network or a scorecard) on a feature table.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train gradient-boosted trees (or the neural network) on a feature table.",
        discussion: """
            Splits the table in time by the config (or validates on --valid), trains with each indicator's risk \
            direction as a monotone constraint, and writes model.json (the frozen model), ensemble.json, \
            metrics.json and importance.{csv,json,md} into --out. Parameters come from the config; the options \
            below override them. With --warm-start, boosting continues from an earlier run's model: its trees are \
            kept and --rounds more are added. --learner network trains the small neural network instead \
            (model.json, metrics.json, importance.{csv,json,md}); --learner scorecard fits the logistic scorecard \
            on monotone bins and --learner weighted the 0-1000 weighted scorecard of the expert weights, or of \
            a column of a weights table with --weights weights.json (model.json, metrics.json, \
            scorecard.{csv,md}; settings under model.scorecard in the config).
            """)

    @OptionGroup var common: RunOptions

    @Option(help: "Boosting rounds (with --warm-start: rounds added).") var rounds: Int?
    @Option(help: "Maximum leaves per tree.") var leaves: Int?
    @Option(name: .customLong("learning-rate"), help: "Shrinkage (gbdt) or Adam step size (network).")
    var learningRate: Double?
    @Option(help: "Maximum bins per indicator.") var bins: Int?
    @Option(help: "Random seed.") var seed: UInt64?
    @Option(name: .customLong("early-stopping"), help: "Stop after this many rounds without improvement (0 = off).")
    var earlyStopping: Int?
    @Flag(
        inversion: .prefixedNo,
        help: "Constrain each indicator monotone in its risk direction (default: model.boosting.monotone, true).")
    var monotone: Bool?
    @Option(
        name: .customLong("warm-start"),
        help: "Continue boosting from an earlier run's output folder or ensemble.json (same indicators).")
    var warmStart: String?
    @Option(help: "Learner (gbdt, network, scorecard or weighted); default: the config's model.learner.")
    var learner: Learner?
    @OptionGroup var network: NetworkOptions
    @OptionGroup var scorecard: ScorecardOptions

    func run() throws {
        // Settings that shape the model are recorded in it (training.settings), so a retrain can train with them.
        var settings: [String] = []
        if let rounds { settings.append("model.boosting.rounds=\(rounds)") }
        if let leaves { settings.append("model.boosting.max_leaves=\(leaves)") }
        if let learningRate { settings.append("model.boosting.learning_rate=\(learningRate)") }
        if let bins { settings.append("model.boosting.bins=\(bins)") }
        if let seed { settings.append("model.seed=\(seed)") }
        if let earlyStopping { settings.append("model.boosting.early_stopping_rounds=\(earlyStopping)") }
        if let learner { settings.append("model.learner=\(learner.rawValue)") }
        if let monotone { settings.append("model.boosting.monotone=\(monotone)") }
        var experiment = try common.experiment(settings: settings)
        try experiment.model.override(threads: common.threads)
        let chosen = experiment.model.learner
        try scorecard.check(learner: chosen)
        if chosen != .gbdt {
            guard warmStart == nil else { throw ValidationError("--warm-start applies to gradient boosting only") }
            let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
            // Only labelled rows train or validate: unlabelled ones are skipped while reading.
            var schema = experiment.tableSchema
            schema.skipRowsWithEmpty = experiment.label.column
            let table = try Dataset.read(csv: common.data, schema: schema)
            let validation = try common.valid.map { (table: try Dataset.read(csv: $0, schema: schema), file: $0) }
            if chosen == .scorecard || chosen == .weighted {
                return try scorecard.train(
                    experiment, learner: chosen, configFile: common.config, table: table, file: common.data,
                    validation: validation, out: common.out, threads: common.threads, log: log)
            }
            return try network.train(
                experiment, table: table, file: common.data, validation: validation, out: common.out,
                learningRate: learningRate, threads: common.threads, log: log)
        }
        var run = BoostingRun(config: experiment)
        if let warmStart { run.start = .warmStart(try BoostingRun.loadEnsemble(path: warmStart)) }
        try common.execute(run)
    }
}

/// The options `train` and `refit` share, and the part of running that both do the same way.
struct RunOptions: ParsableArguments {
    @Option(help: "Experiment config (YAML).")
    var config: String = "experiments/general.yaml"

    @Option(help: "Feature table (CSV) to train on.")
    var data: String

    @Option(help: "Validation table; overrides the config's time split.")
    var valid: String?

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "Worker threads (0 = all cores); the model does not depend on it.") var threads: Int?
    @Option(name: .customLong("targeted-weight"), help: "Training weight of targeted-inspection rows [0, 1].")
    var targetedWeight: Double?

    @Option(
        name: .customLong("validation-quarter"),
        help: "Validation quarter (overrides split.validation_quarter; \"last\" or e.g. 2026Q3).")
    var validationQuarter: String?
    @Option(
        name: .customLong("test-quarter"),
        help: "Quarter held out of training and validation (overrides split.test_quarter), for riskgrade validate.")
    var testQuarter: String?

    /// The config with the label and split overrides and then `extra` applied, as settings the model records.
    func experiment(settings extra: [String] = []) throws -> ExperimentConfig {
        var experiment = try ExperimentConfig.load(path: config)
        if let validationQuarter {
            guard validationQuarter == "last" || Quarter(validationQuarter) != nil else {
                throw ValidationError(
                    "--validation-quarter must be last or a quarter like 2026Q3, got \"\(validationQuarter)\"")
            }
        }
        if let testQuarter, Quarter(testQuarter) == nil {
            throw ValidationError("--test-quarter must be a quarter like 2026Q4, got \"\(testQuarter)\"")
        }
        if let targetedWeight, !(0...1).contains(targetedWeight) {
            throw ValidationError("--targeted-weight must be in [0, 1], got \(targetedWeight)")
        }
        var settings: [String] = []
        if let validationQuarter { settings.append("split.validation_quarter=\(validationQuarter)") }
        if let testQuarter { settings.append("split.test_quarter=\(testQuarter)") }
        if let targetedWeight { settings.append("label.targeted_weight=\(targetedWeight)") }
        try experiment.apply(settings: settings + extra)
        return experiment
    }

    /// Runs, writes the outputs and prints the summary.
    func execute(_ run: BoostingRun) throws {
        let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let outcome = try run.run(dataFile: data, validationFile: valid, progress: log)
        try outcome.write(to: out)
        let m = outcome.metrics
        print("wrote \(out): model.json (\(m.rounds) trees), ensemble.json, metrics.json, importance.csv/json/md")
        printValidation(random: m.randomValidation, all: m.allValidation)
        print(String(format: "  training %.2f s, best round %d", m.trainingSeconds, m.bestRound))
    }
}

/// Prints a run's validation figures: on random inspections, then on every labelled row (each when present).
func printValidation(random: TrainingMetrics.Evaluation?, all: TrainingMetrics.Evaluation?) {
    for (name, evaluation) in [("random inspections", random), ("all labelled", all)] {
        guard let evaluation else { continue }
        print(
            String(
                format: "  validation (%@): %d rows, AUC %.4f, log loss %.5f", name, evaluation.rows, evaluation.auc,
                evaluation.logLoss))
    }
}
