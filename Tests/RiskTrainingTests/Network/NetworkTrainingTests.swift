import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

/// Seeded tables for the network tests: `numeric` standardisable columns (some missing) and one categorical
/// column of `categories` codes, with labels from a known rule.
struct NetworkTestData {
    var columns: [[Float]]
    var categoryCounts: [Int?]
    var labels: [Float]

    init(rows: Int, numeric: Int, categories: Int, seed: UInt64, separable: Bool = false) {
        var generator = SeededGenerator(seed: seed, stream: 1)
        columns = (0..<numeric).map { j in
            (0..<rows).map { _ in
                generator.index(below: 10) == 0 && j % 2 == 1 ? .nan : Float(generator.normal() * Double(j + 1) + 3)
            }
        }
        columns.append(
            (0..<rows).map { _ in generator.index(below: 12) == 0 ? .nan : Float(generator.index(below: categories)) })
        categoryCounts = Array(repeating: nil, count: numeric) + [categories]
        let columns = self.columns
        labels = (0..<rows).map { r in
            let score =
                Double(columns[0][r] - 3) - Double(columns.count > 2 ? columns[2][r] - 3 : 0) / 3
                + (columns[numeric][r] == 1 ? 1.5 : 0)
            if separable { return score > 0 ? 1 : 0 }
            return generator.bernoulli(1 / (1 + exp(-score))) ? 1 : 0
        }
    }

    func inputs() -> [NeuralNetwork.InputEncoding] {
        NetworkInputs.fit(columns: columns, categoryCounts: categoryCounts)
    }

    func encoded<T: BLASScalar>() -> EncodedRows<T> {
        NetworkInputs.encode(columns: columns, network: NeuralNetwork(inputs: inputs(), layers: []))
    }
}

@Suite("The network learner: backpropagation, training, determinism and freezing")
struct NetworkTrainingTests {
    @Test("input statistics: mean, population deviation, missing share, category shares")
    func fitInputs() {
        let inputs = NetworkInputs.fit(
            columns: [[1, 2, .nan, 3], [5, 5, 5, 5], [0, 2, .nan, 2]], categoryCounts: [nil, nil, 3])
        #expect(
            inputs[0]
                == .standardized(mean: 2, scale: (2.0 / 3).squareRoot(), missingIndicator: true, missingShare: 0.25))
        #expect(inputs[1] == .standardized(mean: 5, scale: 1, missingIndicator: false, missingShare: 0))
        #expect(inputs[2] == .oneHot(shares: [0.25, 0, 0.5]))
        let rows: EncodedRows<Float> = NetworkInputs.encode(
            columns: [[1, 2, .nan, 3], [5, 5, 5, 5], [0, 2, .nan, 2]],
            network: NeuralNetwork(inputs: inputs, layers: []))
        #expect(rows.denseWidth == 3 && rows.oneHotWidth == 3 && rows.categoricalCount == 1)
        #expect(rows.dense[2 * 3 + 0] == 0 && rows.dense[2 * 3 + 2] == 1 && rows.dense[0 * 3 + 2] == 0)
        #expect(rows.codes == [0, 2, -1, 2])
    }

    @Test("backpropagation matches central finite differences (Double precision)")
    func finiteDifferences() throws {
        let data = NetworkTestData(rows: 9, numeric: 3, categories: 4, seed: 5)
        let rows: EncodedRows<Double> = data.encoded()
        var generator = SeededGenerator(seed: 17)
        var model = NetworkModel<Double>(
            inputs: data.inputs(), hidden: [5, 4], outputBias: -0.3, generator: &generator)
        // Hidden biases start at 0, so a row whose first-layer units are all off puts the second layer's
        // pre-activations exactly on ReLU's kink, where no derivative exists; move every bias off zero.
        for l in model.biases.indices.dropLast() {
            for o in model.biases[l].indices { model.biases[l][o] = 0.1 * (generator.uniform() - 0.5) }
        }
        let weights = (0..<rows.rows).map { Double($0 % 3) * 0.5 + 0.25 }
        let labels = data.labels.map(Double.init)
        let order = Array(0..<rows.rows)
        func workspace() -> NetworkWorkspace<Double> {
            var ws = NetworkWorkspace(batch: rows.rows, model: model, denseWidth: rows.denseWidth, categoricalCount: 1)
            ws.load(rows, labels: labels, weights: weights, order: order, start: 0)
            return ws
        }
        var ws = workspace()
        model.backpropagate(&ws)
        func loss(_ edit: (inout NetworkModel<Double>) -> Void) -> Double {
            var changed = model
            edit(&changed)
            var scratch = workspace()
            return changed.backpropagate(&scratch)
        }
        let h = 1e-6
        var checked = 0
        func check(_ analytic: Double, _ edit: @escaping (inout NetworkModel<Double>, Double) -> Void) {
            let numeric = (loss { edit(&$0, h) } - loss { edit(&$0, -h) }) / (2 * h)
            #expect(abs(numeric - analytic) <= 1e-6 * max(1, abs(numeric)), "analytic \(analytic), numeric \(numeric)")
            checked += 1
        }
        for l in model.weights.indices {
            for i in model.weights[l].elements.indices {
                check(ws.weightGradients[l].elements[i]) { $0.weights[l].elements[i] += $1 }
            }
            for o in model.biases[l].indices { check(ws.biasGradients[l][o]) { $0.biases[l][o] += $1 } }
        }
        for i in model.embedding.elements.indices {
            check(ws.embeddingGradient.elements[i]) { $0.embedding.elements[i] += $1 }
        }
        #expect(checked == model.parameterCount)
    }

    @Test("on a separable toy set the training loss falls and the classes separate")
    func separable() throws {
        let data = NetworkTestData(rows: 600, numeric: 3, categories: 3, seed: 9, separable: true)
        let trainer = NetworkTrainer(
            parameters: NetworkParameters(layers: [16, 8], epochs: 40, batchSize: 32, learningRate: 0.01, threads: 1),
            seed: 1)
        let rows: EncodedRows<Float> = data.encoded()
        let result = try trainer.train(rows, labels: data.labels, inputs: data.inputs())
        let losses = result.trainLogLoss
        #expect(losses.count == 40)
        #expect(losses[39] < losses[0] / 3 && losses[39] < 0.1, "\(losses)")
        let margins = result.model.margins(rows).map(Double.init)
        #expect(Metrics.auc(scores: margins, labels: data.labels) > 0.995)
    }

    @Test("weights are byte-identical with 1 and 2 BLAS threads, and between runs")
    func determinism() throws {
        // Shapes above OpenBLAS's threading threshold, so the 2-thread run really splits its products.
        let data = NetworkTestData(rows: 1500, numeric: 40, categories: 20, seed: 4)
        let rows: EncodedRows<Float> = data.encoded()
        func train(threads: Int) throws -> NeuralNetwork {
            let parameters = NetworkParameters(layers: [64, 32], epochs: 2, batchSize: 256, threads: threads)
            return try NetworkTrainer(parameters: parameters, seed: 42)
                .train(rows, labels: data.labels, inputs: data.inputs()).model.frozen()
        }
        let one = try train(threads: 1)
        let two = try train(threads: 2)
        let again = try train(threads: 2)
        func bits(_ network: NeuralNetwork) -> [UInt32] {
            network.layers.flatMap { $0.weights.map(\.bitPattern) + $0.biases.map(\.bitPattern) }
        }
        #expect(bits(one).count == bits(two).count)
        #expect(zip(bits(one), bits(two)).filter { $0 != $1 }.count == 0)
        #expect(zip(bits(two), bits(again)).filter { $0 != $1 }.count == 0)
        #expect(BLAS.threadCount >= 1)
    }

    @Test("early stopping keeps the best validation epoch's weights")
    func earlyStopping() throws {
        let data = NetworkTestData(rows: 300, numeric: 3, categories: 3, seed: 12)
        let valid = NetworkTestData(rows: 200, numeric: 3, categories: 3, seed: 13)
        let shape = NeuralNetwork(inputs: data.inputs(), layers: [])
        let validRows: EncodedRows<Float> = NetworkInputs.encode(columns: valid.columns, network: shape)
        // A large step overfits quickly, so validation loss turns up and patience ends training.
        let parameters = NetworkParameters(
            layers: [32, 32], epochs: 200, batchSize: 16, learningRate: 0.02, weightDecay: 0, patience: 3, threads: 1)
        let result = try NetworkTrainer(parameters: parameters, seed: 3).train(
            data.encoded(), labels: data.labels, inputs: data.inputs(), validation: (validRows, valid.labels))
        #expect(result.epochs < 200 && result.epochs == result.bestEpoch + 3)
        let best = try #require(result.validLogLoss.min())
        #expect(result.validLogLoss[result.bestEpoch - 1] == best)
        let kept = result.model.margins(validRows).map(Double.init)
        #expect(abs(Metrics.logLoss(margins: kept, labels: valid.labels) - best) < 1e-6)
    }

    @Test("the runtime's dense loops score within 1e-5 of the trainer's BLAS forward pass")
    func runtimeParity() throws {
        let data = NetworkTestData(rows: 400, numeric: 6, categories: 5, seed: 7)
        let rows: EncodedRows<Float> = data.encoded()
        let result = try NetworkTrainer(
            parameters: NetworkParameters(layers: [32, 16, 8], epochs: 5, batchSize: 64, threads: 1), seed: 5
        ).train(rows, labels: data.labels, inputs: data.inputs())
        let trainer = result.model.margins(rows)
        let network = result.model.frozen()
        for r in 0..<rows.rows {
            let runtime = network.margin(data.columns.map { $0[r] })
            #expect(abs(runtime - Double(trainer[r])) <= 1e-5 * max(1, abs(runtime)))
            let p = TreeEnsemble.logistic(runtime)
            #expect(abs(p - TreeEnsemble.logistic(Double(trainer[r]))) <= 1e-5)
        }
    }

    @Test("training refuses labels other than 0/1 and negative weights")
    func badInput() {
        let data = NetworkTestData(rows: 20, numeric: 2, categories: 2, seed: 1)
        let rows: EncodedRows<Float> = data.encoded()
        let trainer = NetworkTrainer(parameters: NetworkParameters(epochs: 1), seed: 1)
        var labels = data.labels
        labels[4] = 2
        #expect(throws: TrainingError.invalidLabel(row: 4, value: 2)) {
            try trainer.train(rows, labels: labels, inputs: data.inputs())
        }
        var weights = [Float](repeating: 1, count: 20)
        weights[7] = -1
        #expect(throws: TrainingError.invalidWeight(row: 7, value: -1)) {
            try trainer.train(rows, labels: data.labels, weights: weights, inputs: data.inputs())
        }
    }
}
