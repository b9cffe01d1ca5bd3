/// Scores enterprises with a loaded model: probability, 0-1000 score, grade and reason codes, for one record
/// or a batch.
///
/// ```
/// value_f   = the raw field read by feature f's kind, vocabulary, valid range and missing policy
/// margin    = the model's body (the tree ensemble's evaluator, bitwise the trainer's)
/// p         = calibration(link(margin)),   score = the model's score scale of p (0-1000), or a weighted
///             scorecard's own points (score scale `points`)
/// grade     = the cut-offs' grade of the score, then the hard rules in the model's order
/// reasons   = the k largest positive contributions φ_f (those raising the risk), largest first: TreeSHAP for
///             trees, integrated gradients for a network, points lost against the best bin for scorecards
/// ```
/// A scorer is an immutable value: share one across threads freely. The batch path keeps its buffers in a
/// ``ScoredRows`` the caller owns (one per worker), so scoring allocates nothing per row.
public struct Scorer: Sendable {
    /// The model.
    public let model: RiskModel
    /// The model's body, prepared for scoring.
    let evaluator: Evaluator

    /// A body prepared for scoring.
    enum Evaluator: Sendable {
        /// The trees, and the trees compiled once for scoring (bitwise the trees' margins).
        case trees(TreeEnsemble, CompiledTreeEnsemble)
        /// The network, scored by its own dense loops.
        case network(NeuralNetwork)
        /// A logistic scorecard; reasons are the points lost per indicator.
        case scorecard(Scorecard)
        /// A weighted scorecard; the score is its points, reasons the points lost per indicator.
        case weighted(WeightedScorecard)
    }
    /// One reader per feature, in the body's order.
    let readers: [FeatureReader]
    /// The feature each hard rule tests, in the rules' order; nil for a categorical feature, whose codes no
    /// threshold means anything for.
    let ruleFeatures: [Int?]
    /// Feature indices by indicator name and by column name (names win over columns).
    let featureIndex: [String: Int]

    /// A scorer of `model`.
    public init(model: RiskModel) {
        self.model = model
        switch model.body {
        case .trees(let ensemble): evaluator = .trees(ensemble, ensemble.compiled())
        case .network(let network): evaluator = .network(network)
        case .scorecard(let card): evaluator = .scorecard(card)
        case .weighted(let card): evaluator = .weighted(card)
        }
        readers = model.features.map(FeatureReader.init)
        ruleFeatures = model.grading.hardRules.map { rule in
            model.featureIndex(named: rule.indicator).flatMap { model.features[$0].kind == .categorical ? nil : $0 }
        }
        var index: [String: Int] = [:]
        for (i, feature) in model.features.enumerated() where index[feature.column] == nil { index[feature.column] = i }
        for (i, feature) in model.features.enumerated() { index[feature.name] = i }
        featureIndex = index
    }

    /// The number of features a row holds.
    public var featureCount: Int { model.features.count }

    /// The index of the feature an input names, by indicator name or else by column name.
    public func feature(named name: String) -> Int? { featureIndex[name] }

    /// The grade of a score after the hard rules, and the index of the last hard rule that applied (nil when
    /// none did); a nil grade means the enterprise is excluded from grading.
    ///
    /// Rules apply in the model's order: `grade_d` sets D, `raise_two_grades` moves two grades toward D,
    /// `exclude` excludes and ends the rules. `value(f)` is the row's value of feature `f` (NaN for missing,
    /// which meets no condition).
    @inline(__always)
    func grade(score: Double, value: (Int) -> Float) -> (scoreGrade: Grade, grade: Grade?, rule: Int?) {
        let scoreGrade = model.grading.cutoffs.grade(score: score)
        var grade: Grade? = scoreGrade
        var applied: Int?
        for (i, rule) in model.grading.hardRules.enumerated() {
            guard let feature = ruleFeatures[i] else { continue }
            let x = value(feature)
            guard rule.condition.isMet(by: x.isNaN ? nil : Double(x)) else { continue }
            applied = i
            switch rule.action {
            case .gradeD: grade = .d
            case .raiseTwoGrades: grade = grade.map { Grade.allCases[min($0.rank + 2, Grade.d.rank)] }
            case .exclude: return (scoreGrade, nil, i)
            }
        }
        return (scoreGrade, grade, applied)
    }
}
