/// A credit-risk grade, from A (low risk) to D (high risk), in the order regulators publish them.
///
/// The raw value is the stable name that experiment configs and frozen model files store; never rename a case.
public enum Grade: String, Codable, Sendable, CaseIterable, Comparable {
    /// Low risk (低风险).
    case a = "A"
    /// General risk (一般风险).
    case b = "B"
    /// Relatively high risk (较高风险).
    case c = "C"
    /// High risk (高风险).
    case d = "D"

    /// The grade's position from low to high risk: 0 for A up to 3 for D.
    public var rank: Int {
        switch self {
        case .a: 0
        case .b: 1
        case .c: 2
        case .d: 3
        }
    }

    /// Grades compare by risk: `A < B < C < D`.
    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rank < rhs.rank }
}
