import ArgumentParser
import Foundation
import RiskTraining

/// `riskgrade train`: gradient boosting (or, with `--learner network`, the small neural network) on a feature table.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train gradient-boosted trees (or the neural network) on a feature table.",
        discussion: """
            Splits the table in time by the config (or validates on --valid), trains with each indicator's risk \
            direction as a monotone constraint, and writes ensemble.json, metrics.json and importance.{csv,json,md} \
            into --out. Parameters come from the config; the options below override them. --learner network \
            trains the small neural network instead (model.json, metrics.json, importance.{csv,json,md}).
            """)

    @Option(help: "Experiment config (YAML).")
    var config: String = "experiments/general.yaml"

    @Option(help: "Feature table (CSV) to train on.")
    var data: String

    @Option(help: "Validation table; overrides the config's time split.")
    var valid: String?

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "Boosting rounds.") var rounds: Int?
    @Option(help: "Maximum leaves per tree.") var leaves: Int?
    @Option(name: .customLong("learning-rate"), help: "Shrinkage (gbdt) or Adam step size (network).") var learningRate:
        Double?
    @Option(help: "Maximum bins per indicator.") var bins: Int?
    @Option(help: "Worker threads (0 = all cores); the model does not depend on it.") var threads: Int?
    @Option(help: "Random seed.") var seed: UInt64?
    @Option(name: .customLong("early-stopping"), help: "Stop after this many rounds without improvement (0 = off).")
    var earlyStopping: Int?
    @Option(name: .customLong("targeted-weight"), help: "Training weight of targeted-inspection rows [0, 1].")
    var targetedWeight: Double?
    @Flag(inversion: .prefixedNo, help: "Constrain each indicator monotone in its risk direction.")
    var monotone = true
    @Option(help: "Learner (gbdt or network); default: the config's model.learner.") var learner: Learner?
    @OptionGroup var network: NetworkOptions

    func run() throws {
        var experiment = try ExperimentConfig.load(path: config)
        try experiment.model.override(
            rounds: rounds, maxLeaves: leaves, learningRate: learningRate, bins: bins, threads: threads, seed: seed,
            earlyStoppingRounds: earlyStopping)
        if let targetedWeight {
            guard (0...1).contains(targetedWeight) else {
                throw ValidationError("--targeted-weight must be in [0, 1], got \(targetedWeight)")
            }
            experiment.label.targetedWeight = targetedWeight
        }
        let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        // Only labelled rows train or validate: unlabelled ones are skipped while reading.
        var schema = experiment.tableSchema
        schema.skipRowsWithEmpty = experiment.label.column
        let table = try Dataset.read(csv: data, schema: schema)
        let validation = try valid.map { (table: try Dataset.read(csv: $0, schema: schema), file: $0) }
        if (learner ?? experiment.model.learner) == .network {
            return try network.train(
                experiment, table: table, file: data, validation: validation, out: out, learningRate: learningRate,
                threads: threads, log: log)
        }
        var run = BoostingRun(config: experiment)
        run.monotone = monotone
        let outcome = try run.run(
            table: table, file: data, validationTable: validation, progress: log)
        try outcome.write(to: out)
        let m = outcome.metrics
        print("wrote \(out): ensemble.json (\(m.rounds) trees), metrics.json, importance.csv/json/md")
        for (name, evaluation) in [("random inspections", m.randomValidation), ("all labelled", m.allValidation)] {
            guard let evaluation else { continue }
            print(
                String(
                    format: "  validation (%@): %d rows, AUC %.4f, log loss %.5f", name, evaluation.rows,
                    evaluation.auc, evaluation.logLoss))
        }
        print(String(format: "  training %.2f s, best round %d", m.trainingSeconds, m.bestRound))
    }
}
