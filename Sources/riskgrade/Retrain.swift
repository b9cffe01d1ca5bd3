import ArgumentParser
import Foundation
import RiskScoring
import RiskTraining

/// `riskgrade retrain`: the quarterly cycle in one command.
struct Retrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train, validate, compare, register and (when every gate passes) promote a challenger.",
        discussion: """
            Trains a challenger on --data with the champion's config (the one embedded in its model file, or \
            --config), holding out --test-quarter and every later quarter (default: the earliest --quarter, else the \
            table's last quarter with random inspections); validates it out of time on the held-out quarters; \
            compares it with the champion on the same random inspections; registers it; and points the champion's \
            alias at it only when every compare gate passes. Writes challenger/ (the training outputs), \
            validation.{json,md,html} and comparison.{json,md,html} into --out, prints one line per stage, and \
            appends the cycle to the registry's audit log (audit.jsonl; see riskgrade models audit). The exit \
            status is 0 whether or not the challenger is promoted.
            """)

    @Option(help: "Feature table (CSV) with the new quarter's rows and the inspections' outcomes.")
    var data: String

    @Option(help: "Registry folder.") var registry: String = "models"

    @Option(help: "The champion, NAME@ALIAS (the alias moved on promotion) or NAME@VERSION (then: champion).")
    var champion: String = "general@champion"

    @Option(help: "Output folder for the challenger and the reports.") var out: String = "out/retrain"

    @Option(help: "Experiment config to train with instead of the champion's (recorded in the audit log).")
    var config: String?

    @Flag(name: .customLong("warm-start"), help: "Continue boosting from the champion's trees.")
    var warmStart = false

    @Option(
        name: .customLong("test-quarter"),
        help: ArgumentHelp(
            "Quarter held out of training, with every later one (default: the earliest --quarter, else the "
                + "table's last quarter with random inspections)."))
    var testQuarter: String?

    @Option(
        name: .customLong("quarter"),
        help: ArgumentHelp(
            "Quarter to validate and compare on (repeat for several; default: the held-out quarters).",
            valueName: "2026Q4"))
    var quarters: [String] = []

    @Option(
        name: .customLong("weights"),
        help: ArgumentHelp(
            "A weighted-scorecard champion: the weights table (riskgrade weights) whose model.scorecard.weights "
                + "column the challenger scores with.", valueName: "weights.json"))
    var weightsFile: String?
    @Option(help: "Boosting rounds (over the config's; recorded in the audit log).") var rounds: Int?
    @Option(name: .customLong("early-stopping"), help: "Early-stopping rounds (over the config's; 0 = off).")
    var earlyStopping: Int?
    @Option(help: "Version to register the challenger as (default: its validation quarter).") var version: String?
    @Option(help: "Private key file to sign the challenger with (from riskgrade keygen).") var key: String?
    @Option(help: "Worker threads (0 = all cores); nothing written depends on it.") var threads: Int = 0
    @Option(help: "Report language: en or zh.") var lang: String = "en"
    @Option(name: .customLong("by"), help: "Breakdown columns of the validation report, comma-separated.")
    var breakdown: String = "region,industry"
    @Option(help: "Who runs the cycle, for the audit log (default: $USER).") var user: String?

    func run() throws {
        var cycle = QuarterlyRetrain(data: data, registry: ModelRegistry(root: registry), out: out)
        cycle.champion = champion
        cycle.configFile = config
        cycle.warmStart = warmStart
        cycle.testQuarter = try testQuarter.map { try Self.quarter($0, option: "--test-quarter") }
        cycle.quarters = try quarters.map { try Self.quarter($0, option: "--quarter") }
        cycle.rounds = rounds
        cycle.weightsFile = weightsFile
        cycle.earlyStopping = earlyStopping
        cycle.version = version
        cycle.privateKey = try key.map { try ModelSigning.readPrivateKey(path: $0) }
        cycle.threads = threads
        guard let language = ReportLanguage(rawValue: lang) else {
            throw ValidationError("--lang must be en or zh, got \"\(lang)\"")
        }
        cycle.language = language
        cycle.groupColumns = breakdown.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        cycle.user = user
        let outcome = try cycle.run(
            stage: { print($0) }, detail: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        print("wrote \(out): challenger/, validation.json/md/html, comparison.json/md/html")
        print("audit: \(outcome.auditPath) line \(outcome.audit.seq), verdict \(outcome.audit.verdict ?? "-")")
    }

    static func quarter(_ text: String, option: String) throws -> Quarter {
        guard let quarter = Quarter(text) else {
            throw ValidationError("\(option) \"\(text)\" is not a quarter like 2026Q4")
        }
        return quarter
    }
}
