extension NeuralNetwork {
    /// Per-feature contributions of one row by integrated gradients, from the baseline where every input sits
    /// at its training mean (``baselineInputs(layout:)``: standardised values 0, indicators and one-hot inputs
    /// their training shares).
    public struct Attribution: Sendable, Equatable {
        /// Per feature, the sum of its inputs' integrated gradients.
        public var contributions: [Double]
        /// The row's margin.
        public var margin: Double
        /// The baseline's margin.
        public var baselineMargin: Double
    }

    /// Integrated gradients of one row (one value per feature, NaN for missing, category codes).
    ///
    /// ```
    /// IGᵢ = (xᵢ − x'ᵢ) · (1/m) Σₖ ∂margin/∂xᵢ (x' + αₖ(x − x')),   αₖ = (k + ½)/m,  k = 0..<m
    /// Σᵢ IGᵢ ≈ margin(x) − margin(x')
    /// ```
    /// The midpoint rule over `steps` points; a feature's contribution sums its value, indicator and one-hot
    /// inputs. The sum is exact for a network without hidden ReLUs and approaches the margin difference as
    /// `steps` grows otherwise. At a ReLU's kink the gradient is taken as 0.
    ///
    /// - Complexity: O(steps × Σ inputs × outputs over the layers).
    public func integratedGradients(_ row: [Float], steps: Int = 32) -> Attribution {
        precondition(steps >= 1, "integrated gradients need at least one step")
        let layout = self.layout
        let x = encode(row, layout: layout)
        let baseline = baselineInputs(layout: layout)
        var average = [Double](repeating: 0, count: layout.width)
        var point = [Double](repeating: 0, count: layout.width)
        for k in 0..<steps {
            let alpha = (Double(k) + 0.5) / Double(steps)
            for i in 0..<layout.width { point[i] = baseline[i] + alpha * (x[i] - baseline[i]) }
            let gradient = inputGradient(encoded: point)
            for i in 0..<layout.width { average[i] += gradient[i] }
        }
        var contributions = [Double](repeating: 0, count: inputs.count)
        for (f, input) in inputs.enumerated() {
            var slots: [Int] = []
            if layout.value[f] >= 0 { slots.append(layout.value[f]) }
            if layout.indicator[f] >= 0 { slots.append(layout.indicator[f]) }
            if case .oneHot(let shares) = input { slots += (0..<shares.count).map { layout.oneHot[f] + $0 } }
            for i in slots { contributions[f] += (x[i] - baseline[i]) * average[i] / Double(steps) }
        }
        return Attribution(
            contributions: contributions, margin: margin(encoded: x), baselineMargin: margin(encoded: baseline))
    }

    /// Integrated gradients of a row-major batch (`featureCount` values a row) into `phi` (the same shape), the
    /// shape of ``TreeEnsemble/contributions(rowMajor:into:threads:)`` for reason codes: returns the baseline
    /// margin, so that `margin ≈ baseline + Σ_f phi[row, f]` (exactly as ``integratedGradients(_:steps:)``
    /// approximates it).
    ///
    /// - Complexity: O(rows × steps × Σ inputs × outputs).
    public func contributions(rowMajor rows: [Float], into phi: inout [Double], steps: Int = 32) -> Double {
        precondition(phi.count == rows.count, "phi needs \(rows.count) entries, got \(phi.count)")
        let layout = self.layout
        let baseline = margin(encoded: baselineInputs(layout: layout))
        let width = featureCount
        guard width > 0 else { return baseline }
        precondition(rows.count % width == 0, "a row-major batch needs a multiple of \(width) values")
        for start in stride(from: 0, to: rows.count, by: width) {
            let attribution = integratedGradients(Array(rows[start..<(start + width)]), steps: steps)
            for f in 0..<width { phi[start + f] = attribution.contributions[f] }
        }
        return baseline
    }

    /// `∂margin/∂x` at an encoded input vector, by backpropagation in Double precision.
    public func inputGradient(encoded x: [Double]) -> [Double] {
        // Forward, keeping every layer's output (after its activation).
        var outputs: [[Double]] = [x]
        for layer in layers { outputs.append(Self.apply(layer, to: outputs[outputs.count - 1])) }
        // Backward: δ at the margin is 1; through layer l, δ_in[i] = Σₒ W[i,o] δ_out[o], and a ReLU passes δ only
        // where its output is positive.
        var delta = [Double](repeating: 1, count: 1)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            if layer.activation == .relu {
                for o in 0..<layer.outputCount where outputs[l + 1][o] <= 0 { delta[o] = 0 }
            }
            var previous = [Double](repeating: 0, count: layer.inputCount)
            for i in 0..<layer.inputCount {
                let base = i * layer.outputCount
                var sum = 0.0
                for o in 0..<layer.outputCount { sum += Double(layer.weights[base + o]) * delta[o] }
                previous[i] = sum
            }
            delta = previous
        }
        return delta
    }
}
