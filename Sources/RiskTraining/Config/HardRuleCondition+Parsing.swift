import RiskScoring

extension HardRuleCondition {
    /// Reads `is_set` or a one-key mapping `{greater_than: x}` / `{at_least: x}` / `{in: [category, …]}`.
    init(parsing node: ConfigNode) throws {
        if case .scalar = node.node {
            let text = try node.string()
            guard text == "is_set" else {
                let hint = EditDistance.suggestion(for: text, among: HardRuleCondition.names)
                throw ConfigError.unknownValue(
                    node.location, value: text,
                    validValues: ["is_set", "{greater_than: x}", "{at_least: x}", "{in: [category, …]}"],
                    suggestion: hint)
            }
            self = .isSet
            return
        }
        let map = try node.mapping(keys: ["greater_than", "at_least", "in"])
        switch (map.optional("greater_than"), map.optional("at_least"), map.optional("in")) {
        case (let threshold?, nil, nil): self = .greaterThan(try threshold.double())
        case (nil, let threshold?, nil): self = .atLeast(try threshold.double())
        case (nil, nil, let list?):
            var categories: [String] = []
            for element in try list.sequence() {
                let category = try element.string()
                guard !categories.contains(category) else {
                    throw ConfigError.inconsistent(
                        element.location, problem: "category \"\(category)\" is listed twice",
                        fix: "list each category once")
                }
                categories.append(category)
            }
            guard !categories.isEmpty else { throw ConfigError.emptyList(list.location) }
            self = .oneOf(categories)
        default:
            throw node.mismatch("exactly one of {greater_than: x}, {at_least: x} or {in: [category, …]}")
        }
    }
}
