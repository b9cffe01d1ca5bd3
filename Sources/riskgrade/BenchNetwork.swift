import ArgumentParser
import Foundation
import RiskTraining

/// `riskgrade bench network`: the network's validation AUC over several seeds on the same tables, to compare
/// with the peers' (`../shared/bench/peers train --only mlp,torch --seed S`) median against median.
struct BenchNetwork: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Train the network once per seed on the same tables; print each AUC, the median and mean ± sd.")

    @Option(help: "Experiment config (YAML).")
    var config: String = "experiments/general.yaml"

    @Option(help: "Feature table (CSV) to train on (every labelled row, as --valid is given).")
    var data: String

    @Option(help: "Validation table.")
    var valid: String

    @Option(help: "Seeds, comma-separated.")
    var seeds: String = "1,2,3,4,5"

    @Option(name: .customLong("learning-rate"), help: "Adam step size.") var learningRate: Double?
    @Option(help: "Worker threads (0 = all cores); the weights do not depend on it.") var threads: Int?
    @Option(name: .customLong("targeted-weight"), help: "Training weight of targeted-inspection rows [0, 1].")
    var targetedWeight: Double?
    @OptionGroup var network: NetworkOptions

    func seedList() throws -> [UInt64] {
        let list = seeds.split(separator: ",").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else {
            throw ValidationError("--seeds takes whole numbers separated by commas, like 1,2,3; got \(seeds)")
        }
        return list.compactMap { $0 }
    }

    func run() throws {
        var experiment = try ExperimentConfig.load(path: config)
        if let targetedWeight {
            guard (0...1).contains(targetedWeight) else {
                throw ValidationError("--targeted-weight must be in [0, 1], got \(targetedWeight)")
            }
            experiment.label.targetedWeight = targetedWeight
        }
        try network.apply(to: &experiment, learningRate: learningRate, threads: threads)
        let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        var schema = experiment.tableSchema
        schema.skipRowsWithEmpty = experiment.label.column
        let table = try Dataset.read(csv: data, schema: schema)
        let validation = (table: try Dataset.read(csv: valid, schema: schema), file: valid)
        let study = try NetworkSeedStudy.run(
            config: experiment, seeds: try seedList(), table: table, file: data, validationTable: validation,
            progress: { line in if line.hasPrefix("seed") { log(line) } })
        print("seed  AUC (all labelled)  AUC (random inspections)  epochs  best  training s")
        for t in study.trials {
            print(
                String(
                    format: "%4llu  %18.5f  %24.5f  %6d  %4d  %10.2f", t.seed, t.allValidation?.auc ?? .nan,
                    t.randomValidation?.auc ?? .nan, t.epochs, t.bestEpoch, t.trainingSeconds))
        }
        for (name, summary) in [
            ("all labelled", study.allValidationAUC), ("random inspections", study.randomValidationAUC),
        ] {
            guard let s = summary else { continue }
            print(
                String(
                    format: "AUC (%@): median %.5f, mean %.5f ± %.5f (sd), range %.5f-%.5f over %d seeds", name,
                    s.median, s.mean, s.standardDeviation, s.minimum, s.maximum, s.count))
        }
        print("BLAS core: \(BLAS.coreName)")
    }
}
