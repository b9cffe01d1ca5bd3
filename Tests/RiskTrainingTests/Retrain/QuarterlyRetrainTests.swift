import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// A small province's feature table (the comparison tests' one: 1,500 enterprises, 2025Q1-Q4) and a champion
/// trained on 2025Q1 (validated on 2025Q2) whose embedded config lets every challenger pass the compare gates.
struct RetrainFixture: Sendable {
    var tablePath: String
    var champion: RiskModel
    var generalYAML: String

    static let shared = Result { try RetrainFixture() }

    /// general.yaml with 25 rounds and the compare section's three gates set as given.
    static func yaml(_ general: String, maxAUCDrop: String, monotone: String, maxScorePSI: String) -> String {
        general.replacingOccurrences(of: "rounds: 300 ", with: "rounds: 25 ")
            .replacingOccurrences(of: "max_auc_drop: 0.005 ", with: "max_auc_drop: \(maxAUCDrop) ")
            .replacingOccurrences(of: "require_monotone: true ", with: "require_monotone: \(monotone) ")
            .replacingOccurrences(of: "max_score_psi: 0.25 ", with: "max_score_psi: \(maxScorePSI) ")
    }

    init() throws {
        tablePath = try ComparisonFixture.shared.get().tablePath
        generalYAML = try String(contentsOfFile: TestFiles.packageRoot + "/experiments/general.yaml", encoding: .utf8)
        let relaxed = Self.yaml(generalYAML, maxAUCDrop: "1", monotone: "false", maxScorePSI: "1000")
        var config = try ExperimentConfig.load(yaml: relaxed, file: "relaxed.yaml")
        #expect(config.compare == ComparisonGates(maxAUCDrop: 1, requireMonotone: false, maxScorePSI: 1000))
        try config.model.override(rounds: 6, maxLeaves: 8, threads: 2)
        config.split.validationQuarter = .quarter(try #require(Quarter("2025Q2")))
        config.split.testQuarter = Quarter("2025Q3")
        let out = TestFiles.temporaryDirectory("retrain-champion")
        try BoostingRun(config: config).run(dataFile: tablePath).write(to: out)
        champion = try RiskModel.load(path: out + "/model.json")
        #expect(champion.identity.version == "2025Q2")
    }

    /// A registry holding the champion as general@2025Q2, promoted to champion.
    func registry() throws -> ModelRegistry {
        let registry = ModelRegistry(root: TestFiles.temporaryDirectory("retrain-registry") + "/models")
        try registry.add(champion)
        try registry.promote(name: "general", version: "2025Q2", to: "champion", at: "2026-01-01T00:00:00Z")
        return registry
    }

    /// A cycle on the table against `registry`'s champion, two threads.
    func cycle(_ registry: ModelRegistry) -> QuarterlyRetrain {
        var cycle = QuarterlyRetrain(
            data: tablePath, registry: registry, out: TestFiles.temporaryDirectory("retrain-out"))
        cycle.threads = 2
        cycle.user = "auditor"
        cycle.command = "riskgrade retrain --data table.csv"
        return cycle
    }
}

@Suite("QuarterlyRetrain: train, validate, compare, register, promote when the gates pass, audit")
struct QuarterlyRetrainTests {
    @Test("a challenger passing every gate of the champion's config is registered and promoted, and audited")
    func promotes() throws {
        let fixture = try RetrainFixture.shared.get()
        let registry = try fixture.registry()
        var stages: [String] = []
        let outcome = try fixture.cycle(registry).run(stage: { stages.append($0) })

        // The held-out quarter defaults to the table's last with random inspections: 2025Q4; the challenger
        // trains on 2025Q1-Q2 and stops early on 2025Q3, which versions it.
        #expect(outcome.challenger.identity.version == "2025Q3")
        #expect(outcome.challenger.identity.parentVersion == "2025Q2")
        #expect(outcome.comparison.quarters == ["2025Q4"] && outcome.validation.quarters == ["2025Q4"])
        #expect(outcome.promoted && outcome.comparison.verdict.promote && outcome.failedGates.isEmpty)
        #expect(try registry.resolve(name: "general", selector: "champion") == "2025Q3")
        #expect(try registry.versions(of: "general") == ["2025Q2", "2025Q3"])
        // The challenger trained with the champion's config (its 25 rounds at most, early stopping off).
        #expect(outcome.challenger.training.config == fixture.champion.training.config)
        if case .trees(let ensemble) = outcome.challenger.body { #expect(ensemble.trees.count == 25) }

        #expect(stages.count == 5)
        for (index, name) in ["train", "validate", "compare", "register", "promote"].enumerated() {
            #expect(stages[index].hasPrefix("[\(index + 1)/5] \(name): "))
        }
        #expect(stages[4].contains("general@champion 2025Q2 → 2025Q3"))
        for file in ["validation.json", "validation.html", "comparison.json", "comparison.md", "challenger/model.json"]
        {
            #expect(FileManager.default.fileExists(atPath: fileIn(outcome, file)))
        }

        // The audit entry: who, the data digest and rows, both models' digests, the gates and the verdict.
        let lines = try AuditLog(registry: registry).verify()
        #expect(lines.count == 1)
        let entry = try #require(lines.first?.entry)
        #expect(entry == outcome.audit)
        #expect(entry.event == .retrain && entry.user == "auditor" && entry.seq == 1)
        let digest = try TrainingRecord.InputFile.digest(of: fixture.tablePath)
        #expect(entry.data?.sha256 == digest.sha256 && entry.data?.bytes == digest.bytes)
        let rows = try Dataset.read(csv: fixture.tablePath, schema: DatasetSchema()).rowCount
        #expect(entry.data?.rows == rows)
        #expect(entry.config?.source == "champion")
        #expect(entry.champion == .init(model: "general@2025Q2", sha256: try fixture.champion.contentDigest()))
        let registered = try ModelRegistry.load("general@2025Q3", defaultRoot: registry.root)
        #expect(entry.challenger == .init(model: "general@2025Q3", sha256: try registered.contentDigest()))
        #expect(entry.gates == outcome.comparison.verdict.gates && entry.gates?.count == 3)
        #expect(entry.verdict == "promote" && entry.promoted == true && entry.alias == "champion")
    }

    @Test("a challenger failing a gate is registered but not promoted; the champion alias stays and the log says so")
    func keepsChampion() throws {
        let fixture = try RetrainFixture.shared.get()
        let registry = try fixture.registry()
        let aliasesBefore = try Data(contentsOf: URL(fileURLWithPath: registry.aliasPath(of: "general")))
        // The override config demands an AUC gain of 1: no challenger can pass it.
        let strict = RetrainFixture.yaml(fixture.generalYAML, maxAUCDrop: "-1", monotone: "false", maxScorePSI: "1000")
        let configFile = TestFiles.temporaryDirectory("retrain-config") + "/strict.yaml"
        try strict.write(toFile: configFile, atomically: true, encoding: .utf8)
        var cycle = fixture.cycle(registry)
        cycle.configFile = configFile
        cycle.testQuarter = Quarter("2025Q4")
        var stages: [String] = []
        let outcome = try cycle.run(stage: { stages.append($0) })

        #expect(!outcome.promoted && !outcome.comparison.verdict.promote)
        #expect(outcome.failedGates.map(\.name) == ["max_auc_drop"])
        #expect(stages.last?.contains("not promoted, gate max_auc_drop") == true)
        #expect(stages.last?.contains("general@champion stays 2025Q2") == true)
        #expect(try registry.resolve(name: "general", selector: "champion") == "2025Q2")
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry.aliasPath(of: "general"))) == aliasesBefore)
        #expect(try registry.versions(of: "general") == ["2025Q2", "2025Q3"])

        let entry = try #require(try AuditLog(registry: registry).verify().last?.entry)
        #expect(entry.promoted == false && entry.verdict == "keep")
        #expect(entry.config == .init(source: configFile, sha256: RiskModel.sha256Hex(Array(strict.utf8))))
        let gate = try #require(entry.gates?.first { $0.name == "max_auc_drop" })
        #expect(!gate.passed && gate.threshold == -1)
        let metrics = try #require(outcome.comparison.metrics)
        #expect(abs((gate.value ?? .nan) - (metrics.champion.auc.auc - metrics.challenger.auc.auc)) < 1e-12)
    }

    @Test("the challenger trains with the champion's config and the settings its training record carries")
    func championSettings() throws {
        let fixture = try RetrainFixture.shared.get()
        var champion = fixture.champion
        champion.training.settings = ["model.boosting.max_leaves=5", "model.seed=11", "split.test_quarter=2025Q3"]
        champion.goldenVectors = champion.goldenVectors(for: champion.goldenVectors.map(\.inputs))
        let registry = ModelRegistry(root: TestFiles.temporaryDirectory("retrain-settings") + "/models")
        try registry.add(champion)
        try registry.promote(name: "general", version: "2025Q2", to: "champion", at: "2026-01-01T00:00:00Z")
        var cycle = fixture.cycle(registry)
        cycle.rounds = 9
        cycle.testQuarter = Quarter("2025Q4")
        let plan = try cycle.plan()
        let boosting = plan.experiment.model.boosting
        #expect(boosting.maxLeaves == 5 && plan.experiment.model.seed == 11 && boosting.rounds == 9)
        #expect(
            plan.experiment.split.testQuarter == Quarter("2025Q4") && plan.experiment.split.validationQuarter == .last)
        // The challenger's record carries the champion's settings, then the cycle's own, in order.
        #expect(
            plan.experiment.settings == champion.training.settings + [
                "model.boosting.rounds=9", "split.validation_quarter=last", "split.test_quarter=2025Q4",
            ])
    }

    @Test("a scorecard champion is retrained as a scorecard, its config naming gbdt or not; no warm start")
    func scorecardChampion() throws {
        let fixture = try RetrainFixture.shared.get()
        let relaxed = RetrainFixture.yaml(fixture.generalYAML, maxAUCDrop: "1", monotone: "false", maxScorePSI: "1000")
        var config = try ExperimentConfig.load(yaml: relaxed, file: "relaxed.yaml")
        config.split.validationQuarter = .quarter(try #require(Quarter("2025Q2")))
        config.split.testQuarter = Quarter("2025Q3")
        #expect(config.model.learner == .gbdt, "the text names gbdt; the champion's body says scorecard")
        let table = try Dataset.read(csv: fixture.tablePath, schema: config.trainingTableSchema)
        let trained = try ScorecardRun(config: config, learner: .scorecard).run(table: table, file: fixture.tablePath)
        let out = TestFiles.temporaryDirectory("retrain-scorecard-champion")
        try trained.write(to: out)
        let champion = try RiskModel.load(path: out + "/model.json")
        let registry = ModelRegistry(root: TestFiles.temporaryDirectory("retrain-scorecard") + "/models")
        try registry.add(champion)
        try registry.promote(name: "general", version: "2025Q2", to: "champion", at: "2026-01-01T00:00:00Z")

        var warm = fixture.cycle(registry)
        warm.warmStart = true
        #expect(
            throws: RetrainError.warmStartNeedsTrees(
                champion: "general@2025Q2", championLearner: "scorecard", learner: "scorecard")
        ) { try warm.run(stage: { _ in }) }

        var cycle = fixture.cycle(registry)
        cycle.testQuarter = Quarter("2025Q4")
        var lines: [String] = []
        let outcome = try cycle.run(stage: { lines.append($0) })
        guard case .scorecard = outcome.challenger.body else {
            Issue.record("the challenger is a \(outcome.challenger.body.kind) model")
            return
        }
        #expect(lines.first?.contains("logistic scorecard") == true, "\(lines.first ?? "")")
        #expect(outcome.challenger.training.settings.contains("model.learner=scorecard"))
        #expect(outcome.promoted, "the relaxed gates pass")
    }

    @Test("no champion, a table lacking the champion's indicators, a taken version, a broken log: errors first")
    func errors() throws {
        let fixture = try RetrainFixture.shared.get()
        let empty = ModelRegistry(root: TestFiles.temporaryDirectory("retrain-empty") + "/models")
        let noChampion = #expect(throws: RetrainError.self) { try fixture.cycle(empty).run(stage: { _ in }) }
        let text = noChampion.map(\.description) ?? ""
        #expect(text.contains("riskgrade models add") && text.contains("riskgrade models promote"))

        let registry = try fixture.registry()
        // A table without penalties_1y: refused from its header, before anything is trained.
        let header = try CSVReader(path: fixture.tablePath).header.filter { $0 != "penalties_1y" }
        let thin = TestFiles.temporaryDirectory("retrain-thin") + "/thin.csv"
        try (header.joined(separator: ",") + "\n").write(toFile: thin, atomically: true, encoding: .utf8)
        var cycle = fixture.cycle(registry)
        cycle.data = thin
        #expect(throws: RetrainError.missingColumns(file: thin, champion: "general@2025Q2", missing: ["penalties_1y"]))
        {
            try cycle.run(stage: { _ in })
        }

        // Quarters the challenger or the champion has seen are not compared on.
        cycle = fixture.cycle(registry)
        cycle.testQuarter = Quarter("2025Q4")
        cycle.quarters = [try #require(Quarter("2025Q3")), try #require(Quarter("2025Q4"))]
        #expect(throws: RetrainError.quarterNotHeldOut(quarter: "2025Q3", heldOut: "2025Q4")) {
            try cycle.run(stage: { _ in })
        }
        cycle = fixture.cycle(registry)
        cycle.testQuarter = Quarter("2025Q2")
        #expect(
            throws: RetrainError.championSawQuarter(champion: "general@2025Q2", version: "2025Q2", heldOut: "2025Q2")
        ) {
            try cycle.run(stage: { _ in })
        }

        cycle = fixture.cycle(registry)
        cycle.version = "2025Q2"
        #expect(
            throws: RetrainError.versionTaken(name: "general", version: "2025Q2", challenger: nil)
        ) {
            try cycle.run(stage: { _ in })
        }

        // A log whose only line lacks its digest.
        try Data("{\"seq\":1}\n".utf8).write(to: URL(fileURLWithPath: AuditLog(registry: registry).path))
        #expect(throws: AuditLogError.self) { try fixture.cycle(registry).run(stage: { _ in }) }
        #expect(!FileManager.default.fileExists(atPath: cycle.challengerDirectory))
    }
}

/// The path of `file` in the outcome's output folder.
private func fileIn(_ outcome: QuarterlyRetrain.Outcome, _ file: String) -> String {
    ((outcome.audit.reports ?? "") as NSString).appendingPathComponent(file)
}
