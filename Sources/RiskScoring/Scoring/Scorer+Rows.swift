extension Scorer {
    /// Scores `rowCount` rows already read into model values (row-major, ``featureCount`` values a row: NaN
    /// for missing, category codes as whole numbers), writing every output into `rows`.
    ///
    /// Margins come from the model's body: trees compiled once when the scorer was made
    /// (`CompiledTreeEnsemble`), bitwise `TreeEnsemble.margin(_:)` and the trainer's, a network's own dense
    /// loops, or a scorecard's bins. With `reasons > 0`, per-feature contributions (exact TreeSHAP for trees,
    /// integrated gradients from the training means for a network, the points lost against each indicator's
    /// best bin for scorecards) give each row its `reasons` largest positive contributions (ties by feature
    /// order). Tree margins and contributions run on up to `threads` threads (0 = every core); every
    /// output is the same whatever the thread count. The tree path allocates nothing per row (a network's
    /// encoding does); `rows` grows only when a batch is larger than any before.
    ///
    /// - Precondition: `values.count >= rowCount * featureCount`, `reasons >= 0`.
    /// - Complexity: O(rows × trees × depth), and O(rows × trees × leaves × depth²) with reasons.
    public func score(
        rowMajor values: [Float], rowCount: Int, reasons: Int = 0, threads: Int = 1, into rows: inout ScoredRows
    ) {
        let width = featureCount
        precondition(
            values.count >= rowCount * width, "\(rowCount) rows need \(rowCount * width) values, got \(values.count)")
        precondition(reasons >= 0, "reasons must not be negative")
        let limit = min(reasons, width)
        rows.resize(count: rowCount, reasons: limit, featureCount: width)
        guard rowCount > 0 else { return }
        // The evaluators take exactly the batch; a longer buffer (the last, short chunk of a stream) is cut once.
        let input = values.count == rowCount * width ? values : Array(values[0..<rowCount * width])
        // A weighted body's own points are its score (score scale `points`); other bodies leave this empty.
        var points: [Double] = []
        switch evaluator {
        case .trees(let ensemble, let compiled):
            if rowCount == 1 {
                // One row (a look-up): the single-row evaluator, bitwise the batch one, without packing the trees.
                rows.margins[0] = compiled.margin(input)
            } else {
                compiled.margins(rowMajor: input, into: &rows.margins, threads: threads)
            }
            if limit > 0 {
                rows.contributionBias = ensemble.contributions(
                    rowMajor: input, into: &rows.contributions, threads: threads)
            }
        case .network(let network):
            let margins = network.margins(rowMajor: input)
            for row in 0..<rowCount { rows.margins[row] = margins[row] }
            if limit > 0 {
                // Integrated gradients from the training means: margin ≈ bias + Σ_f φ_f.
                rows.contributionBias = network.contributions(rowMajor: input, into: &rows.contributions)
            }
        case .scorecard(let card):
            let margins = card.margins(rowMajor: input)
            for row in 0..<rowCount { rows.margins[row] = margins[row] }
            if limit > 0 {
                // Points lost against each indicator's best bin (points, not log-odds; no bias).
                card.pointsLost(rowMajor: input, into: &rows.contributions)
                rows.contributionBias = 0
            }
        case .weighted(let card):
            points = card.points(rowMajor: input)
            for row in 0..<rowCount { rows.margins[row] = card.margin(points: points[row]) }
            if limit > 0 {
                card.pointsLost(rowMajor: input, into: &rows.contributions)
                rows.contributionBias = 0
            }
        }
        input.withUnsafeBufferPointer { x in
            for row in 0..<rowCount {
                let p = model.probability(margin: rows.margins[row])
                let score = model.scoreScale.score(probability: p, points: points.isEmpty ? nil : points[row])
                let base = row * width
                let graded = grade(score: score) { x[base + $0] }
                rows.probabilities[row] = p
                rows.scores[row] = score
                rows.scoreGrades[row] = graded.scoreGrade
                rows.grades[row] = graded.grade
                rows.hardRules[row] = Int32(graded.rule ?? -1)
            }
        }
        guard limit > 0 else { return }
        rows.contributions.withUnsafeBufferPointer { phi in
            rows.reasonFeatures.withUnsafeMutableBufferPointer { features in
                rows.reasonContributions.withUnsafeMutableBufferPointer { contributions in
                    for row in 0..<rowCount {
                        Self.selectReasons(
                            phi: UnsafeBufferPointer(rebasing: phi[row * width..<(row + 1) * width]),
                            features: UnsafeMutableBufferPointer(rebasing: features[row * limit..<(row + 1) * limit]),
                            contributions: UnsafeMutableBufferPointer(
                                rebasing: contributions[row * limit..<(row + 1) * limit]))
                    }
                }
            }
        }
    }

    /// Writes the `features.count` largest positive entries of `phi` into `features` and `contributions`,
    /// largest first, equal contributions in feature order; −1 fills the slots left over.
    ///
    /// - Complexity: O(featureCount × k), no allocation.
    @inline(__always)
    static func selectReasons(
        phi: UnsafeBufferPointer<Double>, features: UnsafeMutableBufferPointer<Int32>,
        contributions: UnsafeMutableBufferPointer<Double>
    ) {
        let k = features.count
        for j in 0..<k {
            features[j] = -1
            contributions[j] = 0
        }
        var n = 0
        for f in 0..<phi.count {
            let c = phi[f]
            guard c > 0 else { continue }
            var j: Int
            if n == k {
                guard c > contributions[k - 1] else { continue }
                j = k - 1
            } else {
                j = n
                n += 1
            }
            while j > 0, contributions[j - 1] < c {
                features[j] = features[j - 1]
                contributions[j] = contributions[j - 1]
                j -= 1
            }
            features[j] = Int32(f)
            contributions[j] = c
        }
    }

    /// Row `row` of `rows` as a ``ScoredRecord``, the reason codes' raw values given by `value(feature)`.
    func record(_ rows: ScoredRows, row: Int, value: (Int) -> String?) -> ScoredRecord {
        let rule = rows.hardRules[row]
        var reasons: [ReasonCode] = []
        for k in 0..<rows.reasonCount(row: row) {
            let (feature, contribution) = rows.reason(row: row, k)
            let described = model.features[feature]
            reasons.append(
                ReasonCode(
                    indicator: described.name, feature: feature, direction: described.direction,
                    contribution: contribution, value: value(feature)))
        }
        return ScoredRecord(
            margin: rows.margins[row], probability: rows.probabilities[row], score: rows.scores[row],
            scoreGrade: rows.scoreGrades[row], grade: rows.grades[row],
            hardRule: rule >= 0 ? model.grading.hardRules[Int(rule)] : nil, reasons: reasons)
    }

    /// The text of a value the model read: nil for missing, the category of a code, else the shortest
    /// text that reads back to the same `Float` (`3`, `140.55`).
    public func text(ofValue value: Float, feature: Int) -> String? {
        if value.isNaN { return nil }
        let vocabulary = model.features[feature].vocabulary
        if model.features[feature].kind == .categorical {
            let code = Int(value)
            return vocabulary.indices.contains(code) ? vocabulary[code] : nil
        }
        if value == value.rounded(), value.magnitude < 16_777_216 { return String(Int(value)) }
        return value.description
    }
}
