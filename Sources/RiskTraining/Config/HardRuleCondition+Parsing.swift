import RiskScoring

extension HardRuleCondition {
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
