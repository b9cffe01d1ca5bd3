/// How much an ensemble relies on each feature, three ways; every array has one entry per feature.
public struct FeatureImportance: Sendable, Equatable {
    /// Sum of `splitGain` over the splits on the feature (loss reduction it bought in training).
    public var gain: [Double]
    /// Number of splits on the feature.
    public var splitCount: [Int]
    /// Mean of `|phi_f|` (TreeSHAP) over the rows of a batch: how far the feature moves a typical margin.
    /// Empty when no batch was given.
    public var meanAbsoluteContribution: [Double]

    /// Importance from its three arrays.
    public init(gain: [Double], splitCount: [Int], meanAbsoluteContribution: [Double]) {
        self.gain = gain
        self.splitCount = splitCount
        self.meanAbsoluteContribution = meanAbsoluteContribution
    }
}
