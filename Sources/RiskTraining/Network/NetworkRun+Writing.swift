import Foundation
import RiskScoring

extension NetworkRun.Outcome {
    /// The files a network run writes into its output folder (the names gradient boosting uses, less
    /// `ensemble.json`).
    public enum File {
        /// The frozen model (format 1.0, body kind `network`), ready for `riskgrade models add`.
        public static let model = BoostingRun.Outcome.File.model
        public static let metrics = BoostingRun.Outcome.File.metrics
        public static let importanceCSV = BoostingRun.Outcome.File.importanceCSV
        public static let importanceJSON = BoostingRun.Outcome.File.importanceJSON
        public static let importanceMarkdown = BoostingRun.Outcome.File.importanceMarkdown
    }

    /// The key of the network's learned weights in the model's `indicatorWeights`.
    public static let weightSource = "integrated_gradients"

    /// Writes every output file into `directory` (created if needed), each atomically.
    ///
    /// - Throws: `ModelFormatError` when the frozen model cannot be built or does not load back, file system
    ///   errors otherwise.
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        try writeModel(to: path(File.model))
        try ReportFile.writeJSON(metrics, to: path(File.metrics))
        try ReportFile.writeJSON(importance, to: path(File.importanceJSON))
        try ReportFile.write(Data(importance.csv()), to: path(File.importanceCSV))
        try ReportFile.write(Data(importance.markdown().utf8), to: path(File.importanceMarkdown))
    }

    /// Writes the frozen model to `path` atomically, after checking that it loads (digest, invariants and
    /// golden vectors re-scored).
    public func writeModel(to path: String, createdAt: Date = Date()) throws {
        let bytes = try frozenModel(createdAt: createdAt).canonicalBytes()
        _ = try RiskModel.decode(Data(bytes), file: path)
        try AtomicFile.write(bytes, to: path)
    }

    /// The frozen model of this run, built as gradient boosting's (features from the config's indicators,
    /// grading, digests, config text, validation figures, golden vectors) with the network body and the
    /// integrated-gradients shares as indicator weights (source `integrated_gradients`).
    ///
    /// - Throws: When a table cannot be read for its digest.
    public func frozenModel(createdAt: Date = Date()) throws -> RiskModel {
        let indicators = Dictionary(
            config.indicatorSystem.indicators.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let features = encoding.features.map { feature in
            let indicator = indicators[feature.name]
            return ModelFeature(
                name: feature.name, column: feature.column, dimension: feature.dimension, kind: feature.kind,
                direction: feature.direction, unit: indicator?.unit, validRange: indicator?.validRange,
                missing: indicator?.missing ?? Indicator.defaultMissingPolicy(for: feature.kind),
                vocabulary: feature.vocabulary)
        }
        let cutoffs: GradeCutoffs
        if case .cutoffs(let configured) = config.grading.policy { cutoffs = configured } else { cutoffs = .standard }
        var weights: [String: [String: Double]] = [:]
        for row in importance.indicators { weights[row.name] = [Self.weightSource: row.share] }
        var files = [metrics.trainFile]
        if metrics.validationFile != metrics.trainFile { files.append(metrics.validationFile) }
        var validation: [TrainingRecord.Validation] = []
        for (set, evaluation) in [
            ("random_inspections", metrics.randomValidation), ("all_labelled", metrics.allValidation),
        ] {
            guard let evaluation, evaluation.auc.isFinite, evaluation.logLoss.isFinite else { continue }
            validation.append(
                TrainingRecord.Validation(
                    set: set, rows: evaluation.rows, positives: evaluation.positives, auc: evaluation.auc,
                    logLoss: evaluation.logLoss))
        }
        let version = metrics.validationQuarter ?? metrics.trainQuarters.last ?? "unversioned"
        var model = RiskModel(
            identity: ModelIdentity(
                name: config.name, version: version, createdAt: ModelIdentity.timestamp(createdAt),
                toolkitVersion: Toolkit.version),
            features: features, body: .network(network),
            grading: GradingRules(cutoffs: cutoffs, hardRules: config.grading.hardRules),
            indicatorWeights: weights,
            training: TrainingRecord(
                data: try files.map {
                    try TrainingRecord.InputFile.digest(of: $0, name: ($0 as NSString).lastPathComponent)
                },
                config: config.yaml, validation: validation))
        model.goldenVectors = model.goldenVectors(for: goldenRows)
        return model
    }
}
