extension WeightsTable {
    /// The weights table of `config` from its expert weights, the objective weights of `table` (if given) and
    /// the `learned` columns, with progress lines for the long steps.
    ///
    /// - Parameters:
    ///   - configFile: the config's path, named in errors about its comparison matrices.
    ///   - threads: worker threads for the objective statistics (0 = all cores); the table does not depend on it.
    /// - Throws: `WeightsError` for an inconsistent comparison matrix or a blend naming an unavailable source,
    ///   `DataError` when the table lacks an indicator column.
    public static func build(
        config: ExperimentConfig, configFile: String, table: Dataset?, learned: [LearnedWeights] = [],
        threads: Int = 0, progress: (String) -> Void = { _ in }
    ) throws -> WeightsTable {
        let expert = try ExpertWeights(system: config.indicatorSystem, file: configFile)
        var objective: ObjectiveWeights?
        if let table {
            progress("weights: entropy, CRITIC and coefficient of variation over \(table.rowCount) rows")
            objective = try ObjectiveWeights(config: config, table: table, threads: threads)
        }
        return try WeightsTable(config: config, expert: expert, objective: objective, learned: learned)
    }
}
