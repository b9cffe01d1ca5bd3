import RiskScoring

/// The rows a run calibrates and grades its model on, read from the feature tables after training: the
/// **population** (every enterprise of the latest training quarter, labelled or not: what a regulator means by
/// a grade's share) and the **random inspections** (of the validation set when there is one, else of the
/// training quarters), each as model values per feature.
struct GradingRows {
    /// The population's quarter, e.g. `2026Q2`.
    var population: String
    /// One column per feature over the population's rows.
    var populationColumns: [[Float]]
    /// Which random inspections: `validation_random` or `training_random`.
    var inspections: String
    /// One column per feature over the random inspections.
    var inspectionColumns: [[Float]]
    /// Each random inspection's label, 0 or 1.
    var inspectionLabels: [Float]

    /// Reads the rows of a run that trained on `trainFile` (quarters `trainQuarters`) and validated on
    /// `validationFile` (the same file's `validationQuarter` when they are the same file).
    ///
    /// The training table is read again twice, each time keeping only the rows needed: every row of the
    /// population's quarter, then the labelled rows of the validation quarter (without one, of the training
    /// quarters); a separate validation table is read with its labelled rows only.
    ///
    /// - Throws: `CSVError`/`DataError`/`LabelError` for unusable tables, `GradingError.emptyPopulation`
    ///   without a training quarter.
    static func read(
        config: ExperimentConfig, encoding: FeatureEncoding, trainFile: String, validationFile: String,
        trainQuarters: [String], validationQuarter: String?
    ) throws -> GradingRows {
        guard let population = trainQuarters.last else { throw GradingError.emptyPopulation(quarter: "(none)") }
        let separate = validationFile != trainFile
        var schema = config.tableSchema
        schema.required.removeAll { $0 == "enterprise_id" }
        schema.ignored.insert("enterprise_id")
        schema.onlyRowsWith = (config.split.quarterColumn, [population])
        // Each table lives only until its columns are out, so one quarter's table is held at a time.
        let populationColumns = try { () throws -> [[Float]] in
            let table = try Dataset.read(csv: trainFile, schema: schema)
            return try encoding.columns(of: table, rows: Array(0..<table.rowCount)).columns
        }()
        var tuningSchema = config.trainingTableSchema
        let tuningFile: String
        if separate {
            tuningFile = validationFile
        } else {
            tuningFile = trainFile
            tuningSchema.onlyRowsWith = (
                config.split.quarterColumn, validationQuarter.map { [$0] } ?? Set(trainQuarters)
            )
        }
        let tuningTable = try Dataset.read(csv: tuningFile, schema: tuningSchema)
        let kinds = try config.labelledKinds(in: tuningTable)
        let tuningRows = kinds.indices.filter { kinds[$0] == .random }
        let labels = try tuningTable.numeric(config.label.column)
        return GradingRows(
            population: population, populationColumns: populationColumns,
            inspections: separate || validationQuarter != nil ? "validation_random" : "training_random",
            inspectionColumns: try encoding.columns(of: tuningTable, rows: tuningRows).columns,
            inspectionLabels: tuningRows.map { labels[$0] })
    }
}

extension Scorer {
    /// Scores rows given as one column per feature, in blocks of 16,384 rows, through
    /// ``score(rowMajor:rowCount:reasons:threads:into:)``: the runtime's margins, probabilities, scores and
    /// grades (after the hard rules), exactly as `riskscore` computes them.
    func scoreColumns(_ columns: [[Float]], threads: Int) -> (margins: [Double], scores: [Double], grades: [Grade?]) {
        let rowCount = columns.first?.count ?? 0
        let width = featureCount
        var margins: [Double] = []
        var scores: [Double] = []
        var grades: [Grade?] = []
        margins.reserveCapacity(rowCount)
        scores.reserveCapacity(rowCount)
        grades.reserveCapacity(rowCount)
        var rows = ScoredRows()
        let block = 16_384
        var values = [Float](repeating: 0, count: min(block, max(rowCount, 1)) * width)
        var start = 0
        while start < rowCount {
            let count = min(block, rowCount - start)
            for f in 0..<width {
                let column = columns[f]
                for r in 0..<count { values[r * width + f] = column[start + r] }
            }
            score(rowMajor: values, rowCount: count, threads: threads, into: &rows)
            margins.append(contentsOf: rows.margins[0..<count])
            scores.append(contentsOf: rows.scores[0..<count])
            grades.append(contentsOf: rows.grades[0..<count])
            start += count
        }
        return (margins, scores, grades)
    }
}
