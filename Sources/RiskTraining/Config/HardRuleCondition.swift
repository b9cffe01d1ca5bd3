/// The test a hard rule applies to one indicator's value; a small closed set so every rule is auditable.
///
/// In a config: `is_set`, `{greater_than: x}` or `{at_least: x}`.
public enum HardRuleCondition: Equatable, Sendable {
    /// The value is above the threshold (`value > x`). Config: `{greater_than: x}`.
    case greaterThan(Double)
    /// The value reaches the threshold (`value ≥ x`). Config: `{at_least: x}`.
    case atLeast(Double)
    /// A flag is set (`value ≠ 0`); only for flags. Config: `is_set`.
    case isSet

    /// The stable name of the condition, as the config writes it.
    public var name: String {
        switch self {
        case .greaterThan: "greater_than"
        case .atLeast: "at_least"
        case .isSet: "is_set"
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
    static let names = ["greater_than", "at_least", "is_set"]

    /// Reads `is_set` or a one-key mapping `{greater_than: x}` / `{at_least: x}`.
    init(parsing node: ConfigNode) throws {
        if case .scalar = node.node {
            let text = try node.string()
            guard text == "is_set" else {
                let hint = EditDistance.suggestion(for: text, among: HardRuleCondition.names)
                throw ConfigError.unknownValue(
                    node.location, value: text, validValues: ["is_set", "{greater_than: x}", "{at_least: x}"],
                    suggestion: hint)
            }
            self = .isSet
            return
        }
        let map = try node.mapping(keys: ["greater_than", "at_least"])
        switch (map.optional("greater_than"), map.optional("at_least")) {
        case (let threshold?, nil): self = .greaterThan(try threshold.double())
        case (nil, let threshold?): self = .atLeast(try threshold.double())
        default:
            throw node.mismatch("exactly one of {greater_than: x} or {at_least: x}")
        }
    }
}
