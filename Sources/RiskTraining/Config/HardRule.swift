import RiskScoring

/// A rule that sits beside the score: when an indicator meets a condition, an action overrides the grade.
public struct HardRule: Equatable, Sendable {
    /// The ``Indicator/name`` the rule tests; must be defined in the indicator system. Required.
    public var indicator: String
    /// The test on the indicator's value. Required.
    public var condition: HardRuleCondition
    /// What happens when the condition is met. Required.
    public var action: HardRuleAction

    /// A hard rule from its parts.
    public init(indicator: String, condition: HardRuleCondition, action: HardRuleAction) {
        self.indicator = indicator
        self.condition = condition
        self.action = action
    }

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
