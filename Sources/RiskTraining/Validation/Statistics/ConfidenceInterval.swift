/// A two-sided confidence interval `[lower, upper]` at a confidence level.
public struct ConfidenceInterval: Equatable, Sendable, Codable {
    /// The lower limit.
    public var lower: Double
    /// The upper limit.
    public var upper: Double
    /// The confidence level, e.g. 0.95.
    public var level: Double

    /// Creates an interval.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Whether `value` lies inside the interval, limits included.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// Whether `other` lies inside this interval, limits included.
    public func contains(_ other: ConfidenceInterval) -> Bool { lower <= other.lower && other.upper <= upper }

    /// The two-sided normal critical value `z = Φ⁻¹(1 − (1 − level)/2)`, 1.959963984540054 at 95%.
    static func z(level: Double) -> Double { -NormalDistribution.quantile((1 - level) / 2) }
}
