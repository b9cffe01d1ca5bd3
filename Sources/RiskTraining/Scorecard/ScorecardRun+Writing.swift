import Foundation
import RiskScoring

extension ScorecardRun.Outcome {
    /// The files a scorecard run writes into its output folder.
    public enum File {
        /// The frozen model (format 1.0, body kind `scorecard` or `weighted`), ready for `riskgrade models add`.
        public static let model = BoostingRun.Outcome.File.model
        public static let metrics = BoostingRun.Outcome.File.metrics
        /// The scorecard table (indicator, bin, range, count, event rate, WOE, IV, risk score, points).
        public static let tableCSV = "scorecard.csv"
        public static let tableMarkdown = "scorecard.md"
    }

    /// The key of the logistic scorecard's learned weights in the model's `indicatorWeights`.
    public static let weightSource = "coefficient_woe_sd"
    /// The key of the weights the weighted scorecard used when they are the config's expert weights; weights
    /// from a weights table are stored under their column's name (`blend`, `entropy`, `learned_gbdt`, …).
    public static let expertWeightSource = "expert"

    /// The scorecard table of this run.
    public var table: ScorecardTable { ScorecardTable(binnings: binnings, encoding: encoding, body: body) }

    /// Writes every output file into `directory` (created if needed), each atomically.
    ///
    /// - Throws: `ModelFormatError` when the frozen model cannot be built or does not load back, file system
    ///   errors otherwise.
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        try writeModel(to: path(File.model))
        try ReportFile.writeJSON(metrics, to: path(File.metrics))
        let table = self.table
        try ReportFile.write(Data(table.csv()), to: path(File.tableCSV))
        try ReportFile.write(Data(table.markdown().utf8), to: path(File.tableMarkdown))
    }

    /// Writes the frozen model to `path` atomically, after checking that it loads.
    public func writeModel(to path: String, createdAt: Date = Date()) throws {
        try FrozenModelBuilder.write(frozenModel(createdAt: createdAt), to: path)
    }

    /// The frozen model of this run (see `FrozenModelBuilder`): the scorecard body, and as indicator weights the
    /// learned shares (source `coefficient_woe_sd`) or the weights the weighted scorecard used, under the name of
    /// their column (`expert` from the config; a weights table's column, whose file and SHA-256 join the
    /// training record's data). A weighted body gets the score scale `points`.
    ///
    /// - Throws: When a table cannot be read for its digest.
    public func frozenModel(createdAt: Date = Date()) throws -> RiskModel {
        var weights: [String: [String: Double]] = [:]
        let source: String
        if case .weighted = body {
            source = self.weights?.column ?? Self.expertWeightSource
        } else {
            source = Self.weightSource
        }
        for (feature, share) in zip(encoding.features, indicatorShares) { weights[feature.name] = [source: share] }
        let builder = FrozenModelBuilder(
            config: config, encoding: encoding, trainFile: metrics.trainFile, validationFile: metrics.validationFile,
            trainQuarters: metrics.trainQuarters, validationQuarter: metrics.validationQuarter,
            randomValidation: metrics.randomValidation, allValidation: metrics.allValidation, goldenRows: goldenRows)
        var model = try builder.model(body: body, weights: weights, createdAt: createdAt)
        if case .weighted = body { model.scoreScale = .points }
        if let file = self.weights?.file { model.training.data.append(file) }
        return model
    }
}
