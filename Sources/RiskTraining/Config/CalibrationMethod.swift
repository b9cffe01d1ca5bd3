/// How a run recalibrates its model's probabilities to the probability of a hit on a random inspection
/// (config key `grading.calibration`), fitted on the random inspections of the validation set when there is
/// one, else of the training rows (see ``ModelGrader``).
///
/// The raw value is the stable name that configs and frozen model files store; never rename a case.
public enum CalibrationMethod: String, Sendable, CaseIterable {
    /// No recalibration: the link's probability is the model's.
    case identity
    /// Platt scaling, a logistic function of the margin fitted by Newton's method (``PlattFit``).
    case platt
    /// Isotonic regression by pool adjacent violators (``IsotonicRegression``): a monotone piecewise-linear map.
    case isotonic
}
