import Foundation
import RiskScoring

extension BoostingRun.Outcome {
    /// The files a run writes into its output folder.
    public enum File {
        /// The frozen model (format 1.0), ready for `riskgrade models add`.
        public static let model = "model.json"
        /// The trained ensemble with its feature encoding (JSON), kept for scripts that read it.
        public static let ensemble = "ensemble.json"
        public static let metrics = "metrics.json"
        public static let importanceCSV = "importance.csv"
        public static let importanceJSON = "importance.json"
        public static let importanceMarkdown = "importance.md"
    }

    /// The ensemble and the encoding its features follow, as written to `ensemble.json`.
    struct EnsembleFile: Codable {
        var features: [String]
        var categoricalVocabularies: [String: [String]]
        var ensemble: TreeEnsemble
    }

    /// Writes every output file into `directory` (created if needed), each atomically.
    ///
    /// - Throws: `ModelRegistryError`/`ModelFormatError` when the frozen model cannot be built or written,
    ///   file system errors otherwise.
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        var vocabularies: [String: [String]] = [:]
        for feature in encoding.features where feature.isCategorical { vocabularies[feature.name] = feature.vocabulary }
        let file = EnsembleFile(
            features: encoding.features.map(\.name), categoricalVocabularies: vocabularies, ensemble: ensemble)
        try writeModel(to: path(File.model))
        try ReportFile.writeJSON(file, to: path(File.ensemble))
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

    /// The key of the mean |TreeSHAP| shares in the model's `indicatorWeights`.
    public static let shapWeightKey = "shap"
    /// The key of the split-gain shares in the model's `indicatorWeights`.
    public static let gainWeightKey = "gain"

    /// The frozen model of this run (see `FrozenModelBuilder`): the ensemble, gain and SHAP shares as
    /// indicator weights.
    ///
    /// - Throws: When a table cannot be read for its digest.
    public func frozenModel(createdAt: Date = Date()) throws -> RiskModel {
        var weights: [String: [String: Double]] = [:]
        for row in importance.indicators {
            weights[row.name] = [Self.gainWeightKey: row.gainShare, Self.shapWeightKey: row.shapShare]
        }
        let builder = FrozenModelBuilder(
            config: config, encoding: encoding, trainFile: metrics.trainFile, validationFile: metrics.validationFile,
            trainQuarters: metrics.trainQuarters, validationQuarter: metrics.validationQuarter,
            randomValidation: metrics.randomValidation, allValidation: metrics.allValidation, goldenRows: goldenRows)
        return try builder.model(body: .trees(ensemble), weights: weights, createdAt: createdAt)
    }
}

extension BoostingRun {
    /// How many golden vectors a frozen model gets from training: more than ``GoldenVector/minimumCount``.
    static let goldenRowCount = 32

    /// Golden rows from the columns of a row sample: its first ``goldenRowCount`` rows, then, when the sample
    /// is smaller, copies of them with one feature set missing in turn (so a tiny table still yields enough
    /// rows, and missing-value routing is covered).
    static func goldenRows(columns: [[Float]], featureCount: Int) -> [[Float]] {
        let available = columns.first?.count ?? 0
        var rows: [[Float]] = []
        for row in 0..<min(available, goldenRowCount) { rows.append(columns.map { $0[row] }) }
        if rows.isEmpty { rows.append([Float](repeating: .nan, count: featureCount)) }
        let base = rows.count
        var next = 0
        while rows.count < goldenRowCount {
            var row = rows[next % base]
            if featureCount > 0 { row[next % featureCount] = .nan }
            rows.append(row)
            next += 1
        }
        return rows
    }
}
