import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// Small feature tables and configs for runs that start from an earlier model.
enum RunFixtures {
    /// A config over `indicators` (of a, b, c, d numeric and region categorical) with `boosting` settings.
    static func config(indicators: [String] = ["a", "b", "c", "region"], boosting: String) throws -> ExperimentConfig {
        let lines = [
            "a": "{ name: a, label: 甲, kind: numeric, direction: increasing }",
            "b": "{ name: b, label: 乙, kind: numeric, direction: decreasing }",
            "c": "{ name: c, label: 丙, kind: numeric }",
            "d": "{ name: d, label: 丁, kind: numeric }",
            "region": "{ name: region, label: 区域, kind: categorical }",
        ]
        let yaml = """
            name: start
            indicator_system:
              dimensions:
                - name: d1
                  label: 维度一
                  indicators:
            \(indicators.map { "        - " + (lines[$0] ?? "") }.joined(separator: "\n"))
            model: { seed: 3, boosting: \(boosting) }
            """
        return try ExperimentConfig.load(yaml: yaml, file: "start.yaml")
    }

    /// `rows` labelled rows: a, b, c, d uniform (a few missing), region one of four, hits drawn from a known
    /// risk with an a·c interaction; `shift` moves the base rate (a later quarter's data).
    static func table(rows: Int, seed: UInt64, shift: Double = 0, regions: [String] = ["r1", "r2", "r3", "r4"])
        -> Dataset
    {
        var g = SeededGenerator(seed: seed)
        var a: [Float] = []
        var b: [Float] = []
        var c: [Float] = []
        var d: [Float] = []
        var region: [String?] = []
        var hit: [Float] = []
        for _ in 0..<rows {
            let x = (0..<4).map { _ in g.uniform() }
            let r = g.index(below: regions.count)
            a.append(g.bernoulli(0.05) ? .nan : Float(x[0]))
            b.append(Float(x[1]))
            c.append(Float(x[2]))
            d.append(Float(x[3]))
            region.append(regions[r])
            let logit = -1.5 + shift + 2 * x[0] - 1.5 * x[1] + 1.5 * x[0] * x[2] + (r == 1 ? 0.8 : 0)
            hit.append(g.bernoulli(1 / (1 + exp(-logit))) ? 1 : 0)
        }
        return Dataset(columns: [
            .categorical("quarter", Array(repeating: "2026Q1", count: rows)),
            .numeric("a", a), .numeric("b", b), .numeric("c", c), .numeric("d", d),
            .categorical("region", region),
            .categorical("inspection_kind", Array(repeating: "random", count: rows)),
            .numeric("hit", hit),
        ])
    }

    /// Runs `config` on a training and a validation table, starting from `start`. The tables are written to
    /// files first, as the frozen model keeps the SHA-256 of the files it was trained on.
    static func run(
        _ config: ExperimentConfig, train: Dataset, valid: Dataset, start: BoostingRun.Start = .scratch
    ) throws -> BoostingRun.Outcome {
        let directory = TestFiles.temporaryDirectory("tables")
        try train.write(csv: directory + "/train.csv")
        try valid.write(csv: directory + "/valid.csv")
        var run = BoostingRun(config: config)
        run.start = start
        run.shapSampleSize = 200
        return try run.run(
            table: train, file: directory + "/train.csv", validationTable: (valid, directory + "/valid.csv"))
    }

    /// The mean log loss of `ensemble` on `table`'s rows, through the runtime's evaluator.
    static func logLoss(_ ensemble: TreeEnsemble, encoding: FeatureEncoding, table: Dataset) throws -> Double {
        let columns = try encoding.columns(of: table, rows: Array(0..<table.rowCount)).columns
        var margins = [Double](repeating: 0, count: table.rowCount)
        ensemble.margins(columns: columns, into: &margins)
        return Metrics.logLoss(margins: margins, labels: try table.numeric("hit"))
    }
}

@Suite("BoostingRun from an earlier model: warm start and refit for quarterly retrains")
struct BoostingRunStartTests {
    static let boosting = "{ rounds: 6, max_leaves: 7, min_samples_per_leaf: 10, threads: 1 }"

    /// Writes `outcome` into a new folder and reads its model back, as `--warm-start`/`--model` do.
    static func roundTrip(_ outcome: BoostingRun.Outcome) throws -> EarlierModel {
        let directory = TestFiles.temporaryDirectory("earlier")
        try outcome.write(to: directory)
        return try BoostingRun.loadEnsemble(path: directory)
    }

    @Test("warm start keeps the first trees, adds --rounds more, and equals training all rounds at once")
    func warmStart() throws {
        let train = RunFixtures.table(rows: 3000, seed: 1)
        let valid = RunFixtures.table(rows: 800, seed: 2)
        let first = try RunFixtures.run(RunFixtures.config(boosting: Self.boosting), train: train, valid: valid)
        let earlier = try Self.roundTrip(first)
        #expect(earlier.ensemble == first.ensemble)
        let continued = try RunFixtures.run(
            RunFixtures.config(boosting: Self.boosting), train: train, valid: valid, start: .warmStart(earlier))
        #expect(continued.ensemble.trees.count == 12)
        #expect(Array(continued.ensemble.trees.prefix(6)) == first.ensemble.trees)
        #expect(continued.ensemble.baseScore == first.ensemble.baseScore)
        #expect(continued.metrics.earlierModel?.kind == "warm_start" && continued.metrics.earlierModel?.trees == 6)
        let before = try RunFixtures.logLoss(first.ensemble, encoding: first.encoding, table: train)
        let after = try RunFixtures.logLoss(continued.ensemble, encoding: continued.encoding, table: train)
        #expect(after < before, "train log loss \(before) → \(after)")
        // Same rows, same bins: N rounds then M more are the N+M rounds of one run, tree for tree.
        let direct = try RunFixtures.run(
            RunFixtures.config(boosting: "{ rounds: 12, max_leaves: 7, min_samples_per_leaf: 10, threads: 1 }"),
            train: train, valid: valid)
        #expect(continued.ensemble == direct.ensemble)
    }

    @Test("warm start on a later quarter with a new category keeps the old trees' codes")
    func warmStartNewCategory() throws {
        let config = try RunFixtures.config(boosting: Self.boosting)
        let first = try RunFixtures.run(
            config, train: RunFixtures.table(rows: 2000, seed: 3, regions: ["r2", "r3", "r4"]),
            valid: RunFixtures.table(rows: 500, seed: 4))
        let later = RunFixtures.table(rows: 2000, seed: 5, shift: 0.3)
        let continued = try RunFixtures.run(
            config, train: later, valid: RunFixtures.table(rows: 500, seed: 6),
            start: .warmStart(try Self.roundTrip(first)))
        let vocabulary = continued.encoding.features[3].vocabulary
        #expect(first.encoding.features[3].vocabulary == ["r2", "r3", "r4"])
        #expect(vocabulary == ["r2", "r3", "r4", "r1"])
        // The kept trees score the later rows exactly as the earlier model does with its own encoding.
        let kept = TreeEnsemble(
            featureCount: 4, baseScore: continued.ensemble.baseScore,
            trees: Array(continued.ensemble.trees.prefix(6)))
        #expect(
            try RunFixtures.logLoss(kept, encoding: continued.encoding, table: later)
                == RunFixtures.logLoss(first.ensemble, encoding: first.encoding, table: later))
    }

    @Test("refit keeps every tree's structure; on the same rows it reproduces the leaf values")
    func refitSameRows() throws {
        let train = RunFixtures.table(rows: 3000, seed: 7)
        let valid = RunFixtures.table(rows: 800, seed: 8)
        let config = try RunFixtures.config(boosting: Self.boosting)
        let first = try RunFixtures.run(config, train: train, valid: valid)
        let refitted = try RunFixtures.run(config, train: train, valid: valid, start: .refit(try Self.roundTrip(first)))
        #expect(refitted.metrics.earlierModel?.kind == "refit")
        #expect(refitted.ensemble.trees.count == first.ensemble.trees.count)
        for (new, old) in zip(refitted.ensemble.trees, first.ensemble.trees) {
            #expect(new.splitFeature == old.splitFeature && new.threshold == old.threshold)
            #expect(new.left == old.left && new.right == old.right && new.defaultLeft == old.defaultLeft)
            #expect(new.categoryWords == old.categoryWords)
            for (a, b) in zip(new.leafValue, old.leafValue) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
        }
    }

    @Test("refit on a later quarter fits it better and stays monotone")
    func refitLaterQuarter() throws {
        let config = try RunFixtures.config(boosting: Self.boosting)
        let first = try RunFixtures.run(
            config, train: RunFixtures.table(rows: 3000, seed: 9), valid: RunFixtures.table(rows: 500, seed: 10))
        let later = RunFixtures.table(rows: 3000, seed: 11, shift: 0.8)
        let refitted = try RunFixtures.run(
            config, train: later, valid: RunFixtures.table(rows: 500, seed: 12, shift: 0.8),
            start: .refit(try Self.roundTrip(first)))
        let before = try RunFixtures.logLoss(first.ensemble, encoding: first.encoding, table: later)
        let after = try RunFixtures.logLoss(refitted.ensemble, encoding: refitted.encoding, table: later)
        #expect(after < before, "log loss on the later quarter \(before) → \(after)")
        #expect(refitted.ensemble.trees.map(\.splitFeature) == first.ensemble.trees.map(\.splitFeature))
        // Still monotone in a (increasing) and b (decreasing), whatever the new rows say, with consistent covers.
        #expect(MonotoneVerifier.violations(in: refitted.ensemble, directions: [1, -1, 0, 0]).isEmpty)
        try refitted.ensemble.checkInvariants()
    }

    @Test("a model whose features are not the config's is refused, naming the missing and extra ones")
    func featureMismatch() throws {
        let train = RunFixtures.table(rows: 1000, seed: 13)
        let valid = RunFixtures.table(rows: 300, seed: 14)
        let first = try RunFixtures.run(RunFixtures.config(boosting: Self.boosting), train: train, valid: valid)
        let earlier = try Self.roundTrip(first)
        let other = try RunFixtures.config(indicators: ["a", "b", "d", "region"], boosting: Self.boosting)
        #expect {
            try RunFixtures.run(other, train: train, valid: valid, start: .warmStart(earlier))
        } throws: { error in
            guard case .modelFeaturesMismatch(_, let missing, let extra) = error as? TrainingError else { return false }
            let text = String(describing: error)
            return missing == ["d"] && extra == ["c"] && text.contains("missing from the model: d")
                && text.contains("in the model but not the config: c")
        }
        // The same indicators in another order: the trees are re-indexed and score exactly as before.
        let reordered = try RunFixtures.config(indicators: ["region", "c", "a", "b"], boosting: Self.boosting)
        let refitted = try RunFixtures.run(reordered, train: train, valid: valid, start: .refit(earlier))
        #expect(refitted.encoding.features.map(\.name) == ["region", "c", "a", "b"])
        #expect(
            abs(
                try RunFixtures.logLoss(refitted.ensemble, encoding: refitted.encoding, table: train)
                    - RunFixtures.logLoss(first.ensemble, encoding: first.encoding, table: train)) < 1e-6)
    }

    @Test("reading the files gives the same model as handing over the tables; unlabelled rows are skipped")
    func fromFiles() throws {
        let config = try RunFixtures.config(boosting: Self.boosting)
        let train = RunFixtures.table(rows: 1500, seed: 17)
        let valid = RunFixtures.table(rows: 400, seed: 18)
        let directory = TestFiles.temporaryDirectory("files")
        // The file has unlabelled rows besides the labelled ones, and no identifier column.
        var columns = train.columns
        for (index, column) in columns.enumerated() {
            switch column.storage {
            case .numeric(let values):
                columns[index] = .numeric(column.name, values + (column.name == "hit" ? [.nan, .nan] : [0.5, 0.5]))
            case .categorical(let categorical):
                let text = (0..<categorical.count).map { categorical[$0] }
                columns[index] = .categorical(
                    column.name, text + (column.name == "inspection_kind" ? [nil, nil] : text.prefix(2)))
            }
        }
        try Dataset(columns: columns).write(csv: directory + "/train.csv")
        try valid.write(csv: directory + "/valid.csv")
        let fromFiles = try BoostingRun(config: config).run(
            dataFile: directory + "/train.csv", validationFile: directory + "/valid.csv")
        let fromTables = try BoostingRun(config: config).run(
            table: train, file: "train.csv", validationTable: (valid, "valid.csv"))
        #expect(fromFiles.metrics.trainRows == 1500)
        #expect(fromFiles.ensemble == fromTables.ensemble)
    }

    @Test("a missing or foreign model file is an error naming the file")
    func unreadable() throws {
        let directory = TestFiles.temporaryDirectory("no-model")
        #expect { try BoostingRun.loadEnsemble(path: directory) } throws: { error in
            guard case .unreadableModel(let path, _) = error as? TrainingError else { return false }
            return path.hasSuffix("/ensemble.json")
        }
        try TestFiles.write("{\"rows\": 3}", to: "other.json", in: directory)
        #expect { try BoostingRun.loadEnsemble(path: directory + "/other.json") } throws: { error in
            let text = String(describing: error)
            return text.contains("other.json") && text.contains("not a RiskGrade model file")
        }
    }

    @Test("config keys reach the trainer: interaction groups by name, class weight in the base score")
    func configKeys() throws {
        let train = RunFixtures.table(rows: 3000, seed: 15)
        let valid = RunFixtures.table(rows: 500, seed: 16)
        let config = try RunFixtures.config(
            boosting: """
                { rounds: 6, max_leaves: 15, min_samples_per_leaf: 5, threads: 1, positive_class_weight: 3, \
                early_stopping_metric: auc, interaction_groups: [[a, c], [b, region]] }
                """)
        let options = try BoostingRun(config: config).options(
            encoding: FeatureEncoding(config: config, training: train))
        #expect(options.interactionGroups == [[0, 2], [1, 3]])
        #expect(options.stoppingMetric == .auc && options.positiveClassWeight == 3)
        let outcome = try RunFixtures.run(config, train: train, valid: valid)
        let labels = try train.numeric("hit")
        let positives = Double(labels.filter { $0 == 1 }.count)
        #expect(abs(outcome.ensemble.baseScore - log(3 * positives / (Double(labels.count) - positives))) < 1e-9)
        let groups = [Set([0, 2]), Set([1, 3])]
        for tree in outcome.ensemble.trees where !tree.splitFeature.isEmpty {
            func walk(_ node: Int32, _ used: Set<Int>) {
                if node < 0 {
                    #expect(groups.contains { $0.isSuperset(of: used) })
                    return
                }
                let next = used.union([Int(tree.splitFeature[Int(node)])])
                walk(tree.left[Int(node)], next)
                walk(tree.right[Int(node)], next)
            }
            walk(0, [])
        }
    }
}
