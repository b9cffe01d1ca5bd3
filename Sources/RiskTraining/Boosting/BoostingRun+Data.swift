import RiskScoring

extension BoostingRun {
    /// What validation and importance need from the validation rows, taken out of the table before it is
    /// released.
    struct ValidationData {
        /// The random inspections (early stopping's unbiased measure), or nil when there are none.
        var random: TrainingSet?
        /// Every labelled validation row's feature columns and labels.
        var allColumns: [[Float]]
        var allLabels: [Float]
        /// Categorical values of the random validation rows the training table never had (scored as missing).
        var unseenCategories: Int
        /// The rows importance explains (a seeded sample of every labelled validation row), or nil when there
        /// is no labelled validation row.
        var sampleColumns: [[Float]]?
    }

    /// The validation rows of `table`: those `selected` by the time split when given, else every labelled row
    /// of a separate validation table.
    static func validationData(
        config: ExperimentConfig, encoding: FeatureEncoding, table: Dataset, file: String, selected: LabelledRows?,
        shapSampleSize: Int
    ) throws -> ValidationData {
        let rows =
            try selected.map { (random: $0.randomValidation, all: $0.allValidation) }
            ?? config.validationRows(in: table, file: file)
        let random = try encoding.columns(of: table, rows: rows.random)
        let sample = Self.sample(rows.all, size: shapSampleSize, seed: config.model.seed)
        return ValidationData(
            random: rows.random.isEmpty
                ? nil
                : TrainingSet(
                    columns: random.columns, names: encoding.features.map(\.name),
                    isCategorical: encoding.features.map(\.isCategorical),
                    labels: try labels(of: table, column: config.label.column, rows: rows.random)),
            allColumns: try encoding.columns(of: table, rows: rows.all).columns,
            allLabels: try labels(of: table, column: config.label.column, rows: rows.all),
            unseenCategories: random.unseenCategories,
            sampleColumns: rows.all.isEmpty ? nil : try encoding.columns(of: table, rows: sample).columns)
    }

    /// The label of each of `rows`.
    static func labels(of table: Dataset, column: String, rows: [Int]) throws -> [Float] {
        let labels = try table.numeric(column)
        return rows.map { labels[$0] }
    }

    /// The bin mapping and binned column of every feature over the training `rows` of `table`, each feature's
    /// raw values built only while it is binned (see ``BinnedFeatures/binColumns(rowCount:isCategorical:weights:maxBins:seed:threads:column:)``).
    ///
    /// - Throws: `DataError` when a feature's column is missing from the table or has the wrong kind.
    static func binTrainingRows(
        of table: Dataset, rows: [Int], encoding: FeatureEncoding, weights: [Float]?, maxBins: Int, seed: UInt64,
        threads: Int
    ) throws -> (features: [FeatureBins], columns: [[UInt8]]) {
        // Every column is checked up front (no rows read), so the binning below cannot fail.
        for feature in encoding.features.indices { _ = try encoding.column(feature, of: table, rows: []) }
        return BinnedFeatures.binColumns(
            rowCount: rows.count, isCategorical: encoding.features.map(\.isCategorical), weights: weights,
            maxBins: maxBins, seed: seed, threads: threads
        ) { feature in (try? encoding.column(feature, of: table, rows: rows).values) ?? [] }
    }
}
