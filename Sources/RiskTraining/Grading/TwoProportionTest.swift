import Foundation

/// The one-sided two-proportion z test (pooled): is the discovery rate of a riskier grade above that of the
/// grade below it?
///
/// ```
/// H₀: p_high ≤ p_low   against   H₁: p_high > p_low
/// p̂ = (h_low + h_high) / (n_low + n_high)
/// z = (h_high/n_high − h_low/n_low) / √(p̂ (1 − p̂) (1/n_low + 1/n_high))
/// p-value = 1 − Φ(z) = erfc(z/√2) / 2
/// ```
/// With no inspections in either grade, or a pooled rate of 0 or 1 (no variation), there is no evidence:
/// z = 0 and the p-value is 1.
public struct TwoProportionTest: Sendable, Equatable {
    /// The test statistic.
    public var z: Double
    /// The one-sided p-value, `1 − Φ(z)`.
    public var pValue: Double

    /// The test of `hitsHigh / inspectionsHigh` above `hitsLow / inspectionsLow`.
    public init(hitsLow: Int, inspectionsLow: Int, hitsHigh: Int, inspectionsHigh: Int) {
        guard inspectionsLow > 0, inspectionsHigh > 0 else {
            self.z = 0
            self.pValue = 1
            return
        }
        let nLow = Double(inspectionsLow)
        let nHigh = Double(inspectionsHigh)
        let pooled = Double(hitsLow + hitsHigh) / (nLow + nHigh)
        let variance = pooled * (1 - pooled) * (1 / nLow + 1 / nHigh)
        guard variance > 0 else {
            self.z = 0
            self.pValue = 1
            return
        }
        let z = (Double(hitsHigh) / nHigh - Double(hitsLow) / nLow) / variance.squareRoot()
        self.z = z
        self.pValue = erfc(z / 2.0.squareRoot()) / 2
    }

    /// Whether the riskier grade's rate is significantly higher at level `alpha`.
    public func rejects(at alpha: Double) -> Bool { pValue < alpha }
}
