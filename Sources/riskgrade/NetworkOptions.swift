import ArgumentParser
import Foundation
import RiskTraining

extension Learner: ExpressibleByArgument {}

/// The options of `riskgrade train --learner network`, and running it.
struct NetworkOptions: ParsableArguments {
    @Option(help: "Network hidden layer widths, comma-separated (e.g. 64,32).") var layers: String?
    @Option(help: "Network epochs.") var epochs: Int?
    @Option(help: "Network mini-batch rows.") var batch: Int?
    @Option(name: .customLong("weight-decay"), help: "Network decoupled weight decay.") var weightDecay: Double?
    @Option(help: "Network early-stopping patience in epochs (0 = off).") var patience: Int?

    /// `experiment` with these options (and the shared `learningRate` and `threads`) over its `model.network`.
    func apply(to experiment: inout ExperimentConfig, learningRate: Double?, threads: Int?) throws {
        let widths = try layers.map { text in
            try text.split(separator: ",").map { part in
                guard let width = Int(part.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--layers takes whole numbers separated by commas, got \"\(text)\"")
                }
                return width
            }
        }
        // Recorded in the model (training.settings), so a retrain trains the same network.
        var settings: [String] = []
        if let widths { settings.append("model.network.layers=[\(widths.map(String.init).joined(separator: ", "))]") }
        if let epochs { settings.append("model.network.epochs=\(epochs)") }
        if let batch { settings.append("model.network.batch=\(batch)") }
        if let learningRate { settings.append("model.network.learning_rate=\(learningRate)") }
        if let weightDecay { settings.append("model.network.weight_decay=\(weightDecay)") }
        if let patience { settings.append("model.network.patience=\(patience)") }
        try experiment.apply(settings: settings)
        try experiment.model.overrideNetwork(threads: threads)
    }

    /// Trains the network on the labelled tables, writes the outputs into `out` and prints the summary.
    func train(
        _ experiment: ExperimentConfig, table: Dataset, file: String, validation: (table: Dataset, file: String)?,
        out: String, learningRate: Double?, threads: Int?, log: @escaping (String) -> Void
    ) throws {
        var experiment = experiment
        try apply(to: &experiment, learningRate: learningRate, threads: threads)
        let outcome = try NetworkRun(config: experiment).run(
            table: table, file: file, validationTable: validation, progress: log)
        try outcome.write(to: out)
        let m = outcome.metrics
        print(
            "wrote \(out): model.json (network, \(m.parameterCount) parameters), metrics.json, importance.csv/json/md")
        printValidation(random: m.randomValidation, all: m.allValidation)
        print(
            String(
                format: "  training %.2f s (%@), %d epochs, best epoch %d", m.trainingSeconds, m.blasCore, m.epochs,
                m.bestEpoch))
    }
}
