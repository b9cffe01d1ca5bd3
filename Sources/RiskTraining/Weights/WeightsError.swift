import Foundation

/// Why a weights table could not be built, with what to fix.
public enum WeightsError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// An AHP comparison matrix has a consistency ratio above 0.1. `keyPath` is where the config writes it;
    /// `entry` is the judgement that departs most from the weights, with the children's names.
    case inconsistentComparisons(
        file: String, keyPath: String, order: Int, principalEigenvalue: Double, consistencyRatio: Double,
        entry: AHP.Result.Entry?, rowName: String, columnName: String)
    /// The eigen-decomposition of a comparison matrix failed.
    case eigenDecompositionFailed(file: String, keyPath: String, reason: String)
    /// The blend names a source that has no weights in this run.
    case sourceUnavailable(source: WeightSource, reason: String, fix: String)
    /// A trained run's importance file could not be read or decoded.
    case unreadableImportance(file: String, reason: String)
    /// A trained run's importance file does not cover the config's indicators (another config trained it).
    case importanceMismatch(file: String, missing: [String], unexpected: [String])
    /// A model carries no learned weights this table knows (`keys` are the sources it does carry).
    case noLearnedWeights(file: String, keys: [String])
    /// Two models give the same learned column.
    case duplicateLearnedSource(source: WeightSource, files: [String])

    public var description: String {
        switch self {
        case .inconsistentComparisons(
            let file, let keyPath, let order, let lambda, let ratio, let entry, let rowName, let columnName):
            var text =
                "\(file): \(keyPath): the comparison matrix is too inconsistent: consistency ratio CR = "
                + String(format: "%.4f", ratio) + " > 0.1 (λmax = " + String(format: "%.4f", lambda)
                + ", n = \(order)); revise the judgements until CR ≤ 0.1"
            if let entry {
                text +=
                    ", starting with [\(entry.row)][\(entry.column)] (\(rowName) vs \(columnName)) = "
                    + displayNumber(entry.value) + " where the other judgements imply about "
                    + String(format: "%.2f", entry.implied)
            }
            return text
        case .eigenDecompositionFailed(let file, let keyPath, let reason):
            return "\(file): \(keyPath): the comparison matrix has no usable principal eigenvector (\(reason)); "
                + "check its entries"
        case .sourceUnavailable(let source, let reason, let fix):
            return "weights.blend names \"\(source.rawValue)\" but \(reason); \(fix)"
        case .unreadableImportance(let file, let reason):
            return "\(file): cannot read the trained run's importance table (\(reason)); "
                + "pass --model the output folder of riskgrade train"
        case .importanceMismatch(let file, let missing, let unexpected):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("lacks \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty {
                parts.append("has indicators the config does not: \(unexpected.joined(separator: ", "))")
            }
            return "\(file): the importance table \(parts.joined(separator: " and ")); "
                + "the run was trained with another config: pass the config it was trained with, or retrain"
        case .noLearnedWeights(let file, let keys):
            return "\(file): the model carries no learned indicator weights"
                + (keys.isEmpty ? "" : " (only \(keys.joined(separator: ", ")))")
                + "; pass --model a gradient-boosting, network or logistic-scorecard model"
        case .duplicateLearnedSource(let source, let files):
            return "\(files.joined(separator: " and ")) both give \(source.rawValue); pass one model per learner"
        }
    }

    /// The same text as ``description``.
    public var errorDescription: String? { description }
}
