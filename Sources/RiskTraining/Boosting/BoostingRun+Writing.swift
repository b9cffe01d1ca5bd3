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
        func path(_ name: String) -> URL { URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var vocabularies: [String: [String]] = [:]
        for feature in encoding.features where feature.isCategorical { vocabularies[feature.name] = feature.vocabulary }
        let file = EnsembleFile(
            features: encoding.features.map(\.name), categoricalVocabularies: vocabularies, ensemble: ensemble)
        try encoder.encode(file).write(to: path(File.ensemble), options: .atomic)
        try encoder.encode(metrics).write(to: path(File.metrics), options: .atomic)
        try encoder.encode(importance).write(to: path(File.importanceJSON), options: .atomic)
        try Data(importance.csv()).write(to: path(File.importanceCSV), options: .atomic)
        try Data(importance.markdown().utf8).write(to: path(File.importanceMarkdown), options: .atomic)
    }
}
