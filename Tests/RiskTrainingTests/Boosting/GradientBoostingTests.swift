import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("Gradient boosting: known trees, missing values, categories, determinism, constraints, warm start")
struct GradientBoostingTests {
    /// Sorted keys: Foundation's JSON key order is otherwise not stable between calls.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func trainer(_ parameters: BoostingParameters, _ options: BoostingOptions = BoostingOptions())
        -> GradientBoostingTrainer
    {
        GradientBoostingTrainer(parameters: parameters, options: options)
    }

    @Test("a step function is found exactly by a two-leaf tree")
    func stepFunction() throws {
        let x = (0..<200).map { Float($0) / 200 }
        let labels = x.map { Float($0 > 0.6 ? 1 : 0) }
        let set = TrainingSet(columns: [x, x.map { _ in 0.5 }], labels: labels)
        let p = BoostingParameters(rounds: 1, maxLeaves: 2, minSamplesPerLeaf: 1, threads: 1)
        let tree = try Self.trainer(p).train(set).ensemble.trees[0]
        #expect(tree.splitFeature == [0])
        #expect(tree.threshold[0] > 0.6 - 1e-6 && tree.threshold[0] < 0.605)
        #expect(tree.leafValue[0] < 0 && tree.leafValue[1] > 0)
        #expect(tree.leafCover.reduce(0, +) > 0 && tree.internalCover[0] > 0)
    }

    @Test("missing values that are all positive learn to go to the positive side")
    func missingRouting() throws {
        var gen = SeededGenerator(seed: 2)
        var x: [Float] = []
        var labels: [Float] = []
        for _ in 0..<1000 {
            if gen.bernoulli(0.1) {
                x.append(.nan)
                labels.append(1)
            } else {
                let v = Float(gen.uniform())
                x.append(v)
                labels.append(v < 0.3 ? 1 : 0)
            }
        }
        let set = TrainingSet(columns: [x], labels: labels)
        let p = BoostingParameters(rounds: 1, maxLeaves: 2, minSamplesPerLeaf: 5, threads: 1)
        let tree = try Self.trainer(p).train(set).ensemble.trees[0]
        #expect(tree.splitFeature == [0])
        #expect(tree.defaultLeft[0])  // low values are positive, so left is the positive side
        #expect(tree.leafValue[tree.leaf { _ in .nan }] > 0)
    }

    @Test("a category set that determines the label is found as one split")
    func categoricalSplit() throws {
        var gen = SeededGenerator(seed: 3)
        let codes = (0..<2000).map { _ in Float(gen.index(below: 12)) }
        let positive: Set<Float> = [1, 4, 7, 10]
        let labels = codes.map { Float(positive.contains($0) ? 1 : 0) }
        let noise = codes.map { _ in Float(gen.uniform()) }
        let set = TrainingSet(columns: [noise, codes], isCategorical: [false, true], labels: labels)
        let p = BoostingParameters(rounds: 1, maxLeaves: 2, minSamplesPerLeaf: 5, threads: 1)
        let tree = try Self.trainer(p).train(set).ensemble.trees[0]
        #expect(tree.splitFeature == [1] && tree.categorySet == [0])
        for code in 0..<12 {
            let leaf = tree.leaf { $0 == 1 ? Float(code) : 0.5 }
            #expect((tree.leafValue[leaf] > 0) == positive.contains(Float(code)))
        }
        #expect(tree.leaf { $0 == 1 ? 99 : 0.5 } == tree.leaf { $0 == 1 ? .nan : 0.5 })  // unseen = rare side
    }

    @Test("1 and 2 threads give byte-identical models (bagging, feature fraction, many row blocks)")
    func threadsIdentical() throws {
        let set = BoostingFixtures.numeric(rows: 40_000, features: 4, seed: 7, missing: true)
        var models: [Data] = []
        for threads in [1, 2] {
            let p = BoostingParameters(
                rounds: 6, maxLeaves: 8, rowSubsample: 0.9, featureFraction: 0.75, threads: threads)
            let result = try Self.trainer(p, BoostingOptions(seed: 11)).train(set)
            models.append(try Self.encoder.encode(result.ensemble))
        }
        #expect(models[0] == models[1])
    }

    @Test("training margins equal the runtime's margins (bins route like raw thresholds)")
    func routingConsistency() throws {
        let set = BoostingFixtures.numeric(rows: 3000, features: 5, seed: 8, missing: true)
        let p = BoostingParameters(rounds: 8, maxLeaves: 15, bins: 16, rowSubsample: 0.7, threads: 1)
        var reported: Double?
        let result = try Self.trainer(p, BoostingOptions(progressInterval: 8)).train(set) {
            reported = $0.trainLogLoss
        }
        let margins = (0..<set.rowCount).map { result.ensemble.margin(set.row($0)) }
        let direct = Metrics.logLoss(margins: margins, labels: set.labels)
        #expect(abs((reported ?? 0) - direct) < 1e-12)
    }

    @Test("monotone constraints: predictions never move against the direction, and the verifier certifies")
    func monotone() throws {
        var set = BoostingFixtures.numeric(rows: 3000, features: 4, seed: 12, missing: true)
        set.monotoneDirection = [1, -1, 0, 0]
        let p = BoostingParameters(rounds: 20, maxLeaves: 15, minSamplesPerLeaf: 5, threads: 1)
        let model = try Self.trainer(p).train(set).ensemble
        #expect(MonotoneVerifier.violations(in: model, directions: set.monotoneDirection).isEmpty)
        var gen = SeededGenerator(seed: 1)
        for _ in 0..<100 {
            var row = (0..<4).map { _ in Float(gen.uniform()) }
            for (feature, direction) in [(0, 1.0), (1, -1.0)] {
                var previous = -Double.infinity * direction
                for step in 0...20 {
                    row[feature] = Float(step) / 20
                    let m = model.margin(row)
                    #expect(direction > 0 ? m >= previous : m <= previous)
                    previous = m
                }
            }
        }
        // An unconstrained model on the same data is caught by the verifier when it is not monotone.
        let free = try Self.trainer(p).train(BoostingFixtures.numeric(rows: 3000, features: 4, seed: 12)).ensemble
        let found = MonotoneVerifier.violations(in: free, directions: [0, 0, 1, 1])
        #expect(!found.isEmpty)
    }

    @Test("interaction constraints: every branch uses features of one group")
    func interactions() throws {
        let set = BoostingFixtures.numeric(rows: 2000, features: 4, seed: 13)
        let groups = [[0, 1], [2, 3]]
        let p = BoostingParameters(rounds: 5, maxLeaves: 15, minSamplesPerLeaf: 5, threads: 1)
        let model = try Self.trainer(p, BoostingOptions(interactionGroups: groups)).train(set).ensemble
        for tree in model.trees where !tree.splitFeature.isEmpty {
            func walk(_ node: Int32, _ used: Set<Int>) {
                if node < 0 {
                    #expect(groups.contains { Set($0).isSuperset(of: used) })
                    return
                }
                let next = used.union([Int(tree.splitFeature[Int(node)])])
                walk(tree.left[Int(node)], next)
                walk(tree.right[Int(node)], next)
            }
            walk(0, [])
        }
    }

    @Test("warm start: N rounds then M more equals N+M rounds directly")
    func warmStart() throws {
        let set = BoostingFixtures.numeric(rows: 2000, features: 4, seed: 14, missing: true)
        let options = BoostingOptions(seed: 5)
        let full = try Self.trainer(
            BoostingParameters(rounds: 10, maxLeaves: 7, rowSubsample: 0.8, threads: 1), options
        )
        .train(set)
        let first = try Self.trainer(
            BoostingParameters(rounds: 4, maxLeaves: 7, rowSubsample: 0.8, threads: 1), options
        )
        .train(set)
        let continued = try Self.trainer(
            BoostingParameters(rounds: 6, maxLeaves: 7, rowSubsample: 0.8, threads: 1), options
        ).train(set, warmStart: first.ensemble, bins: first.bins)
        #expect(continued.ensemble.trees.count == 10)
        #expect(try Self.encoder.encode(continued.ensemble) == Self.encoder.encode(full.ensemble))
    }

    @Test("refit keeps the structure; leaf values follow the new labels")
    func refit() throws {
        let set = BoostingFixtures.numeric(rows: 2000, features: 3, seed: 15)
        let trainer = Self.trainer(BoostingParameters(rounds: 1, maxLeaves: 7, threads: 1))
        let model = try trainer.train(set).ensemble
        let same = try trainer.refit(model, on: set)
        #expect(same.trees[0].splitFeature == model.trees[0].splitFeature)
        #expect(same.trees[0].threshold == model.trees[0].threshold)
        for (a, b) in zip(same.trees[0].leafValue, model.trees[0].leafValue) { #expect(abs(a - b) < 1e-5) }
        var flipped = set
        flipped.labels = set.labels.map { 1 - $0 }
        let other = try trainer.refit(model, on: flipped)
        // Same base score, labels flipped: each leaf's gradient sum changes sign up to the base-rate shift.
        #expect(other.trees[0].leafValue != model.trees[0].leafValue)
        #expect(other.trees[0].left == model.trees[0].left && other.trees[0].right == model.trees[0].right)
    }

    @Test("early stopping keeps the best round and truncates the trees")
    func earlyStopping() throws {
        let set = BoostingFixtures.numeric(rows: 1500, features: 6, seed: 16)
        let valid = BoostingFixtures.numeric(rows: 800, features: 6, seed: 17)
        let p = BoostingParameters(
            rounds: 200, maxLeaves: 31, learningRate: 0.5, minSamplesPerLeaf: 2, earlyStoppingRounds: 5, threads: 1)
        let result = try Self.trainer(p).train(set, validation: valid)
        let history = result.validationHistory
        let bestIndex = history.indices.min { history[$0] < history[$1] } ?? -1
        #expect(result.bestRound == bestIndex + 1)
        #expect(result.ensemble.trees.count == result.bestRound)
        #expect(history.count < 200 && history.count - result.bestRound == 5)
        let margins = (0..<valid.rowCount).map { result.ensemble.margin(valid.row($0)) }
        #expect(abs(Metrics.logLoss(margins: margins, labels: valid.labels) - history[bestIndex]) < 1e-12)
    }
}
