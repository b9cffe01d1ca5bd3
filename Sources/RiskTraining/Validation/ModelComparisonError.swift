import RiskScoring

/// Why two models cannot be compared on a table, naming the file, the model, the column and the fix.
public enum ModelComparisonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The table's header lacks columns a model reads.
    case missingColumns(file: String, model: String, missing: [String])
    /// A model reads a column as one kind of value and the config (or the other model) as the other.
    case kindConflict(file: String, model: String, column: String, modelKind: String, tableKind: String)
    /// Every row of the compared quarters was rejected by one of the models.
    case nothingScored(file: String, model: String, reason: String)

    public var description: String {
        switch self {
        case .missingColumns(let file, let model, let missing):
            return "\(file): model \(model) reads column(s) \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) "
                + "that the table lacks; compare on a table built with both models' indicators "
                + "(riskgrade features with a config holding them)"
        case .kindConflict(let file, let model, let column, let modelKind, let tableKind):
            return "\(file): column \"\(column)\" is read as \(tableKind) values by the config, but model \(model) "
                + "reads it as \(modelKind); the two models' feature schemas disagree, so compare models trained "
                + "on the same indicator system (or pass --config with the one the table was built for)"
        case .nothingScored(let file, let model, let reason):
            return "\(file): model \(model) could read none of the compared rows (first: \(reason)); check that the "
                + "table was built for this model's indicators and ranges"
        }
    }
}
