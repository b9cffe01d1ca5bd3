/// Why gradient boosting could not start, with what to fix.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The training set has no rows.
    case emptyTrainingSet
    /// A label is neither 0 nor 1.
    case invalidLabel(row: Int, value: Float)
    /// A sample weight is negative or not finite.
    case invalidWeight(row: Int, value: Float)
    /// A second set (validation, warm start model, refit data, bin mapping) has a different feature count.
    case featureCountMismatch(what: String, expected: Int, found: Int)
    /// An interaction group names a feature index that does not exist.
    case invalidInteractionFeature(group: Int, feature: Int, featureCount: Int)
    /// A training option is out of its range.
    case invalidParameter(name: String, value: String, expected: String)
    /// An earlier model (warm start, refit) cannot be read or is not a valid ensemble.
    case unreadableModel(path: String, reason: String)
    /// An earlier model's features are not the config's indicators: `missing` are indicators of the config the
    /// model lacks, `extra` features of the model the config lacks.
    case modelFeaturesMismatch(path: String, missing: [String], extra: [String])
    /// A feature is categorical in the earlier model and numeric in the config, or the other way round.
    case modelFeatureKindMismatch(path: String, feature: String, modelIsCategorical: Bool)
    /// An interaction group names an indicator that is not one of the features.
    case unknownInteractionFeature(group: Int, name: String)

    public var description: String {
        switch self {
        case .emptyTrainingSet:
            "the training set has no rows: check the label column and the row filters"
        case .invalidLabel(let row, let value):
            "row \(row): label \(value) is not 0 or 1; labels must be binary"
        case .invalidWeight(let row, let value):
            "row \(row): sample weight \(value) must be finite and not negative"
        case .featureCountMismatch(let what, let expected, let found):
            "\(what) has \(found) features but the training set has \(expected); use the same feature columns"
        case .invalidInteractionFeature(let group, let feature, let featureCount):
            "interaction group \(group) names feature \(feature), but features are 0..<\(featureCount)"
        case .invalidParameter(let name, let value, let expected):
            "\(name) = \(value): expected \(expected)"
        case .unreadableModel(let path, let reason):
            "\(path): cannot read the earlier model (\(reason)); give the output folder of a riskgrade train run, "
                + "its model.json (or interim ensemble.json), or a registry reference such as general@champion"
        case .modelFeaturesMismatch(let path, let missing, let extra):
            "\(path): the earlier model's features differ from the config's indicators"
                + (missing.isEmpty ? "" : "; missing from the model: \(missing.joined(separator: ", "))")
                + (extra.isEmpty ? "" : "; in the model but not the config: \(extra.joined(separator: ", "))")
                + "; use the config the model was trained with, or train a new model from scratch"
        case .modelFeatureKindMismatch(let path, let feature, let modelIsCategorical):
            "\(path): feature \(feature) is \(modelIsCategorical ? "categorical" : "numeric") in the earlier model "
                + "but \(modelIsCategorical ? "numeric" : "categorical") in the config; use the config the model was "
                + "trained with, or train a new model from scratch"
        case .unknownInteractionFeature(let group, let name):
            "interaction group \(group) names \"\(name)\", which is not an indicator of the config; "
                + "name indicators of the indicator system"
        }
    }
}
