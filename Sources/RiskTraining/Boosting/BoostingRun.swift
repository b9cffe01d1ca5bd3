import Foundation
import RiskScoring

/// One training run of gradient boosting from an experiment config and a feature table: the time split, the
/// encoding, training with early stopping on the validation quarter, and the reports a run leaves behind.
public struct BoostingRun: Sendable {
    /// What the run produced.
    public struct Outcome: Sendable {
        /// The trained ensemble (best iteration when early stopping).
        public var ensemble: TreeEnsemble
        /// How indicators became inputs (names, directions, vocabularies).
        public var encoding: FeatureEncoding
        /// The figures written to `metrics.json`.
        public var metrics: TrainingMetrics
        /// Importance per indicator and dimension.
        public var importance: ImportanceTable
        /// The experiment config the run trained with.
        public var config: ExperimentConfig
        /// Rows (one value per feature) the frozen model keeps as golden vectors.
        public var goldenRows: [[Float]]
    }

    /// The experiment.
    public var config: ExperimentConfig
    /// Rows whose mean |SHAP| is computed for importance (a seeded sample of the validation rows).
    public var shapSampleSize = 2000
    /// Whether each indicator is constrained monotone in its risk direction. Default true.
    public var monotone = true

    /// A run of `config`.
    public init(config: ExperimentConfig) { self.config = config }

    /// Trains on `table` (time-split by the config), or on all of `table` with `validationTable` as the
    /// validation set when one is given.
    ///
    /// - Throws: `CSVError`/`DataError`/`LabelError` for unusable tables, `TrainingError` from boosting.
    public func run(
        table: Dataset, file: String, validationTable: (table: Dataset, file: String)? = nil,
        progress: @escaping (String) -> Void = { _ in }
    ) throws -> Outcome {
        let parameters = config.model.boosting
        let encoding = try FeatureEncoding(config: config, training: table)
        let selected = try config.labelledRows(in: table, file: file, splitInTime: validationTable == nil)
        let validation: (table: Dataset, random: [Int], all: [Int], file: String)
        if let separate = validationTable {
            let rows = try config.validationRows(in: separate.table, file: separate.file)
            validation = (separate.table, rows.random, rows.all, separate.file)
        } else {
            validation = (table, selected.randomValidation, selected.allValidation, file)
        }
        let trainRows = selected.train
        let labels = try table.numeric(config.label.column)
        let trainColumns = try encoding.columns(of: table, rows: trainRows)
        let weights = selected.trainWeights
        let trainingSet = TrainingSet(
            columns: trainColumns.columns, names: encoding.features.map(\.name),
            isCategorical: encoding.features.map(\.isCategorical),
            monotoneDirection: encoding.features.map { monotone ? TrainingSet.monotoneDirection($0.direction) : 0 },
            labels: trainRows.map { labels[$0] }, weights: weights.allSatisfy { $0 == 1 } ? nil : weights)
        // Early stopping watches the random inspections of the validation set: the unbiased measure.
        let validLabels = try validation.table.numeric(config.label.column)
        let validColumns = try encoding.columns(of: validation.table, rows: validation.random)
        let validationSet =
            validation.random.isEmpty
            ? nil
            : TrainingSet(
                columns: validColumns.columns, names: trainingSet.names, isCategorical: trainingSet.isCategorical,
                monotoneDirection: trainingSet.monotoneDirection, labels: validation.random.map { validLabels[$0] })
        let trainQuarters = selected.trainQuarters.map(\.description)
        progress(
            "train: \(trainRows.count) labelled rows (quarters \(trainQuarters.first ?? "-")..\(trainQuarters.last ?? "-")), "
                + "validation \(validation.random.count) random of \(validation.all.count) labelled rows, "
                + "\(encoding.features.count) indicators")

        let trainer = GradientBoostingTrainer(
            parameters: parameters,
            options: BoostingOptions(
                seed: config.model.seed, stoppingMetric: .logLoss, progressInterval: max(1, parameters.rounds / 20)))
        let result = try trainer.train(trainingSet, validation: validationSet) { report in
            var line = "round \(report.round): train log loss \(String(format: "%.5f", report.trainLogLoss))"
            if let loss = report.validLogLoss { line += ", valid log loss \(String(format: "%.5f", loss))" }
            if let auc = report.validAUC { line += ", valid AUC \(String(format: "%.4f", auc))" }
            progress(line + ", \(String(format: "%.1f", report.elapsedSeconds)) s")
        }

        // Validation through the runtime's evaluator: random inspections, and every labelled row.
        func evaluate(_ rows: [Int]) throws -> TrainingMetrics.Evaluation? {
            guard !rows.isEmpty else { return nil }
            let columns = try encoding.columns(of: validation.table, rows: rows).columns
            var margins = [Double](repeating: 0, count: rows.count)
            result.ensemble.margins(columns: columns, into: &margins, threads: parameters.threads)
            let y = rows.map { validLabels[$0] }
            return TrainingMetrics.Evaluation(
                rows: rows.count, positives: y.reduce(0) { $0 + Int($1) },
                auc: Metrics.auc(scores: margins, labels: y), logLoss: Metrics.logLoss(margins: margins, labels: y))
        }
        let explained = validation.all.isEmpty ? (table, trainRows) : (validation.table, validation.all)
        let sample = Self.sample(explained.1, size: shapSampleSize, seed: config.model.seed)
        let sampleColumns = try encoding.columns(of: explained.0, rows: sample).columns
        let importance = ImportanceTable(
            ensemble: result.ensemble, encoding: encoding, sample: sampleColumns, threads: parameters.threads)
        let metrics = TrainingMetrics(
            experiment: config.name, toolkitVersion: Toolkit.version, trainFile: file,
            validationFile: validation.file, trainQuarters: trainQuarters,
            validationQuarter: selected.validationQuarter?.description, trainRows: trainRows.count,
            trainPositives: trainingSet.labels.reduce(0) { $0 + Int($1) },
            unseenValidationCategories: validColumns.unseenCategories,
            randomValidation: try evaluate(validation.random), allValidation: try evaluate(validation.all),
            rounds: result.ensemble.trees.count, bestRound: result.bestRound, trainingSeconds: result.seconds,
            peakResidentMegabytes: ResourceUsage.peakResidentBytes().map { Double($0) / 1_048_576 },
            parameters: parameters, seed: config.model.seed)
        return Outcome(
            ensemble: result.ensemble, encoding: encoding, metrics: metrics, importance: importance, config: config,
            goldenRows: Self.goldenRows(columns: sampleColumns, featureCount: encoding.features.count))
    }

    /// Up to `size` of `rows`, drawn without replacement by a seeded generator, in ascending order.
    static func sample(_ rows: [Int], size: Int, seed: UInt64) -> [Int] {
        guard rows.count > size else { return rows }
        var generator = SeededGenerator(seed: seed, stream: 0x5348_4150)
        var pool = rows
        for i in 0..<size { pool.swapAt(i, i + generator.index(below: pool.count - i)) }
        return pool[0..<size].sorted()
    }
}
