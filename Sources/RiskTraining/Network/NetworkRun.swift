import Foundation
import RiskScoring

/// One training run of the small neural network from an experiment config and a feature table: the time split,
/// the input encoding fitted on the training rows, training with early stopping on the validation quarter's
/// random inspections, validation through the runtime's evaluator, and integrated-gradients importance.
public struct NetworkRun: Sendable {
    /// What the run produced.
    public struct Outcome: Sendable {
        /// The frozen network.
        public var network: NeuralNetwork
        /// How indicators became features (names, directions, vocabularies).
        public var encoding: FeatureEncoding
        /// The figures written to `metrics.json`.
        public var metrics: NetworkMetrics
        /// Importance per indicator and dimension (the learned weights).
        public var importance: NetworkImportance
        /// The experiment config the run trained with.
        public var config: ExperimentConfig
        /// Rows (one value per feature) the frozen model keeps as golden vectors.
        public var goldenRows: [[Float]]
    }

    /// The experiment.
    public var config: ExperimentConfig
    /// Rows whose integrated gradients are averaged for importance (a seeded sample of the validation rows).
    public var attributionSampleSize = 1000

    /// A run of `config`.
    public init(config: ExperimentConfig) { self.config = config }

    /// Trains on `table` (time-split by the config), or on all of `table` with `validationTable` as the
    /// validation set when one is given.
    ///
    /// - Throws: `CSVError`/`DataError`/`LabelError` for unusable tables, `TrainingError`/`NetworkError` from
    ///   training.
    public func run(
        table: Dataset, file: String, validationTable: (table: Dataset, file: String)? = nil,
        progress: @escaping (String) -> Void = { _ in }
    ) throws -> Outcome {
        let parameters = config.model.network
        let threads = parameters.threads > 0 ? parameters.threads : ProcessInfoCores.active
        let encoding = try FeatureEncoding(config: config, training: table)
        let (selected, validation) = try config.trainingSelection(
            table: table, file: file, validationTable: validationTable)
        let trainRows = selected.train
        let labels = try table.numeric(config.label.column)
        let trainColumns = try encoding.columns(of: table, rows: trainRows).columns
        let validLabels = try validation.table.numeric(config.label.column)
        let validColumns = try encoding.columns(of: validation.table, rows: validation.random)
        let trainQuarters = selected.trainQuarters.map(\.description)
        progress(
            "train: \(trainRows.count) labelled rows (quarters \(trainQuarters.first ?? "-")..\(trainQuarters.last ?? "-")), "
                + "validation \(validation.random.count) random of \(validation.all.count) labelled rows, "
                + "\(encoding.features.count) indicators")

        let start = Date()
        let inputs = NetworkInputs.fit(
            columns: trainColumns,
            categoryCounts: encoding.features.map { $0.isCategorical ? $0.vocabulary.count : nil })
        let shape = NeuralNetwork(inputs: inputs, layers: [])
        let trainSet: EncodedRows<Float> = NetworkInputs.encode(columns: trainColumns, network: shape)
        let validSet: EncodedRows<Float> = NetworkInputs.encode(columns: validColumns.columns, network: shape)
        let weights = selected.trainWeights
        let trainer = NetworkTrainer(parameters: parameters, seed: config.model.seed)
        let result = try trainer.train(
            trainSet, labels: trainRows.map { labels[$0] }, weights: weights.allSatisfy { $0 == 1 } ? nil : weights,
            inputs: inputs, validation: (validSet, validation.random.map { validLabels[$0] })
        ) { report in
            var line = "epoch \(report.epoch): train log loss \(String(format: "%.5f", report.trainLogLoss))"
            if let loss = report.validLogLoss { line += ", valid log loss \(String(format: "%.5f", loss))" }
            if let auc = report.validAUC { line += ", valid AUC \(String(format: "%.4f", auc))" }
            progress(line + ", \(String(format: "%.1f", report.elapsedSeconds)) s")
        }
        let seconds = Date().timeIntervalSince(start)
        let network = result.model.frozen()

        // Validation through the runtime's evaluator: random inspections, and every labelled row.
        func evaluate(_ rows: [Int]) throws -> TrainingMetrics.Evaluation? {
            guard !rows.isEmpty else { return nil }
            let columns = try encoding.columns(of: validation.table, rows: rows).columns
            let margins = Self.margins(of: network, columns: columns, threads: threads)
            let y = rows.map { validLabels[$0] }
            return TrainingMetrics.Evaluation(
                rows: rows.count, positives: y.reduce(0) { $0 + Int($1) },
                auc: Metrics.auc(scores: margins, labels: y), logLoss: Metrics.logLoss(margins: margins, labels: y))
        }
        let explained = validation.all.isEmpty ? (table, trainRows) : (validation.table, validation.all)
        let sample = BoostingRun.sample(explained.1, size: attributionSampleSize, seed: config.model.seed)
        let sampleColumns = try encoding.columns(of: explained.0, rows: sample).columns
        let importance = NetworkImportance(
            network: network, encoding: encoding, sample: sampleColumns, threads: threads)
        let metrics = NetworkMetrics(
            learner: Learner.network.rawValue, experiment: config.name, toolkitVersion: Toolkit.version,
            trainFile: file, validationFile: validation.file, trainQuarters: trainQuarters,
            validationQuarter: selected.validationQuarter?.description, trainRows: trainRows.count,
            trainPositives: trainRows.reduce(0) { $0 + Int(labels[$1]) },
            unseenValidationCategories: validColumns.unseenCategories,
            randomValidation: try evaluate(validation.random), allValidation: try evaluate(validation.all),
            inputWidth: shape.layout.width, parameterCount: result.model.parameterCount, epochs: result.epochs,
            bestEpoch: result.bestEpoch, trainLogLoss: result.trainLogLoss, validLogLoss: result.validLogLoss,
            trainingSeconds: seconds,
            peakResidentMegabytes: ResourceUsage.peakResidentBytes().map { Double($0) / 1_048_576 },
            blasCore: BLAS.coreName, parameters: parameters, seed: config.model.seed)
        return Outcome(
            network: network, encoding: encoding, metrics: metrics, importance: importance, config: config,
            goldenRows: BoostingRun.goldenRows(columns: sampleColumns, featureCount: encoding.features.count))
    }

    /// The runtime's margins of the rows of `columns` (one column per feature), in blocks on `threads` threads.
    static func margins(of network: NeuralNetwork, columns: [[Float]], threads: Int) -> [Double] {
        let rows = columns.first?.count ?? 0
        let features = columns.count
        let blockSize = 4096
        let blocks = (rows + blockSize - 1) / blockSize
        return Parallel.map(blocks, threads: threads) { block in
            let range = (block * blockSize)..<min(rows, (block + 1) * blockSize)
            var rowMajor = [Float](repeating: 0, count: range.count * features)
            for (f, column) in columns.enumerated() {
                for (i, r) in range.enumerated() { rowMajor[i * features + f] = column[r] }
            }
            return network.margins(rowMajor: rowMajor)
        }.flatMap { $0 }
    }
}
