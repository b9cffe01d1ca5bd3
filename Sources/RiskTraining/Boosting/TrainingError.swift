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
        }
    }
}
