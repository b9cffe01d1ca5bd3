import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// The committed statsmodels / scikit-learn fits of Tests/Reference/scorecard/logistic_reference.py.
struct LogisticReference: Decodable {
    var columns: [[Double]]
    var labels: [Float]
    var weights: [Float]
    var unpenalised: [Double]
    var l2: Double
    var penalised: [Double]

    static func load() throws -> LogisticReference {
        let url = URL(
            fileURLWithPath: TestFiles.packageRoot + "/Tests/Reference/scorecard/logistic_reference.json")
        return try JSONDecoder().decode(LogisticReference.self, from: Data(contentsOf: url))
    }
}

@Suite("Logistic regression by IRLS: reference fits, separation, singular designs")
struct LogisticRegressionTests {
    static func fit(
        _ columns: [[Double]], _ labels: [Float], weights: [Float]? = nil, l2: Double = 0, threads: Int = 1
    ) throws(ScorecardError) -> LogisticFit {
        try LogisticRegression.fit(
            DenseDesign(columns: columns, rowCount: labels.count), labels: labels, weights: weights, l2: l2,
            tolerance: 1e-10, maxIterations: 50, names: columns.indices.map { "x\($0)" }, threads: threads)
    }

    @Test("weighted fits equal statsmodels (no penalty) and scikit-learn (L2) within 1e-6", arguments: [1, 2])
    func reference(threads: Int) throws {
        let reference = try LogisticReference.load()
        let plain = try Self.fit(reference.columns, reference.labels, weights: reference.weights, threads: threads)
        let ridge = try Self.fit(
            reference.columns, reference.labels, weights: reference.weights, l2: reference.l2, threads: threads)
        for j in 0..<4 {
            #expect(abs(plain.coefficients[j] - reference.unpenalised[j]) < 1e-6, "β\(j)")
            #expect(abs(ridge.coefficients[j] - reference.penalised[j]) < 1e-6, "β\(j) with L2")
        }
        #expect(plain.iterations < 15)
    }

    @Test("blocks of rows are summed in order: the fit does not depend on the thread count")
    func threads() throws {
        var random = SeededGenerator(seed: 5, stream: 2)
        let n = 20_000
        let x = (0..<n).map { _ in random.normal() }
        let labels: [Float] = x.map { random.bernoulli(1 / (1 + exp(-(0.3 + 0.8 * $0)))) ? 1 : 0 }
        let one = try Self.fit([x], labels, threads: 1)
        let two = try Self.fit([x], labels, threads: 2)
        #expect(one.coefficients.map(\.bitPattern) == two.coefficients.map(\.bitPattern))
        #expect(abs(one.coefficients[1] - 0.8) < 0.06)
    }

    @Test("separated classes, a duplicated column and one class give typed errors; L2 fixes the first two")
    func failures() throws {
        let x: [Double] = [-2, -1, -0.5, 0.5, 1, 2]
        let y: [Float] = [0, 0, 0, 1, 1, 1]
        #expect {
            _ = try Self.fit([x], y)
        } throws: { error in
            guard let error = error as? ScorecardError else { return false }
            if case .separation(let name, _) = error { return name == "x0" }
            return false
        }
        let fitted = try Self.fit([x], y, l2: 1)
        #expect(fitted.coefficients[1] > 0)
        let z: [Double] = [0.3, -1, 2, 0.1, -0.4, 1]
        let yz: [Float] = [0, 1, 0, 1, 1, 0]
        #expect {
            _ = try Self.fit([z, z], yz)
        } throws: { error in
            guard case .singularDesign = error as? ScorecardError else { return false }
            return true
        }
        let ridge = try Self.fit([z, z], yz, l2: 1)
        #expect(abs(ridge.coefficients[1] - ridge.coefficients[2]) < 1e-9)
        #expect(throws: ScorecardError.oneClass(positives: false)) { try Self.fit([z], [0, 0, 0, 0, 0, 0]) }
        let reference = try LogisticReference.load()
        #expect {
            _ = try LogisticRegression.fit(
                DenseDesign(columns: reference.columns, rowCount: reference.labels.count), labels: reference.labels,
                weights: reference.weights, l2: 0, tolerance: 1e-12, maxIterations: 2, names: ["a", "b", "c"],
                threads: 1)
        } throws: { error in
            guard case .notConverged(let iterations, let change) = error as? ScorecardError else { return false }
            return iterations == 2 && change > 1e-12
        }
        #expect((ScorecardError.separation(indicator: "x0", iteration: 3)).description.contains("model.scorecard.l2"))
    }
}

@Suite("A scorecard run: config, both learners on a synthetic province, the frozen models and parity")
struct ScorecardRunTests {
    @Test("model.scorecard parses with defaults and range checks")
    func config() throws {
        let parsed = try NetworkRunTests.config(
            model: "  learner: scorecard\n  scorecard: { max_bins: 8, fine_bins: 30, min_bin_share: 0.02, pdo: 40, "
                + "base_score: 500, base_odds: 20, l2: 0.5, tolerance: 1e-6, max_iterations: 20 }")
        #expect(parsed.model.learner == .scorecard)
        #expect(
            parsed.model.scorecard
                == ScorecardParameters(
                    maxBins: 8, fineBins: 30, minBinShare: 0.02, pdo: 40, baseScore: 500, baseOdds: 20, l2: 0.5,
                    tolerance: 1e-6, maxIterations: 20))
        #expect(try NetworkRunTests.config(model: "  learner: weighted").model.scorecard == ScorecardParameters())
        for bad in [
            "max_bins: 0", "max_bins: 51", "fine_bins: 1", "min_bin_share: 0.6", "pdo: 0", "base_odds: -1", "l2: -1",
            "tolerance: 0", "max_iterations: 0", "bins: 4",
        ] {
            #expect(throws: ConfigError.self, "\(bad)") { try NetworkRunTests.config(model: "  scorecard: { \(bad) }") }
        }
        do {
            _ = try NetworkRunTests.config(model: "  scorecard: { pdo: -3 }")
        } catch let error as ConfigError {
            #expect(error.description.contains("model.scorecard.pdo"))
        }
        #expect(throws: ConfigError.self) { try ScorecardParameters(maxBins: 0).validate() }
    }

    @Test("train → freeze → load for both learners: runtime margins equal the fit's, weights sum to 1, files")
    func run() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 1500, quarters: 3, seed: 23, randomRate: 1.5)
        var config = try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
        config.model.scorecard.maxBins = 5
        let tablePath = directory + "/table.csv"
        _ = try FeatureBuilder(panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
            .write(to: tablePath)
        let table = try Dataset.read(csv: tablePath, schema: config.tableSchema)
        for learner in [Learner.scorecard, .weighted] {
            var run = ScorecardRun(config: config, learner: learner)
            run.threads = 2
            let outcome = try run.run(table: table, file: tablePath)
            let out = TestFiles.temporaryDirectory(learner.rawValue)
            try outcome.write(to: out)
            let model = try RiskModel.load(path: out + "/model.json")
            #expect(model.body == outcome.body)
            // Runtime/trainer parity on every training row: the runtime's margin is the fit's linear predictor.
            let trainRows = try config.labelledRows(in: table, file: tablePath).train
            let trainColumns = try outcome.encoding.columns(of: table, rows: trainRows).columns
            let frozen = model.body.margins(rowMajor: ScorecardRun.rowMajor(trainColumns))
            #expect(frozen.count == outcome.trainMargins.count)
            #expect(zip(frozen, outcome.trainMargins).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
            if learner == .scorecard {
                #expect(frozen.map(\.bitPattern) == outcome.trainMargins.map(\.bitPattern))
                #expect(model.scoreScale == .probabilityPerMille)
            } else {
                #expect(model.scoreScale == .points)
            }
            // One thread gives the same model.
            run.threads = 1
            let again = try run.run(table: table, file: tablePath)
            let date = Date(timeIntervalSince1970: 1_790_000_000)
            #expect(
                try again.frozenModel(createdAt: date).canonicalBytes()
                    == outcome.frozenModel(createdAt: date).canonicalBytes())

            let metrics = outcome.metrics
            #expect(metrics.learner == learner.rawValue)
            #expect((metrics.randomValidation?.auc ?? 0) > 0.6, "\(learner)")
            #expect(model.training.validation.first?.auc == metrics.randomValidation?.auc)
            let source = learner == .scorecard ? "coefficient_woe_sd" : "expert"
            #expect(abs(model.indicatorWeights.values.reduce(0) { $0 + ($1[source] ?? 0) } - 1) < 1e-9)
            // The weights table's learned_scorecard column comes from the frozen model; the weighted scorecard's
            // weights are the experts', not learned.
            if learner == .scorecard {
                let columns = try LearnedWeights.fromModel(model, system: config.indicatorSystem, file: "model.json")
                #expect(columns.map(\.source) == [.learnedScorecard])
                let expected = config.indicatorSystem.indicators.map { model.indicatorWeights[$0.name]?[source] ?? 0 }
                #expect(zip(columns[0].indicators, expected).allSatisfy { abs($0 - $1) < 1e-9 })
            } else {
                #expect(throws: WeightsError.self) {
                    try LearnedWeights.fromModel(model, system: config.indicatorSystem, file: "model.json")
                }
            }
            for binning in outcome.binnings where binning.direction != .none {
                let rates = binning.eventRates.prefix(binning.bins.valueBinCount).filter { !$0.isNaN }
                let sign: Double = binning.direction == .increasing ? 1 : -1
                #expect(zip(rates, rates.dropFirst()).allSatisfy { sign * ($1 - $0) > 0 })
            }
            for file in ["metrics.json", "scorecard.csv", "scorecard.md"] {
                #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
            }
            let csv = try String(contentsOfFile: out + "/scorecard.csv", encoding: .utf8)
            #expect(csv.hasPrefix("indicator,bin,range,count,weight,event_rate,woe,iv,risk_score,points\n"))
            #expect(csv.split(separator: "\n").count == 1 + outcome.binnings.reduce(0) { $0 + $1.bins.binCount })
        }
    }
}
