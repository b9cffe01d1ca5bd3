import Foundation
import Testing

@testable import RiskScoring

/// Small networks over ``ModelFixtures/features``: three standardised features (the first with a missing
/// indicator) and the 40-category region, one-hot.
enum NetworkFixtures {
    static func network(seed: UInt64 = 3, hidden: [Int] = [5, 3]) -> NeuralNetwork {
        var random = TestGenerator(state: seed)
        func uniform(_ scale: Double) -> Float { Float((random.unit() * 2 - 1) * scale) }
        let shares = (0..<40).map { _ in random.unit() / 40 }
        let inputs: [NeuralNetwork.InputEncoding] = [
            .standardized(mean: 12.5, scale: 7.25, missingIndicator: true, missingShare: 0.125),
            .standardized(mean: 0.75, scale: 1.5, missingIndicator: false, missingShare: 0),
            .standardized(mean: 0.0625, scale: 0.25, missingIndicator: false, missingShare: 0),
            .oneHot(shares: shares),
        ]
        var width = NeuralNetwork(inputs: inputs, layers: []).layout.width
        var layers: [NeuralNetwork.Layer] = []
        for (l, outputs) in (hidden + [1]).enumerated() {
            layers.append(
                NeuralNetwork.Layer(
                    inputCount: width, outputCount: outputs, weights: (0..<(width * outputs)).map { _ in uniform(0.8) },
                    biases: (0..<outputs).map { _ in uniform(0.3) }, activation: l == hidden.count ? .identity : .relu))
            width = outputs
        }
        return NeuralNetwork(inputs: inputs, layers: layers)
    }

    /// Rows over the four features: values around the means, some missing, some unseen or odd codes.
    static func rows(_ count: Int, seed: UInt64 = 11) -> [[Float]] {
        var random = TestGenerator(state: seed)
        return (0..<count).map { _ in
            [
                random.below(6) == 0 ? .nan : Float(random.unit() * 30),
                Float(random.below(5)),
                Float(random.below(2)),
                random.below(8) == 0 ? [Float.nan, -1, 2.5, 45][random.below(4)] : Float(random.below(40)),
            ]
        }
    }

    static func model(_ network: NeuralNetwork = network()) -> RiskModel {
        var model = ModelFixtures.model()
        model.body = .network(network)
        model.goldenVectors = model.goldenVectors(for: rows(24))
        return model
    }
}

@Suite("The network body: encoding, margins, integrated gradients and its format")
struct NeuralNetworkTests {
    @Test("inputs are laid out as values, indicators, one-hot blocks; missing and unseen become zeros")
    func encoding() {
        let network = NetworkFixtures.network()
        let layout = network.layout
        #expect(
            layout.value == [0, 1, 2, -1] && layout.indicator == [3, -1, -1, -1] && layout.oneHot == [-1, -1, -1, 4])
        #expect(layout.width == 44)
        let x = network.encode([19.75, .nan, 1, 7], layout: layout)
        #expect(x[0] == 1 && x[1] == 0 && x[2] == 3.75 && x[3] == 0)
        #expect(x[4 + 7] == 1 && x[4...].reduce(0, +) == 1)
        let missing = network.encode([.nan, 0.75, 0.0625, .nan], layout: layout)
        #expect(missing[0] == 0 && missing[3] == 1 && missing[4...].allSatisfy { $0 == 0 })
        for odd: Float in [-1, 2.5, 40, 1e9] {
            #expect(network.encode([0, 0, 0, odd], layout: layout)[4...].allSatisfy { $0 == 0 })
        }
    }

    @Test("the margin equals a naive evaluation, and the batch path gives the same bits")
    func margins() {
        let network = NetworkFixtures.network()
        let rows = NetworkFixtures.rows(50)
        for row in rows {
            // Naive: h = act(Σᵢ xᵢ·W[i][o] + b[o]) layer by layer.
            var h = network.encode(row, layout: network.layout)
            for layer in network.layers {
                h = (0..<layer.outputCount).map { o in
                    let z = (0..<layer.inputCount).reduce(Double(layer.biases[o])) {
                        $0 + h[$1] * Double(layer.weights[$1 * layer.outputCount + o])
                    }
                    return layer.activation == .relu ? max(0, z) : z
                }
            }
            #expect(abs(network.margin(row) - h[0]) <= 1e-12 * max(1, abs(h[0])))
        }
        let batch = network.margins(rowMajor: rows.flatMap { $0 })
        #expect(batch.map(\.bitPattern) == rows.map { network.margin($0).bitPattern })
    }

    @Test("integrated gradients sum to margin − baseline margin", arguments: [UInt64(3), 8, 21])
    func completeness(seed: UInt64) {
        let network = NetworkFixtures.network(seed: seed)
        for row in NetworkFixtures.rows(30, seed: seed) {
            let attribution = network.integratedGradients(row, steps: 32)
            let difference = attribution.margin - attribution.baselineMargin
            let sum = attribution.contributions.reduce(0, +)
            // The midpoint rule is exact between ReLU kinks; 32 steps leave a small error at the kinks crossed.
            #expect(abs(sum - difference) <= 0.05 * abs(difference) + 0.02, "row \(row)")
            let fine = network.integratedGradients(row, steps: 2048).contributions.reduce(0, +)
            #expect(abs(fine - difference) <= 2e-3 * max(1, abs(difference)))
        }
    }

    @Test("the batch contributions are the single-row integrated gradients, with the baseline margin")
    func batchContributions() {
        let network = NetworkFixtures.network()
        let rows = NetworkFixtures.rows(12)
        var phi = [Double](repeating: 0, count: rows.count * 4)
        let baseline = network.contributions(rowMajor: rows.flatMap { $0 }, into: &phi)
        for (r, row) in rows.enumerated() {
            let single = network.integratedGradients(row)
            #expect(baseline == single.baselineMargin)
            #expect(Array(phi[(r * 4)..<(r * 4 + 4)]) == single.contributions)
        }
    }

    @Test("without hidden layers integrated gradients are exact: weight × (input − mean) per feature")
    func linearAttribution() {
        let hidden = NetworkFixtures.network()
        var network = NeuralNetwork(inputs: hidden.inputs, layers: [])
        let width = network.layout.width
        network.layers = [
            NeuralNetwork.Layer(
                inputCount: width, outputCount: 1, weights: (0..<width).map { Float($0 % 7) - 3 }, biases: [0.5],
                activation: .identity)
        ]
        let row: [Float] = [.nan, 2.25, 1, 9]
        let attribution = network.integratedGradients(row, steps: 1)
        let x = network.encode(row, layout: network.layout)
        let base = network.baselineInputs(layout: network.layout)
        let w = network.layers[0].weights.map(Double.init)
        #expect(abs(attribution.contributions[0] - ((x[0] - base[0]) * w[0] + (x[3] - base[3]) * w[3])) < 1e-12)
        #expect(abs(attribution.contributions[1] - (x[1] - base[1]) * w[1]) < 1e-12)
        let oneHot = (4..<width).reduce(0.0) { $0 + (x[$1] - base[$1]) * w[$1] }
        #expect(abs(attribution.contributions[3] - oneHot) < 1e-12)
        #expect(
            abs(attribution.contributions.reduce(0, +) - (attribution.margin - attribution.baselineMargin)) < 1e-12)
    }

    @Test("a model with a network body round-trips through its file and re-scores its golden vectors")
    func roundTrip() throws {
        let model = NetworkFixtures.model()
        let bytes = try ModelFixtures.bytes(model)
        let loaded = try RiskModel.decode(bytes, file: "model.json")
        #expect(loaded == model)
        #expect(try ModelFixtures.bytes(loaded) == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"kind\": \"network\"") && text.contains("\"encoding\": \"one_hot\""))
    }

    @Test(
        "an inconsistent network body is refused with its path",
        arguments: [
            ("body.layers[0].inputs", JSONValue.number("43"), "body.layers[0].inputs"),
            ("body.layers[2].activation", .string("relu"), "body.layers[2].activation"),
            ("body.layers[1].biases", .array([.number("1")]), "body.layers[1].biases"),
            ("body.inputs[1].scale", .number("0"), "body.inputs[1].scale"),
            ("body.inputs[0].encoding", .string("log"), "body.inputs[0].encoding"),
            ("body.inputs[3].shares", .array(Array(repeating: .number("1.5"), count: 40)), "body.inputs[3].shares[0]"),
            ("body.layers[0].activation", .string("tanh"), "body.layers[0].activation"),
        ])
    func inconsistent(path: String, value: JSONValue, reported: String) throws {
        let data = try ModelFixtures.resealed(NetworkFixtures.model()) { $0.set(path, to: value) }
        do {
            _ = try RiskModel.decode(data, file: "model.json")
            Issue.record("\(path) = \(value) loaded")
        } catch {
            #expect(error.path == reported, "\(error)")
        }
    }

    @Test("a one-hot block on a numeric feature, or a standardised categorical feature, is refused")
    func encodingAgainstFeatures() throws {
        var network = NetworkFixtures.network()
        network.inputs.swapAt(0, 3)
        // The layout changes with the swap; the first layer still reads 44 inputs, so only the kinds disagree.
        var model = ModelFixtures.model()
        model.body = .network(network)
        model.goldenVectors = []  // refused before the golden vectors are read
        let data = try ModelFixtures.bytes(model)
        do {
            _ = try RiskModel.decode(data, file: "model.json")
            Issue.record("a swapped encoding loaded")
        } catch {
            #expect(error.path == "body.inputs[0].encoding", "\(error)")
        }
    }
}
