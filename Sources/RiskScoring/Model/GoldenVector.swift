/// One input row stored in a model file with the outputs the trainer computed for it; a loader re-scores
/// every golden vector and refuses the model unless each output matches bit for bit.
public struct GoldenVector: Sendable, Equatable {
    /// The row, one value per feature: NaN for missing, category codes as whole numbers.
    public var inputs: [Float]
    /// The expected margin.
    public var margin: Double
    /// The expected probability (the link, then the calibration, of the margin).
    public var probability: Double

    /// A golden vector from its parts.
    public init(inputs: [Float], margin: Double, probability: Double) {
        self.inputs = inputs
        self.margin = margin
        self.probability = probability
    }

    /// The fewest golden vectors a model file may carry.
    public static let minimumCount = 20

    /// Golden vectors are equal when their inputs have the same bits (so missing values, NaN, compare
    /// equal) and their outputs are equal.
    public static func == (lhs: GoldenVector, rhs: GoldenVector) -> Bool {
        lhs.inputs.map(\.bitPattern) == rhs.inputs.map(\.bitPattern) && lhs.margin == rhs.margin
            && lhs.probability == rhs.probability
    }
}
