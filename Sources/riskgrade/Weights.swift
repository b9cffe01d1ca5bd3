import ArgumentParser
import Foundation
import RiskScoring
import RiskTraining

/// `riskgrade weights`: indicator weights from experts, statistics and trained learners, side by side.
struct Weights: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Indicator weights from expert judgement, objective statistics and trained learners.",
        discussion: """
            Writes weights.csv, weights.json and weights.md into --out: per indicator and per dimension, the expert \
            weights (AHP or direct), entropy, CRITIC and coefficient of variation over the feature table, the \
            learned weights of trained models (--model, once per learner: gradient boosting gives learned_gbdt and \
            learned_gbdt_gain, the network learned_network, the logistic scorecard learned_scorecard), and the \
            blend the config's weights section sets.
            """)

    @Option(help: "Experiment config (YAML).")
    var config: String = "experiments/general.yaml"

    @Option(help: "Feature table (CSV) for the objective weights.")
    var data: String

    @Option(
        help: ArgumentHelp(
            "A trained model whose learned weights fill their columns: a riskgrade train output folder, its "
                + "model.json, or a registered model (name@alias, name@version); repeat for several learners.",
            valueName: "model"))
    var model: [String] = []

    @Option(help: "Registry folder for name@alias references.")
    var registry: String = "models"

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "Worker threads (0 = all cores); the weights do not depend on it.")
    var threads: Int = 0

    @Option(help: "A synthetic province's ground_truth.json: print each column's rank correlation with it.")
    var truth: String?

    func run() throws {
        let experiment = try ExperimentConfig.load(path: config)
        let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        log("weights: reading \(data)")
        let table = try Dataset.read(csv: data, schema: experiment.tableSchema)
        var learned: [LearnedWeights] = []
        var origins: [WeightSource: String] = [:]
        for reference in model {
            let frozen = try ModelRegistry.load(reference, defaultRoot: registry)
            for column in try LearnedWeights.fromModel(frozen, system: experiment.indicatorSystem, file: reference) {
                if let earlier = origins[column.source] {
                    throw WeightsError.duplicateLearnedSource(source: column.source, files: [earlier, reference])
                }
                origins[column.source] = reference
                learned.append(column)
            }
        }
        let weights = try WeightsTable.build(
            config: experiment, configFile: config, table: table, learned: learned, threads: threads,
            progress: log)
        try weights.write(to: out)
        print(
            "wrote \(out): weights.csv/json/md, \(weights.indicators.count) indicators × "
                + "\(weights.columns.count) columns (\(weights.columns.map(\.name).joined(separator: ", ")))")
        for row in weights.dimensions {
            let cells = weights.columns.compactMap { column in
                row.weights[column.name].map { "\(column.name) \(String(format: "%.3f", $0))" }
            }
            print("  \(row.name): \(cells.joined(separator: ", "))")
        }
        if let truth {
            let groundTruth: GroundTruth
            do {
                groundTruth = try JSONDecoder().decode(
                    GroundTruth.self, from: Data(contentsOf: URL(fileURLWithPath: truth)))
            } catch {
                throw ValidationError(
                    "\(truth): not a ground_truth.json of riskgrade synth (\(error.localizedDescription))")
            }
            print("rank correlation (Spearman) with \(truth):")
            for item in weights.recovery(truth: groundTruth) {
                print(
                    String(
                        format: "  %@: indicators %.3f, dimensions %.3f", item.column, item.indicators, item.dimensions)
                )
            }
        }
    }
}
