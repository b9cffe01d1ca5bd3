import Foundation

/// The buffers of one batch size: the batch's inputs, labels and weights, every layer's outputs and deltas, and
/// the gradients. Reused from step to step, so a step allocates nothing.
public struct NetworkWorkspace<T: BLASScalar>: Sendable {
    /// Rows in the batch.
    public let batch: Int
    /// `batch × denseWidth`.
    var input: Matrix<T>
    /// `batch × categoricalCount` one-hot indices (or -1).
    var codes: [Int32]
    var categoricalCount: Int
    /// 0/1 labels and sample weights of the batch.
    var labels: [T]
    var sampleWeights: [T]
    /// Per layer, `batch × width`: after the activation (the last holds the margins).
    var outputs: [Matrix<T>]
    /// Per layer, `batch × width`: ∂loss/∂(pre-activation).
    var deltas: [Matrix<T>]
    /// Gradients, shaped like the model's parameters.
    public var weightGradients: [Matrix<T>]
    public var embeddingGradient: Matrix<T>
    public var biasGradients: [[T]]

    /// Buffers for batches of `batch` rows of `model`, whose inputs have `denseWidth` dense inputs and
    /// `categoricalCount` categorical features.
    public init(batch: Int, model: NetworkModel<T>, denseWidth: Int, categoricalCount: Int) {
        self.batch = batch
        input = Matrix(rows: batch, columns: denseWidth)
        codes = [Int32](repeating: -1, count: batch * categoricalCount)
        self.categoricalCount = categoricalCount
        labels = [T](repeating: 0, count: batch)
        sampleWeights = [T](repeating: 1, count: batch)
        outputs = model.widths.map { Matrix(rows: batch, columns: $0) }
        deltas = outputs
        weightGradients = model.weights.map { Matrix(rows: $0.rows, columns: $0.columns) }
        embeddingGradient = Matrix(rows: model.embedding.rows, columns: model.embedding.columns)
        biasGradients = model.biases.map { [T](repeating: 0, count: $0.count) }
    }

    /// Copies rows `order[start..<start + batch]` of `rows` (with their labels and weights) into the batch.
    public mutating func load(
        _ rows: EncodedRows<T>, labels allLabels: [T], weights allWeights: [T]?, order: [Int], start: Int
    ) {
        precondition(start + batch <= order.count, "a batch past the end of the order")
        let width = rows.denseWidth
        let categorical = categoricalCount
        let batch = self.batch
        input.elements.withUnsafeMutableBufferPointer { destination in
            rows.dense.withUnsafeBufferPointer { source in
                guard width > 0, let to = destination.baseAddress, let from = source.baseAddress else { return }
                for b in 0..<batch { (to + b &* width).update(from: from + order[start + b] &* width, count: width) }
            }
        }
        codes.withUnsafeMutableBufferPointer { destination in
            rows.codes.withUnsafeBufferPointer { source in
                guard categorical > 0, let to = destination.baseAddress, let from = source.baseAddress else { return }
                for b in 0..<batch {
                    (to + b &* categorical).update(from: from + order[start + b] &* categorical, count: categorical)
                }
            }
        }
        for b in 0..<batch {
            let r = order[start + b]
            labels[b] = allLabels[r]
            sampleWeights[b] = allWeights?[r] ?? 1
        }
    }

    /// The margins of the last forward pass.
    public var margins: [T] { outputs[outputs.count - 1].elements }
}

extension NetworkModel {
    /// The forward pass over the loaded batch: every layer's outputs, the last being the margins.
    ///
    /// ```
    /// Z₁ = X·W₁ + E[codes] + b₁,   Zₗ = Hₗ₋₁·Wₗ + bₗ,   Hₗ = max(0, Zₗ) for hidden layers
    /// ```
    /// - Complexity: O(batch × Σ inputs × outputs), the products in BLAS `gemm`.
    public func forward(_ ws: inout NetworkWorkspace<T>) {
        let batch = ws.batch
        for l in weights.indices {
            let width = weights[l].columns
            // Start from the biases (and the one-hot rows), then accumulate the product with β = 1.
            Kernels.fillRows(&ws.outputs[l].elements, rows: batch, with: biases[l])
            if l == 0 && ws.categoricalCount > 0 {
                Kernels.addRows(
                    of: embedding.elements, at: ws.codes, perRow: ws.categoricalCount, to: &ws.outputs[0].elements,
                    width: width)
            }
            if l == 0 {
                if ws.input.columns > 0 { BLAS.gemm(ws.input, weights[0], beta: 1, into: &ws.outputs[0]) }
            } else {
                let previous = ws.outputs[l - 1]
                BLAS.gemm(previous, weights[l], beta: 1, into: &ws.outputs[l])
            }
            if l < weights.count - 1 { Kernels.rectify(&ws.outputs[l].elements) }
        }
    }

    /// The forward and backward pass over the loaded batch: returns the batch's weighted log loss and leaves
    /// its gradient with respect to every parameter in the workspace. With `totalWeight` (the weight of a
    /// whole batch this one is a chunk of), the loss and gradients are divided by it instead of the chunk's own
    /// weight, so the chunks' results add up to the whole batch's.
    ///
    /// ```
    /// loss = Σᵢ wᵢ·(log(1 + e^{zᵢ}) − yᵢ·zᵢ) / Σᵢ wᵢ,    δ_L = w⊙(σ(z) − y) / Σw
    /// ∂W_l = H_{l−1}ᵀ·δ_l,   ∂b_l = Σ_rows δ_l,   δ_{l−1} = (δ_l·W_lᵀ) ⊙ [H_{l−1} > 0]
    /// ∂E[k] = Σ over rows whose one-hot index is k of δ₁
    /// ```
    /// - Complexity: O(batch × Σ inputs × outputs), the products in BLAS `gemm`.
    @discardableResult
    public func backpropagate(_ ws: inout NetworkWorkspace<T>, totalWeight: Double? = nil) -> Double {
        forward(&ws)
        let batch = ws.batch
        let last = weights.count - 1
        var ownWeight = 0.0
        for b in 0..<batch { ownWeight += Double(ws.sampleWeights[b]) }
        let total = totalWeight ?? ownWeight
        let scale = total > 0 ? 1 / total : 0
        var loss = 0.0
        for b in 0..<batch {
            let z = Double(ws.outputs[last].elements[b])
            let y = Double(ws.labels[b])
            let w = Double(ws.sampleWeights[b])
            loss += w * (max(z, 0) + log1p(exp(-abs(z))) - y * z)
            ws.deltas[last].elements[b] = T(w * (1 / (1 + exp(-z)) - y) * scale)
        }
        for l in stride(from: last, through: 0, by: -1) {
            let width = weights[l].columns
            if l == 0 {
                if ws.input.columns > 0 {
                    BLAS.gemm(ws.input, transposeA: true, ws.deltas[0], into: &ws.weightGradients[0])
                }
            } else {
                let previous = ws.outputs[l - 1]
                BLAS.gemm(previous, transposeA: true, ws.deltas[l], into: &ws.weightGradients[l])
            }
            Kernels.sumRows(ws.deltas[l].elements, width: width, into: &ws.biasGradients[l])
            if l == 0 {
                if ws.categoricalCount > 0 {
                    Kernels.scatterRows(
                        ws.deltas[0].elements, at: ws.codes, perRow: ws.categoricalCount,
                        into: &ws.embeddingGradient.elements, width: width)
                }
            } else {
                let delta = ws.deltas[l]
                BLAS.gemm(delta, weights[l], transposeB: true, into: &ws.deltas[l - 1])
                Kernels.mask(&ws.deltas[l - 1].elements, where: ws.outputs[l - 1].elements)
            }
        }
        return loss * scale
    }
}

/// The element-wise loops of the forward and backward passes, over raw rows so they vectorise (no bounds or
/// overflow checks inside). Row-major matrices of `width` columns.
enum Kernels {
    /// Every row of `z` set to `bias`.
    static func fillRows<T: BLASScalar>(_ z: inout [T], rows: Int, with bias: [T]) {
        let width = bias.count
        z.withUnsafeMutableBufferPointer { zb in
            bias.withUnsafeBufferPointer { bb in
                guard width > 0, let to = zb.baseAddress, let from = bb.baseAddress else { return }
                for r in 0..<rows { (to + r &* width).update(from: from, count: width) }
            }
        }
    }

    /// Row `codes[r·perRow + c]` of `table` added to row `r` of `z`, for every `c` whose code is not negative.
    static func addRows<T: BLASScalar>(of table: [T], at codes: [Int32], perRow: Int, to z: inout [T], width: Int) {
        z.withUnsafeMutableBufferPointer { zb in
            table.withUnsafeBufferPointer { tb in
                codes.withUnsafeBufferPointer { cb in
                    guard let zp = zb.baseAddress, let tp = tb.baseAddress else { return }
                    for k in 0..<cb.count {
                        let index = Int(cb[k])
                        if index < 0 { continue }
                        let row = zp + (k / perRow) &* width
                        let source = tp + index &* width
                        for o in 0..<width { row[o] += source[o] }
                    }
                }
            }
        }
    }

    /// Row `r` of `delta` added to row `codes[r·perRow + c]` of `gradient` (zeroed first), for every code that
    /// is not negative: the gradient of ``addRows(of:at:perRow:to:width:)``.
    static func scatterRows<T: BLASScalar>(
        _ delta: [T], at codes: [Int32], perRow: Int, into gradient: inout [T], width: Int
    ) {
        gradient.withUnsafeMutableBufferPointer { gb in
            delta.withUnsafeBufferPointer { db in
                codes.withUnsafeBufferPointer { cb in
                    guard let gp = gb.baseAddress, let dp = db.baseAddress else { return }
                    gp.update(repeating: 0, count: gb.count)
                    for k in 0..<cb.count {
                        let index = Int(cb[k])
                        if index < 0 { continue }
                        let row = gp + index &* width
                        let source = dp + (k / perRow) &* width
                        for o in 0..<width { row[o] += source[o] }
                    }
                }
            }
        }
    }

    /// `y += x`.
    static func add<T: BLASScalar>(_ x: [T], to y: inout [T]) {
        y.withUnsafeMutableBufferPointer { yb in
            x.withUnsafeBufferPointer { xb in
                for i in 0..<yb.count { yb[i] += xb[i] }
            }
        }
    }

    /// `z = max(z, 0)`.
    static func rectify<T: BLASScalar>(_ z: inout [T]) {
        z.withUnsafeMutableBufferPointer { zb in
            for i in 0..<zb.count { zb[i] = Swift.max(zb[i], 0) }
        }
    }

    /// `delta = 0` where `activation ≤ 0` (the ReLU's derivative).
    static func mask<T: BLASScalar>(_ delta: inout [T], where activation: [T]) {
        delta.withUnsafeMutableBufferPointer { db in
            activation.withUnsafeBufferPointer { ab in
                // A multiply by a selected 0 or 1 vectorises; a select of the delta compiles to a branch that the
                // random signs of ReLU inputs mispredict half the time.
                for i in 0..<db.count { db[i] *= ab[i] > 0 ? 1 : 0 }
            }
        }
    }

    /// The column sums of a row-major matrix, in row order.
    static func sumRows<T: BLASScalar>(_ matrix: [T], width: Int, into sums: inout [T]) {
        sums.withUnsafeMutableBufferPointer { sb in
            matrix.withUnsafeBufferPointer { mb in
                guard width > 0, let sp = sb.baseAddress, let mp = mb.baseAddress else { return }
                sp.update(repeating: 0, count: width)
                for r in 0..<(mb.count / width) {
                    let row = mp + r &* width
                    for o in 0..<width { sp[o] += row[o] }
                }
            }
        }
    }
}
