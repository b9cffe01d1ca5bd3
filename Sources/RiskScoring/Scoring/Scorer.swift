/// Scores enterprises with a loaded model: probability, 0-1000 score, grade and reason codes, for one record
/// or a batch.
///
/// ```
/// value_f   = the raw field read by feature f's kind, vocabulary, valid range and missing policy
/// margin    = the model's body (the tree ensemble's evaluator, bitwise the trainer's)
/// p         = calibration(margin, link(margin)),   score = the model's score scale of p (0-1000), or a weighted
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
    /// Each hard rule's feature and, for an `in` condition, which of the feature's codes it names; nil for a
    /// numeric condition on a categorical feature (no threshold means anything for codes; loading refuses it).
    let compiledRules: [CompiledRule?]

    /// A hard rule prepared for scoring.
    struct CompiledRule: Sendable {
        /// The feature the rule tests.
        var feature: Int
        /// For `in`: whether each code of the feature's vocabulary is one of the rule's categories.
        var codes: [Bool]?
    }
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
        compiledRules = model.grading.hardRules.map { rule -> CompiledRule? in
            guard let feature = model.featureIndex(named: rule.indicator) else { return nil }
            let described = model.features[feature]
            if let categories = rule.condition.categories {
                return CompiledRule(feature: feature, codes: described.vocabulary.map { categories.contains($0) })
            }
            return described.kind == .categorical ? nil : CompiledRule(feature: feature, codes: nil)
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
    /// none did); a nil grade means the enterprise is excluded from grading. `row` holds one model value per
    /// feature (NaN for missing, category codes as whole numbers), as ``score(rowMajor:rowCount:reasons:threads:into:)``
    /// reads it. The trainer grades its own rows through this function, so trainer and runtime agree.
    public func grade(score: Double, row: [Float]) -> (scoreGrade: Grade, grade: Grade?, rule: Int?) {
        precondition(row.count == featureCount, "a row holds one value per feature")
        return grade(score: score) { row[$0] }
    }

    /// The grade of a score after the hard rules; `value(f)` is the row's value of feature `f`.
    @inline(__always)
    func grade(score: Double, value: (Int) -> Float) -> (scoreGrade: Grade, grade: Grade?, rule: Int?) {
        let scoreGrade = model.grading.cutoffs.grade(score: score)
        let ruled = applyHardRules(to: scoreGrade, value: value)
        return (scoreGrade, ruled.grade, ruled.rule)
    }

    /// The grade the hard rules make of a score grade, and the index of the last rule that applied (nil when
    /// none did); a nil grade means the enterprise is excluded from grading.
    ///
    /// Rules apply in the model's order: `grade_d` sets D, `raise_two_grades` moves two grades toward D (capped
    /// at D), `exclude` excludes and ends the rules. `value(f)` is the row's value of feature `f` (NaN for
    /// missing, which meets no condition; category codes for categorical features, matched by an `in`
    /// condition through the feature's vocabulary).
    @inline(__always)
    public func applyHardRules(to scoreGrade: Grade, value: (Int) -> Float) -> (grade: Grade?, rule: Int?) {
        var grade: Grade? = scoreGrade
        var applied: Int?
        for (i, rule) in model.grading.hardRules.enumerated() {
            guard let compiled = compiledRules[i] else { continue }
            let x = value(compiled.feature)
            let met: Bool
            if let codes = compiled.codes {
                met = !x.isNaN && x >= 0 && x < Float(codes.count) && x == x.rounded(.towardZero) && codes[Int(x)]
            } else {
                met = rule.condition.isMet(by: x.isNaN ? nil : Double(x))
            }
            guard met else { continue }
            applied = i
            switch rule.action {
            case .gradeD: grade = .d
            case .raiseTwoGrades: grade = grade.map { Grade.allCases[min($0.rank + 2, Grade.d.rank)] }
            case .exclude: return (nil, i)
            }
        }
        return (grade, applied)
    }
}
