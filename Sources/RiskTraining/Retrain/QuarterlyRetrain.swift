import Foundation
import RiskScoring

/// The quarterly cycle in one run (`riskgrade retrain`): train a challenger on a new feature table with the
/// champion's config, validate it out of time, compare it with the champion on the same random inspections,
/// register it, and promote it only when every compare gate passes; then append the cycle to the registry's
/// audit log.
///
/// The held-out quarter (``testQuarter``; else the earliest of ``quarters``; else the table's last quarter with
/// random inspections) and every later one are kept out of training; the challenger trains on the quarters
/// before the last one left (early stopping and calibration on that last one, as `riskgrade train` does), and
/// both models are validated and compared on the held-out quarters (or ``quarters``). The challenger is what
/// `riskgrade train --config <the champion's config> --test-quarter <held out>` trains.
public struct QuarterlyRetrain: Sendable {
    /// The feature table.
    public var data: String
    /// The registry holding the champion, where the challenger is registered.
    public var registry: ModelRegistry
    /// The champion, `NAME@ALIAS` (or `NAME@VERSION`) in ``registry``. Default `general@champion`.
    public var champion = "general@champion"
    /// Where the challenger's training outputs (`challenger/`) and the reports (`validation.*`, `comparison.*`)
    /// go.
    public var out: String
    /// A config file training the challenger instead of the one embedded in the champion; nil uses the
    /// champion's.
    public var configFile: String?
    /// Whether boosting continues from the champion's trees (warm start) instead of starting afresh.
    public var warmStart = false
    /// The quarter held out of training (with every later one); nil takes the earliest of ``quarters``, else
    /// the table's last quarter with random inspections.
    public var testQuarter: Quarter?
    /// The quarters validated and compared; empty takes the held-out quarter and every later one.
    public var quarters: [Quarter] = []
    /// The weights table a weighted scorecard takes its `model.scorecard.weights` column from (not needed for
    /// `expert`).
    public var weightsFile: String?
    /// Boosting rounds and early-stopping rounds over the config's (recorded in the audit entry).
    public var rounds: Int?
    public var earlyStopping: Int?
    /// Worker threads (0 = all cores); nothing written depends on it.
    public var threads = 0
    /// The reports' language.
    public var language = ReportLanguage.english
    /// The validation report's breakdown columns.
    public var groupColumns = ["region", "industry"]
    /// The version the challenger is registered as; nil keeps its own (its validation quarter).
    public var version: String?
    /// A private key to sign the challenger with when registering it.
    public var privateKey: [UInt8]?
    /// The audit entry's user (nil: `$USER`, else the process's user) and command line.
    public var user: String?
    public var command = AuditLogEntry.commandLine(CommandLine.arguments)

    /// A cycle on `data` against the champion of `registry`, writing into `out`.
    public init(data: String, registry: ModelRegistry, out: String) {
        self.data = data
        self.registry = registry
        self.out = out
    }

    /// What a cycle did.
    public struct Outcome: Sendable {
        /// The champion as it was, and its `name@version`.
        public var champion: RiskModel
        public var championName: String
        /// The challenger as registered, and the path of its registered `model.json`.
        public var challenger: RiskModel
        public var challengerPath: String
        public var validation: ModelValidation
        public var comparison: ModelComparison
        /// The alias a passing challenger is promoted to.
        public var alias: String
        /// Whether the alias now points at the challenger.
        public var promoted: Bool
        /// The entry appended to the audit log.
        public var audit: AuditLogEntry
        /// The audit log's path.
        public var auditPath: String

        /// The gates the challenger failed (empty when promoted).
        public var failedGates: [ModelComparison.Gate] { comparison.verdict.gates.filter { !$0.passed } }
    }

    /// The folder of the challenger's training outputs inside ``out``.
    public var challengerDirectory: String { (out as NSString).appendingPathComponent("challenger") }

    /// Runs the five stages, reporting each (`[1/5] train: …`) through `stage` when it ends and the details
    /// (boosting rounds, reading) through `detail`.
    ///
    /// - Throws: `RetrainError` for a missing champion, config or columns or a taken version; `AuditLogError`
    ///   when the audit log is broken (checked before training); errors of training, validation, comparison and
    ///   the registry otherwise. A challenger that fails a gate is no error.
    public func run(stage: (String) -> Void, detail: @escaping @Sendable (String) -> Void = { _ in }) throws
        -> Outcome
    {
        let plan = try plan()
        let log = plan.log, name = plan.name, championName = plan.championName, heldOut = plan.heldOut
        let championModel = plan.champion, experiment = plan.experiment, championVersion = plan.championVersion
        let alias = plan.alias

        // 1. Train.
        var clock = Date()
        let trained = try trainChallenger(plan, progress: detail)
        let challengerFile = trained.modelFile
        var challengerModel = try RiskModel.load(path: challengerFile)
        let challengerVersion = version ?? challengerModel.identity.version
        if try registry.versions(of: name).contains(challengerVersion) {
            throw RetrainError.versionTaken(name: name, version: challengerVersion, challenger: challengerFile)
        }
        let challengerName = "\(name)@\(challengerVersion)"
        var line = "[1/5] train: \(challengerName) on \(trained.trainRows) labelled rows of "
        line += "\(trained.trainQuarters.first ?? "-")..\(trained.trainQuarters.last ?? "-")"
        if let v = trained.validationQuarter { line += ", early stopping on \(v)" }
        line += ", held out from \(heldOut); \(trained.summary)"
        if let random = trained.randomValidation { line += String(format: ", validation AUC %.4f", random.auc) }
        stage(line + Self.seconds(since: clock))

        // 2. Validate the challenger out of time.
        clock = Date()
        detail("retrain: reading \(data)")
        let table = try ModelComparison.readTable(
            path: data, config: experiment, models: [(championName, championModel), (challengerName, challengerModel)])
        let compared = quarters.isEmpty ? try Self.quarters(of: table, config: experiment, from: heldOut) : quarters
        let workers = threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount
        let validation = try ModelValidation.run(
            model: challengerModel, modelName: challengerName, table: table, file: data, config: experiment,
            quarters: compared, groupColumns: groupColumns,
            sampling: Dictionary(
                uniqueKeysWithValues: Grade.allCases.map { ($0, experiment.grading.samplingRatios[$0]) }),
            threads: workers)
        try validation.write(to: out, language: language)
        let r = validation.random
        line = "[2/5] validate: \(challengerName) on \(validation.quarters.joined(separator: ", ")), "
        line += "\(r.inspections) random inspections, discovery rate by grade "
        line += r.grades.map { "\($0.grade.rawValue) " + String(format: "%.3f", $0.discoveryRate) }.joined(
            separator: ", ")
        line += r.monotone ? ", rising A<B<C<D" : ", NOT rising A<B<C<D"
        if let figures = validation.figures { line += String(format: ", AUC %.4f", figures.auc.auc) }
        stage(line + Self.seconds(since: clock))

        // 3. Compare with the champion on the same rows.
        clock = Date()
        let comparison = try ModelComparison.run(
            champion: (championName, championModel), challenger: (challengerName, challengerModel), table: table,
            file: data, config: experiment, quarters: compared, threads: workers)
        try comparison.write(to: out, language: language)
        line = "[3/5] compare: \(championName) vs \(challengerName) on \(comparison.quarters.joined(separator: ", "))"
        if let metrics = comparison.metrics {
            line += String(format: ", AUC %.4f → %.4f", metrics.champion.auc.auc, metrics.challenger.auc.auc)
        }
        line +=
            "; gates "
            + comparison.verdict.gates.map { "\($0.name) \($0.passed ? "pass" : "FAIL")" }
            .joined(separator: ", ")
        line += "; verdict " + (comparison.verdict.promote ? "promote" : "keep the champion")
        stage(line + Self.seconds(since: clock))

        // 4. Register.
        clock = Date()
        let registered = try registry.register(
            modelAt: challengerFile, name: name, version: challengerVersion, parent: championVersion,
            privateKey: privateKey)
        challengerModel = registered.model
        stage("[4/5] register: \(challengerName) at \(registered.path)" + Self.seconds(since: clock))

        // 5. Promote when every gate passed.
        clock = Date()
        let promoted = comparison.verdict.promote
        if promoted {
            let previous = try registry.promote(
                name: name, version: challengerVersion, to: alias, at: ModelIdentity.timestamp(Date()))
            stage(
                "[5/5] promote: \(name)@\(alias) \(previous ?? "(none)") → \(challengerVersion)"
                    + Self.seconds(since: clock))
        } else {
            let failed = comparison.verdict.gates.filter { !$0.passed }.map(Self.describe).joined(separator: "; ")
            stage(
                "[5/5] promote: not promoted, gate \(failed); \(name)@\(alias) stays \(championVersion)"
                    + Self.seconds(since: clock))
        }

        var entry = AuditLogEntry.now(.retrain, user: user)
        entry.command = command
        entry.data = AuditLogEntry.DataFile(
            file: data, sha256: plan.digest.sha256, bytes: plan.digest.bytes, rows: table.rowCount)
        entry.config = plan.configSource
        let overrides = [("rounds", rounds), ("early_stopping", earlyStopping)].compactMap { key, value in
            value.map { "\(key)=\($0)" }
        }
        entry.overrides = overrides.isEmpty ? nil : overrides
        entry.champion = try AuditLogEntry.ModelReference(championModel)
        entry.challenger = try AuditLogEntry.ModelReference(challengerModel)
        entry.alias = alias
        entry.quarters = comparison.quarters
        entry.gates = comparison.verdict.gates
        entry.verdict = promoted ? "promote" : "keep"
        entry.promoted = promoted
        entry.reports = out
        let appended = try log.append(entry)
        return Outcome(
            champion: championModel, championName: championName, challenger: challengerModel,
            challengerPath: registered.path, validation: validation, comparison: comparison, alias: alias,
            promoted: promoted, audit: appended, auditPath: log.path)
    }

    /// A gate as `name value (threshold t)`.
    static func describe(_ gate: ModelComparison.Gate) -> String {
        if gate.name == "require_monotone" {
            return "require_monotone: discovery rates " + (gate.value == 1 ? "rising" : "not rising A<B<C<D")
        }
        let value = gate.value.map { String(format: "%.4f", $0) } ?? "n/a"
        return "\(gate.name) \(value) (threshold \(String(format: "%g", gate.threshold)))"
    }

    static func seconds(since start: Date) -> String {
        String(format: " (%.1f s)", Date().timeIntervalSince(start))
    }

    /// The table's quarters from `first` on.
    static func quarters(of table: Dataset, config: ExperimentConfig, from first: Quarter) throws -> [Quarter] {
        let column = try table.categorical(config.split.quarterColumn)
        return Set(column.vocabulary.compactMap(Quarter.init)).filter { $0 >= first }.sorted()
    }
}
