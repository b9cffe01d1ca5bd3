import Foundation
import RiskScoring

/// Histogram gradient boosting of binary log loss into a ``TreeEnsemble``.
///
/// Each round computes gradients and hessians at the current margins, grows one tree leaf-wise on binned
/// features (``TreeGrower``), scales its leaves by the learning rate and adds it. Validation rows are scored
/// through the runtime's own evaluator (`DecisionTree.leaf` on raw values), so what early stopping measures is
/// exactly what ships. The result depends on the seed, never on the thread count.
public struct GradientBoostingTrainer: Sendable {
    /// The boosting parameters.
    public var parameters: BoostingParameters
    /// Further options.
    public var options: BoostingOptions

    /// A trainer.
    public init(parameters: BoostingParameters = BoostingParameters(), options: BoostingOptions = BoostingOptions()) {
        self.parameters = parameters
        self.options = options
    }

    var finder: SplitFinder {
        SplitFinder(
            l1: parameters.l1Regularization, l2: parameters.l2Regularization,
            minSamplesPerLeaf: parameters.minSamplesPerLeaf, minHessianPerLeaf: parameters.minHessianPerLeaf,
            minSplitGain: parameters.minSplitGain, categoricalSmoothing: options.categoricalSmoothing,
            maxCategoriesLeft: options.maxCategoriesPerSplit, oneVsRestCategories: options.oneVsRestCategories)
    }

    /// Trains on `set`, optionally early-stopping on `validation`, continuing from `warmStart`, and binning
    /// with `bins` (default: bins computed from `set`).
    ///
    /// `progress` is called every ``BoostingOptions/progressInterval`` rounds and after the last.
    /// - Complexity: O(rounds · (n · features + leaves · features · bins)).
    public func train(
        _ set: TrainingSet, validation: TrainingSet? = nil, warmStart: TreeEnsemble? = nil,
        bins: [FeatureBins]? = nil, progress: ((BoostingProgress) -> Void)? = nil
    ) throws(TrainingError) -> BoostingResult {
        let start = Date()
        try check(labels: set.labels, weights: set.weights, featureCount: set.featureCount)
        if let warmStart, warmStart.featureCount != set.featureCount {
            throw .featureCountMismatch(
                what: "the warm-start model", expected: set.featureCount, found: warmStart.featureCount)
        }
        if let bins, bins.count != set.featureCount {
            throw .featureCountMismatch(what: "the bin mapping", expected: set.featureCount, found: bins.count)
        }
        let threads = parameters.threads
        let binned =
            bins.map { BinnedFeatures(set, features: $0, threads: threads) }
            ?? BinnedFeatures(set, maxBins: parameters.bins, seed: options.seed, threads: threads)
        let binnedSet = BinnedTrainingSet(
            features: binned, labels: set.labels, weights: set.weights, monotoneDirection: set.monotoneDirection)
        return try train(
            binnedSet, validation: validation,
            warmStart: warmStart.map { WarmStart(ensemble: $0, set: set, threads: threads) }, start: start,
            progress: progress)
    }

    /// Trains on binned rows, optionally early-stopping on `validation` and continuing from `warmStart`
    /// (whose margins on these rows were computed from their raw values). ``BoostingResult/seconds`` counts
    /// from `start`, so binning done before can be included.
    ///
    /// - Complexity: O(rounds · (n · features + leaves · features · bins)).
    public func train(
        _ set: BinnedTrainingSet, validation: TrainingSet? = nil, warmStart: WarmStart? = nil, start: Date = Date(),
        progress: ((BoostingProgress) -> Void)? = nil
    ) throws(TrainingError) -> BoostingResult {
        try check(labels: set.labels, weights: set.weights, featureCount: set.featureCount)
        if let validation {
            guard validation.featureCount == set.featureCount else {
                throw .featureCountMismatch(
                    what: "the validation set", expected: set.featureCount, found: validation.featureCount)
            }
        }
        if let warmStart {
            guard warmStart.ensemble.featureCount == set.featureCount else {
                throw .featureCountMismatch(
                    what: "the warm-start model", expected: set.featureCount, found: warmStart.ensemble.featureCount)
            }
            precondition(warmStart.margins.count == set.rowCount, "the warm start needs one margin per row")
        }
        let threads = parameters.threads
        let binned = set.features
        let n = set.rowCount
        let weights = effectiveWeights(labels: set.labels, weights: set.weights)
        var ensemble =
            warmStart?.ensemble
            ?? TreeEnsemble(
                featureCount: set.featureCount, baseScore: LogLoss.baseScore(labels: set.labels, weights: weights))
        let scores = SharedBuffer<Double>(repeating: ensemble.baseScore, count: n)
        if let warmStart { for row in 0..<n { scores[row] = warmStart.margins[row] } }
        let validScores = validation.map { SharedBuffer<Double>(repeating: ensemble.baseScore, count: $0.rowCount) }
        if let validation, let validScores, !ensemble.trees.isEmpty {
            Self.addMargins(of: ensemble.trees, set: validation, to: validScores, threads: threads)
        }

        let grower = TreeGrower(
            binned: binned, finder: finder, parameters: parameters, monotone: set.monotoneDirection,
            interactionGroups: options.interactionGroups)
        let gradients = SharedBuffer<Float>(repeating: 0, count: n)
        let hessians = SharedBuffer<Float>(repeating: 0, count: n)
        let firstRound = ensemble.trees.count
        var history: [Double] = []
        var best = (round: firstRound, value: Double.nan)
        var inBag = [Bool](repeating: true, count: n)

        for round in 0..<parameters.rounds {
            let globalRound = firstRound + round
            LogLoss.computeDerivatives(
                scores: scores, labels: set.labels, weights: weights, gradients: gradients, hessians: hessians,
                threads: threads)
            let bag = bagRows(count: n, round: globalRound)
            let features = sampleFeatures(count: set.featureCount, round: globalRound)
            let grown = grower.grow(gradients: gradients, hessians: hessians, bag: bag, treeFeatures: features)
            // A tree that cannot split adds nothing more: stop, as LightGBM does.
            if grown.tree.leafCount == 1 && round > 0 { break }
            ensemble.trees.append(grown.tree)
            updateTrainingScores(scores, grown: grown, binned: binned, bag: bag, inBag: &inBag)
            if let validation, let validScores {
                Self.addMargins(of: [grown.tree], set: validation, to: validScores, threads: threads)
                let watching = parameters.earlyStoppingRounds > 0
                if watching {
                    let value = metric(validScores, validation, options.stoppingMetric)
                    history.append(value)
                    let better =
                        best.value.isNaN
                        || (options.stoppingMetric == .auc ? value > best.value : value < best.value)
                    if better { best = (globalRound + 1, value) }
                    if parameters.earlyStoppingRounds > 0
                        && globalRound + 1 - best.round >= parameters.earlyStoppingRounds
                    {
                        break
                    }
                }
            }
            let interval = options.progressInterval
            if let progress, interval > 0, (round + 1) % interval == 0 || round + 1 == parameters.rounds {
                progress(
                    report(
                        round: globalRound + 1, scores: scores, set: set, validScores: validScores,
                        validation: validation, start: start))
            }
        }
        var bestRound = ensemble.trees.count
        if parameters.earlyStoppingRounds > 0, validation != nil, !best.value.isNaN {
            bestRound = best.round
            ensemble.trees.removeLast(ensemble.trees.count - bestRound)
        }
        return BoostingResult(
            ensemble: ensemble, bins: binned.features, bestRound: bestRound, validationHistory: history,
            seconds: Date().timeIntervalSince(start))
    }

    func check(labels: [Float], weights: [Float]?, featureCount: Int) throws(TrainingError) {
        guard !labels.isEmpty else { throw .emptyTrainingSet }
        for (row, label) in labels.enumerated() where label != 0 && label != 1 {
            throw .invalidLabel(row: row, value: label)
        }
        if let weights {
            for (row, w) in weights.enumerated() where !(w >= 0 && w.isFinite) {
                throw .invalidWeight(row: row, value: w)
            }
        }
        for (index, group) in (options.interactionGroups ?? []).enumerated() {
            for f in group where f < 0 || f >= featureCount {
                throw .invalidInteractionFeature(group: index, feature: f, featureCount: featureCount)
            }
        }
        guard options.positiveClassWeight > 0 && options.positiveClassWeight.isFinite else {
            throw .invalidParameter(
                name: "positiveClassWeight", value: "\(options.positiveClassWeight)", expected: "a positive number")
        }
    }

    /// Sample weight times the positive class weight for positive rows.
    func effectiveWeights(labels: [Float], weights: [Float]?) -> [Float] {
        let classWeight = Float(options.positiveClassWeight)
        return labels.indices.map { row in
            (weights?[row] ?? 1) * (labels[row] > 0.5 ? classWeight : 1)
        }
    }

    /// This round's bag: `rowSubsample · n` rows without replacement, ascending (nil: all rows).
    func bagRows(count: Int, round: Int) -> [Int32]? {
        guard parameters.rowSubsample < 1 else { return nil }
        let wanted = max(1, Int((Double(count) * parameters.rowSubsample).rounded()))
        var generator = SeededGenerator(seed: options.seed, stream: 0xBA, UInt64(round))
        var rows: [Int32] = []
        rows.reserveCapacity(wanted)
        var needed = wanted
        for row in 0..<count where needed > 0 {
            if generator.index(below: count - row) < needed {
                rows.append(Int32(row))
                needed -= 1
            }
        }
        return rows
    }

    /// This tree's features: `featureFraction · F` of them (at least one), ascending.
    func sampleFeatures(count: Int, round: Int) -> [Int] {
        guard parameters.featureFraction < 1 else { return Array(0..<count) }
        let wanted = max(1, Int((Double(count) * parameters.featureFraction).rounded()))
        var generator = SeededGenerator(seed: options.seed, stream: 0xFF, UInt64(round))
        var all = Array(0..<count)
        for i in 0..<wanted { all.swapAt(i, i + generator.index(below: count - i)) }
        return all.prefix(wanted).sorted()
    }

    /// Adds the new tree's leaf values to the training margins: bagged rows from the partition, rows left out
    /// of the bag routed on their bins (which route exactly like the raw values).
    func updateTrainingScores(
        _ scores: SharedBuffer<Double>, grown: GrownTree, binned: BinnedFeatures, bag: [Int32]?, inBag: inout [Bool]
    ) {
        let values = grown.tree.leafValue
        let rows = grown.rows
        // Leaves own disjoint rows, so they are updated in parallel; each score gets exactly one addition.
        _ = Parallel.map(values.count, threads: parameters.threads) { leaf in
            for i in grown.leafBegin[leaf]..<(grown.leafBegin[leaf] + grown.leafCount[leaf]) {
                scores[Int(rows[i])] += values[leaf]
            }
            return 0
        }
        guard let bag else { return }
        for i in inBag.indices { inBag[i] = false }
        for row in bag { inBag[Int(row)] = true }
        for row in inBag.indices where !inBag[row] {
            scores[row] += values[Self.leafOfBins(row: row, grown: grown, binned: binned)]
        }
    }

    /// The leaf a row reaches when routed on its bins.
    static func leafOfBins(row: Int, grown: GrownTree, binned: BinnedFeatures) -> Int {
        guard !grown.splits.isEmpty else { return 0 }
        var node = 0
        while true {
            let split = grown.splits[node]
            let bin = binned.bin(row: row, feature: split.feature)
            let left = split.goesLeft(bin: bin, missingBin: binned.features[split.feature].missingBin)
            let child = left ? grown.tree.left[node] : grown.tree.right[node]
            if child < 0 { return Int(~child) }
            node = Int(child)
        }
    }

    /// Adds the trees' outputs for every row of `set` to `margins`, through the runtime's evaluator, in
    /// parallel over fixed row blocks (trees in order per row, so the sums do not depend on the thread count).
    static func addMargins(of trees: [DecisionTree], set: TrainingSet, to margins: SharedBuffer<Double>, threads: Int) {
        addMargins(of: trees, columns: set.columns, to: margins, threads: threads)
    }

    /// Adds the trees' outputs for every row of the feature columns `columns` to `margins`, as
    /// ``addMargins(of:set:to:threads:)``.
    static func addMargins(of trees: [DecisionTree], columns: [[Float]], to margins: SharedBuffer<Double>, threads: Int)
    {
        let block = 16_384
        let count = margins.count
        _ = Parallel.map((count + block - 1) / block, threads: threads) { task in
            let rows = (task * block)..<min(count, (task + 1) * block)
            // Trees outside the row loop: a `DecisionTree` (twelve arrays) is bound once per block, not copied
            // per row. Each row still adds the trees in order, so the sums are the same.
            for tree in trees {
                columns.withUnsafeBufferPointer { columns in
                    for row in rows { margins[row] += tree.leafValue[tree.leaf { columns[$0][row] }] }
                }
            }
            return 0
        }
    }

    func metric(_ margins: SharedBuffer<Double>, _ set: TrainingSet, _ kind: BoostingOptions.StoppingMetric) -> Double {
        let values = Array(UnsafeBufferPointer(start: margins.base, count: margins.count))
        switch kind {
        case .logLoss: return Metrics.logLoss(margins: values, labels: set.labels, weights: set.weights)
        case .auc: return Metrics.auc(scores: values, labels: set.labels, weights: set.weights)
        }
    }

    func report(
        round: Int, scores: SharedBuffer<Double>, set: BinnedTrainingSet, validScores: SharedBuffer<Double>?,
        validation: TrainingSet?, start: Date
    ) -> BoostingProgress {
        var progress = BoostingProgress(
            round: round,
            trainLogLoss: LogLoss.mean(
                margins: scores, labels: set.labels, weights: set.weights, threads: parameters.threads),
            validLogLoss: nil, validAUC: nil, elapsedSeconds: Date().timeIntervalSince(start))
        if let validScores, let validation {
            progress.validLogLoss = metric(validScores, validation, .logLoss)
            progress.validAUC = metric(validScores, validation, .auc)
        }
        return progress
    }
}
