import ArgumentParser
import Foundation
import RiskScoring
import RiskTraining

/// The options `validate` and `compare` share: the table, its config, the quarters, the report's language and
/// folder, the registry and the threads.
struct ReportOptions: ParsableArguments {
    @Option(help: "Feature table (CSV) with the inspections' outcomes.")
    var data: String

    @Option(help: "Experiment config for the table's columns (default: the config the (first) model was trained with).")
    var config: String?

    @Option(
        name: .customLong("quarter"),
        help: ArgumentHelp(
            "Quarter to report on (repeat for several; default: the quarters after the (later) model's version, "
                + "out of time).",
            valueName: "2026Q4"))
    var quarters: [String] = []

    @Option(help: "Report language: en or zh.") var lang: String = "en"
    @Option(help: "Output folder.") var out: String
    @Option(help: "Registry folder for NAME@ALIAS references.") var registry: String = "models"
    @Option(help: "Worker threads (0 = all cores); the report does not depend on it.") var threads: Int = 0

    /// `--lang` as a report language.
    func language() throws -> ReportLanguage {
        guard let language = ReportLanguage(rawValue: lang) else {
            throw ValidationError("--lang must be en or zh, got \"\(lang)\"")
        }
        return language
    }

    /// The `--quarter` values, each checked.
    func parsedQuarters() throws -> [Quarter] {
        try quarters.map { text in
            guard let quarter = Quarter(text) else {
                throw ValidationError("--quarter \"\(text)\" is not a quarter like 2026Q2")
            }
            return quarter
        }
    }

    /// The model `reference` names, from the registry, file or folder.
    func load(_ reference: String) throws -> RiskModel { try ModelRegistry.load(reference, defaultRoot: registry) }

    /// `--config`, or else the config `model` (named `reference`) was trained with.
    func experiment(of model: RiskModel, reference: String) throws -> ExperimentConfig {
        if let config { return try ExperimentConfig.load(path: config) }
        guard !model.training.config.isEmpty else {
            throw ValidationError("\(reference) carries no training config; pass --config with the table's config")
        }
        return try ExperimentConfig.load(yaml: model.training.config, file: "\(reference) (training config)")
    }

    /// `--threads`, 0 meaning every core.
    var threadCount: Int { threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount }

    /// Writes a progress line to standard error.
    func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
