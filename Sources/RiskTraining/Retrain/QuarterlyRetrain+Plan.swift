import Foundation
import RiskScoring

extension QuarterlyRetrain {
    /// What a cycle settles before training: the champion, the config, the data's digest, the held-out quarter.
    struct Plan {
        var log: AuditLog
        /// The champion, its model file, name, version and `name@version`, and the alias a winner takes.
        var champion: RiskModel
        var championPath: String
        var name: String
        var championVersion: String
        var championName: String
        var alias: String
        /// The config the challenger trains with (split moved on to the held-out quarter) and its source.
        var experiment: ExperimentConfig
        var configSource: AuditLogEntry.ConfigSource
        var digest: TrainingRecord.InputFile
        var heldOut: Quarter
    }

    /// Checks everything that can fail before training: the audit log, the champion, the config and its
    /// learner, the table's header, the requested version and quarters.
    func plan() throws -> Plan {
        let log = AuditLog(registry: registry)
        _ = try log.verify()
        let (location, championModel) = try resolveChampion()
        guard let name = location.name, let championVersion = location.version else {
            throw RetrainError.noChampion(
                reference: champion, registry: registry.root, reason: "not a NAME@ALIAS reference")
        }
        let selector = String(champion[champion.index(after: champion.lastIndex(of: "@") ?? champion.startIndex)...])
        let alias = selector == championVersion ? "champion" : selector
        let championName = "\(name)@\(championVersion)"
        if let version, try registry.versions(of: name).contains(version) {
            throw RetrainError.versionTaken(name: name, version: version, challenger: nil)
        }
        var (experiment, configSource) = try experiment(of: championModel, named: championName)
        // The champion's learner, from its body (a champion trained before settings were recorded may have a
        // config naming another), unless a config file was given to train another.
        let championLearner = Self.learner(of: championModel)
        let learner = configFile == nil ? championLearner : experiment.model.learner
        if warmStart && (learner != .gbdt || championLearner != .gbdt) {
            throw RetrainError.warmStartNeedsTrees(
                champion: championName, championLearner: championLearner.rawValue, learner: learner.rawValue)
        }
        var settings: [String] = []
        if learner != experiment.model.learner { settings.append("model.learner=\(learner.rawValue)") }
        if let rounds { settings.append("model.boosting.rounds=\(rounds)") }
        if let earlyStopping { settings.append("model.boosting.early_stopping_rounds=\(earlyStopping)") }
        try experiment.apply(settings: settings)
        try checkColumns(config: experiment, champion: championModel, championName: championName)
        let digest = try TrainingRecord.InputFile.digest(of: data)
        let heldOut = try testQuarter ?? quarters.min() ?? lastRandomQuarter(config: experiment)
        if let early = quarters.filter({ $0 < heldOut }).min() {
            throw RetrainError.quarterNotHeldOut(quarter: early.description, heldOut: heldOut.description)
        }
        // A champion validated on the held-out quarter (or later) has seen it: the comparison would favour it.
        if let seen = Quarter(championVersion), seen >= heldOut {
            throw RetrainError.championSawQuarter(
                champion: championName, version: seen.description, heldOut: heldOut.description)
        }
        // As settings, so the challenger's record says how it was split.
        try experiment.apply(settings: ["split.validation_quarter=last", "split.test_quarter=\(heldOut)"])
        try experiment.model.override(threads: threads)

        return Plan(
            log: log, champion: championModel, championPath: location.path, name: name,
            championVersion: championVersion, championName: championName, alias: alias, experiment: experiment,
            configSource: configSource, digest: digest, heldOut: heldOut)
    }

    /// The champion's location and model, or `RetrainError.noChampion`.
    func resolveChampion() throws -> (ModelRegistry.Location, RiskModel) {
        do {
            let location = try ModelRegistry.locate(champion, defaultRoot: registry.root)
            guard location.name != nil else {
                throw RetrainError.noChampion(
                    reference: champion, registry: registry.root,
                    reason: "a file, not a registered model; name it as NAME@ALIAS")
            }
            return (location, try ModelRegistry.load(champion, defaultRoot: registry.root))
        } catch let error as ModelRegistryError {
            switch error {
            case .unknownModel, .unknownSelector, .invalidReference, .danglingAlias:
                throw RetrainError.noChampion(reference: champion, registry: registry.root, reason: error.description)
            default: throw error
            }
        }
    }

    /// The config to train with and where it came from: ``configFile``, else the champion's embedded config.
    func experiment(of champion: RiskModel, named name: String) throws -> (
        ExperimentConfig, AuditLogEntry.ConfigSource
    ) {
        if let configFile {
            let config = try ExperimentConfig.load(path: configFile)
            return (config, .init(source: configFile, sha256: RiskModel.sha256Hex(Array(config.yaml.utf8))))
        }
        guard !champion.training.config.isEmpty else { throw RetrainError.noConfig(champion: name) }
        // The config's text and the settings given on top of it when the champion was trained.
        let config = try ExperimentConfig.load(
            yaml: champion.training.config, file: "\(name) (training config)", settings: champion.training.settings)
        return (config, .init(source: "champion", sha256: RiskModel.sha256Hex(Array(config.yaml.utf8))))
    }

    /// Checks the table's header holds what the config's table schema and the champion read.
    func checkColumns(config: ExperimentConfig, champion: RiskModel, championName: String) throws {
        let header = Set(try CSVReader(path: data).header)
        var missing: [String] = []
        for column in config.tableSchema.required + champion.features.map(\.column)
        where !header.contains(column) && !missing.contains(column) {
            missing.append(column)
        }
        guard missing.isEmpty else {
            throw RetrainError.missingColumns(file: data, champion: championName, missing: missing)
        }
    }

    /// The table's last quarter holding a random inspection (reading only the quarter, kind and label columns).
    func lastRandomQuarter(config: ExperimentConfig) throws -> Quarter {
        let quarter = config.split.quarterColumn, kind = config.label.kindColumn, label = config.label.column
        let schema = DatasetSchema(
            types: [quarter: .categorical, kind: .categorical, label: .numeric], required: [quarter, kind, label],
            inferUndeclared: false, skipRowsWithEmpty: label)
        let table = try Dataset.read(csv: data, schema: schema)
        let quarters = try table.categorical(quarter), kinds = try table.categorical(kind)
        let random = kinds.vocabulary.firstIndex(of: InspectionKind.random.rawValue).map(Int32.init)
        let quarterOfCode = quarters.vocabulary.map(Quarter.init)
        var last: Quarter?
        for row in 0..<table.rowCount where random != nil && kinds.codes[row] == random {
            let code = quarters.codes[row]
            guard code >= 0, let q = quarterOfCode[Int(code)] else { continue }
            if last.map({ q > $0 }) ?? true { last = q }
        }
        guard let last else { throw RetrainError.noRandomInspections(file: data, column: kind) }
        let first = quarterOfCode.compactMap { $0 }.min()
        if let first, first >= last {
            throw RetrainError.nothingBefore(file: data, quarter: last.description, first: first.description)
        }
        return last
    }
}
