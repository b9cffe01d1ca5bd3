import RiskScoring

extension HardRule {
    /// The keys a hard-rule mapping may hold.
    static let keys = ["indicator", "condition", "action"]

    /// Reads one rule and checks it against the indicator system.
    init(parsing node: ConfigNode, system: IndicatorSystem) throws {
        let map = try node.mapping(keys: HardRule.keys)
        let indicatorNode = try map.required("indicator")
        let name = try indicatorNode.string()
        guard let indicator = system.indicator(named: name) else {
            throw ConfigError.unknownIndicator(
                indicatorNode.location, name: name,
                suggestion: EditDistance.suggestion(for: name, among: system.indicators.map(\.name)))
        }
        let conditionNode = try map.required("condition")
        let condition = try HardRuleCondition(parsing: conditionNode)
        let applies =
            switch (condition, indicator.kind) {
            case (.oneOf, let kind): kind == .categorical
            case (_, .categorical): false
            case (.isSet, let kind): kind == .flag
            default: true
            }
        guard applies else {
            throw ConfigError.conditionNotApplicable(
                conditionNode.location, condition: condition.name, kind: indicator.kind)
        }
        self.init(indicator: name, condition: condition, action: try map.required("action").value(HardRuleAction.self))
    }
}
