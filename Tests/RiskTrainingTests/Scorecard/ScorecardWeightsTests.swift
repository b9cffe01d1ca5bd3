import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("The weighted scorecard from a weights table's column: points by hand, the record, bad tables")
struct ScorecardWeightsTests {
    /// A small province's feature table and the general config with a blend of expert and entropy weights.
    static func province() throws -> (config: ExperimentConfig, table: Dataset, tablePath: String) {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 900, quarters: 3, seed: 29, randomRate: 1.5)
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        config.model.scorecard.maxBins = 4
        config.weights = WeightsSpec(
            blend: [.init(source: .expert, coefficient: 0.3), .init(source: .entropy, coefficient: 0.7)])
        let tablePath = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
            .write(to: tablePath)
        return (config, try Dataset.read(csv: tablePath, schema: config.tableSchema), tablePath)
    }

    @Test("blend and entropy columns: points = 10·Σ (w_f / Σw) × risk score of the row's bin, recorded in the files")
    func pointsByHand() throws {
        let (config, table, tablePath) = try Self.province()
        let weightsFolder = TestFiles.temporaryDirectory("weights-table")
        let weightsTable = try WeightsTable.build(config: config, configFile: "general.yaml", table: table)
        try weightsTable.write(to: weightsFolder)
        let weightsPath = weightsFolder + "/weights.json"

        for column in ["blend", "entropy"] {
            var chosen = config
            chosen.model.scorecard.weights = column
            var run = ScorecardRun(config: chosen, learner: .weighted)
            run.weightsFile = weightsPath
            run.threads = 2
            let outcome = try run.run(table: table, file: tablePath)
            let names = outcome.encoding.features.map(\.name)

            // The column's weights as the table lists them; an indicator without one (entropy on a categorical
            // indicator) counts 0.
            let raw = names.map { name in weightsTable.indicators.first { $0.name == name }?.weights[column] ?? 0 }
            let total = raw.reduce(0, +)
            let unweighted = names.filter { name in
                weightsTable.indicators.first { $0.name == name }?.weights[column] == nil
            }
            #expect(outcome.weights?.unweighted == unweighted, "\(column)")
            #expect(column == "blend" ? unweighted.isEmpty : !unweighted.isEmpty, "\(column)")

            // The frozen model's points on labelled rows against the sum done here.
            let out = TestFiles.temporaryDirectory("weighted-\(column)")
            try outcome.write(to: out)
            let model = try RiskModel.load(path: out + "/model.json")
            guard case .weighted(let card) = model.body else {
                Issue.record("not a weighted body")
                return
            }
            let rows = Array(try config.labelledRows(in: table, file: tablePath).train.prefix(300))
            let columns = try outcome.encoding.columns(of: table, rows: rows).columns
            var largest = 0.0
            for i in rows.indices {
                var sum = 0.0
                for (f, binning) in outcome.binnings.enumerated() {
                    sum += raw[f] / total * binning.riskScores[binning.bins.bin(of: columns[f][i])]
                }
                let row = columns.map { $0[i] }
                largest = max(largest, abs(card.points(row) - 10 * sum))
            }
            #expect(largest < 1e-9, "\(column): largest |points − hand sum| \(largest)")

            // The weights under the column's name, summing to 1; the table's digest in the training record.
            for (f, name) in names.enumerated() {
                #expect(abs((model.indicatorWeights[name]?[column] ?? -1) - raw[f] / total) < 1e-12, "\(name)")
                #expect(model.indicatorWeights[name]?["expert"] == nil)
            }
            let digest = try TrainingRecord.InputFile.digest(of: weightsPath, name: "weights.json")
            #expect(model.training.data.last == digest)
            #expect(outcome.metrics.weights?.column == column)
            #expect(outcome.metrics.weights?.sha256 == digest.sha256)
            #expect(outcome.metrics.weights?.file == weightsPath)
            let metrics = try String(contentsOfFile: out + "/metrics.json", encoding: .utf8)
            #expect(metrics.contains("\"column\" : \"\(column)\""))
        }

        // The expert column of the table gives the model trained on the config's expert weights.
        var fromTable = ScorecardRun(config: config, learner: .weighted)
        fromTable.weightsFile = weightsPath
        let tableExpert = try fromTable.run(table: table, file: tablePath)
        let configExpert = try ScorecardRun(config: config, learner: .weighted).run(table: table, file: tablePath)
        #expect(tableExpert.body == configExpert.body)
        #expect(configExpert.weights?.file == nil && configExpert.metrics.weights?.column == "expert")
    }

    /// Writes a weights table of `rows` (indicator name, weight of column `blend`, or nil for none) with the
    /// columns `expert` and `blend`, and returns its path.
    static func table(_ rows: [(String, Double?)], body: String? = nil) throws -> String {
        let folder = TestFiles.temporaryDirectory("weights-bad")
        let indicators = rows.map { name, weight in
            let blend = weight.map { ", \"blend\": \($0)" } ?? ""
            return "{\"name\": \"\(name)\", \"weights\": {\"expert\": 0.5\(blend)}}"
        }
        let columns = "[{\"name\": \"expert\", \"summary\": \"\"}, {\"name\": \"blend\", \"summary\": \"\"}]"
        let text = body ?? "{\"columns\": \(columns), \"indicators\": [\(indicators.joined(separator: ", "))]}"
        try TestFiles.write(text, to: "weights.json", in: folder)
        return folder + "/weights.json"
    }

    @Test("bad weights tables: typed errors naming the file, the field or indicators, and the fix")
    func badTables() throws {
        let features = ["a", "b", "c"]
        func error(_ path: String, column: String = "blend") -> ScorecardError? {
            do {
                _ = try ScorecardWeights.load(path: path, column: column, features: features)
                return nil
            } catch let error as ScorecardError {
                return error
            } catch {
                Issue.record("unexpected \(error)")
                return nil
            }
        }

        // A table that fits: renormalised, an absent weight counts 0.
        let good = try Self.table([("a", 2), ("b", 6), ("c", nil)])
        let weights = try ScorecardWeights.load(path: good, column: "blend", features: features)
        #expect(weights.weights == [0.25, 0.75, 0])
        #expect(weights.unweighted == ["c"])
        #expect(weights.file?.file == "weights.json")

        let missing = try Self.table([("a", 1), ("d", 1)])
        #expect(error(missing) == .weightsMismatch(file: missing, missing: ["b", "c"], extra: ["d"]))
        #expect(error(missing)?.description.contains("missing: b, c; not in the model: d") == true)
        #expect(error(missing)?.description.contains("rerun riskgrade weights") == true)

        #expect(
            error(good, column: "critic")
                == .unknownWeightsColumn(file: good, column: "critic", available: ["expert", "blend"]))
        #expect(error(good, column: "critic")?.description.contains("(it has expert, blend)") == true)

        let negative = try Self.table([("a", 1), ("b", -0.5), ("c", 1)])
        #expect(
            error(negative)
                == .invalidWeight(file: negative, field: "indicators[1].weights.blend", indicator: "b", value: -0.5))

        let zero = try Self.table([("a", 0), ("b", 0), ("c", nil)])
        #expect(error(zero) == .noWeights(column: "blend", file: zero))

        let garbage = try Self.table([], body: "{\"columns\": [], \"indicators\": [{\"name\": 3}]}")
        guard case .unreadableWeights(let file, let reason) = error(garbage) else {
            Issue.record("expected unreadableWeights")
            return
        }
        #expect(file == garbage)
        #expect(reason.contains("indicators[0].name"), "\(reason)")
        let notJSON = try Self.table([], body: "level,name\n")
        if case .unreadableWeights = error(notJSON) {} else { Issue.record("a CSV is not a weights table") }
        let absent = TestFiles.temporaryDirectory("no-weights") + "/weights.json"
        if case .unreadableWeights(let file, _) = error(absent) {
            #expect(file == absent)
        } else {
            Issue.record("a missing file is unreadableWeights")
        }

        // Without a table only the expert column exists.
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        config.model.scorecard.weights = "blend"
        let run = ScorecardRun(config: config, learner: .weighted)
        #expect(throws: ScorecardError.weightsTableNeeded(column: "blend")) {
            try run.scorecardWeights(features: config.indicatorSystem.indicators.map(\.name))
        }
    }

    @Test("model.scorecard.weights parses the weights table's column names and rejects others")
    func config() throws {
        for column in ["expert", "blend", "entropy", "critic", "coefficient_of_variation", "learned_gbdt_shrunk"] {
            let parsed = try NetworkRunTests.config(model: "  learner: weighted\n  scorecard: { weights: \(column) }")
            #expect(parsed.model.scorecard.weights == column)
        }
        do {
            _ = try NetworkRunTests.config(model: "  scorecard: { weights: blnd }")
            Issue.record("blnd is not a column")
        } catch let error as ConfigError {
            #expect(error.description.contains("model.scorecard.weights"))
            #expect(error.description.contains("blend"))
        }
        var parameters = ModelParameters()
        #expect(throws: ConfigError.self) { try parameters.overrideScorecardWeights("shap") }
        #expect(parameters.scorecard.weights == "expert")
        try parameters.overrideScorecardWeights("critic")
        #expect(parameters.scorecard.weights == "critic")
    }
}
