import Foundation

/// Definitions the feature builder and the synthetic generator share, so both compute the same numbers.
public enum FeatureFormulas {
    /// Quarters counted by `inspections_3y` and `inspection_hits_3y`: the quarter itself and the eleven before.
    public static let inspectionWindowQuarters = 12

    /// Years from establishment to `asOf`, rounded to two decimals (365.25-day years); 0 before establishment.
    public static func yearsEstablished(established: Day, asOf: Day) -> Double {
        let days = max(0, asOf.daysSinceEpoch - established.daysSinceEpoch)
        return (Double(days) / 365.25 * 100).rounded() / 100
    }
}
