import RiskScoring

/// Why a run cannot calibrate its model or choose its cut-offs; each case says what to change.
public enum GradingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A calibration was asked for but there are no random inspections to fit it on.
    case noCalibrationRows(method: String)
    /// Platt scaling fitted a slope that is not positive: higher margins would mean lower risk.
    case calibrationNotIncreasing(slope: Double)
    /// The grade policy needs enterprises of the population quarter and there are none.
    case emptyPopulation(quarter: String)
    /// The optimised policy needs random inspections and there are none.
    case noInspections(set: String)
    /// Fixed shares cannot be met: the scores tie so that the cut-offs would not increase within 0-1000.
    case sharesUnattainable(grade: Grade, detail: String)
    /// No candidate cut-offs give every grade a share within its bounds.
    case sharesOutOfBounds(grade: Grade, closest: Double, min: Double, max: Double)
    /// No candidate cut-offs within the share bounds make the discovery rate rise significantly between two
    /// adjacent grades; the figures are those of the candidate that came closest.
    case ratesNotRising(
        lower: Grade, upper: Grade, lowerHits: Int, lowerInspections: Int, upperHits: Int, upperInspections: Int,
        pValue: Double, alpha: Double)

    public var description: String {
        switch self {
        case .noCalibrationRows(let method):
            return
                "grading.calibration: \(method) needs random inspections to fit on, and the validation set (or, "
                + "without one, the training rows) has none; give a table with random inspections or use "
                + "calibration: identity"
        case .calibrationNotIncreasing(let slope):
            return
                "grading.calibration: Platt scaling fitted slope \(slope) on the random inspections, so the model "
                + "does not rank them (a higher margin would mean a lower risk); check the labels and the model, or "
                + "use calibration: identity"
        case .emptyPopulation(let quarter):
            return
                "grading: the policy grades the enterprises of \(quarter), the latest training quarter, and the "
                + "table holds none; check the table's quarter column, or use grading.cutoffs"
        case .noInspections(let set):
            return
                "grading.optimised: no random inspections in the \(set) to measure discovery rates on; give a "
                + "table with random inspections, or use grading.cutoffs or grading.fixed_shares"
        case .sharesUnattainable(let grade, let detail):
            return
                "grading.fixed_shares: grade \(grade.rawValue)'s cut-off cannot be placed (\(detail)); scores tie "
                + "there, so choose shares that fall between distinct scores or use grading.cutoffs"
        case .sharesOutOfBounds(let grade, let closest, let min, let max):
            return
                "grading.optimised: no cut-offs give grade \(grade.rawValue) a share in [\(min), \(max)] (closest "
                + "\(closest)); widen grade \(grade.rawValue)'s min_shares/max_shares"
        case .ratesNotRising(let lower, let upper, let lh, let ln, let uh, let un, let pValue, let alpha):
            let rate = { (h: Int, n: Int) in
                n > 0 ? "\(h)/\(n) = \((Double(h) / Double(n) * 10000).rounded() / 10000)" : "0/0"
            }
            return
                "grading.optimised: no cut-offs within the share bounds make the discovery rate of grade "
                + "\(upper.rawValue) significantly higher than grade \(lower.rawValue)'s; the closest candidate has "
                + "\(lower.rawValue) \(rate(lh, ln)) and \(upper.rawValue) \(rate(uh, un)), one-sided p = "
                + "\((pValue * 10000).rounded() / 10000) ≥ alpha \(alpha); widen the min_shares/max_shares of "
                + "\(lower.rawValue) and \(upper.rawValue), raise grading.optimised.alpha, validate on more random "
                + "inspections, or use grading.cutoffs"
        }
    }
}
