/// The test a hard rule applies to one indicator's value; a small closed set so every rule is auditable.
///
/// In a config: `is_set`, `{greater_than: x}` or `{at_least: x}`; in a model file:
/// `{"kind": "is_set"}`, `{"kind": "greater_than", "threshold": x}` or `{"kind": "at_least", "threshold": x}`.
public enum HardRuleCondition: Equatable, Sendable {
    /// The value is above the threshold (`value > x`). Config: `{greater_than: x}`.
    case greaterThan(Double)
    /// The value reaches the threshold (`value ≥ x`). Config: `{at_least: x}`.
    case atLeast(Double)
    /// A flag is set (`value ≠ 0`); only for flags. Config: `is_set`.
    case isSet

    /// The stable name of the condition, as configs and model files write it.
    public var name: String {
        switch self {
        case .greaterThan: "greater_than"
        case .atLeast: "at_least"
        case .isSet: "is_set"
        }
    }

    /// The threshold of `greater_than` and `at_least`; nil for `is_set`.
    public var threshold: Double? {
        switch self {
        case .greaterThan(let threshold), .atLeast(let threshold): threshold
        case .isSet: nil
        }
    }

    /// Whether `value` meets the condition; a missing value never does.
    public func isMet(by value: Double?) -> Bool {
        guard let value else { return false }
        switch self {
        case .greaterThan(let threshold): return value > threshold
        case .atLeast(let threshold): return value >= threshold
        case .isSet: return value != 0
        }
    }

    /// Every condition name, for error messages.
    public static let names = ["greater_than", "at_least", "is_set"]
}
