/// An interval of valid values for a numeric setting, with open or closed ends, printed the way the docs write it.
struct ValidRange: Sendable, CustomStringConvertible {
    /// The lower bound; `-infinity` when there is none.
    var lower: Double
    /// Whether `lower` itself is valid.
    var includesLower: Bool
    /// The upper bound; `+infinity` when there is none.
    var upper: Double
    /// Whether `upper` itself is valid.
    var includesUpper: Bool

    /// `[lower, upper]`.
    static func closed(_ lower: Double, _ upper: Double) -> ValidRange {
        ValidRange(lower: lower, includesLower: true, upper: upper, includesUpper: true)
    }

    /// `(lower, upper]`.
    static func openClosed(_ lower: Double, _ upper: Double) -> ValidRange {
        ValidRange(lower: lower, includesLower: false, upper: upper, includesUpper: true)
    }

    /// `(lower, ∞)`.
    static func greaterThan(_ lower: Double) -> ValidRange {
        ValidRange(lower: lower, includesLower: false, upper: .infinity, includesUpper: false)
    }

    /// `[lower, ∞)`.
    static func atLeast(_ lower: Double) -> ValidRange {
        ValidRange(lower: lower, includesLower: true, upper: .infinity, includesUpper: false)
    }

    /// Whether `value` is a finite number inside the interval.
    func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        let aboveLower = includesLower ? value >= lower : value > lower
        let belowUpper = includesUpper ? value <= upper : value < upper
        return aboveLower && belowUpper
    }

    /// The interval as `[1, 100000]`, `(0, 1]` or `[0, ∞)`.
    var description: String {
        func text(_ x: Double) -> String {
            if x == .infinity { return "∞" }
            if x == -.infinity { return "-∞" }
            return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
        }
        return (includesLower ? "[" : "(") + text(lower) + ", " + text(upper) + (includesUpper ? "]" : ")")
    }
}
