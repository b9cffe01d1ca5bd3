import RiskScoring

/// An earlier ensemble that boosting continues from, with its margins on the training rows (computed from the
/// rows' raw values through the runtime's evaluator, since the earlier trees' thresholds need not fall on the
/// new bins' boundaries).
public struct WarmStart: Sendable {
    /// The earlier ensemble: its base score and trees are kept, new trees are appended.
    public var ensemble: TreeEnsemble
    /// The earlier ensemble's margin on each training row.
    public var margins: [Double]

    /// A warm start from an ensemble and its margins on the training rows.
    public init(ensemble: TreeEnsemble, margins: [Double]) {
        self.ensemble = ensemble
        self.margins = margins
    }

    /// A warm start from `ensemble`, its margins computed on the raw feature columns `columns` (base score
    /// plus the trees in order, in parallel over fixed row blocks, so they do not depend on the thread count).
    ///
    /// - Precondition: one column per feature of `ensemble`, all of the same length.
    public init(ensemble: TreeEnsemble, columns: [[Float]], threads: Int = 0) {
        precondition(columns.count == ensemble.featureCount, "one column per feature of the ensemble")
        let rowCount = columns.first?.count ?? 0
        let margins = SharedBuffer<Double>(repeating: ensemble.baseScore, count: rowCount)
        GradientBoostingTrainer.addMargins(of: ensemble.trees, columns: columns, to: margins, threads: threads)
        self.init(ensemble: ensemble, margins: Array(UnsafeBufferPointer(start: margins.base, count: rowCount)))
    }

    /// A warm start from `ensemble` on the rows of `set`.
    init(ensemble: TreeEnsemble, set: TrainingSet, threads: Int) {
        self.init(ensemble: ensemble, columns: set.columns, threads: threads)
    }
}
