/// Why a scorecard could not be fitted, with what to do about it.
public enum ScorecardError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The training rows hold one class only (`positives`: all hits, else none).
    case oneClass(positives: Bool)
    /// The classes are (quasi-)separated: a coefficient grew without bound.
    case separation(indicator: String, iteration: Int)
    /// `XᵀSX + λĨ` is not positive definite (collinear WOE columns).
    case singularDesign(reason: String)
    /// IRLS did not converge within the iteration cap.
    case notConverged(iterations: Int, change: Double)
    /// The weighted learner's weights (`column` of `file`, the config or a weights table) give no indicator a
    /// positive weight.
    case noWeights(column: String, file: String)
    /// `model.scorecard.weights` names a column other than `expert` but no weights table was given.
    case weightsTableNeeded(column: String)
    /// The weights table could not be read or is not one `riskgrade weights` wrote.
    case unreadableWeights(file: String, reason: String)
    /// The weights table has no column `column`.
    case unknownWeightsColumn(file: String, column: String, available: [String])
    /// The weights table's indicators are not the model's: `missing` from it, `extra` in it.
    case weightsMismatch(file: String, missing: [String], extra: [String])
    /// A weight in the table is negative or not finite.
    case invalidWeight(file: String, field: String, indicator: String, value: Double)

    public var description: String {
        switch self {
        case .oneClass(let positives):
            "every training row is \(positives ? "a hit" : "a non-hit"): a scorecard needs both classes; "
                + "train on more quarters or check the label column"
        case .separation(let indicator, let iteration):
            "the classes are separated (the coefficient of \(indicator) diverged at IRLS iteration \(iteration)); "
                + "set model.scorecard.l2 > 0 (e.g. 1) or remove the indicator"
        case .singularDesign(let reason):
            "the scorecard's regression is singular (\(reason)); two indicators carry the same information: "
                + "set model.scorecard.l2 > 0 (e.g. 1) or remove one of them"
        case .notConverged(let iterations, let change):
            "IRLS did not converge in \(iterations) iterations (last change \(change)); raise "
                + "model.scorecard.max_iterations, loosen model.scorecard.tolerance or set model.scorecard.l2 > 0"
        case .noWeights(let column, let file):
            "\(file): the \(column) weights give no indicator a positive weight; give the indicator system "
                + "weights or comparisons, or choose another column with model.scorecard.weights"
        case .weightsTableNeeded(let column):
            "model.scorecard.weights is \"\(column)\" but no weights table was given; pass --weights weights.json "
                + "(written by riskgrade weights), or set model.scorecard.weights: expert"
        case .unreadableWeights(let file, let reason):
            "\(file): not a weights table (\(reason)); pass the weights.json that riskgrade weights wrote"
        case .unknownWeightsColumn(let file, let column, let available):
            "\(file): no weights column \"\(column)\" (it has \(available.joined(separator: ", "))); set "
                + "model.scorecard.weights to one of them, or rerun riskgrade weights with what that column needs "
                + "(blend: weights.blend in the config; learned_*: --model; *_shrunk: weights.shrinkage > 0)"
        case .weightsMismatch(let file, let missing, let extra):
            "\(file): the weights table does not cover exactly the model's indicators ("
                + [
                    missing.isEmpty ? nil : "missing: \(missing.joined(separator: ", "))",
                    extra.isEmpty ? nil : "not in the model: \(extra.joined(separator: ", "))",
                ].compactMap { $0 }.joined(separator: "; ")
                + "); rerun riskgrade weights with the config you train with"
        case .invalidWeight(let file, let field, let indicator, let value):
            "\(file): \(field) (\(indicator)): a weight must be a finite number ≥ 0, found \(value); "
                + "rerun riskgrade weights or fix the value"
        }
    }
}
