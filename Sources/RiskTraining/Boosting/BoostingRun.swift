import Foundation
import RiskScoring

/// One training run of gradient boosting from an experiment config and a feature table: the time split, the
/// encoding, training with early stopping on the validation quarter, and the reports a run leaves behind.
///
/// A run starts from scratch, continues boosting an earlier model (warm start), or refits an earlier model's
/// trees on new rows (see ``Start``).
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

    /// What a run starts from.
    public enum Start: Sendable {
        /// A new ensemble.
        case scratch
        /// Continue boosting an earlier model: its trees are kept and `rounds` more are added on top.
        case warmStart(EarlierModel)
        /// The earlier model's trees (structure and thresholds) with their leaf values re-estimated on the new
        /// training rows; no tree is added.
        case refit(EarlierModel)
    }

    /// The experiment.
    public var config: ExperimentConfig
    /// Rows whose mean |SHAP| is computed for importance (a seeded sample of the validation rows).
    public var shapSampleSize = 2000
    /// Whether each indicator is constrained monotone in its risk direction: `model.boosting.monotone`.
    public var monotone: Bool {
        get { config.model.boosting.monotone }
        set { config.model.boosting.monotone = newValue }
    }
    /// What the run starts from. Default ``Start/scratch``.
    public var start = Start.scratch

    /// A run of `config`.
    public init(config: ExperimentConfig) { self.config = config }

    /// Reads the feature table at `dataFile` (labelled rows only, see
    /// ``ExperimentConfig/trainingTableSchema``) and runs on it, validating on `validationFile` when given.
    ///
    /// - Throws: as ``run(table:file:validationTable:progress:)``.
    public func run(
        dataFile: String, validationFile: String? = nil, progress: @escaping (String) -> Void = { _ in }
    ) throws -> Outcome {
        let schema = config.trainingTableSchema
        let table = try Dataset.read(csv: dataFile, schema: schema)
        let validation = try validationFile.map { (table: try Dataset.read(csv: $0, schema: schema), file: $0) }
        return try run(table: consume table, file: dataFile, validationTable: consume validation, progress: progress)
    }

    /// Trains on `table` (time-split by the config), or on all of `table` with `validationTable` as the
    /// validation set when one is given.
    ///
    /// The tables are consumed: what validation and importance need is taken out of them first, the training
    /// rows are binned one feature at a time, and the tables are released before boosting starts, so a
    /// caller that hands them over keeps no raw copy of the table alive during training.
    /// - Throws: `CSVError`/`DataError`/`LabelError` for unusable tables, `TrainingError` from boosting or from
    ///   an earlier model that does not fit the config.
    public func run(
        table: consuming Dataset, file: String, validationTable: consuming (table: Dataset, file: String)? = nil,
        progress: @escaping (String) -> Void = { _ in }
    ) throws -> Outcome {
        // Ordinary bindings that own the tables, released with `consume` below.
        let table = table
        let validationTable = validationTable
        let parameters = config.model.boosting
        var encoding = try FeatureEncoding(config: config, training: table)
        let earlier: (model: EarlierModel, ensemble: TreeEnsemble)?
        switch start {
        case .scratch: earlier = nil
        case .warmStart(let model), .refit(let model): earlier = (model, try model.aligned(to: &encoding))
        }
        let selected = try config.labelledRows(in: table, file: file, splitInTime: validationTable == nil)
        let validationFile = validationTable?.file ?? file
        let validation = try Self.validationData(
            config: config, encoding: encoding, table: validationTable?.table ?? table,
            file: validationFile, selected: validationTable == nil ? selected : nil,
            shapSampleSize: shapSampleSize)
        let trainRows = selected.train
        let trainLabels = try Self.labels(of: table, column: config.label.column, rows: trainRows)
        let weights = selected.trainWeights.allSatisfy { $0 == 1 } ? nil : selected.trainWeights
        // With no labelled validation rows, importance explains a sample of the training rows.
        let sampleColumns =
            try validation.sampleColumns
            ?? encoding.columns(of: table, rows: Self.sample(trainRows, size: shapSampleSize, seed: config.model.seed))
            .columns
        let trainQuarters = selected.trainQuarters.map(\.description)
        progress(
            "train: \(trainRows.count) labelled rows (quarters \(trainQuarters.first ?? "-")..\(trainQuarters.last ?? "-")), "
                + "validation \(validation.random?.rowCount ?? 0) random of \(validation.allLabels.count) labelled rows, "
                + "\(encoding.features.count) indicators")

        let trainer = GradientBoostingTrainer(parameters: parameters, options: try options(encoding: encoding))
        let clock = Date()
        let result: (ensemble: TreeEnsemble, bestRound: Int)
        if let earlier, case .refit = start {
            // Refit routes rows by raw values: it needs the training rows' columns, not bins.
            let set = TrainingSet(
                columns: try encoding.columns(of: table, rows: trainRows).columns,
                isCategorical: encoding.features.map(\.isCategorical), monotoneDirection: monotoneDirections(encoding),
                labels: trainLabels, weights: weights)
            _ = consume table
            _ = consume validationTable
            let refitted = try trainer.refit(earlier.ensemble, on: set)
            result = (refitted, refitted.trees.count)
        } else {
            let warmStart = try earlier.map { earlier in
                WarmStart(
                    ensemble: earlier.ensemble, columns: try encoding.columns(of: table, rows: trainRows).columns,
                    threads: parameters.threads)
            }
            let bins = try Self.binTrainingRows(
                of: table, rows: trainRows, encoding: encoding, weights: weights, maxBins: parameters.bins,
                seed: config.model.seed, threads: parameters.threads)
            // Everything boosting needs is out of the tables now.
            _ = consume table
            _ = consume validationTable
            let set = BinnedTrainingSet(
                features: BinnedFeatures(features: bins.features, columns: bins.columns, threads: parameters.threads),
                labels: trainLabels, weights: weights,
                monotoneDirection: monotoneDirections(encoding))
            let boosted = try trainer.train(
                set, validation: validation.random, warmStart: warmStart,
                start: clock
            ) { report in
                var line = "round \(report.round): train log loss \(String(format: "%.5f", report.trainLogLoss))"
                if let loss = report.validLogLoss { line += ", valid log loss \(String(format: "%.5f", loss))" }
                if let auc = report.validAUC { line += ", valid AUC \(String(format: "%.4f", auc))" }
                progress(line + ", \(String(format: "%.1f", report.elapsedSeconds)) s")
            }
            result = (boosted.ensemble, boosted.bestRound)
        }
        let seconds = Date().timeIntervalSince(clock)

        // Validation through the runtime's evaluator: random inspections, and every labelled row.
        func evaluate(columns: [[Float]], labels: [Float]) -> TrainingMetrics.Evaluation? {
            guard !labels.isEmpty else { return nil }
            var margins = [Double](repeating: 0, count: labels.count)
            result.ensemble.margins(columns: columns, into: &margins, threads: parameters.threads)
            return TrainingMetrics.Evaluation(
                rows: labels.count, positives: labels.reduce(0) { $0 + Int($1) },
                auc: Metrics.auc(scores: margins, labels: labels),
                logLoss: Metrics.logLoss(margins: margins, labels: labels))
        }
        let importance = ImportanceTable(
            ensemble: result.ensemble, encoding: encoding, sample: sampleColumns, threads: parameters.threads)
        let metrics = TrainingMetrics(
            experiment: config.name, toolkitVersion: Toolkit.version, trainFile: file,
            validationFile: validationFile, trainQuarters: trainQuarters,
            validationQuarter: selected.validationQuarter?.description, trainRows: trainRows.count,
            trainPositives: trainLabels.reduce(0) { $0 + Int($1) },
            unseenValidationCategories: validation.unseenCategories,
            randomValidation: validation.random.flatMap { evaluate(columns: $0.columns, labels: $0.labels) },
            allValidation: evaluate(columns: validation.allColumns, labels: validation.allLabels),
            rounds: result.ensemble.trees.count, bestRound: result.bestRound, trainingSeconds: seconds,
            peakResidentMegabytes: ResourceUsage.peakResidentBytes().map { Double($0) / 1_048_576 },
            parameters: parameters, seed: config.model.seed,
            earlierModel: earlier.map { earlier in
                TrainingMetrics.EarlierModelUse(
                    path: earlier.model.path, kind: { if case .refit = start { "refit" } else { "warm_start" } }(),
                    trees: earlier.ensemble.trees.count)
            })
        return Outcome(
            ensemble: result.ensemble, encoding: encoding, metrics: metrics, importance: importance, config: config,
            goldenRows: Self.goldenRows(columns: sampleColumns, featureCount: encoding.features.count))
    }

    /// The trainer's options from the config: seed, class weight, early-stopping metric, interaction groups
    /// (indicator names turned into feature indices) and a progress line every twentieth of the rounds.
    func options(encoding: FeatureEncoding) throws(TrainingError) -> BoostingOptions {
        let parameters = config.model.boosting
        let names = encoding.features.map(\.name)
        var groups: [[Int]]?
        if !parameters.interactionGroups.isEmpty {
            groups = []
            for (index, group) in parameters.interactionGroups.enumerated() {
                var features: [Int] = []
                for name in group {
                    guard let feature = names.firstIndex(of: name) else {
                        throw .unknownInteractionFeature(group: index, name: name)
                    }
                    features.append(feature)
                }
                groups?.append(features)
            }
        }
        return BoostingOptions(
            seed: config.model.seed, positiveClassWeight: parameters.positiveClassWeight,
            stoppingMetric: parameters.earlyStoppingMetric, interactionGroups: groups,
            progressInterval: max(1, parameters.rounds / 20))
    }

    /// Each feature's monotone direction: its risk direction when ``monotone``, else free.
    func monotoneDirections(_ encoding: FeatureEncoding) -> [Int8] {
        encoding.features.map { monotone ? TrainingSet.monotoneDirection($0.direction) : 0 }
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
