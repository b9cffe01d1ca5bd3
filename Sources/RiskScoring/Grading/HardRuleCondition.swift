/// The test a hard rule applies to one indicator's value; a small closed set so every rule is auditable.
///
/// In a config: `is_set`, `{greater_than: x}`, `{at_least: x}` or `{in: [category, …]}`; in a model file:
/// `{"kind": "is_set"}`, `{"kind": "greater_than", "threshold": x}`, `{"kind": "at_least", "threshold": x}` or
/// `{"kind": "in", "categories": [...]}` (format 1.1).
public enum HardRuleCondition: Equatable, Sendable {
    /// The value is above the threshold (`value > x`). Config: `{greater_than: x}`.
    case greaterThan(Double)
    /// The value reaches the threshold (`value ≥ x`). Config: `{at_least: x}`.
    case atLeast(Double)
    /// A flag is set (`value ≠ 0`); only for flags. Config: `is_set`.
    case isSet
    /// A categorical indicator holds one of the categories, matched by name through the model's vocabulary
    /// (e.g. `enterprise_status` in `[closed, revoked]`); only for categorical indicators. Config:
    /// `{in: [closed, revoked]}`.
    case oneOf([String])

    /// The stable name of the condition, as configs and model files write it.
    public var name: String {
        switch self {
        case .greaterThan: "greater_than"
        case .atLeast: "at_least"
        case .isSet: "is_set"
        case .oneOf: "in"
        }
    }

    /// The threshold of `greater_than` and `at_least`; nil otherwise.
    public var threshold: Double? {
        switch self {
        case .greaterThan(let threshold), .atLeast(let threshold): threshold
        case .isSet, .oneOf: nil
        }
    }

    /// The categories of `in`; nil otherwise.
    public var categories: [String]? {
        if case .oneOf(let categories) = self { return categories }
        return nil
    }

    /// Whether a numeric `value` meets the condition; a missing value never does, and `in` (which needs the
    /// feature's vocabulary, see ``isMet(byCode:vocabulary:)``) never does here.
    public func isMet(by value: Double?) -> Bool {
        guard let value else { return false }
        switch self {
        case .greaterThan(let threshold): return value > threshold
        case .atLeast(let threshold): return value >= threshold
        case .isSet: return value != 0
        case .oneOf: return false
        }
    }

    /// Whether a category code (an index into `vocabulary`) meets an `in` condition; a missing code or one
    /// outside the vocabulary never does.
    public func isMet(byCode code: Float, vocabulary: [String]) -> Bool {
        guard case .oneOf(let categories) = self, !code.isNaN, code >= 0, code < Float(vocabulary.count),
            code == code.rounded(.towardZero)
        else { return false }
        return categories.contains(vocabulary[Int(code)])
    }

    /// Every condition name, for error messages.
    public static let names = ["greater_than", "at_least", "is_set", "in"]
}
