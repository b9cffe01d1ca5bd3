import Foundation
import RiskScoring

/// The trainable parameters of a feed-forward network in precision `T`: ReLU hidden layers and one output,
/// whose value is the margin (`p = σ(margin)`).
///
/// Layer `l` maps `h_{l−1}` to `h_l = act(h_{l−1}·W_l + b_l)` with `W_l` stored `inputs × outputs` row-major,
/// the layout of the frozen ``NeuralNetwork``. The first layer's weight rows are split in two: the rows of
/// the dense inputs (``weights``[0]) and the rows of the one-hot inputs (``embedding``), which the forward pass
/// adds row by row instead of multiplying by a one-hot matrix.
public struct NetworkModel<T: BLASScalar>: Sendable, Equatable {
    /// The input encoding the model was built for.
    public var inputs: [NeuralNetwork.InputEncoding]
    /// Per layer, its weights; layer 0's cover the dense inputs only.
    public var weights: [Matrix<T>]
    /// Layer 0's weight rows of the one-hot inputs: `oneHotWidth × outputs(0)`.
    public var embedding: Matrix<T>
    /// Per layer, its biases.
    public var biases: [[T]]

    /// Widths of the layers' outputs, the last being 1.
    public var widths: [Int] { weights.map(\.columns) }

    /// A network with weights drawn uniformly from `±1/√fan_in` (`fan_in` the layer's full input width; variance
    /// `1/(3·fan_in)`, PyTorch's default for linear layers), zero hidden biases, and the output bias at
    /// `outputBias` (the training log-odds, so the first steps do not spend themselves on the base rate).
    ///
    /// Measured over five seeds on the benchmark split (BENCHMARKS.md), this start reaches a higher validation
    /// AUC after 20 epochs (median 0.78690) than He's `N(0, 2/fan_in)` (0.78587) and Glorot's uniform
    /// `±√(6/(fan_in + fan_out))` (0.78444).
    public init(
        inputs: [NeuralNetwork.InputEncoding], hidden: [Int], outputBias: Double, generator: inout SeededGenerator
    ) {
        self.inputs = inputs
        let layout = NeuralNetwork(inputs: inputs, layers: []).layout
        let oneHotStart = layout.oneHot.filter { $0 >= 0 }.min() ?? layout.width
        let widths = hidden + [1]
        var weights: [Matrix<T>] = []
        var fanIn = layout.width
        var embedding = Matrix<T>(rows: 0, columns: 0)
        for (l, width) in widths.enumerated() {
            let bound = (1 / Double(max(fanIn, 1))).squareRoot()
            func draw() -> T { T((2 * generator.uniform() - 1) * bound) }
            let rows = l == 0 ? oneHotStart : fanIn
            var w = Matrix<T>(rows: rows, columns: width)
            for i in w.elements.indices { w.elements[i] = draw() }
            if l == 0 {
                embedding = Matrix<T>(rows: layout.width - oneHotStart, columns: width)
                for i in embedding.elements.indices { embedding.elements[i] = draw() }
            }
            weights.append(w)
            fanIn = width
        }
        self.weights = weights
        self.embedding = embedding
        self.biases = widths.map { [T](repeating: 0, count: $0) }
        self.biases[widths.count - 1][0] = T(outputBias)
    }

    /// The frozen network: the same weights in `Float`, layer 0's dense and one-hot rows joined.
    public func frozen() -> NeuralNetwork {
        var layers: [NeuralNetwork.Layer] = []
        for (l, w) in weights.enumerated() {
            var elements = w.elements.map { Float($0) }
            var inputCount = w.rows
            if l == 0 {
                elements += embedding.elements.map { Float($0) }
                inputCount += embedding.rows
            }
            layers.append(
                NeuralNetwork.Layer(
                    inputCount: inputCount, outputCount: w.columns, weights: elements,
                    biases: biases[l].map { Float($0) }, activation: l == weights.count - 1 ? .identity : .relu))
        }
        return NeuralNetwork(inputs: inputs, layers: layers)
    }

    /// Number of trainable parameters.
    public var parameterCount: Int {
        weights.reduce(embedding.elements.count) { $0 + $1.elements.count } + biases.reduce(0) { $0 + $1.count }
    }
}
