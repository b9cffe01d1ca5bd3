import RiskScoring

/// Calibrates a frozen model and chooses its cut-offs by the config's `grading` section, then records what the
/// cut-offs achieve, grading every row through the runtime's ``Scorer`` so the trainer's figures are the
/// runtime's.
///
/// 1. **Calibration** (`grading.calibration`) is fitted on the random inspections of ``GradingRows``: the
///    validation set's when a run has one (the validation quarter, or `--valid`), else the training
///    quarters'. Random inspections only: their hit rate is what a probability should mean, where targeted
///    inspections would bias it upwards. Platt scaling is fitted on the margins, isotonic regression on the
///    link's probabilities.
/// 2. **Cut-offs** on the calibrated 0-1000 score: `cutoffs` as configured; `fixed_shares` at the score
///    quantiles of the population (every enterprise of the latest training quarter that no hard rule
///    excludes); `optimised` by ``CutoffSearch/optimised(minShares:maxShares:alpha:population:inspections:)``
///    with shares of that population and discovery rates of the same random inspections.
/// 3. **Record** (`grading.policy` in the model): the policy's settings, and per grade the population's
///    enterprises and share and the random inspections and hits, all graded after the hard rules.
struct ModelGrader {
    var config: ExperimentConfig
    var rows: GradingRows
    /// Threads for scoring; results do not depend on it.
    var threads = 0

    /// `model` with its calibration, cut-offs and policy record; its hard rules and everything else unchanged.
    ///
    /// - Throws: `GradingError` when calibration or the policy cannot be met.
    func grade(_ model: RiskModel) throws(GradingError) -> RiskModel {
        var model = model
        model.calibration = .identity
        let linked = Scorer(model: model).scoreColumns(rows.inspectionColumns, threads: threads)
        let labels = rows.inspectionLabels.map { Double($0) }
        switch config.grading.calibration {
        case .identity:
            break
        case .platt:
            guard !labels.isEmpty else { throw .noCalibrationRows(method: "platt") }
            model.calibration = .platt(try PlattFit.fit(margins: linked.margins, labels: labels))
        case .isotonic:
            guard !labels.isEmpty else { throw .noCalibrationRows(method: "isotonic") }
            let probabilities = linked.margins.map { model.link.probability(margin: $0) }
            model.calibration = .isotonic(
                try IsotonicRegression.calibration(probabilities: probabilities, labels: labels))
        }
        let scorer = Scorer(model: model)
        let population = scorer.scoreColumns(rows.populationColumns, threads: threads)
        let inspections = scorer.scoreColumns(rows.inspectionColumns, threads: threads)
        var record = GradePolicyRecord(
            kind: config.grading.policy.name, population: rows.population, excluded: 0, inspections: rows.inspections,
            grades: [])
        switch config.grading.policy {
        case .cutoffs(let cutoffs):
            model.grading.cutoffs = cutoffs
        case .fixedShares(let shares):
            let search = outcomeSearch(scorer, population: population.scores, inspections: inspections.scores)
            model.grading.cutoffs = try search.fixedShares(shares.values, population: rows.population)
            record.shares = shares.values
        case .optimised(let minShares, let maxShares, let alpha):
            let search = outcomeSearch(scorer, population: population.scores, inspections: inspections.scores)
            let optimum = try search.optimised(
                minShares: minShares.values, maxShares: maxShares.values, alpha: alpha, population: rows.population,
                inspections: rows.inspections)
            model.grading.cutoffs = optimum.cutoffs
            record.minShares = minShares.values
            record.maxShares = maxShares.values
            record.alpha = alpha
            record.separation = optimum.separation
        }
        // The figures, graded by the runtime with the final cut-offs.
        let final = Scorer(model: model)
        let populationGrades = final.scoreColumns(rows.populationColumns, threads: threads).grades
        let inspectionGrades = final.scoreColumns(rows.inspectionColumns, threads: threads).grades
        var enterprises = [Int](repeating: 0, count: 4)
        var inspected = enterprises
        var hits = enterprises
        for grade in populationGrades {
            if let grade { enterprises[grade.rank] += 1 } else { record.excluded += 1 }
        }
        for (i, grade) in inspectionGrades.enumerated() {
            guard let grade else { continue }
            inspected[grade.rank] += 1
            if rows.inspectionLabels[i] > 0 { hits[grade.rank] += 1 }
        }
        let graded = enterprises.reduce(0, +)
        record.grades = Grade.allCases.map { grade in
            GradePolicyRecord.GradeFigures(
                grade: grade, enterprises: enterprises[grade.rank],
                share: graded > 0 ? Double(enterprises[grade.rank]) / Double(graded) : 0,
                inspections: inspected[grade.rank], hits: hits[grade.rank])
        }
        model.grading.policy = record
        return model
    }

    /// A cut-off search over the population and the random inspections, each row's outcome class found by the
    /// runtime's hard rules (``Scorer/applyHardRules(to:value:)``) for every score grade.
    func outcomeSearch(_ scorer: Scorer, population: [Double], inspections: [Double]) -> CutoffSearch {
        var mappings: [[Grade?]] = []
        var classOf: [[Int]: Int] = [:]
        func classes(_ columns: [[Float]]) -> [Int] {
            let count = columns.first?.count ?? 0
            return (0..<count).map { row in
                let mapping = Grade.allCases.map { scorer.applyHardRules(to: $0) { columns[$0][row] }.grade }
                let key = mapping.map { $0?.rank ?? -1 }
                if let c = classOf[key] { return c }
                classOf[key] = mappings.count
                mappings.append(mapping)
                return mappings.count - 1
            }
        }
        let populationClasses = classes(rows.populationColumns)
        let inspectionClasses = classes(rows.inspectionColumns)
        return CutoffSearch(
            mappings: mappings, populationScores: population, populationClasses: populationClasses,
            inspectionScores: inspections, inspectionClasses: inspectionClasses,
            inspectionHits: rows.inspectionLabels.map { $0 > 0 })
    }
}
