import Foundation
import RiskScoring

extension BoostingRun.Outcome {
    /// The files a run writes into its output folder.
    public enum File {
        /// The trained ensemble with its feature encoding (JSON), until the frozen model format replaces it.
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
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        var vocabularies: [String: [String]] = [:]
        for feature in encoding.features where feature.isCategorical { vocabularies[feature.name] = feature.vocabulary }
        let file = EnsembleFile(
            features: encoding.features.map(\.name), categoricalVocabularies: vocabularies, ensemble: ensemble)
        try ReportFile.writeJSON(file, to: path(File.ensemble))
        try ReportFile.writeJSON(metrics, to: path(File.metrics))
        try ReportFile.writeJSON(importance, to: path(File.importanceJSON))
        try ReportFile.write(Data(importance.csv()), to: path(File.importanceCSV))
        try ReportFile.write(Data(importance.markdown().utf8), to: path(File.importanceMarkdown))
    }
}
