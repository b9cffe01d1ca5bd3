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
    /// The weighted learner's weights give no indicator a positive weight.
    case noWeights

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
        case .noWeights:
            "no indicator has a positive expert weight; give the indicator system weights or comparisons"
        }
    }
}
