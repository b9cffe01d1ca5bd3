import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("A network run: config, training on a synthetic province, the frozen model and its learned weights")
struct NetworkRunTests {
    /// The general config with its `model` section replaced by `model` (YAML lines indented by two).
    static func config(model: String) throws -> ExperimentConfig {
        let text = try String(contentsOfFile: TestFiles.packageRoot + "/experiments/general.yaml", encoding: .utf8)
        let start = try #require(text.range(of: "\nmodel:\n")).lowerBound
        let end = try #require(text.range(of: "\ngrading:\n")).lowerBound
        return try ExperimentConfig.load(
            yaml: text.replacingCharacters(in: start..<end, with: "\nmodel:\n" + model + "\n"))
    }

    @Test("model.network parses, with defaults and range checks")
    func config() throws {
        let parsed = try Self.config(
            model: "  learner: network\n  network: { layers: [16, 8, 4], epochs: 7, batch: 128, learning_rate: 0.01, "
                + "weight_decay: 0, patience: 2 }")
        #expect(parsed.model.learner == .network)
        #expect(
            parsed.model.network
                == NetworkParameters(
                    layers: [16, 8, 4], epochs: 7, batchSize: 128, learningRate: 0.01, weightDecay: 0, patience: 2))
        #expect(try Self.config(model: "  learner: network").model.network == NetworkParameters())
        let general = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        #expect(general.model.network == NetworkParameters())
        for bad in [
            "layers: []", "layers: [8, 8, 8, 8]", "layers: [0]", "epochs: 0", "learning_rate: 0", "batch: -1",
            "depth: 2",
        ] {
            #expect(throws: ConfigError.self, "\(bad)") { try Self.config(model: "  network: { \(bad) }") }
        }
        var model = ModelParameters()
        #expect(throws: ConfigError.self) { try model.overrideNetwork(layers: [64, 0]) }
        #expect(model.network == NetworkParameters())
        try model.overrideNetwork(layers: [8], epochs: 3)
        #expect(model.network.layers == [8] && model.network.epochs == 3)
    }

    @Test("train → freeze → load: the model scores as the trained network, and its weights sum to 1")
    func run() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 1500, quarters: 3, seed: 21, randomRate: 1.5)
        let configPath = TestFiles.packageRoot + "/experiments/general.yaml"
        var config = try ExperimentConfig.load(path: configPath)
        config.model.learner = .network
        try config.model.overrideNetwork(layers: [16, 8], epochs: 6, batchSize: 128, learningRate: 0.005, threads: 2)
        let tablePath = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
            .write(to: tablePath)
        let table = try Dataset.read(csv: tablePath, schema: config.tableSchema)
        var run = NetworkRun(config: config)
        run.attributionSampleSize = 200
        let outcome = try run.run(table: table, file: tablePath)
        let out = TestFiles.temporaryDirectory("network")
        try outcome.write(to: out)

        let model = try RiskModel.load(path: out + "/model.json")
        #expect(model.body == .network(outcome.network))
        let rows = Array(0..<min(table.rowCount, 500))
        let columns = try outcome.encoding.columns(of: table, rows: rows).columns
        let frozen = model.body.margins(rowMajor: rows.flatMap { row in columns.map { $0[row] } })
        let trained = NetworkRun.margins(of: outcome.network, columns: columns, threads: 1)
        #expect(frozen.map(\.bitPattern) == trained.map(\.bitPattern))

        let metrics = outcome.metrics
        #expect(metrics.epochs <= 6 && metrics.trainLogLoss.count == metrics.epochs)
        #expect(metrics.trainLogLoss.last! < metrics.trainLogLoss.first!)
        #expect((metrics.randomValidation?.auc ?? 0) > 0.6)
        #expect(model.training.validation.first?.auc == metrics.randomValidation?.auc)
        #expect(abs(outcome.importance.indicatorShares.reduce(0, +) - 1) < 1e-9)
        #expect(abs(outcome.importance.dimensions.reduce(0) { $0 + $1.share } - 1) < 1e-9)
        #expect(outcome.importance.indicators.map(\.name) == config.indicatorSystem.indicators.map(\.name))
        let source = NetworkRun.Outcome.weightSource
        #expect(abs(model.indicatorWeights.values.reduce(0) { $0 + ($1[source] ?? 0) } - 1) < 1e-9)
        // The weights table's learned_network column is the frozen model's integrated-gradients shares.
        let learned = try LearnedWeights.fromModel(model, system: config.indicatorSystem, file: "model.json")
        #expect(learned.map(\.source) == [.learnedNetwork])
        #expect(zip(learned[0].indicators, outcome.importance.indicatorShares).allSatisfy { abs($0 - $1) < 1e-9 })
        var fewer = model
        fewer.features.removeLast()
        #expect(throws: WeightsError.self) {
            try LearnedWeights.fromModel(fewer, system: config.indicatorSystem, file: "model.json")
        }
        for file in ["metrics.json", "importance.csv", "importance.json", "importance.md"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        let decoded = try JSONDecoder().decode(
            NetworkImportance.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/importance.json")))
        #expect(decoded == outcome.importance)
    }
}
