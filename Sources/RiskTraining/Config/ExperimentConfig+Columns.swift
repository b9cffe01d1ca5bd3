extension ExperimentConfig {
    /// Checks that a table's header holds every indicator column of the config.
    ///
    /// - Parameters:
    ///   - header: The table's column names.
    ///   - file: The table's name, used in the error.
    /// - Throws: `ConfigError.missingColumns` listing every missing column (in config order), each with the
    ///   closest header name when one is close enough to be a likely misspelling.
    public func checkColumns(_ header: [String], file: String) throws {
        let present = Set(header)
        let missing = featureColumns.filter { !present.contains($0) }
        guard !missing.isEmpty else { return }
        let unused = header.filter { !Set(featureColumns).contains($0) }
        var closeMatches: [String: String] = [:]
        for column in missing {
            closeMatches[column] = EditDistance.suggestion(for: column, among: unused)
        }
        throw ConfigError.missingColumns(file: file, missing: missing, closeMatches: closeMatches)
    }
}
