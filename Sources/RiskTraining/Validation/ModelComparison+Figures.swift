import RiskScoring

extension ModelComparison {
    /// The most enterprises the report lists as moved.
    public static let moverLimit = 20

    /// Compares two models' scores of the same rows.
    ///
    /// Movers are listed without reason codes (``run(champion:challenger:table:file:config:quarters:threads:)``
    /// adds them).
    /// - Parameters:
    ///   - champion, challenger: the sides, with `excluded` recounted here from the rows.
    ///   - characteristic: CSI per indicator, or nil with `characteristicNote`.
    ///   - weights: the learned weight shares side by side.
    /// - Throws: `StatisticsError` without rows, or when the random inspections cannot be compared (e.g. one hit).
    public init(
        champion: Side, challenger: Side, data: String, quarters: [String], rows: [ComparedRow],
        characteristic: CharacteristicStability?, characteristicNote: String?, weights: [WeightChange],
        gates: ComparisonGates
    ) throws {
        guard !rows.isEmpty else { throw StatisticsError.empty(field: "compared rows") }
        self.champion = champion
        self.challenger = challenger
        self.champion.excluded = rows.filter { $0.champion.grade == nil }.count
        self.challenger.excluded = rows.filter { $0.challenger.grade == nil }.count
        self.data = data
        self.quarters = quarters
        self.rows = rows.count
        self.characteristicStability = characteristic
        self.characteristicNote = characteristicNote
        self.weights = weights
        self.gates = gates

        // The same random inspections for both: random rows both models grade.
        let random = rows.filter {
            $0.kind == .random && $0.label != nil && $0.champion.grade != nil && $0.challenger.grade != nil
        }
        let labels = random.map { $0.label ?? 0 }
        inspections = random.count
        hits = labels.filter { $0 > 0.5 }.count
        if Set(labels).count == 2 {
            let first = random.map(\.champion.score), second = random.map(\.challenger.score)
            let test = try AUCComparison.delong(first: second, second: first, labels: labels)
            metrics = Metrics(
                champion: try Self.figures(
                    scores: first, probabilities: random.map(\.champion.probability), labels: labels),
                challenger: try Self.figures(
                    scores: second, probabilities: random.map(\.challenger.probability), labels: labels),
                aucDifference: AUCDifference(
                    difference: test.difference, standardError: test.standardError, interval: test.interval,
                    z: test.z.isFinite && test.standardError > 0 ? test.z : nil, pValue: test.pValue))
        } else {
            metrics = nil
        }

        func byGrade(_ grade: (ComparedRow) -> Grade?) -> ModelValidation.Discovery {
            var enterprises = [Int](repeating: 0, count: Grade.allCases.count)
            for row in rows { if let g = grade(row) { enterprises[g.rank] += 1 } }
            let inspected = random.map { row in
                ValidationRow(
                    probability: 0, score: 0, grade: grade(row), label: row.label, kind: row.kind, groups: [])
            }
            return ModelValidation.discovery(inspected, enterprises: enterprises)
        }
        let first = byGrade(\.champion.grade), second = byGrade(\.challenger.grade)
        discovery = DiscoveryComparison(
            champion: first, challenger: second,
            differences: zip(first.grades, second.grades).map { a, b in
                GradeDifference(
                    grade: a.grade,
                    difference: a.inspections > 0 && b.inspections > 0
                        ? try? ProportionDifference.newcombe(
                            successes1: Double(b.hits), trials1: Double(b.inspections),
                            successes2: Double(a.hits), trials2: Double(a.inspections)) : nil)
            })

        let migration = try GradeMigration(before: rows.map(\.champion.grade), after: rows.map(\.challenger.grade))
        let championScores = rows.map(\.champion.score), challengerScores = rows.map(\.challenger.score)
        let edges = try PopulationStability.quantileEdges(of: championScores, bins: 10)
        func gradeCounts(_ grades: [Grade?]) -> [Double] {
            var counts = [Double](repeating: 0, count: GradeMigration.categories.count)
            for grade in grades { counts[grade?.rank ?? 4] += 1 }
            return counts
        }
        stability = Stability(
            migration: migration,
            sameGrade: rows.filter { $0.champion.grade == $0.challenger.grade }.count,
            scoreEdges: edges,
            score: try PopulationStability(
                expectedCounts: PopulationStability.binCounts(of: championScores, edges: edges),
                actualCounts: PopulationStability.binCounts(of: challengerScores, edges: edges, field: "actual")),
            grade: try PopulationStability(
                expectedCounts: gradeCounts(rows.map(\.champion.grade)),
                actualCounts: gradeCounts(rows.map(\.challenger.grade))))

        movers = Self.moverOrder(
            champion: rows.map { ($0.champion.score, $0.champion.grade) },
            challenger: rows.map { ($0.challenger.score, $0.challenger.grade) }, limit: Self.moverLimit
        ).map { index in
            let row = rows[index]
            let a = row.champion.grade ?? .a, b = row.challenger.grade ?? .a
            return Mover(
                enterprise: row.enterprise, quarter: row.quarter,
                champion: MoverSide(score: row.champion.score, grade: a, reasons: []),
                challenger: MoverSide(score: row.challenger.score, grade: b, reasons: []),
                gradeChange: b.rank - a.rank, scoreChange: row.challenger.score - row.champion.score)
        }

        verdict = Self.verdict(
            gates: gates, aucDrop: metrics.map { 0 - $0.aucDifference.difference }, monotone: second.monotone,
            scorePSI: stability.score.index)
    }

    /// One model's figures on the random inspections.
    static func figures(scores: [Double], probabilities: [Double], labels: [Double]) throws -> Figures {
        Figures(
            auc: try AUCEstimate.delong(scores: scores, labels: labels),
            gini: try Discrimination.gini(scores: scores, labels: labels),
            kolmogorovSmirnov: try Discrimination.kolmogorovSmirnov(scores: scores, labels: labels),
            brier: try Discrimination.brier(probabilities: probabilities, labels: labels),
            logLoss: try Discrimination.logLoss(probabilities: probabilities, labels: labels))
    }

    /// The rows whose grade changed, graded by both (a move into or out of exclusion shows in the migration
    /// matrix, not here), ordered by |grade change|, then |score change|, both descending, then row; the first
    /// `limit`.
    ///
    /// - Complexity: O(n log n).
    public static func moverOrder(
        champion: [(score: Double, grade: Grade?)], challenger: [(score: Double, grade: Grade?)], limit: Int
    ) -> [Int] {
        precondition(champion.count == challenger.count, "one entry a row for each model")
        let moved = champion.indices.compactMap { row -> (row: Int, grades: Int, score: Double)? in
            guard let a = champion[row].grade, let b = challenger[row].grade, a != b else { return nil }
            return (row, abs(b.rank - a.rank), abs(challenger[row].score - champion[row].score))
        }
        let sorted = moved.sorted { x, y in
            if x.grades != y.grades { return x.grades > y.grades }
            if x.score != y.score { return x.score > y.score }
            return x.row < y.row
        }
        return sorted.prefix(limit).map(\.row)
    }

    /// The verdict of `gates`: each with its observed value, its threshold and whether it passed.
    ///
    /// ```
    /// max_auc_drop:     AUC(champion) − AUC(challenger) ≤ max_auc_drop   (fails when the AUCs cannot be computed)
    /// require_monotone: the challenger's discovery rates rise strictly A<B<C<D, when required
    /// max_score_psi:    PSI(champion's scores → challenger's) ≤ max_score_psi
    /// ```
    public static func verdict(gates: ComparisonGates, aucDrop: Double?, monotone: Bool, scorePSI: Double) -> Verdict {
        let list = [
            Gate(
                name: "max_auc_drop", value: aucDrop, threshold: gates.maxAUCDrop,
                passed: aucDrop.map { $0 <= gates.maxAUCDrop } ?? false),
            Gate(
                name: "require_monotone", value: monotone ? 1 : 0, threshold: gates.requireMonotone ? 1 : 0,
                passed: monotone || !gates.requireMonotone),
            Gate(
                name: "max_score_psi", value: scorePSI, threshold: gates.maxScorePSI,
                passed: scorePSI <= gates.maxScorePSI),
        ]
        return Verdict(gates: list, promote: list.allSatisfy(\.passed))
    }
}
