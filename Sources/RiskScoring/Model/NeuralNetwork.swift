import Foundation

/// A small feed-forward network, frozen: how each feature becomes network inputs, then dense layers.
///
/// ```
/// x = encode(features)                      (standardised values, missing indicators, one-hot blocks)
/// h₀ = x,  hₗ = actₗ(hₗ₋₁ · Wₗ + bₗ)         (Wₗ is inputs × outputs, actₗ ReLU or identity)
/// margin = h_L[0]                           (the last layer has one output and the identity)
/// ```
/// The input vector is laid out in three blocks: the standardised value of every standardised feature (in
/// feature order), then the missing indicator of every feature that has one (in feature order), then the
/// one-hot block of every categorical feature (in feature order). Production scoring evaluates it with plain
/// loops in Double precision (no BLAS); the same loops serve one row and a batch, so both give the same bits.
public struct NeuralNetwork: Sendable, Equatable {
    /// How one feature becomes network inputs.
    public enum InputEncoding: Sendable, Equatable {
        /// A number: `(x − mean) / scale`; a missing value is imputed with the mean (input 0). With
        /// `missingIndicator`, one more input is 1 when the value is missing, else 0; `missingShare` is that
        /// input's training mean (the attribution baseline).
        case standardized(mean: Double, scale: Double, missingIndicator: Bool, missingShare: Double)
        /// A category code `c` in `0..<shares.count`: input `c` of the block is 1, the others 0; a missing code
        /// or one outside the range gives all zeros. `shares[c]` is the training share of category `c` (the
        /// attribution baseline).
        case oneHot(shares: [Double])

        /// The stable name the model file stores in `encoding`.
        public var name: String {
            switch self {
            case .standardized: "standardized"
            case .oneHot: "one_hot"
            }
        }
    }

    /// A layer's activation. The raw value is the stable name the model file stores.
    public enum Activation: String, Sendable, Equatable, CaseIterable {
        /// `max(0, z)`.
        case relu
        /// `z`: the output layer, whose value is the margin.
        case identity
    }

    /// One dense layer.
    public struct Layer: Sendable, Equatable {
        /// Inputs it reads.
        public var inputCount: Int
        /// Outputs it writes.
        public var outputCount: Int
        /// `inputCount × outputCount`, row-major: the weight from input `i` to output `o` is
        /// `weights[i * outputCount + o]`.
        public var weights: [Float]
        /// One per output.
        public var biases: [Float]
        /// Applied to each output.
        public var activation: Activation

        /// A layer from its parts; the shapes are checked by ``NeuralNetwork/problems()``.
        public init(inputCount: Int, outputCount: Int, weights: [Float], biases: [Float], activation: Activation) {
            self.inputCount = inputCount
            self.outputCount = outputCount
            self.weights = weights
            self.biases = biases
            self.activation = activation
        }
    }

    /// One encoding per feature, in feature order.
    public var inputs: [InputEncoding]
    /// The layers, first to last.
    public var layers: [Layer]

    /// A network from its parts.
    public init(inputs: [InputEncoding], layers: [Layer]) {
        self.inputs = inputs
        self.layers = layers
    }

    /// Number of features it reads.
    public var featureCount: Int { inputs.count }

    /// Where each feature's inputs sit in the encoded vector.
    public struct Layout: Sendable, Equatable {
        /// Per feature: the index of its standardised value, or -1.
        public var value: [Int]
        /// Per feature: the index of its missing indicator, or -1.
        public var indicator: [Int]
        /// Per feature: the first index of its one-hot block, or -1.
        public var oneHot: [Int]
        /// Length of the encoded vector.
        public var width: Int
    }

    /// The input layout (blocks as the type's summary describes).
    public var layout: Layout {
        let n = inputs.count
        var layout = Layout(
            value: [Int](repeating: -1, count: n), indicator: [Int](repeating: -1, count: n),
            oneHot: [Int](repeating: -1, count: n), width: 0)
        var next = 0
        for (f, input) in inputs.enumerated() {
            if case .standardized = input {
                layout.value[f] = next
                next += 1
            }
        }
        for (f, input) in inputs.enumerated() {
            if case .standardized(_, _, true, _) = input {
                layout.indicator[f] = next
                next += 1
            }
        }
        for (f, input) in inputs.enumerated() {
            if case .oneHot(let shares) = input {
                layout.oneHot[f] = next
                next += shares.count
            }
        }
        layout.width = next
        return layout
    }

    /// The encoded input vector of one row (one value per feature; NaN for missing, category codes as whole
    /// numbers).
    public func encode(_ row: [Float], layout: Layout) -> [Double] {
        precondition(row.count == inputs.count, "a row needs \(inputs.count) values, got \(row.count)")
        var x = [Double](repeating: 0, count: layout.width)
        for (f, input) in inputs.enumerated() {
            let value = row[f]
            switch input {
            case .standardized(let mean, let scale, let indicator, _):
                if value.isNaN {
                    if indicator { x[layout.indicator[f]] = 1 }
                } else {
                    x[layout.value[f]] = (Double(value) - mean) / scale
                }
            case .oneHot(let shares):
                // Codes are whole numbers; anything else (NaN, out of range, fractional) is all zeros.
                if value >= 0, value < Float(shares.count), value == value.rounded(.towardZero) {
                    x[layout.oneHot[f] + Int(value)] = 1
                }
            }
        }
        return x
    }

    /// The encoded vector of the attribution baseline: every input at its training mean (standardised values
    /// 0, indicators the missing share, one-hot blocks the category shares).
    public func baselineInputs(layout: Layout) -> [Double] {
        var x = [Double](repeating: 0, count: layout.width)
        for (f, input) in inputs.enumerated() {
            switch input {
            case .standardized(_, _, let indicator, let share):
                if indicator { x[layout.indicator[f]] = share }
            case .oneHot(let shares):
                for (c, share) in shares.enumerated() { x[layout.oneHot[f] + c] = share }
            }
        }
        return x
    }

    /// The margin of an encoded input vector.
    ///
    /// - Complexity: O(Σ inputs × outputs over the layers).
    public func margin(encoded x: [Double]) -> Double {
        var current = x
        for layer in layers { current = Self.apply(layer, to: current) }
        return current.first ?? 0
    }

    /// The margin of one row (one value per feature, NaN for missing, category codes as whole numbers).
    public func margin(_ row: [Float]) -> Double { margin(encoded: encode(row, layout: layout)) }

    /// The margins of a row-major batch (`featureCount` values per row), through the same loops as
    /// ``margin(_:)``, so each equals the single-row margin bit for bit.
    public func margins(rowMajor rows: [Float]) -> [Double] {
        let width = inputs.count
        let layout = self.layout
        guard width > 0 else { return [] }
        precondition(rows.count % width == 0, "a batch needs a multiple of \(width) values, got \(rows.count)")
        var result: [Double] = []
        result.reserveCapacity(rows.count / width)
        for start in stride(from: 0, to: rows.count, by: width) {
            result.append(margin(encoded: encode(Array(rows[start..<(start + width)]), layout: layout)))
        }
        return result
    }

    /// `act(x · W + b)` for one layer, accumulated in Double in input order.
    static func apply(_ layer: Layer, to x: [Double]) -> [Double] {
        let outputs = layer.outputCount
        var z = layer.biases.map(Double.init)
        layer.weights.withUnsafeBufferPointer { w in
            for i in 0..<layer.inputCount {
                let xi = x[i]
                if xi == 0 { continue }  // one-hot blocks and ReLU zeros: adding 0·w changes nothing
                let base = i * outputs
                for o in 0..<outputs { z[o] += xi * Double(w[base + o]) }
            }
        }
        if layer.activation == .relu {
            for o in 0..<outputs where z[o] < 0 { z[o] = 0 }
        }
        return z
    }

    /// What is wrong with the network's shapes and values, as (path below `body`, found, expected); empty when
    /// it is consistent. The model loader reports the first as an invalid value.
    public func problems() -> [(path: String, found: String, expected: String)] {
        var problems: [(path: String, found: String, expected: String)] = []
        for (f, input) in inputs.enumerated() {
            switch input {
            case .standardized(let mean, let scale, _, let share):
                if !mean.isFinite { problems.append(("inputs[\(f)].mean", "\(mean)", "a finite number")) }
                if !(scale.isFinite && scale > 0) {
                    problems.append(("inputs[\(f)].scale", "\(scale)", "a finite number > 0"))
                }
                if !(0...1).contains(share) {
                    problems.append(("inputs[\(f)].missingShare", "\(share)", "a share in [0, 1]"))
                }
            case .oneHot(let shares):
                for (c, share) in shares.enumerated() where !(0...1).contains(share) {
                    problems.append(("inputs[\(f)].shares[\(c)]", "\(share)", "a share in [0, 1]"))
                }
            }
        }
        guard !layers.isEmpty else { return problems + [("layers", "no layers", "at least one layer")] }
        var width = layout.width
        for (l, layer) in layers.enumerated() {
            let path = "layers[\(l)]"
            if layer.inputCount != width {
                problems.append((path + ".inputs", "\(layer.inputCount)", "\(width), the width before it"))
            }
            if layer.outputCount < 1 { problems.append((path + ".outputs", "\(layer.outputCount)", "at least 1")) }
            if layer.weights.count != max(0, layer.inputCount) * max(0, layer.outputCount) {
                problems.append(
                    (
                        path + ".weights", "\(layer.weights.count) weights",
                        "inputs × outputs = \(layer.inputCount * layer.outputCount)"
                    ))
            }
            if layer.biases.count != layer.outputCount {
                problems.append(
                    (path + ".biases", "\(layer.biases.count) biases", "one per output (\(layer.outputCount))"))
            }
            if let bad = layer.weights.firstIndex(where: { !$0.isFinite }) {
                problems.append((path + ".weights[\(bad)]", "\(layer.weights[bad])", "a finite number"))
            }
            if let bad = layer.biases.firstIndex(where: { !$0.isFinite }) {
                problems.append((path + ".biases[\(bad)]", "\(layer.biases[bad])", "a finite number"))
            }
            width = layer.outputCount
        }
        if let last = layers.last {
            if last.outputCount != 1 {
                problems.append(("layers[\(layers.count - 1)].outputs", "\(last.outputCount)", "1 (the margin)"))
            }
            if last.activation != .identity {
                problems.append(
                    (
                        "layers[\(layers.count - 1)].activation", "\"\(last.activation.rawValue)\"",
                        "\"identity\" (the margin)"
                    ))
            }
        }
        return problems
    }
}
