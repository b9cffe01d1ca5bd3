import Foundation
import RiskScoring

/// Errors of network training that are not about the training set's shape (those are ``TrainingError``).
public enum NetworkError: Error, Equatable, CustomStringConvertible {
    /// The training loss became NaN or infinite.
    case diverged(epoch: Int)

    public var description: String {
        switch self {
        case .diverged(let epoch):
            "network training diverged in epoch \(epoch) (the loss is not finite); lower model.network.learning_rate"
        }
    }
}

/// Mini-batch training of a ``NetworkModel`` by Adam with decoupled weight decay (AdamW), with early stopping
/// on a validation set.
///
/// Each epoch visits the training rows in a seeded random order, in batches of ``NetworkParameters/batchSize``
/// (the last one smaller). Per parameter tensor θ with gradient g, at step t:
/// ```
/// m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²,   m̂ = m/(1−β₁ᵗ),   v̂ = v/(1−β₂ᵗ)
/// θ ← θ − η·(m̂/(√v̂ + ε) + λ·θ)          (λ on weights only; β₁ 0.9, β₂ 0.999, ε 1e-8)
/// ```
/// Each batch is split into ``chunkCount`` fixed chunks whose gradients are computed on up to
/// ``NetworkParameters/threads`` threads and added in chunk order; every product runs on one OpenBLAS thread
/// (OpenBLAS's own threading changes the last bits between thread counts on these shapes). The weights are
/// therefore byte-identical whatever the thread count (a test trains with 1 and 2 threads and compares bytes).
public struct NetworkTrainer: Sendable {
    /// One epoch's figures, for progress lines.
    public struct EpochReport: Sendable {
        /// 1-based epoch.
        public var epoch: Int
        /// Weighted mean training log loss over the epoch's batches (as the weights moved).
        public var trainLogLoss: Double
        /// Validation log loss after the epoch, when a validation set is given.
        public var validLogLoss: Double?
        /// Validation AUC after the epoch, when a validation set is given.
        public var validAUC: Double?
        /// Seconds since training started.
        public var elapsedSeconds: Double
    }

    /// What training produced.
    public struct Result<T: BLASScalar>: Sendable {
        /// The model kept: the best validation epoch's with early stopping, else the last epoch's.
        public var model: NetworkModel<T>
        /// Epochs run.
        public var epochs: Int
        /// The epoch whose weights were kept (1-based).
        public var bestEpoch: Int
        /// Per epoch, the training and (if any) validation log loss.
        public var trainLogLoss: [Double]
        public var validLogLoss: [Double]
        /// Wall-clock seconds of training.
        public var seconds: Double
    }

    /// The settings.
    public var parameters: NetworkParameters
    /// Seed of initialisation and row order.
    public var seed: UInt64

    /// A trainer with `parameters`, seeded by `seed`.
    public init(parameters: NetworkParameters, seed: UInt64) {
        self.parameters = parameters
        self.seed = seed
    }

    static let beta1 = 0.9
    static let beta2 = 0.999
    static let epsilon = 1e-8

    /// Trains a network on encoded rows with 0/1 `labels` and optional sample `weights` (≥ 0).
    ///
    /// - Throws: `TrainingError` for an empty set, a label other than 0/1, a negative or non-finite weight;
    ///   `NetworkError.diverged` when the loss stops being finite.
    /// - Complexity: O(epochs × rows × Σ inputs × outputs).
    public func train<T: BLASScalar>(
        _ rows: EncodedRows<T>, labels: [T], weights: [T]? = nil, inputs: [NeuralNetwork.InputEncoding],
        validation: (rows: EncodedRows<T>, labels: [T])? = nil, progress: (EpochReport) -> Void = { _ in }
    ) throws -> Result<T> {
        guard rows.rows > 0 else { throw TrainingError.emptyTrainingSet }
        precondition(labels.count == rows.rows, "one label per row")
        for (r, y) in labels.enumerated() where y != 0 && y != 1 {
            throw TrainingError.invalidLabel(row: r, value: Float(y))
        }
        if let weights {
            precondition(weights.count == rows.rows, "one weight per row")
            for (r, w) in weights.enumerated() where !(w >= 0 && w.isFinite) {
                throw TrainingError.invalidWeight(row: r, value: Float(w))
            }
        }
        let start = Date()
        var positive = 0.0
        var total = 0.0
        for r in 0..<rows.rows {
            let w = Double(weights?[r] ?? 1)
            positive += w * Double(labels[r])
            total += w
        }
        let rate = min(max(positive / max(total, .leastNormalMagnitude), 1e-6), 1 - 1e-6)
        var generator = SeededGenerator(seed: seed, stream: 0x4E45_5457)  // "NETW"
        var model = NetworkModel<T>(
            inputs: inputs, hidden: parameters.layers, outputBias: log(rate / (1 - rate)), generator: &generator)
        // OpenBLAS gives different last bits with 1 and 2 threads on these shapes (a test showed it), so the
        // products of training run on one thread: the weights then do not depend on the thread count.
        return try BLAS.singleThreaded {
            try run(&model, rows, labels, weights, validation, start: start, generator: &generator, progress)
        }
    }

    private func run<T: BLASScalar>(
        _ model: inout NetworkModel<T>, _ rows: EncodedRows<T>, _ labels: [T], _ weights: [T]?,
        _ validation: (rows: EncodedRows<T>, labels: [T])?, start: Date, generator: inout SeededGenerator,
        _ progress: (EpochReport) -> Void
    ) throws -> Result<T> {
        let batchSize = min(parameters.batchSize, rows.rows)
        let threads = parameters.threads > 0 ? parameters.threads : ProcessInfoCores.active
        func chunks(_ size: Int) -> [NetworkWorkspace<T>] {
            Self.chunkSizes(size).map {
                NetworkWorkspace(
                    batch: $0, model: model, denseWidth: rows.denseWidth, categoricalCount: rows.categoricalCount)
            }
        }
        var full = chunks(batchSize)
        var tail = chunks(rows.rows % batchSize)
        var optimizer = AdamState(model)
        var order = Array(0..<rows.rows)
        var best = model
        var bestEpoch = 0
        var bestLoss = Double.infinity
        var trainLosses: [Double] = []
        var validLosses: [Double] = []
        var totalWeight = 0.0
        for r in 0..<rows.rows { totalWeight += Double(weights?[r] ?? 1) }
        for epoch in 1...parameters.epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, generator.index(below: i + 1)) }
            var epochLoss = 0.0
            var position = 0
            while position < rows.rows {
                let size = min(batchSize, rows.rows - position)
                var batchWeight = 0.0
                for i in position..<(position + size) { batchWeight += Double(weights?[order[i]] ?? 1) }
                let loss: Double
                if size < batchSize {
                    loss = Self.gradients(model, &tail, rows, labels, weights, order, position, batchWeight, threads)
                    optimizer.step(&model, tail[0], parameters)
                } else {
                    loss = Self.gradients(model, &full, rows, labels, weights, order, position, batchWeight, threads)
                    optimizer.step(&model, full[0], parameters)
                }
                position += size
                epochLoss += loss * batchWeight
            }
            let trainLoss = epochLoss / max(totalWeight, .leastNormalMagnitude)
            guard trainLoss.isFinite else { throw NetworkError.diverged(epoch: epoch) }
            trainLosses.append(trainLoss)
            var report = EpochReport(
                epoch: epoch, trainLogLoss: trainLoss, validLogLoss: nil, validAUC: nil,
                elapsedSeconds: Date().timeIntervalSince(start))
            if let validation, validation.rows.rows > 0 {
                let margins = model.margins(validation.rows, batchSize: batchSize).map(Double.init)
                let y = validation.labels.map { Float($0) }
                let loss = Metrics.logLoss(margins: margins, labels: y)
                validLosses.append(loss)
                report.validLogLoss = loss
                report.validAUC = Metrics.auc(scores: margins, labels: y)
                if loss < bestLoss {
                    bestLoss = loss
                    best = model
                    bestEpoch = epoch
                }
            }
            progress(report)
            if parameters.patience > 0, validation != nil, epoch - bestEpoch >= parameters.patience { break }
        }
        let keepBest = parameters.patience > 0 && bestEpoch > 0
        return Result(
            model: keepBest ? best : model, epochs: trainLosses.count,
            bestEpoch: keepBest ? bestEpoch : trainLosses.count,
            trainLogLoss: trainLosses, validLogLoss: validLosses, seconds: Date().timeIntervalSince(start))
    }
}

extension NetworkTrainer {
    /// Chunks a batch is split into: its gradient is the sum of the chunks' gradients, computed on up to that
    /// many threads. A constant, so the sums (and the weights) do not depend on the thread count.
    static let chunkCount = 2

    /// The sizes of a batch's chunks: `chunkCount` near-equal parts (fewer for a batch smaller than that).
    static func chunkSizes(_ size: Int) -> [Int] {
        let count = min(chunkCount, size)
        return (0..<count).map { size / count + ($0 < size % count ? 1 : 0) }
    }

    /// Loads the batch at `order[start...]` into the chunks, backpropagates each (in parallel, each product on
    /// one BLAS thread), adds the gradients into chunk 0 in chunk order and returns the batch's loss.
    static func gradients<T: BLASScalar>(
        _ model: NetworkModel<T>, _ chunks: inout [NetworkWorkspace<T>], _ rows: EncodedRows<T>, _ labels: [T],
        _ weights: [T]?, _ order: [Int], _ start: Int, _ totalWeight: Double, _ threads: Int
    ) -> Double {
        var starts: [Int] = []
        var offset = start
        for chunk in chunks {
            starts.append(offset)
            offset += chunk.batch
        }
        let offsets = starts
        let losses = Parallel.map(updating: &chunks, threads: threads) { ws, c in
            ws.load(rows, labels: labels, weights: weights, order: order, start: offsets[c])
            return model.backpropagate(&ws, totalWeight: totalWeight)
        }
        for c in 1..<chunks.count {
            let other = chunks[c]
            for l in other.weightGradients.indices {
                Kernels.add(other.weightGradients[l].elements, to: &chunks[0].weightGradients[l].elements)
                Kernels.add(other.biasGradients[l], to: &chunks[0].biasGradients[l])
            }
            Kernels.add(other.embeddingGradient.elements, to: &chunks[0].embeddingGradient.elements)
        }
        return losses.reduce(0, +)
    }
}

extension NetworkModel {
    /// The margins of every row, through the forward pass in batches of `batchSize`.
    public func margins(_ rows: EncodedRows<T>, batchSize: Int = 512) -> [T] {
        guard rows.rows > 0 else { return [] }
        let size = min(max(batchSize, 1), rows.rows)
        var result: [T] = []
        result.reserveCapacity(rows.rows)
        let order = Array(0..<rows.rows)
        let labels = [T](repeating: 0, count: rows.rows)
        var full = NetworkWorkspace(
            batch: size, model: self, denseWidth: rows.denseWidth, categoricalCount: rows.categoricalCount)
        var position = 0
        while position < rows.rows {
            if rows.rows - position < size {
                var ws = NetworkWorkspace(
                    batch: rows.rows - position, model: self, denseWidth: rows.denseWidth,
                    categoricalCount: rows.categoricalCount)
                ws.load(rows, labels: labels, weights: nil, order: order, start: position)
                forward(&ws)
                result += ws.margins
                position += ws.batch
            } else {
                full.load(rows, labels: labels, weights: nil, order: order, start: position)
                forward(&full)
                result += full.margins
                position += size
            }
        }
        return result
    }
}

/// Adam's first and second moments per parameter tensor, and the step count.
struct AdamState<T: BLASScalar> {
    var step = 0
    var weightMoments: [(m: [T], v: [T])]
    var embeddingMoments: (m: [T], v: [T])
    var biasMoments: [(m: [T], v: [T])]

    init(_ model: NetworkModel<T>) {
        func zeros(_ count: Int) -> (m: [T], v: [T]) {
            ([T](repeating: 0, count: count), [T](repeating: 0, count: count))
        }
        weightMoments = model.weights.map { zeros($0.elements.count) }
        embeddingMoments = zeros(model.embedding.elements.count)
        biasMoments = model.biases.map { zeros($0.count) }
    }

    /// One AdamW step of every tensor with the workspace's gradients.
    mutating func step(_ model: inout NetworkModel<T>, _ ws: NetworkWorkspace<T>, _ parameters: NetworkParameters) {
        step += 1
        let c1 = 1 - pow(NetworkTrainer.beta1, Double(step))
        let c2 = 1 - pow(NetworkTrainer.beta2, Double(step))
        let rate = parameters.learningRate
        for l in model.weights.indices {
            Self.update(
                &model.weights[l].elements, ws.weightGradients[l].elements, &weightMoments[l], rate: rate,
                decay: parameters.weightDecay, c1: c1, c2: c2)
            Self.update(&model.biases[l], ws.biasGradients[l], &biasMoments[l], rate: rate, decay: 0, c1: c1, c2: c2)
        }
        Self.update(
            &model.embedding.elements, ws.embeddingGradient.elements, &embeddingMoments, rate: rate,
            decay: parameters.weightDecay, c1: c1, c2: c2)
    }

    static func update(
        _ theta: inout [T], _ gradient: [T], _ moments: inout (m: [T], v: [T]), rate: Double, decay: Double,
        c1: Double, c2: Double
    ) {
        let b1 = T(NetworkTrainer.beta1)
        let b2 = T(NetworkTrainer.beta2)
        let a1 = 1 - b1
        let a2 = 1 - b2
        // Folding the bias corrections into the step: η·m̂/(√v̂+ε) = (η/c1)·m / (√v/√c2 + ε).
        let stepSize = T(rate / c1)
        let root = T(1 / c2.squareRoot())
        let epsilon = T(NetworkTrainer.epsilon)
        let shrink = T(rate * decay)
        theta.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                moments.m.withUnsafeMutableBufferPointer { m in
                    moments.v.withUnsafeMutableBufferPointer { v in
                        for i in p.indices {
                            let gi = g[i]
                            m[i] = b1 * m[i] + a1 * gi
                            v[i] = b2 * v[i] + a2 * gi * gi
                            p[i] -= stepSize * m[i] / ((v[i]).squareRoot() * root + epsilon) + shrink * p[i]
                        }
                    }
                }
            }
        }
    }
}
