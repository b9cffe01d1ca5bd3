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
        try FrozenModelBuilder.write(frozenModel(createdAt: createdAt), to: path)
    }

    /// The frozen model of this run (see `FrozenModelBuilder`): the network body and the integrated-gradients
    /// shares as indicator weights (source `integrated_gradients`).
    ///
    /// - Throws: When a table cannot be read for its digest.
    public func frozenModel(createdAt: Date = Date()) throws -> RiskModel {
        var weights: [String: [String: Double]] = [:]
        for row in importance.indicators { weights[row.name] = [Self.weightSource: row.share] }
        let builder = FrozenModelBuilder(
            config: config, encoding: encoding, trainFile: metrics.trainFile, validationFile: metrics.validationFile,
            trainQuarters: metrics.trainQuarters, validationQuarter: metrics.validationQuarter,
            randomValidation: metrics.randomValidation, allValidation: metrics.allValidation, goldenRows: goldenRows)
        return try builder.model(body: .network(network), weights: weights, createdAt: createdAt)
    }
}
