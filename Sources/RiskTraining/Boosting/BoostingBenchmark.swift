import Foundation
import RiskScoring

/// A timing entry point for gradient boosting, for `riskgrade bench`; not run by the tests.
public enum BoostingBenchmark {
    /// Reads `train` and `valid` feature tables (the peers' CSVs) with `config`'s schema, keeps labelled rows,
    /// trains with `parameters` and returns a report: rows, features, seconds (binning included, CSV reading
    /// excluded), seconds per tree, validation AUC and log loss, peak RSS.
    ///
    /// Monotone directions come from the indicators' risk directions unless `monotone` is false.
    public static func run(
        train: String, valid: String, config: String, parameters: BoostingParameters, monotone: Bool = true,
        progressInterval: Int = 0
    ) throws -> String {
        let experiment = try ExperimentConfig.load(path: config)
        let schema = experiment.tableSchema
        let (trainRead, readSeconds) = try ResourceUsage.timed { try Dataset.read(csv: train, schema: schema) }
        let validRead = try Dataset.read(csv: valid, schema: schema)
        let trainSet = try trainingSet(trainRead, experiment: experiment, reference: nil, monotone: monotone)
        let validSet = try trainingSet(validRead, experiment: experiment, reference: trainRead, monotone: monotone)
        let trainer = GradientBoostingTrainer(
            parameters: parameters, options: BoostingOptions(progressInterval: progressInterval))
        var lines: [String] = []
        let result = try trainer.train(trainSet, validation: validSet) { progress in
            let line = String(
                format: "round %d: train loss %.5f, valid loss %.5f, AUC %.5f, %.2f s", progress.round,
                progress.trainLogLoss, progress.validLogLoss ?? .nan, progress.validAUC ?? .nan,
                progress.elapsedSeconds)
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let margins = (0..<validSet.rowCount).map { row in
            result.ensemble.margin(validSet.row(row))
        }
        let auc = Metrics.auc(scores: margins, labels: validSet.labels)
        let loss = Metrics.logLoss(margins: margins, labels: validSet.labels)
        let peak = ResourceUsage.peakResidentBytes().map { String($0 / 1_048_576) } ?? "?"
        lines.append(
            "boosting: train \(trainSet.rowCount) rows, valid \(validSet.rowCount) rows, \(trainSet.featureCount) "
                + "features (CSV read \(String(format: "%.2f", readSeconds)) s)")
        lines.append(
            String(
                format: "boosting: %d trees, %d leaves, lr %.3g, %d bins, threads %d: fit %.3f s (%.1f ms/tree), "
                    + "valid AUC %.5f, log loss %.5f, peak RSS %@ MiB",
                result.ensemble.trees.count, parameters.maxLeaves, parameters.learningRate, parameters.bins,
                parameters.threads, result.seconds, 1000 * result.seconds / Double(max(1, result.ensemble.trees.count)),
                auc, loss, peak))
        return lines.joined(separator: "\n")
    }

    /// The features of a dataset read with the experiment schema; rows with a missing label are dropped.
    /// Categories are coded by the `reference` dataset's vocabulary (unseen → missing).
    static func trainingSet(
        _ data: Dataset, experiment: ExperimentConfig, reference: Dataset?, monotone: Bool
    ) throws -> TrainingSet {
        let labels = try data.numeric(experiment.label.column)
        let keep = labels.indices.filter { !labels[$0].isNaN }
        var columns: [[Float]] = []
        var categorical: [Bool] = []
        var directions: [Int8] = []
        for indicator in experiment.indicatorSystem.indicators {
            if indicator.kind == .categorical {
                let column = try data.categorical(indicator.column)
                let vocabulary = try (reference ?? data).categorical(indicator.column).vocabulary
                var codeOf: [String: Int] = [:]
                for (code, value) in vocabulary.enumerated() { codeOf[value] = code }
                let mapped: [Float] = column.vocabulary.map { codeOf[$0].map(Float.init) ?? .nan }
                columns.append(keep.map { column.codes[$0] < 0 ? .nan : mapped[Int(column.codes[$0])] })
                categorical.append(true)
                directions.append(0)
            } else {
                let values = try data.numeric(indicator.column)
                columns.append(keep.map { values[$0] })
                categorical.append(false)
                directions.append(monotone ? TrainingSet.monotoneDirection(indicator.direction) : 0)
            }
        }
        return TrainingSet(
            columns: columns, names: experiment.featureColumns, isCategorical: categorical,
            monotoneDirection: directions, labels: keep.map { labels[$0] })
    }
}
