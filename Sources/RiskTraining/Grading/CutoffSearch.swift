import RiskScoring

/// Chooses cut-offs on the 0-1000 score from data: at fixed shares of a population, or optimised for the
/// separation of discovery rates on random inspections.
///
/// Rows are graded as the runtime grades them: the cut-offs give a score grade, then the hard rules. A hard
/// rule's effect depends on the row, not on the cut-offs, so each row carries an *outcome class*: `mappings[c]`
/// gives, for score grade A, B, C and D, the grade the rules leave (nil: excluded). The search counts each
/// class apart and maps its score grades, which keeps it exact after hard rules at no cost per candidate.
public struct CutoffSearch: Sendable {
    /// Per outcome class, the final grade of score grades A-D (nil: excluded).
    public var mappings: [[Grade?]]
    /// The population's scores and outcome classes (shares are of its rows that are not excluded).
    public var populationScores: [Double]
    public var populationClasses: [Int]
    /// The random inspections' scores, outcome classes and hits.
    public var inspectionScores: [Double]
    public var inspectionClasses: [Int]
    public var inspectionHits: [Bool]
    /// The most candidate cut-offs the optimised search tries: the population's score quantiles at steps of
    /// `1/maxCandidates`. Default 200.
    public var maxCandidates = 200

    /// A search over the given rows.
    public init(
        mappings: [[Grade?]], populationScores: [Double], populationClasses: [Int], inspectionScores: [Double],
        inspectionClasses: [Int], inspectionHits: [Bool]
    ) {
        precondition(populationScores.count == populationClasses.count)
        precondition(
            inspectionScores.count == inspectionClasses.count && inspectionHits.count == inspectionScores.count)
        self.mappings = mappings
        self.populationScores = populationScores
        self.populationClasses = populationClasses
        self.inspectionScores = inspectionScores
        self.inspectionClasses = inspectionClasses
        self.inspectionHits = inspectionHits
    }

    /// Whether class `c` is excluded whatever its score.
    func isExcluded(_ c: Int) -> Bool { mappings[c].allSatisfy { $0 == nil } }

    /// The graded population's scores, ascending.
    func gradedScores() -> [Double] {
        var scores: [Double] = []
        scores.reserveCapacity(populationScores.count)
        for (score, c) in zip(populationScores, populationClasses) where !isExcluded(c) { scores.append(score) }
        return scores.sorted()
    }

    // MARK: Fixed shares

    /// Cut-offs at the score quantiles of the graded population: with shares `s` (A-D) and the graded scores
    /// sorted ascending `x₀ ≤ … ≤ x_{N−1}`, grade g's cut-off is `x_k` with `k = round(N · Σ_{h<g} s_h)`
    /// (above every score when `k = N`). Ties at a cut-off go to the higher grade, and hard rules move rows
    /// after, so the achieved shares (recorded in the model) can differ slightly from the targets.
    ///
    /// - Throws: `GradingError.emptyPopulation` without graded rows, `.sharesUnattainable` when ties leave no
    ///   strictly increasing cut-offs within 0-1000.
    public func fixedShares(_ shares: [Double], population: String) throws(GradingError) -> GradeCutoffs {
        let scores = gradedScores()
        guard !scores.isEmpty else { throw .emptyPopulation(quarter: population) }
        var cutoffs: [Double] = []
        var cumulative = 0.0
        for g in 1..<Grade.allCases.count {
            cumulative += shares[g - 1]
            let k = min(max(Int((cumulative * Double(scores.count)).rounded()), 0), scores.count)
            var cutoff = k < scores.count ? scores[k] : scores[scores.count - 1].nextUp
            // Ties can put two cut-offs on one score: the higher grade starts just above the lower one's.
            if let previous = cutoffs.last, cutoff <= previous { cutoff = previous.nextUp }
            guard cutoff <= 1000 else {
                throw .sharesUnattainable(
                    grade: Grade.allCases[g], detail: "its cut-off would lie above 1000, past the highest score")
            }
            cutoffs.append(max(cutoff, 0))
        }
        return GradeCutoffs(b: cutoffs[0], c: cutoffs[1], d: cutoffs[2])
    }

    // MARK: Optimised

    /// The best cut-offs and the separation they reach.
    public struct Optimum: Sendable, Equatable {
        /// The cut-offs.
        public var cutoffs: GradeCutoffs
        /// The weighted between-grade variance of discovery rates they reach.
        public var separation: Double
    }

    /// The cut-offs that maximise the separation of discovery rates on the random inspections, subject to
    /// every grade's population share lying in `[minShares, maxShares]` and each grade's discovery rate being
    /// significantly above the grade below's (one-sided pooled two-proportion z test at level `alpha`).
    ///
    /// Separation is the weighted between-grade variance of discovery rates,
    /// ```
    /// S = Σ_g n_g (r_g − r̄)² / n  =  (Σ_g h_g²/n_g − h²/n) / n
    /// ```
    /// (n_g inspections and h_g hits of grade g, r_g = h_g/n_g, r̄ = h/n): the share of the hits' variance the
    /// grades explain. It rewards wide gaps between rates and grades that hold many inspections, where the D/A
    /// ratio can be maximised by a tiny, noisy D grade; the tests then keep every gap significant.
    ///
    /// Search: exhaustive over triples `b < c < d` of candidate cut-offs, the distinct population score
    /// quantiles at steps of `1/maxCandidates`; every triple is evaluated exactly from prefix sums per
    /// candidate interval and outcome class. Ties in separation keep the lowest triple, so the result is
    /// deterministic.
    ///
    /// - Throws: `GradingError.emptyPopulation`/`.noInspections` without rows, `.sharesOutOfBounds` when no
    ///   candidate meets the share bounds (naming the grade of the closest candidate), `.ratesNotRising`
    ///   when none that does passes every test (naming the failing grade pair of the closest candidate).
    /// - Complexity: O((population + inspections) · log K + K³ · classes), K ≤ ``maxCandidates``.
    public func optimised(
        minShares: [Double], maxShares: [Double], alpha: Double, population: String, inspections: String
    )
        throws(GradingError) -> Optimum
    {
        let sorted = gradedScores()
        guard !sorted.isEmpty else { throw .emptyPopulation(quarter: population) }
        guard !inspectionScores.isEmpty else { throw .noInspections(set: inspections) }
        var candidates: [Double] = []
        let steps = max(maxCandidates, 2)
        for k in 1..<steps {
            let value = sorted[min(sorted.count - 1, k * sorted.count / steps)]
            if candidates.last != value { candidates.append(value) }
        }
        let kCount = candidates.count
        let bins = kCount + 1
        let classes = mappings.count
        func bin(_ score: Double) -> Int {
            // The number of candidates ≤ score.
            var low = 0
            var high = kCount
            while low < high {
                let middle = (low + high) / 2
                if candidates[middle] <= score { low = middle + 1 } else { high = middle }
            }
            return low
        }
        // Prefix sums per class over bins: enterprises, inspections, hits.
        var enterprises = [Int](repeating: 0, count: classes * (bins + 1))
        var inspected = enterprises
        var hit = enterprises
        for (score, c) in zip(populationScores, populationClasses) { enterprises[c * (bins + 1) + bin(score) + 1] += 1 }
        for i in inspectionScores.indices {
            let slot = inspectionClasses[i] * (bins + 1) + bin(inspectionScores[i]) + 1
            inspected[slot] += 1
            if inspectionHits[i] { hit[slot] += 1 }
        }
        for c in 0..<classes {
            for b in 1...bins {
                let slot = c * (bins + 1) + b
                enterprises[slot] += enterprises[slot - 1]
                inspected[slot] += inspected[slot - 1]
                hit[slot] += hit[slot - 1]
            }
        }
        let gradedTotal = Double(sorted.count)
        let targets: [[Int]] = mappings.map { $0.map { $0?.rank ?? -1 } }
        var best: (i: Int, j: Int, k: Int, separation: Double)?
        var closestRates: (pValue: Double, pair: Int, counts: [(Int, Int)])?
        var closestShares: (violation: Double, grade: Int, share: Double)?
        var n = [Int](repeating: 0, count: 4)
        var h = [Int](repeating: 0, count: 4)
        var e = [Int](repeating: 0, count: 4)
        guard kCount >= 3 else { throw .sharesOutOfBounds(grade: .a, closest: 1, min: minShares[0], max: maxShares[0]) }
        var edges = [0, 0, 0, 0, bins]
        for i in 1...(kCount - 2) {
            edges[1] = i
            for j in (i + 1)...(kCount - 1) {
                edges[2] = j
                for k in (j + 1)...kCount {
                    edges[3] = k
                    for g in 0..<4 {
                        n[g] = 0
                        h[g] = 0
                        e[g] = 0
                    }
                    for c in 0..<classes {
                        let base = c * (bins + 1)
                        for g in 0..<4 {
                            let target = targets[c][g]
                            guard target >= 0 else { continue }
                            let lo = base + edges[g]
                            let hi = base + edges[g + 1]
                            e[target] += enterprises[hi] - enterprises[lo]
                            n[target] += inspected[hi] - inspected[lo]
                            h[target] += hit[hi] - hit[lo]
                        }
                    }
                    var violation = 0.0
                    var worst = (grade: 0, share: 0.0, amount: -1.0)
                    for g in 0..<4 {
                        let share = Double(e[g]) / gradedTotal
                        let amount = max(minShares[g] - share, share - maxShares[g], 0)
                        if amount > 1e-9 {
                            violation += amount
                            if amount > worst.amount { worst = (g, share, amount) }
                        }
                    }
                    if violation > 0 {
                        if closestShares == nil || violation < closestShares!.violation {
                            closestShares = (violation, worst.grade, worst.share)
                        }
                        continue
                    }
                    var worstP = 0.0
                    var worstPair = 0
                    for g in 0..<3 {
                        let test = TwoProportionTest(
                            hitsLow: h[g], inspectionsLow: n[g], hitsHigh: h[g + 1], inspectionsHigh: n[g + 1])
                        if test.pValue > worstP {
                            worstP = test.pValue
                            worstPair = g
                        }
                    }
                    guard worstP < alpha else {
                        if closestRates == nil || worstP < closestRates!.pValue {
                            closestRates = (worstP, worstPair, (0..<4).map { (h[$0], n[$0]) })
                        }
                        continue
                    }
                    var sumSquares = 0.0
                    var totalHits = 0
                    var totalInspections = 0
                    for g in 0..<4 {
                        sumSquares += Double(h[g]) * Double(h[g]) / Double(n[g])
                        totalHits += h[g]
                        totalInspections += n[g]
                    }
                    let total = Double(totalInspections)
                    let separation = (sumSquares - Double(totalHits) * Double(totalHits) / total) / total
                    if best == nil || separation > best!.separation { best = (i, j, k, separation) }
                }
            }
        }
        if let best {
            return Optimum(
                cutoffs: GradeCutoffs(b: candidates[best.i - 1], c: candidates[best.j - 1], d: candidates[best.k - 1]),
                separation: best.separation)
        }
        if let closestRates {
            let g = closestRates.pair
            let low = closestRates.counts[g]
            let high = closestRates.counts[g + 1]
            throw .ratesNotRising(
                lower: Grade.allCases[g], upper: Grade.allCases[g + 1], lowerHits: low.0, lowerInspections: low.1,
                upperHits: high.0, upperInspections: high.1, pValue: closestRates.pValue, alpha: alpha)
        }
        let grade = closestShares?.grade ?? 0
        throw .sharesOutOfBounds(
            grade: Grade.allCases[grade], closest: closestShares?.share ?? 0, min: minShares[grade],
            max: maxShares[grade])
    }
}
